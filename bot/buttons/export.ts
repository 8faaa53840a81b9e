// CSV of an answer's rows — every matching row, not just the page — as attachments: the "Export CSV" button
// (the stored answer, by id) and /export (the conversation's last answer). Beyond Discord's upload limit the
// CSV is split into parts, each with the header row, one part per message.
import type { OutputRecord } from '../../store/schema.ts';
import type { Answer, Language } from '../../retrieval/types.ts';
import { UI } from '../../present/labels.ts';
import { answerNote, answerTable } from '../../present/csv-answer.ts';
import { tableToCsv } from '../../present/csv.ts';
import { namesFor } from '../../present/names.ts';
import { loadAnswer } from '../answers/store.ts';
import { MAX_UPLOAD_BYTES, type BotContext } from '../context.ts';
import { localeLanguage } from '../commands/types.ts';
import { note } from '../interactions/reply.ts';
import type { BotMessage, InteractionInput, Responder } from '../interactions/types.ts';

/** Room left in a request for the JSON part and multipart framing. */
const PART_BYTES = MAX_UPLOAD_BYTES - 64 * 1024;

export function csvMessages(ctx: Pick<BotContext, 'csvParts'>, rows: OutputRecord[], language: Language, baseName: string, maxBytes = PART_BYTES): BotMessage[] {
  const parts = ctx.csvParts(rows, language, maxBytes);
  const L = UI[language];
  return parts.map((part, i) => ({
    content: i === 0 ? `${L.outputs(rows.length)}${parts.length > 1 ? ' · ' + L.csvParts(parts.length) : ''}` : `${i + 1}/${parts.length}`,
    files: [{ name: parts.length > 1 ? `${baseName}-part${i + 1}.csv` : `${baseName}.csv`, data: part }],
    ephemeral: true,
  }));
}

/**
 * Sends the CSV of an answer's rows to the user who asked for it (ephemeral; large exports in several messages).
 * A ranking, comparison, breakdown or summary also sends its table (the rows people paste into a brief), and every
 * export a note of the question, the reading and the report.
 */
export async function sendCsv(responder: Responder, ctx: BotContext, answer: Answer, baseName: string): Promise<void> {
  const messages = csvMessages(ctx, answer.rows, answer.language, baseName);
  const [head, ...rest] = messages;
  if (!head) return;
  const names = namesFor(ctx.queries);
  const table = answerTable(answer, names);
  const first: BotMessage = {
    ...head,
    files: [
      ...(head.files ?? []),
      ...(table ? [{ name: `${baseName}-table.csv`, data: tableToCsv(table) }] : []),
      { name: `${baseName}-note.txt`, data: Buffer.from(answerNote(answer, names), 'utf8') },
    ],
  };
  if (responder.state === 'deferred') await responder.editReply(first);
  else await responder.reply(first);
  for (const m of rest) await responder.followUp(m);
}

export async function handleCsvButton(input: InteractionInput, responder: Responder, ctx: BotContext, answerId: string): Promise<void> {
  const loaded = await loadAnswer(ctx.store, ctx.queries, answerId);
  if (!loaded) {
    await note(responder, UI[localeLanguage(input.locale)].expired);
    return;
  }
  if (loaded.answer.rows.length === 0) {
    await note(responder, UI[loaded.answer.language].nothingToExport);
    return;
  }
  await responder.defer(true);
  await sendCsv(responder, ctx, loaded.answer, `outputs-${answerId}`);
}
