import { SlashCommandBuilder } from 'discord.js';
import { renderRecord } from '../../present/discord.ts';
import { localeLanguage, type BotCommand } from './types.ts';

export function rowNotFoundText(id: string, language: 'zh' | 'en'): string {
  const shown = id.length > 60 ? id.slice(0, 59) + '…' : id;
  return language === 'zh'
    ? `没有编号为 \`${shown.replace(/`/g, "'")}\` 的产出。编号形如 \`A-a-1.1-01\`，见每条结果的“来源”。`
    : `No output has the id \`${shown.replace(/`/g, "'")}\`. Ids look like \`A-a-1.1-01\`; see "Source" on any result.`;
}

export const rowCommand: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('row')
    .setDescription('One output in full, by its id (e.g. A-a-1.1-01)')
    .setDescriptionLocalizations({ 'zh-CN': '按编号查看一项产出的全部内容（如 A-a-1.1-01）' })
    .addStringOption((o) =>
      o.setName('id').setDescription('Output id, shown under "Source"').setDescriptionLocalizations({ 'zh-CN': '产出编号，见“来源”' }).setRequired(true).setMaxLength(40),
    )
    .toJSON(),
  // A lookup by id is in memory; not deferring keeps the not-found reply ephemeral.
  defer: false,
  async execute(interaction, ctx) {
    const id = interaction.options.getString('id', true).trim();
    const language = localeLanguage(interaction.locale);
    const record = ctx.queries.row(id);
    if (!record) {
      await ctx.present(interaction, { pages: [{ content: rowNotFoundText(id, language), embeds: [] }], language, ephemeral: true });
      return;
    }
    await ctx.present(interaction, { pages: renderRecord(record, language), language });
  },
};
