// The five status flags as a fixed-choice option, labelled in both languages.
import type { SlashCommandStringOption } from 'discord.js';
import { STATUS_FLAGS, type StatusFlag } from '../../store/schema.ts';
import { STATUS_LABELS } from '../../present/discord.ts';

export function statusOption(o: SlashCommandStringOption): SlashCommandStringOption {
  return o
    .setName('status')
    .setDescription('Only outputs with this status')
    .setDescriptionLocalizations({ 'zh-CN': '只看此状态的产出' })
    .addChoices(...STATUS_FLAGS.map((f) => ({ name: `${STATUS_LABELS[f].zh} / ${STATUS_LABELS[f].en}`, value: f })));
}

/** Option value → flag; anything else (a tampered payload) is treated as "no filter". */
export function readStatus(value: string | null): StatusFlag | undefined {
  return value !== null && (STATUS_FLAGS as readonly string[]).includes(value) ? (value as StatusFlag) : undefined;
}
