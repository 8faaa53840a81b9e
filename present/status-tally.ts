// How statuses are counted wherever several are shown at once (docs/status.md). A row may carry two statuses
// (未完成 + 推迟, 高于 + 低于计划…), so there are two honest counts and each place says which it uses:
//  - "with status X": rows carrying X, overlaps counted under each — every count, list, share and ranking of a
//    status, and the CSV's 0/1 columns;
//  - "each row once": rows with X alone, plus one "two or more" bucket — the summary and any stacked bar, so
//    the parts add up to the total.
// A header tally shows only the statuses the answer is about; the others appear as "of which also …".
import type { OutputRecord, StatusFlag } from '../store/schema.ts';
import { STATUS_ORDER } from '../store/status.ts';

export type Counts = Record<StatusFlag, number>;

const zero = (): Counts => Object.fromEntries(STATUS_ORDER.map((f) => [f, 0])) as Counts;

/** Rows carrying each status (a row with two statuses counts under both). */
export function withStatus(rows: ReadonlyArray<Pick<OutputRecord, 'status'>>): Counts {
  const c = zero();
  for (const r of rows) for (const f of r.status) c[f]++;
  return c;
}

/** Each row once: its status when it has one, else the "several" bucket (rows with none count nowhere). */
export function eachRowOnce(rows: ReadonlyArray<Pick<OutputRecord, 'status'>>): { single: Counts; several: number; none: number } {
  const single = zero();
  let several = 0;
  let none = 0;
  for (const r of rows) {
    if (r.status.length === 1) single[r.status[0]!]++;
    else if (r.status.length > 1) several++;
    else none++;
  }
  return { single, several, none };
}

/** "未完成+推迟" combinations of the rows with two or more statuses, most frequent first. */
export function combinations(rows: ReadonlyArray<Pick<OutputRecord, 'status'>>): Array<{ flags: StatusFlag[]; count: number }> {
  const byKey = new Map<string, { flags: StatusFlag[]; count: number }>();
  for (const r of rows) {
    if (r.status.length < 2) continue;
    const flags = STATUS_ORDER.filter((f) => r.status.includes(f));
    const key = flags.join('+');
    const entry = byKey.get(key) ?? { flags, count: 0 };
    entry.count++;
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count);
}

/**
 * The other statuses the answer's rows carry besides the ones asked about ("of which also postponed 3"),
 * report order, zero counts left out.
 */
export function alsoCarried(rows: ReadonlyArray<Pick<OutputRecord, 'status'>>, asked: readonly StatusFlag[]): Array<{ flag: StatusFlag; count: number }> {
  if (asked.length === 0) return [];
  const c = withStatus(rows);
  return STATUS_ORDER.filter((f) => !asked.includes(f) && c[f] > 0).map((flag) => ({ flag, count: c[flag] }));
}

/**
 * The statuses a header tallies: the ones asked about when the question names any (a below-plan count's header
 * never shows "above plan 2"), else all the rows carry. Counts are "with status X".
 */
export function headerTally(rows: ReadonlyArray<Pick<OutputRecord, 'status'>>, asked: readonly StatusFlag[]): Array<{ flag: StatusFlag; count: number }> {
  const c = withStatus(rows);
  const shown = asked.length ? STATUS_ORDER.filter((f) => asked.includes(f)) : STATUS_ORDER;
  return shown.filter((f) => c[f] > 0).map((flag) => ({ flag, count: c[flag] }));
}
