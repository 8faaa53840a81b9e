// The refiners: one overlap rule for every kind of mention, then negation and exclusion attached to what they
// govern, then the words no mention covers. Pure over mentions, like chrono's refiners.
import type { Chunk, Mention } from './mention.ts';

/** On equal length, the more specific kind wins (a unit name over a status word inside it, over phrasing). */
const PRIORITY: Record<Mention['meaning']['kind'], number> = {
  unit: 0, accomplishment: 1, status: 2, period: 3, negator: 4, group: 5, measure: 6, reference: 7, name: 8, form: 9,
};

/** Longest wins, then the more specific kind, then the earlier; a mention overlapping a kept one is dropped. */
export function settleOverlaps(mentions: readonly Mention[]): Mention[] {
  const ranked = [...mentions].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || PRIORITY[a.meaning.kind] - PRIORITY[b.meaning.kind] || a.start - b.start,
  );
  const kept: Mention[] = [];
  for (const m of ranked) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  return kept.sort((a, b) => a.start - b.start);
}

/** What may stand between a negator and the word it governs ("没有被推迟", "not been postponed", "except the"). */
const GAP = /^[\s的被了,，、]*$|^\s*(been|being|the|any|those|ones)\s*$/i;
/** What may join two excluded names ("except DPKO and DFS", "除了维和部和外勤部"). */
const LIST_JOIN = /^\s*(and|or|,|、|，|和|与|及|以及|或)?\s*(the\s+)?$/i;

/**
 * Negation and exclusion attach to the mention they govern: a negator before a status negates it; an exclusion
 * word before a unit (or after it: "管理部以外") excludes it and the names listed with it. A negator that governs
 * nothing stays as phrasing.
 */
export function attachNegation(text: string, mentions: readonly Mention[]): Mention[] {
  const out = mentions.map((m) => ({ ...m, meaning: { ...m.meaning } }) as Mention);
  for (let i = 0; i < out.length; i++) {
    const neg = out[i]!;
    if (neg.meaning.kind !== 'negator') continue;
    if (neg.meaning.scope === 'except_after') {
      // "管理部以外": the unit (or status) just before.
      const prev = out[i - 1];
      if (prev && GAP.test(text.slice(prev.end, neg.start))) exclude(prev);
      continue;
    }
    let last = neg;
    for (let j = i + 1; j < out.length; j++) {
      const next = out[j]!;
      const gap = text.slice(last.end, next.start);
      if (!(last === neg ? GAP.test(gap) : LIST_JOIN.test(gap))) break;
      if (next.meaning.kind === 'status' && (neg.meaning.scope !== 'not' || NEGATABLE.has(next.meaning.flag))) next.meaning.negated = true;
      else if (next.meaning.kind === 'unit' && neg.meaning.scope !== 'not') next.meaning.excluded = true;
      else break;
      last = next;
      // "not postponed": a negator governs one status; an exclusion a list.
      if (neg.meaning.scope === 'not') break;
    }
  }
  return out;
}

function exclude(m: Mention): void {
  if (m.meaning.kind === 'unit') m.meaning.excluded = true;
  if (m.meaning.kind === 'status') m.meaning.negated = true;
}

/** 未完成 is a status of its own; the other statuses are negated by a separate word. */
const NEGATABLE = new Set(['postponed', 'above_plan', 'below_plan', 'completed']);

/** The words no mention covers, split at punctuation (not at spaces: "training of trainers" stays one phrase). */
export function uncovered(text: string, mentions: readonly Mention[]): Chunk[] {
  const covered = new Uint8Array(text.length);
  for (const m of mentions) covered.fill(1, m.start, m.end);
  const chunks: Chunk[] = [];
  let start = -1;
  const isBreak = (i: number) => covered[i] === 1 || /[？?！!。，,、；;：:“”"‘’（）()《》【】\[\]{}…·\/]/.test(text[i]!);
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !isBreak(i)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const raw = text.slice(start, i);
      const lead = raw.length - raw.trimStart().length;
      const body = raw.trim();
      if (body) chunks.push({ start: start + lead, end: start + lead + body.length, text: body });
      start = -1;
    }
  }
  return chunks;
}
