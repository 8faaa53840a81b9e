import { SlashCommandBuilder } from 'discord.js';
import { conversationOf, replyWithAnswer } from '../interactions/reply.ts';
import { stringOption, type SlashCommand } from './types.ts';

export const askCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask about the report, in Chinese or English (follow-ups continue the conversation)')
    .setDescriptionLocalizations({ 'zh-CN': '用中文或英文提问（可接着上文追问）' })
    .addStringOption((o) =>
      o.setName('question').setDescription('Your question').setDescriptionLocalizations({ 'zh-CN': '你的问题' }).setRequired(true).setMaxLength(1000),
    )
    .toJSON(),
  async execute(input, responder, ctx) {
    const question = stringOption(input, 'question') ?? '';
    // The engine may take longer than Discord's 3-second window.
    await responder.defer();
    const answer = await ctx.queries.ask(question, { conversation: conversationOf(input) });
    await replyWithAnswer(input, responder, ctx, answer);
  },
};
