// A lookup's value against its plan, read from the row itself: the 已完成 value whose label the question names
// ("媒体访谈"), and the number the planned text puts before that label ("进行 100 次媒体访谈"). Nothing is made
// up: with no such number in the planned text, the plan is quoted instead.
import type { ActualValue, OutputRecord } from '../store/schema.ts';

export interface ValueAgainstPlan {
  value: ActualValue;
  /** The planned text's number for this value, as printed ("100"), or null when it gives none. */
  planned: string | null;
  /** The measure word after the planned number ("次", "份"), or "" when there is none. */
  unit: string;
}

const bigrams = (s: string): Set<string> => {
  const t = s.replace(/\s+/g, '');
  const out = new Set<string>();
  for (let i = 0; i < t.length - 1; i++) out.add(t.slice(i, i + 2));
  return out;
};

/** Shared character pairs of two texts (how much of `label` the other text says). */
function overlap(a: string, b: string): number {
  const B = bigrams(b);
  let n = 0;
  for (const g of bigrams(a)) if (B.has(g)) n++;
  return n;
}

const MEASURE_WORD = '[次份个项名场期套篇本条部轮人批种家座册版]';
const PLANNED_NUMBER = new RegExp(`(\\d[\\d,]*(?:\\.\\d+)?)\\s*(${MEASURE_WORD}?)\\s*([^；;，,、。\\d]{0,16})`, 'g');

/**
 * The planned text's number whose following words best match the label; when none does, the planned text's
 * only number, but only for a row with one value (with two values, a lone number belongs to one of them).
 */
export function plannedNumberFor(planned: string, label: string | null, onlyValue = true): { number: string; unit: string } | null {
  // A number the label itself repeats ("为 20 名高级安保人员举办年度讲习班") says who or what, not how many were planned.
  const restated = new Set([...(label ?? '').matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => m[0]));
  const candidates = [...planned.matchAll(PLANNED_NUMBER)].map((m) => ({ number: m[1]!, unit: m[2] ?? '', after: m[3] ?? '' })).filter((c) => !restated.has(c.number));
  if (candidates.length === 0) return null;
  // Matching words: at least half of the shorter text's character pairs (a shared "安保人员" alone is not the same output).
  const score = (c: { after: string }) => (label ? overlap(label, c.after) / Math.max(1, Math.min(bigrams(label).size, bigrams(c.after).size)) : 0);
  const scored = candidates.map((c) => ({ c, s: score(c) })).sort((a, b) => b.s - a.s);
  if (scored[0]!.s >= 0.5) return scored[0]!.c;
  return onlyValue && candidates.length === 1 ? candidates[0]! : null;
}

/**
 * The values of a row to state, each with its plan: the one whose label the question names, when one does;
 * else every value (a row has at most a handful).
 */
export function valuesAgainstPlan(row: Pick<OutputRecord, 'planned' | 'actual'>, question: string): ValueAgainstPlan[] {
  const withPlan = (value: ActualValue): ValueAgainstPlan => {
    const p = value.number === null ? null : plannedNumberFor(row.planned, value.label, row.actual.length === 1);
    return { value, planned: p?.number ?? null, unit: p?.unit ?? '' };
  };
  const named = row.actual
    .filter((a) => a.label)
    .map((a) => ({ a, s: overlap(a.label!, question) }))
    .sort((x, y) => y.s - x.s);
  if (named[0] && named[0].s > 0 && (named.length < 2 || named[0].s > named[1]!.s)) return [withPlan(named[0].a)];
  return row.actual.map(withPlan);
}
