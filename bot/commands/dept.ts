import { SlashCommandBuilder } from 'discord.js';
import { renderAnswer } from '../render.ts';
import { readStatus, statusOption } from './status-option.ts';
import { unitChoices, type BotCommand } from './types.ts';

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
    const answer = await ctx.queries.overview({ unit, ...(office ? { office } : {}), ...(status ? { status } : {}) });
    await ctx.present(interaction, { pages: renderAnswer(answer), language: answer.language });
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
