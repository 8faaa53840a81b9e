// The feedback log's entry schema. Entries are checked when written (a bad entry is the caller's bug: throw)
// and again when read (a stored line may be damaged or from an older bot: skip it, never crash the listing).
import { z } from 'zod';
import type { FeedbackEntry } from './types.ts';

// Discord's modal text inputs hold at most 4000 characters; anything longer did not come from the modal.
export const MAX_NOTE_LENGTH = 4000;

export const FeedbackNoteSchema = z.string().max(MAX_NOTE_LENGTH);

export const FeedbackEntrySchema = z.object({
  id: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  vote: z.enum(['up', 'down']),
  note: FeedbackNoteSchema.optional(),
  question: z.string(),
  plan: z.unknown(),
  rowIds: z.array(z.string()),
  answerText: z.string().optional(),
  user: z.string().optional(),
  guild: z.string().nullable().optional(),
  channel: z.string().optional(),
});

export type FeedbackEntryFromSchema = z.infer<typeof FeedbackEntrySchema>;

// The interface in types.ts stays zod-free; these two lines stop it and the schema from drifting apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesInterface: Same<FeedbackEntryFromSchema, FeedbackEntry> = true;
void schemaMatchesInterface;

/** A valid entry (unknown keys dropped), or an Error naming the first bad field. */
export function checkFeedbackEntry(entry: unknown): FeedbackEntry {
  const result = FeedbackEntrySchema.safeParse(entry);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new TypeError(`invalid feedback entry: ${issue?.path.join('.') || 'entry'} ${issue?.message ?? 'is invalid'}`);
}

export function checkFeedbackNote(note: unknown): string {
  const result = FeedbackNoteSchema.safeParse(note);
  if (!result.success) throw new TypeError(`invalid feedback note: ${result.error.issues[0]?.message ?? 'is invalid'}`);
  return result.data;
}

/** A stored entry read back: parsed and validated, or undefined (reported through `log`). */
export function readStoredFeedback(raw: string, where: string, log: (line: string) => void): FeedbackEntry | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    log(`skipping unreadable feedback entry (${where}): not JSON`);
    return undefined;
  }
  const result = FeedbackEntrySchema.safeParse(parsed);
  if (result.success) return result.data;
  log(`skipping invalid feedback entry (${where}): ${result.error.issues[0]?.path.join('.') ?? ''} ${result.error.issues[0]?.message ?? ''}`);
  return undefined;
}
