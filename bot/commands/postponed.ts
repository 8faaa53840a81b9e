import { SlashCommandBuilder } from 'discord.js';
import { renderAnswer } from '../../present/discord.ts';
import { conversationOf } from './types.ts';
import { unitChoices, type BotCommand } from './types.ts';

export const postponedCommand: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('postponed')
    .setDescription('Postponed outputs, for the whole report or one department')
    .setDescriptionLocalizations({ 'zh-CN': '被推迟的产出（全部或某部门）' })
    .addStringOption((o) =>
      o
        .setName('department')
        .setDescription('Department (optional)')
        .setDescriptionLocalizations({ 'zh-CN': '部门（可选）' })
        .setAutocomplete(true)
        .setMaxLength(100),
    )
    .toJSON(),
  defer: true,
  async execute(interaction, ctx) {
    const unit = interaction.options.getString('department') ?? undefined;
    const answer = await ctx.queries.command({ kind: 'postponed', ...(unit ? { unit } : {}) }, { conversation: conversationOf(interaction) });
    await ctx.present(interaction, { pages: renderAnswer(answer), language: answer.language });
  },
  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    await interaction.respond(unitChoices(ctx.queries, { typed: focused.value, kind: 'department' }));
  },
};
