import { SlashCommandBuilder } from 'discord.js';
import { renderRecord } from '../../present/discord.ts';
import { namesFor } from '../../present/names.ts';
import { UI } from '../../present/labels.ts';
import { canonicalRowId, customId } from '../interactions/custom-id.ts';
import { note } from '../interactions/reply.ts';
import { localeLanguage, stringOption, type SlashCommand } from './types.ts';

export const rowCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('row')
    .setDescription('One output in full, by its id (e.g. A-a-1.1-01)')
    .setDescriptionLocalizations({ 'zh-CN': '按编号查看一项产出的全部内容（如 A-a-1.1-01）' })
    .addStringOption((o) =>
      o.setName('id').setDescription('Output id, shown under "Source"').setDescriptionLocalizations({ 'zh-CN': '产出编号，见“来源”' }).setRequired(true).setMaxLength(40),
    )
    .toJSON(),
  // A lookup by id is in memory; not deferring keeps the not-found reply ephemeral.
  async execute(input, responder, ctx) {
    const id = stringOption(input, 'id') ?? '';
    const language = localeLanguage(input.locale);
    const record = ctx.queries.row(canonicalRowId(id));
    if (!record) {
      await note(responder, UI[language].unknownRow(id.slice(0, 60).replace(/`/g, "'")));
      return;
    }
    const page = renderRecord(record, language, namesFor(ctx.queries))[0] ?? { embeds: [] };
    const source = { type: 2 as const, style: 2 as const, label: UI[language].sourceButton, emoji: { name: '📄' }, custom_id: customId.source(record.id) };
    await responder.reply({ embeds: page.embeds, components: [{ type: 1, components: [source] }] });
  },
};
