import { SlashCommandBuilder } from 'discord.js';
import { renderHelp } from '../../present/discord.ts';
import type { SlashCommand } from './types.ts';

export const helpCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('help')
    .setDescription('What you can ask, with examples')
    .setDescriptionLocalizations({ 'zh-CN': '可以问什么，附例子' })
    .toJSON(),
  async execute(_input, responder) {
    const page = renderHelp()[0] ?? { embeds: [] };
    await responder.reply({ embeds: page.embeds, ephemeral: true });
  },
};
