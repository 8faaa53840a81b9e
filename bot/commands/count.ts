import { SlashCommandBuilder } from 'discord.js';
import { renderAnswer } from '../../present/discord.ts';
import { conversationOf } from './types.ts';
import { readStatus, statusOption } from './status-option.ts';
import { unitChoices, type BotCommand } from './types.ts';

export const countCommand: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('count')
    .setDescription('How many outputs, with a per-department breakdown')
    .setDescriptionLocalizations({ 'zh-CN': '产出数量及按部门分列' })
    .addStringOption((o) =>
      o
        .setName('department')
        .setDescription('Department (optional; whole report if empty)')
        .setDescriptionLocalizations({ 'zh-CN': '部门（可选；留空为整份报告）' })
        .setAutocomplete(true)
        .setMaxLength(100),
    )
    .addStringOption(statusOption)
    .toJSON(),
  defer: true,
  async execute(interaction, ctx) {
    const unit = interaction.options.getString('department') ?? undefined;
    const status = readStatus(interaction.options.getString('status'));
    const answer = await ctx.queries.command({ kind: 'count', ...(unit ? { unit } : {}), ...(status ? { status } : {}) }, { conversation: conversationOf(interaction) });
    // Compact on purpose: a count is posted in team channels, the rows are one /dept away.
    await ctx.present(interaction, { pages: renderAnswer(answer, { mode: 'count' }), language: answer.language });
  },
  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    await interaction.respond(unitChoices(ctx.queries, { typed: focused.value, kind: 'department' }));
  },
};
