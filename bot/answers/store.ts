// Every answer the bot shows is stored under a random id (state namespace 'answers'), rows as ids only, so its
// buttons — pages, Export CSV, Source, 👍/👎 — work from any process, after a restart, until the answer expires.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AnswerSchema, type Answer } from '../../retrieval/types.ts';
import type { ReportQueries } from '../../retrieval/types.ts';
import type { StateStore } from '../state.ts';

export const StoredAnswerSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  ownerId: z.string(),
  conversation: z.string(),
  guildId: z.string().nullable(),
  channelId: z.string().nullable(),
  createdAt: z.string(),
  /** 'count' renders compactly (/count). */
  mode: z.enum(['auto', 'count']),
  /** Plain text instead of embeds (a channel where the bot may not embed links). */
  plain: z.boolean(),
  /** Shown only to the asker (/ask private): its next steps answer privately too. Absent in older entries. */
  private: z.boolean().default(false),
  answer: AnswerSchema.omit({ rows: true }),
  rowIds: z.array(z.string()),
});
export type StoredAnswer = z.infer<typeof StoredAnswerSchema>;

export const newAnswerId = (): string => randomBytes(8).toString('hex');

export interface AnswerOrigin {
  ownerId: string;
  conversation: string;
  guildId: string | null;
  channelId: string | null;
  mode?: 'auto' | 'count';
  plain?: boolean;
  private?: boolean;
}

export function toStored(id: string, answer: Answer, origin: AnswerOrigin, now: number): StoredAnswer {
  const { rows, ...rest } = answer;
  return {
    v: 1,
    id,
    ownerId: origin.ownerId,
    conversation: origin.conversation,
    guildId: origin.guildId,
    channelId: origin.channelId,
    createdAt: new Date(now).toISOString(),
    mode: origin.mode ?? 'auto',
    plain: origin.plain ?? false,
    private: origin.private ?? false,
    answer: rest,
    rowIds: rows.map((r) => r.id),
  };
}

/** Buttons Discord shows in one action row at most; more next steps would crowd the answer. */
export const MAX_NEXT_STEPS = 3;

/**
 * What the user can do next: the other readings of the question first (a misreading is the likelier problem),
 * then the suggested follow-ups. Their plans are stored with the answer (AnswerSchema checks them with PlanSchema
 * when the answer is read back), so a button or a typed number carries only an index.
 */
export function nextSteps(answer: Pick<Answer, 'alternatives' | 'suggestions'>): Answer['suggestions'] {
  return [...answer.alternatives, ...answer.suggestions].slice(0, MAX_NEXT_STEPS);
}

export async function saveAnswer(store: StateStore, stored: StoredAnswer, ttlSeconds: number): Promise<void> {
  await store.set('answers', stored.id, stored, ttlSeconds);
}

/** The stored answer with its rows looked up again, or undefined when expired, unknown or unreadable. */
export async function loadAnswer(store: StateStore, queries: Pick<ReportQueries, 'row'>, id: string): Promise<{ stored: StoredAnswer; answer: Answer } | undefined> {
  const raw = await store.get('answers', id);
  const parsed = StoredAnswerSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const stored = parsed.data;
  // Rows no longer in the report (re-ingested since) are dropped rather than shown stale.
  const rows = stored.rowIds.map((rid) => queries.row(rid)).filter((r): r is NonNullable<typeof r> => r !== undefined);
  return { stored, answer: { ...stored.answer, rows } };
}
