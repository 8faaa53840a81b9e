// "原文 / Source": a row's report lines verbatim — the button on a one-row answer, the menu over a page's
// rows, and /source id. Only the row id travels in the custom_id or the menu value.
import type { Language } from '../../retrieval/types.ts';
import { renderSource } from '../../present/discord.ts';
import { UI } from '../../present/labels.ts';
import type { BotContext } from '../context.ts';
import { canonicalRowId, isRowId } from '../interactions/custom-id.ts';
import { note, respond } from '../interactions/reply.ts';
import type { BotMessage, InteractionInput, Responder } from '../interactions/types.ts';
import { localeLanguage } from '../commands/types.ts';

/** The source view of a row, or null when no row has that id. */
export async function sourceMessage(ctx: BotContext, typed: string, language: Language): Promise<BotMessage | null> {
  const id = canonicalRowId(typed);
  const record = isRowId(id) ? ctx.queries.row(id) : undefined;
  if (!record) return null;
  const lines = await ctx.sourceLines(record.id);
  const page = renderSource(record, lines ?? [], language)[0] ?? { content: record.id, embeds: [] };
  return { ...(page.content !== undefined ? { content: page.content } : {}), embeds: page.embeds };
}

/** Shows a row's source to the user who asked (ephemeral), or says the id is unknown. */
export async function showSource(input: InteractionInput, responder: Responder, ctx: BotContext, id: string, ephemeral: boolean): Promise<void> {
  const language = localeLanguage(input.locale);
  const message = await sourceMessage(ctx, id, language);
  if (!message) {
    await note(responder, UI[language].unknownRow(id.slice(0, 60).replace(/`/g, "'")));
    return;
  }
  await respond(responder, { ...message, ephemeral });
}

export async function handleSourceButton(input: InteractionInput, responder: Responder, ctx: BotContext, rowId: string): Promise<void> {
  await showSource(input, responder, ctx, rowId, true);
}

export async function handleSourceSelect(input: InteractionInput, responder: Responder, ctx: BotContext): Promise<void> {
  const id = input.values[0] ?? '';
  await showSource(input, responder, ctx, id, true);
}
