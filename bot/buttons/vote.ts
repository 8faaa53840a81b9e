// 👍 / 👎 on an answer. Each vote is stored with the question, the plan, the rows shown and what was answered
// (StateStore.addFeedback); 👎 opens a modal asking what was wrong, whose text becomes the vote's note.
// `npm run feedback -- export` turns the 👎 votes into question-file lines for the evaluation set.
import { UI } from '../../present/labels.ts';
import { loadAnswer, type StoredAnswer } from '../answers/store.ts';
import type { BotContext } from '../context.ts';
import { localeLanguage } from '../commands/types.ts';
import { customId, FEEDBACK_NOTE_FIELD } from '../interactions/custom-id.ts';
import { note } from '../interactions/reply.ts';
import type { InteractionInput, ModalJSON, Responder } from '../interactions/types.ts';
import type { Answer } from '../../retrieval/types.ts';
import type { FeedbackEntry } from '../state.ts';
import { StateUnavailableError } from '../../state/resilient.ts';
import { countFeedback, feedbackCount } from '../../state/quota.ts';

/** One vote per user, answer and direction: a retried click stores nothing twice. */
export const feedbackId = (answerId: string, userId: string, vote: 'up' | 'down') => `${answerId}:${userId}:${vote}`;

/** What the answer said, kept with the vote so the export does not depend on today's engine. */
export interface AnsweredSnapshot {
  intent: Answer['intent'];
  total: number;
  lines: number[];
  groups: Array<{ department: { code: string; name: string }; office: { code: string; name: string } | null; status: string | null; count: number }>;
  ratio: Answer['ratio'];
}

export function snapshotOf(answer: Answer): AnsweredSnapshot {
  return {
    intent: answer.intent,
    total: answer.total,
    lines: answer.rows.map((r) => r.line),
    groups: answer.groups.map((g) => ({ department: g.department, office: g.office, status: g.status, count: g.count })),
    ratio: answer.ratio,
  };
}

export function feedbackEntry(stored: StoredAnswer, answer: Answer, input: InteractionInput, vote: 'up' | 'down', now: number): FeedbackEntry {
  return {
    id: feedbackId(stored.id, input.userId, vote),
    at: new Date(now).toISOString(),
    vote,
    question: answer.question,
    // The plan as the engine produced it, with what was answered alongside (see AnsweredSnapshot).
    plan: { ...answer.plan, answered: snapshotOf(answer) },
    rowIds: stored.rowIds,
    user: input.userId,
    guild: input.guildId,
    ...(input.channelId ? { channel: input.channelId } : {}),
  };
}

export function feedbackModal(answerId: string, language: 'zh' | 'en'): ModalJSON {
  const L = UI[language];
  return {
    custom_id: customId.feedbackModal(answerId),
    title: `${L.feedbackTitle} / ${language === 'zh' ? UI.en.feedbackTitle : UI.zh.feedbackTitle}`,
    components: [
      {
        type: 1,
        components: [{ type: 4, custom_id: FEEDBACK_NOTE_FIELD, label: L.feedbackLabel, style: 2, required: false, max_length: 1000, placeholder: L.feedbackPlaceholder }],
      },
    ],
  };
}

export async function handleVoteButton(input: InteractionInput, responder: Responder, ctx: BotContext, answerId: string, vote: 'up' | 'down'): Promise<void> {
  const loaded = await loadAnswer(ctx.store, ctx.queries, answerId);
  if (!loaded) {
    // During a state outage the answer is not gone, only out of reach: say that, not "expired".
    const L = UI[localeLanguage(input.locale)];
    await note(responder, ctx.store.status?.().state === 'degraded' ? L.feedbackUnavailable : L.expired);
    return;
  }
  const entry = feedbackEntry(loaded.stored, loaded.answer, input, vote, ctx.now());
  // The feedback log has no expiry: a per-user cap is what bounds it.
  if ((await feedbackCount(ctx.store, input.userId)) >= ctx.limits.feedbackPerUser) {
    await note(responder, UI[loaded.answer.language].feedbackLimit);
    return;
  }
  let added = false;
  if (!(await storeFeedback(async () => (added = await ctx.store.addFeedback(entry))))) {
    await note(responder, UI[loaded.answer.language].feedbackUnavailable);
    return;
  }
  if (added) await countFeedback(ctx.store, input.userId);
  ctx.logger.info('feedback', { vote, answerId, userId: input.userId, intent: loaded.answer.intent });
  const language = loaded.answer.language;
  if (vote === 'down') await responder.showModal(feedbackModal(answerId, language));
  else await note(responder, UI[language].thanks);
}

export async function handleFeedbackModal(input: InteractionInput, responder: Responder, ctx: BotContext, answerId: string): Promise<void> {
  const text = (input.fields[FEEDBACK_NOTE_FIELD] ?? '').trim();
  const language = (await loadAnswer(ctx.store, ctx.queries, answerId))?.answer.language ?? localeLanguage(input.locale);
  if (text && !(await storeFeedback(() => ctx.store.setFeedbackNote(feedbackId(answerId, input.userId, 'down'), text.slice(0, 4000))))) {
    await note(responder, UI[language].feedbackUnavailable);
    return;
  }
  await note(responder, text ? UI[language].thanksNote : UI[language].thanks);
}

/** False when the state store is down (the voter is told); any other error is a bug and propagates. */
async function storeFeedback(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof StateUnavailableError) return false;
    throw error;
  }
}
