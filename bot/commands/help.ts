import { SlashCommandBuilder } from 'discord.js';
import { renderHelp } from '../../present/discord.ts';
import { localeLanguage, type BotCommand } from './types.ts';

export const helpCommand: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('help')
    .setDescription('What you can ask, with examples')
    .setDescriptionLocalizations({ 'zh-CN': '可以问什么，附例子' })
    .toJSON(),
  defer: false,
  async execute(interaction, ctx) {
    await ctx.present(interaction, { pages: renderHelp(), language: localeLanguage(interaction.locale), ephemeral: true });
  },
};
