import { SlashCommandBuilder } from 'discord.js';
import { renderAnswer } from '../../present/discord.ts';
import { conversationOf } from './types.ts';
import type { BotCommand } from './types.ts';

export const askCommand: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask about the peacekeeping budget-performance report, in Chinese or English')
    .setDescriptionLocalizations({ 'zh-CN': '用中文或英文询问维和预算执行情况报告', 'zh-TW': '用中文或英文詢問維和預算執行情況報告' })
    .addStringOption((o) =>
      o
        .setName('question')
        .setDescription('e.g. 维和部有哪些产出被推迟？ / Which outputs were postponed?')
        .setDescriptionLocalizations({ 'zh-CN': '例如：维和部有哪些产出被推迟？' })
        .setRequired(true)
        .setMaxLength(1000),
    )
    .toJSON(),
  defer: true,
  async execute(interaction, ctx) {
    const question = interaction.options.getString('question', true);
    const answer = await ctx.queries.ask(question, { conversation: conversationOf(interaction) });
    await ctx.present(interaction, { pages: renderAnswer(answer), language: answer.language });
  },
};
