// What a recogniser finds in a question: a span (start, end, text) and what those words mean. Modelled on
// chrono's parsed results: every rule returns mentions with positions, one refiner settles overlaps, and
// whatever no mention covers is classified afterwards (topic, ignored or unknown), never dumped into a filter.
import type { StatusFlag } from '../../store/schema.ts';
import type { GroupBy, UnitRef } from '../plan.ts';
import type { UnknownName } from '../types.ts';

export type Meaning =
  /** A department or office; `excluded` when governed by 除了/except; `qualifier` when it only qualifies another unit. */
  | { kind: 'unit'; unit: UnitRef; excluded: boolean; qualifier: boolean }
  /** A status word; `negated` when governed by 没有/not/除了. */
  | { kind: 'status'; flag: StatusFlag; negated: boolean }
  | { kind: 'accomplishment'; code: string }
  /** A word that says what to measure or how (count, list, rank, share, compare …). */
  | { kind: 'measure'; word: MeasureWord }
  | { kind: 'group'; level: GroupBy }
  /** A word that points at the conversation (其中, those, 那…呢, the second one, start over). */
  | { kind: 'reference'; ref: Reference }
  /** A period: the report's own (2013/14) or another. */
  | { kind: 'period'; inReport: boolean }
  /** A name-shaped span no unit matched; settled as unknown unless the rows have it. */
  | { kind: 'name'; nameKind: UnknownName['kind'] }
  /** 没有/not (`scope` not) or 除了/except/以外 (`scope` except): attaches to the status or unit it governs. */
  | { kind: 'negator'; scope: 'not' | 'except' | 'except_after' }
  /** Phrasing: how people ask (请问, 一下, "the report", please, 完成栏写). */
  | { kind: 'form'; why: string };

export type MeasureWord =
  | 'count' | 'list' | 'most' | 'fewest' | 'rank' | 'top' | 'share' | 'compare' | 'each' | 'summary' | 'overview'
  | 'breakdown' | 'explain' | 'both' | 'add' | 'combine' | 'whole_report' | 'completion';

export type Reference = 'narrow' | 'switch' | 'anaphora' | 'ordinal' | 'reset' | 'new';

export interface Mention {
  start: number;
  end: number;
  text: string;
  /** The rule that produced it (shown in the trace). */
  recogniser: string;
  meaning: Meaning;
}

/** Words of the question no mention covers, with their position. */
export interface Chunk {
  start: number;
  end: number;
  text: string;
}

export interface Recogniser {
  name: string;
  extract(text: string): Mention[];
}

/** Every match of a pattern as mentions (the pattern is made global if it is not). */
export function matchAll(text: string, re: RegExp, recogniser: string, meaning: (m: RegExpMatchArray) => Meaning | null): Mention[] {
  const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  const out: Mention[] = [];
  for (const m of text.matchAll(global)) {
    if (!m[0]) continue;
    const meant = meaning(m);
    if (meant) out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], recogniser, meaning: meant });
  }
  return out;
}

/** Mentions of a fixed vocabulary (a list of words), case-insensitive for Latin words. */
export function vocabulary(words: readonly string[], recogniser: string, meaning: Meaning): Recogniser {
  const latin = words.filter((w) => /^[\x00-\x7f]+$/.test(w));
  const other = words.filter((w) => !/^[\x00-\x7f]+$/.test(w)).sort((a, b) => b.length - a.length);
  const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = [
    ...(other.length ? [other.map(escape).join('|')] : []),
    ...(latin.length ? [`\\b(?:${latin.sort((a, b) => b.length - a.length).map(escape).join('|')})\\b`] : []),
  ];
  const re = new RegExp(parts.join('|'), 'gi');
  return { name: recogniser, extract: (text) => matchAll(text, re, recogniser, () => meaning) };
}

export const describeMeaning = (m: Meaning): string => {
  switch (m.kind) {
    case 'unit':
      return `${m.excluded ? 'excluded ' : m.qualifier ? 'qualifying ' : ''}unit ${m.unit.office ? `${m.unit.department}(${m.unit.office})` : m.unit.department}`;
    case 'status':
      return `${m.negated ? 'not ' : ''}status ${m.flag}`;
    case 'accomplishment':
      return `expected accomplishment ${m.code}`;
    case 'measure':
      return `measure ${m.word}`;
    case 'group':
      return `group by ${m.level}`;
    case 'reference':
      return `conversation ${m.ref}`;
    case 'period':
      return m.inReport ? 'the report period' : 'another period';
    case 'name':
      return `name (${m.nameKind})`;
    case 'negator':
      return m.scope === 'not' ? 'negation' : 'exclusion';
    case 'form':
      return `form word (${m.why})`;
  }
};
