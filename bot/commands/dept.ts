import { SlashCommandBuilder } from 'discord.js';
import { renderAnswer } from '../../present/discord.ts';
import { conversationOf } from './types.ts';
import { readStatus, statusOption } from './status-option.ts';
import { OFFICE_CODE, unitChoices, type BotCommand } from './types.ts';

export const deptCommand: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('dept')
    .setDescription('Overview of a department or office')
    .setDescriptionLocalizations({ 'zh-CN': '某部门或办事处的产出概况' })
    .addStringOption((o) =>
      o
        .setName('department')
        .setDescription('Department (type to search, Chinese or English)')
        .setDescriptionLocalizations({ 'zh-CN': '部门（输入中文或英文搜索）' })
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(100),
    )
    .addStringOption(statusOption)
    .addStringOption((o) =>
      o
        .setName('office')
        .setDescription('Office within the department')
        .setDescriptionLocalizations({ 'zh-CN': '部门内的办事处' })
        .setAutocomplete(true)
        .setMaxLength(100),
    )
    .toJSON(),
  defer: true,
  async execute(interaction, ctx) {
    const unit = interaction.options.getString('department', true);
    const office = interaction.options.getString('office') ?? undefined;
    const status = readStatus(interaction.options.getString('status'));
    // An office code picked from autocomplete already names its department, so it is the unit itself;
    // free text typed into the office box goes to the engine as the office filter.
    const byCode = office !== undefined && OFFICE_CODE.test(office);
    const answer = await ctx.queries.command(
      { kind: 'dept', unit: byCode ? office : unit, ...(office && !byCode ? { office } : {}), ...(status ? { status } : {}) },
      { conversation: conversationOf(interaction) },
    );
    // A code carries no language; the department the user chose or typed does.
    const shown = byCode && /[\u4e00-\u9fff]/.test(unit) ? { ...answer, language: 'zh' as const } : answer;
    await ctx.present(interaction, { pages: renderAnswer(shown), language: shown.language });
  },
  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    const choices =
      focused.name === 'office'
        ? unitChoices(ctx.queries, { typed: focused.value, kind: 'office', department: interaction.options.getString('department') })
        : unitChoices(ctx.queries, { typed: focused.value, kind: 'department' });
    await interaction.respond(choices);
  },
};
