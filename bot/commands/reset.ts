import { SlashCommandBuilder } from 'discord.js';
import { UI } from '../../present/labels.ts';
import { conversationOf, note } from '../interactions/reply.ts';
import { localeLanguage, type SlashCommand } from './types.ts';

export const resetCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('reset')
    .setDescription('Start over: the next question is read on its own')
    .setDescriptionLocalizations({ 'zh-CN': '重新开始：后续问题不再接上文' })
    .toJSON(),
  async execute(input, responder, ctx) {
    await ctx.queries.reset(conversationOf(input));
    await note(responder, UI[localeLanguage(input.locale)].resetDone);
  },
};
