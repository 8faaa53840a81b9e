// Per-user caps, so that what one user sends cannot grow the state without bound: stored answers (and their
// paging sessions) are otherwise bounded only by their 7-day TTL, and the feedback log by nothing at all.
// The bookkeeping lives in the 'quota' namespace of the same store, so every backend and replica shares it.
// Read-modify-write, not atomic across replicas: two answers saved at the same instant by one user on two
// replicas may both survive, leaving the cap exceeded by one until the next save. A bound, not an exact count.
import { z } from 'zod';
import type { StateStore } from './types.ts';

export interface StateLimits {
  /** Answers kept per user (their buttons work); saving one more drops the oldest. */
  answersPerUser: number;
  /** Votes stored per user; past it, a vote is declined (and said so). */
  feedbackPerUser: number;
}

export const DEFAULT_STATE_LIMITS: StateLimits = { answersPerUser: 200, feedbackPerUser: 500 };

const blank = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const cap = (fallback: number) =>
  z.preprocess(blank, z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(1_000_000, { error: 'must be at most 1000000' }).default(fallback));

const LimitsSchema = z.object({
  STATE_MAX_ANSWERS_PER_USER: cap(DEFAULT_STATE_LIMITS.answersPerUser),
  STATE_MAX_FEEDBACK_PER_USER: cap(DEFAULT_STATE_LIMITS.feedbackPerUser),
});

export class StateLimitsError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'StateLimitsError';
  }
}

/** STATE_MAX_ANSWERS_PER_USER and STATE_MAX_FEEDBACK_PER_USER; throws one line naming a bad variable. */
export function parseStateLimits(env: Readonly<Record<string, string | undefined>>): StateLimits {
  const result = LimitsSchema.safeParse({ STATE_MAX_ANSWERS_PER_USER: env.STATE_MAX_ANSWERS_PER_USER, STATE_MAX_FEEDBACK_PER_USER: env.STATE_MAX_FEEDBACK_PER_USER });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new StateLimitsError(String(issue?.path[0] ?? 'environment'), issue?.message ?? 'is invalid');
  }
  return { answersPerUser: result.data.STATE_MAX_ANSWERS_PER_USER, feedbackPerUser: result.data.STATE_MAX_FEEDBACK_PER_USER };
}

const IdListSchema = z.array(z.string());
const CountSchema = z.number().int().nonnegative();

/**
 * Records that `userId` stored answer `answerId`; when that makes more than `max`, deletes the oldest ones
 * (the answer and its paging session) and returns their ids.
 */
export async function trackAnswer(store: StateStore, userId: string, answerId: string, max: number, ttlSeconds: number): Promise<string[]> {
  const key = `answers:${userId}`;
  const known = IdListSchema.safeParse(await store.get('quota', key));
  const ids = [...(known.success ? known.data : []).filter((id) => id !== answerId), answerId];
  const evicted = ids.splice(0, Math.max(0, ids.length - max));
  for (const id of evicted) {
    await store.delete('answers', id);
    await store.delete('paging', id);
  }
  // The list lives as long as the newest answer in it could.
  await store.set('quota', key, ids, ttlSeconds);
  return evicted;
}

/** How many votes `userId` has stored. */
export async function feedbackCount(store: StateStore, userId: string): Promise<number> {
  const n = CountSchema.safeParse(await store.get('quota', `feedback:${userId}`));
  return n.success ? n.data : 0;
}

/** Counts one more stored vote for `userId` (call after addFeedback returned true). */
export async function countFeedback(store: StateStore, userId: string): Promise<void> {
  await store.set('quota', `feedback:${userId}`, (await feedbackCount(store, userId)) + 1);
}
