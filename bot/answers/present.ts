// The one way an answer becomes a message, for every command, mention, DM and page turn: the page, its
// buttons (pages, Export CSV, Source, 👍/👎), the source menu for the rows on the page, and a bar chart for
// rankings, comparisons, breakdowns and summaries.
import type { OutputRecord } from '../../store/schema.ts';
import type { Answer, Language } from '../../retrieval/types.ts';
import { chartSpecFor } from '../../present/chart-spec.ts';
import { DISCORD_LIMITS, breadcrumb, clip, limitViolations, pageAsText, renderAnswer, rowIdsOnPage, splitText, type Page } from '../../present/discord.ts';
import { UI } from '../../present/labels.ts';
import { newAnswerId, nextSteps, saveAnswer, toStored, type AnswerOrigin, type StoredAnswer } from './store.ts';
import type { BotContext } from '../context.ts';
import { customId } from '../interactions/custom-id.ts';
import type { ActionRowJSON, BotMessage, ButtonJSON, FileJSON } from '../interactions/types.ts';
import { namesFor, NO_NAMES, type NameBook } from '../../present/names.ts';
import { openSession } from './paging.ts';
import { trackAnswer } from '../../state/quota.ts';

export interface AnswerView {
  stored: StoredAnswer;
  answer: Answer;
  pages: Page[];
}

export function renderView(stored: StoredAnswer, answer: Answer, names: NameBook = NO_NAMES): AnswerView {
  const pages = renderAnswer(answer, { mode: stored.mode, names });
  if (!stored.plain) return { stored, answer, pages };
  // Without Embed Links: each page as text, split so that nothing is cut off (more, shorter pages).
  const plain = pages.flatMap((p) => splitText(pageAsText(p), DISCORD_LIMITS.content).map((content) => ({ content, embeds: [] })));
  return { stored, answer, pages: plain };
}

export function pageRow(answerId: string, page: number, pageCount: number, language: Language, disabled = false): ActionRowJSON | null {
  if (pageCount <= 1) return null;
  const L = UI[language];
  return {
    type: 1,
    components: [
      { type: 2, style: 2, label: `◀ ${L.previous}`, custom_id: customId.page(answerId, Math.max(0, page - 1), 'p'), disabled: disabled || page <= 0 },
      // The indicator is a disabled button so the page count never eats into the content limits.
      { type: 2, style: 2, label: L.page(page + 1, pageCount), custom_id: customId.pageIndicator(answerId), disabled: true },
      { type: 2, style: 1, label: `${L.next} ▶`, custom_id: customId.page(answerId, Math.min(pageCount - 1, page + 1), 'n'), disabled: disabled || page >= pageCount - 1 },
    ],
  };
}

/** Export CSV (answers with rows), Source (a one-row answer), 👍 and 👎 (every answer). */
export function actionRow(answerId: string, answer: Answer): ActionRowJSON {
  const L = UI[answer.language];
  const buttons: ButtonJSON[] = [];
  if (answer.rows.length > 0 && answer.intent !== 'explain') buttons.push({ type: 2, style: 2, label: L.exportCsv, emoji: { name: '📥' }, custom_id: customId.csv(answerId) });
  const only = answer.rows.length === 1 ? answer.rows[0] : undefined;
  if (only) buttons.push({ type: 2, style: 2, label: L.sourceButton, emoji: { name: '📄' }, custom_id: customId.source(only.id) });
  buttons.push({ type: 2, style: 2, emoji: { name: '👍' }, custom_id: customId.vote(answerId, 'up') });
  buttons.push({ type: 2, style: 2, emoji: { name: '👎' }, custom_id: customId.vote(answerId, 'down') });
  return { type: 1, components: buttons };
}

/** The Source button of a one-row answer, alone (it needs only the row id). */
function sourceOnlyRow(answer: Answer): ActionRowJSON | null {
  const only = answer.rows.length === 1 ? answer.rows[0] : undefined;
  if (!only) return null;
  return { type: 1, components: [{ type: 2, style: 2, label: UI[answer.language].sourceButton, emoji: { name: '📄' }, custom_id: customId.source(only.id) }] };
}

/** Discord's limit for a button label. */
const MAX_LABEL = 80;

/** The answer's next steps (other readings, suggested follow-ups) as one row of buttons; null when it has none. */
export function nextRow(answerId: string, answer: Answer): ActionRowJSON | null {
  const steps = nextSteps(answer);
  if (steps.length === 0) return null;
  return {
    type: 1,
    components: steps.map((step, i) => ({ type: 2, style: 1, label: clip(step.description.replace(/\s+/g, ' ').trim() || '…', MAX_LABEL), custom_id: customId.next(answerId, i) })),
  };
}

