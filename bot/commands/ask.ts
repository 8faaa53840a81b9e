import { SlashCommandBuilder } from 'discord.js';
import { conversationOf, replyWithAnswer } from '../interactions/reply.ts';
import { stringOption, type SlashCommand } from './types.ts';

/** The longest question /ask takes; the text front ends hold typed questions to the same limit. */
export const MAX_QUESTION_CHARS = 1000;

export const askCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask about the report, in Chinese or English (follow-ups continue the conversation)')
    .setDescriptionLocalizations({ 'zh-CN': '用中文或英文提问（可接着上文追问）' })
    .addStringOption((o) =>
      o.setName('question').setDescription('Your question').setDescriptionLocalizations({ 'zh-CN': '你的问题' }).setRequired(true).setMaxLength(MAX_QUESTION_CHARS),
    )
    .addBooleanOption((o) =>
      o.setName('private').setDescription('Answer only to me (nobody else in the channel sees it)').setDescriptionLocalizations({ 'zh-CN': '只让我看到答案（频道里的其他人看不到）' }),
    )
    .toJSON(),
  async execute(input, responder, ctx) {
    const question = stringOption(input, 'question') ?? '';
    const isPrivate = input.options.private === true;
    // The engine may take longer than Discord's 3-second window; the visibility is fixed by the deferral.
    await responder.defer(isPrivate);
    const answer = await ctx.queries.ask(question, { conversation: conversationOf(input) });
    await replyWithAnswer(input, responder, ctx, answer, { private: isPrivate });
  },
};
