import { SlashCommandBuilder } from 'discord.js';
import { showSource } from '../buttons/source.ts';
import { stringOption, type SlashCommand } from './types.ts';

export const sourceCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('source')
    .setDescription("An output's text in the report, verbatim (e.g. A-a-1.1-01)")
    .setDescriptionLocalizations({ 'zh-CN': '一项产出在报告中的原文（如 A-a-1.1-01）' })
    .addStringOption((o) =>
      o.setName('id').setDescription('Output id, shown under "Source"').setDescriptionLocalizations({ 'zh-CN': '产出编号，见“来源”' }).setRequired(true).setMaxLength(40),
    )
    .toJSON(),
  // In memory and one file read: no deferral, so an unknown id can be answered ephemerally.
  async execute(input, responder, ctx) {
    await showSource(input, responder, ctx, stringOption(input, 'id') ?? '', false);
  },
};
