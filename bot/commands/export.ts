import { SlashCommandBuilder } from 'discord.js';
import { UI } from '../../present/labels.ts';
import { sendCsv } from '../buttons/export.ts';
import { conversationOf, note } from '../interactions/reply.ts';
import { localeLanguage, type SlashCommand } from './types.ts';

export const exportCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('export')
    .setDescription("The last answer's outputs in this conversation, as CSV")
    .setDescriptionLocalizations({ 'zh-CN': '把本对话上一个答案的产出导出为 CSV' })
    .toJSON(),
  async execute(input, responder, ctx) {
    const last = await ctx.queries.lastAnswer(conversationOf(input));
    if (!last || last.rows.length === 0) {
      await note(responder, UI[last?.language ?? localeLanguage(input.locale)].nothingToExport);
      return;
    }
    await responder.defer(true);
    await sendCsv(responder, ctx, last, 'outputs');
  },
};
