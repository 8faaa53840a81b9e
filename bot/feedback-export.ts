// 👍/👎 votes → lines of the evaluation question files (../shared/eval: {"q", "kind", "expect", …}), so a
// misreading a user flagged becomes a test case once a human fills in `expect`. Pure: app/feedback.ts reads
// the store and writes the file.
import type { FeedbackEntry } from './state.ts';
import type { AnsweredSnapshot } from './buttons/vote.ts';

export interface EvalLine {
  q: string;
  kind: 'list' | 'count' | 'lookup' | 'none' | 'rank' | 'share' | 'compare';
  /** For a human to fill in: what the answer should have been (in the kind's format). */
  expect: null;
  answered: { total: number; rows: number[]; groups: AnsweredSnapshot['groups']; ratio?: { part: number; whole: number } };
  vote: 'up' | 'down';
  note?: string;
  /** A follow-up: what it took from the conversation (its earlier turns are not kept; write them as "turns"). */
  carried?: string[];
  at: string;
}

const KIND: Record<string, EvalLine['kind']> = {
  list: 'list',
  overview: 'list',
  explain: 'list',
  count: 'count',
  breakdown: 'count',
  summary: 'count',
  lookup: 'lookup',
  none: 'none',
  rank: 'rank',
  share: 'share',
  compare: 'compare',
};

/** The kind of question an answer's intent stands for (the plan's measure when the intent was not kept). */
export function kindOf(intent: string | undefined, measure: string | undefined): EvalLine['kind'] {
  if (intent && KIND[intent]) return KIND[intent];
  return measure === 'rows' ? 'list' : (KIND[measure ?? ''] ?? 'none');
}

export function toEvalLine(entry: FeedbackEntry): EvalLine {
  const plan = (entry.plan ?? {}) as { measure?: string; carried?: string[]; answered?: Partial<AnsweredSnapshot> };
  const a = plan.answered ?? {};
  const line: EvalLine = {
    q: entry.question,
    kind: kindOf(a.intent, plan.measure),
    expect: null,
    answered: { total: a.total ?? entry.rowIds.length, rows: a.lines ?? [], groups: a.groups ?? [], ...(a.ratio ? { ratio: a.ratio } : {}) },
    vote: entry.vote,
    at: entry.at,
  };
  if (entry.note) line.note = entry.note;
  if (plan.carried?.length) line.carried = plan.carried;
  return line;
}

/** JSON lines, oldest first; `only` keeps one direction (e.g. 'down': the misreadings). */
export function feedbackJsonl(entries: readonly FeedbackEntry[], only?: 'up' | 'down'): string {
  return entries
    .filter((e) => !only || e.vote === only)
    .map((e) => JSON.stringify(toEvalLine(e)) + '\n')
    .join('');
}