/** A select menu "原文 / Source" over the rows shown on this page (two or more; at most 25 by Discord's rules). */
export function sourceMenu(answerId: string, rows: readonly OutputRecord[], language: Language): ActionRowJSON | null {
  if (rows.length < 2) return null;
  return {
    type: 1,
    components: [
      {
        type: 3,
        custom_id: customId.sourceSelect(answerId),
        placeholder: `📄 ${UI[language].sourcePlaceholder}`,
        min_values: 1,
        max_values: 1,
        options: rows.slice(0, 25).map((r) => ({ label: clip(`${r.id} ${r.planned}`, 100), value: r.id, description: clip(breadcrumb(r, language), 100) })),
      },
    ],
  };
}

/**
 * Page `page` of an answer with all its components; `pagingDisabled` greys out Previous/Next (expired);
 * `stateless` (the state store is down, so nothing was stored) leaves out the buttons that need the stored
 * answer — pages, Export CSV, 👍/👎 — and keeps the ones that work from the row ids alone (Source).
 */
export function viewMessage(view: AnswerView, page: number, options: { pagingDisabled?: boolean; stateless?: boolean } = {}): BotMessage {
  const count = view.pages.length;
  const p = Math.min(Math.max(0, page), Math.max(0, count - 1));
  const content = view.pages[p] ?? { embeds: [] };
  const id = view.stored.id;
  const byId = new Map(view.answer.rows.map((r) => [r.id, r]));
  const onPage = rowIdsOnPage(content).map((rid) => byId.get(rid)).filter((r): r is OutputRecord => r !== undefined);
  const storedRows = options.stateless ? [sourceOnlyRow(view.answer)] : [pageRow(id, p, count, view.answer.language, options.pagingDisabled), nextRow(id, view.answer), actionRow(id, view.answer)];
  const components = [...storedRows, sourceMenu(id, onPage, view.answer.language)].filter(
    (r): r is ActionRowJSON => r !== null,
  );
  const message: BotMessage = { embeds: content.embeds, components };
  if (content.content !== undefined) message.content = content.content;
  return message;
}

export interface Presented {
  message: BotMessage;
  view: AnswerView;
  /** Arms the timer that greys out the page buttons, with the handle that can edit the sent message. */
  armPaging(edit: (message: BotMessage) => Promise<unknown>): void;
}

/** Stores the answer (and its paging session), renders page 1 with its buttons, and attaches a chart if it has one. */
export async function presentAnswer(ctx: BotContext, answer: Answer, origin: AnswerOrigin): Promise<Presented> {
  const id = newAnswerId();
  const stored = toStored(id, answer, origin, ctx.now());
  const view = renderView(stored, answer, namesFor(ctx.queries));
  for (const [i, p] of view.pages.entries()) {
    const v = limitViolations(p);
    if (v.length) ctx.logger.error('page exceeds Discord limits', { answerId: id, page: i, violations: v });
  }
  await saveAnswer(ctx.store, stored, ctx.answerTtlSeconds);
  // Checked after the store was used: an outage that began with this very answer counts.
  const stateless = ctx.store.status?.().state === 'degraded';
  // One user's answers are capped (their oldest dropped), so that a flood of questions cannot grow the store.
  if (!stateless) await trackAnswer(ctx.store, origin.ownerId, id, ctx.limits.answersPerUser, ctx.answerTtlSeconds);
  let expiresAt = 0;
  if (view.pages.length > 1 && !stateless) {
    expiresAt = ctx.now() + ctx.paginationTimeoutMs;
    await openSession(ctx.store, { answerId: id, ownerId: origin.ownerId, page: 0, pageCount: view.pages.length, expiresAt }, ctx.paginationTimeoutMs);
  }
  const message = viewMessage(view, 0, { stateless });
  if (stateless && ctx.store.noticeOnce?.(origin.conversation)) withNotice(message, UI[answer.language].stateUnavailable(view.pages.length));
  const chart = await chartFile(ctx, answer);
  if (chart) message.files = [chart];
  return {
    message,
    view,
    armPaging(edit) {
      if (view.pages.length <= 1 || stateless) return;
      ctx.timers.arm(id, expiresAt, (page) => edit(viewMessage(view, page, { pagingDisabled: true })));
    },
  };
}

/** Puts a one-line notice above the answer, unless it would push plain text past Discord's content limit. */
function withNotice(message: BotMessage, notice: string): void {
  const content = message.content ? `${notice}\n${message.content}` : notice;
  if (content.length <= DISCORD_LIMITS.content) message.content = content;
}

/** The answer's bar chart as a PNG attachment, or null (not a chartable answer, no renderer, or it failed). */
export async function chartFile(ctx: Pick<BotContext, 'renderChart' | 'logger'> & Partial<Pick<BotContext, 'queries'>>, answer: Answer): Promise<FileJSON | null> {
  const spec = chartSpecFor(answer, ctx.queries ? namesFor(ctx.queries) : NO_NAMES);
  if (!spec || !ctx.renderChart) return null;
  try {
    const png = await ctx.renderChart(spec);
    return { name: 'chart.png', data: png, description: `${UI[answer.language].chartAlt}: ${spec.title}`.slice(0, 1024) };
  } catch (error) {
    // A chart is a bonus: the answer goes out without it.
    ctx.logger.warn('chart rendering failed', { error, intent: answer.intent });
    return null;
  }
}
