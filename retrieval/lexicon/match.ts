// Matching a question against the lexicon: which departments/offices it names, which English terms it uses (with their Chinese).
import { type Lexicon, type OrgPattern, type OrgUnitMatch, type TermToken, type TermTranslation, type UnitRef } from './schema.ts';
import { FILLERS, type QToken, tokenMatches, tokenizeEnglish } from './text.ts';

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

export interface Span {
  start: number;
  end: number;
}

/** Longest span wins; a span overlapping an already kept one is dropped; ties go to the earlier start. */
export function pickLongest<T extends Span>(cands: T[], tieBreak: (a: T, b: T) => number = () => 0): T[] {
  const sorted = [...cands].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || tieBreak(a, b));
  const kept: T[] = [];
  for (const c of sorted) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  return kept.sort((a, b) => a.start - b.start);
}

export const KIND_RANK: Record<OrgPattern['kind'], number> = { nonUnit: 0, composed: 1, alias: 2, shared: 3 };

/**
 * Every department/office the question names, in question order, each unit once.
 *
 * Ambiguous office names: a bare shared name (副秘书长办公室, "Office of the Under-Secretary-General")
 * is narrowed to the offices of departments the question names elsewhere ("外勤部…副秘书长办公室");
 * if it names none of them, all candidate offices are returned with `ambiguous: true`, so a caller
 * can ask back or search all three. Composed forms (维和部副秘书长办公室, "DFS Office of the USG")
 * are single unambiguous matches.
 */
export function findOrgUnits(question: string, lexicon: Lexicon): OrgUnitMatch[] {
  type Cand = Span & { pattern: OrgPattern; text: string };
  const cands: Cand[] = [];
  const lower = question.toLowerCase();
  for (const pattern of lexicon.compiled.orgPatterns) {
    if (!pattern.needles.some((n) => lower.includes(n))) continue;
    for (const m of question.matchAll(pattern.re)) {
      if (m[0].length === 0) continue;
      cands.push({ start: m.index, end: m.index + m[0].length, pattern, text: m[0] });
    }
  }
  const kept = pickLongest(cands, (a, b) => KIND_RANK[a.pattern.kind] - KIND_RANK[b.pattern.kind]);

  const namedDepartments = new Set(
    kept.flatMap((c) => (c.pattern.kind === 'alias' ? c.pattern.targets.filter((t) => t.office === null).map((t) => t.department) : [])),
  );
  const out: OrgUnitMatch[] = [];
  const seen = new Set<string>();
  const push = (t: UnitRef, text: string, ambiguous: boolean): void => {
    const key = `${t.department}-${t.office ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ department: t.department, office: t.office, matchedText: text, ambiguous });
  };
  for (const c of kept) {
    if (c.pattern.kind !== 'shared') {
      for (const t of c.pattern.targets) push(t, c.text, false);
      continue;
    }
    const narrowed = c.pattern.targets.filter((t) => namedDepartments.has(t.department));
    const targets = narrowed.length > 0 ? narrowed : c.pattern.targets;
    for (const t of targets) push(t, c.text, targets.length > 1);
  }
  return out;
}

/**
 * The Chinese terms the report uses for the English terms of a question, longest phrase first
 * ("training of trainers" wins over "training" and "trainers"). Case-insensitive on whole words,
 * with -s/-es/-ies/-ed/-ing forms folded; short all-caps acronyms (IT, DDR) only match in capitals.
 */
export function translateTerms(question: string, lexicon: Lexicon): TermTranslation {
  const tokens = tokenizeEnglish(question);
  type Cand = Span & { entry: number; tokenCount: number; exactCount: number; firstTok: number; lastTok: number };
  const cands: Cand[] = [];
  tokens.forEach((tok, i) => {
    const keys = new Set([`~${tok.stem}`, `=${tok.raw}`, `^${tok.lower}`]);
    if (tok.raw.endsWith('s')) {
      keys.add(`=${tok.raw.slice(0, -1)}`);
      keys.add(`^${tok.lower.slice(0, -1)}`);
    }
    for (const key of keys) {
      for (const p of lexicon.compiled.termIndex.get(key) ?? []) {
        const last = matchTermAt(tokens, i, p.tokens);
        if (last < 0) continue;
        const exactCount = p.tokens.filter((t) => t.exact !== undefined).length;
        cands.push({ start: tok.start, end: tokens[last]!.end, entry: p.entry, tokenCount: p.tokens.length, exactCount, firstTok: i, lastTok: last });
      }
    }
  });

  // Longest by number of glossary words first, so "troop- and police-contributing countries"
  // beats "police-contributing countries" even where fillers make spans equal. On a tie a
  // capitals-only acronym beats a folded word: "CAR" is the Central African Republic, not "cars".
  const sorted = [...cands].sort(
    (a, b) => b.tokenCount - a.tokenCount || b.end - b.start - (a.end - a.start) || b.exactCount - a.exactCount || a.start - b.start,
  );
  const kept: Cand[] = [];
  for (const c of sorted) if (!kept.some((k) => c.firstTok <= k.lastTok && k.firstTok <= c.lastTok)) kept.push(c);
  kept.sort((a, b) => a.start - b.start);

  const zhTerms: string[] = [];
  const matched: TermTranslation['matched'] = [];
  const seenEntries = new Set<number>();
  for (const c of kept) {
    if (seenEntries.has(c.entry)) continue;
    seenEntries.add(c.entry);
    const e = lexicon.glossary[c.entry]!;
    matched.push({ en: e.en, zh: [...e.zh], text: question.slice(c.start, c.end) });
    for (const z of e.zh) if (!zhTerms.includes(z)) zhTerms.push(z);
  }
  return { zhTerms, matched };
}

/** Index of the last question token of a match of `pattern` starting at token `i`, or -1. */
export function matchTermAt(tokens: QToken[], i: number, pattern: TermToken[]): number {
  let q = i;
  for (let p = 0; p < pattern.length; p++) {
    if (p > 0) {
      let skipped = 0;
      while (q < tokens.length && skipped < 2 && !tokenMatches(tokens[q]!, pattern[p]!) && FILLERS.has(tokens[q]!.stem)) {
        q++;
        skipped++;
      }
    }
    if (q >= tokens.length || !tokenMatches(tokens[q]!, pattern[p]!)) return -1;
    q++;
  }
  return q - 1;
}
