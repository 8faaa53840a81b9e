// Connects the bilingual lexicon (retrieval/lexicon/) to the engine: unit aliases, unit finding and
// English -> Chinese term translation.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { findOrgUnits, loadLexicon, translateTerms } from './lexicon/index.ts';
import type { Translation, UnitRef } from './understand.ts';
import type { UnitAliases } from './units.ts';

const ZhSynonymsSchema = z.object({
  notes: z.string().optional(),
  entries: z.array(z.object({ colloquial: z.array(z.string().min(1)).min(1), report: z.array(z.string().min(1)).min(1) })),
});

/** Everyday Chinese wording -> the report's terms (zh-synonyms.json), longest colloquial form first. */
export function loadZhSynonyms(): Array<{ colloquial: string; report: string[] }> {
  const file = fileURLToPath(new URL('./lexicon/zh-synonyms.json', import.meta.url));
  const parsed = ZhSynonymsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.entries
    .flatMap((e) => e.colloquial.map((c) => ({ colloquial: c, report: e.report })))
    .sort((a, b) => b.colloquial.length - a.colloquial.length);
}

export interface LexiconHooks {
  unitAliases: UnitAliases[];
  translate: (q: string) => Translation[];
  findUnits: (q: string) => UnitRef[];
  /** Alternatives of a Chinese chunk with everyday words replaced by the report's terms. */
  zhAlternatives: (chunk: string) => string[];
}

export interface LexiconOptions {
  /** Whether the report prints this text (a word of its own is not colloquial wording to replace). */
  reportWords?: (text: string) => boolean;
}

/**
 * The chunk with everyday words replaced by the report's terms, longest forms first, each replacement
 * applied to what the earlier ones left (so 出兵出警国 is not also read as 出兵 + 出警国). An occurrence is
 * left alone when it is part of the report's own wording: inside the report term itself (五委 in 第五委员会)
 * or glued to the character before it into a word the report prints (开了 in 公开了: 公开).
 */
export function replaceColloquial(chunk: string, synonyms: ReadonlyArray<{ colloquial: string; report: string[] }>, reportWords: (text: string) => boolean = () => false): string[] {
  const out = new Set<string>();
  let base = chunk;
  for (const s of synonyms) {
    const at = replaceablePositions(base, s.colloquial, s.report, reportWords);
    if (at.length === 0) continue;
    const replaceWith = (r: string) => at.reduceRight((text, i) => text.slice(0, i) + r + text.slice(i + s.colloquial.length), base);
    for (const r of s.report) out.add(replaceWith(r));
    base = replaceWith(s.report[0]!);
    out.add(base);
  }
  return [...out];
}

function replaceablePositions(text: string, colloquial: string, report: readonly string[], reportWords: (t: string) => boolean): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(colloquial); i >= 0; i = text.indexOf(colloquial, i + colloquial.length)) {
    const insideReportTerm = report.some((r) => {
      for (let j = text.indexOf(r); j >= 0; j = text.indexOf(r, j + 1)) if (j <= i && i + colloquial.length <= j + r.length) return true;
      return false;
    });
    const gluedToWord = i > 0 && reportWords(text.slice(i - 1, i + 1));
    if (!insideReportTerm && !gluedToWord) at.push(i);
  }
  return at;
}

export function loadLexiconHooks(options: LexiconOptions = {}): LexiconHooks {
  const lexicon = loadLexicon();
  const synonyms = loadZhSynonyms();
  return {
    zhAlternatives: (chunk) => replaceColloquial(chunk, synonyms, options.reportWords),
    unitAliases: lexicon.units.map((u) => ({ department: u.department, office: u.office, english: u.english ?? null, aliases: [...u.aliases, ...(u.sharedNames ?? [])] })),
    translate: (q) => translateTerms(q, lexicon).matched.map((m) => ({ zh: m.zh, text: m.text })),
    findUnits: (q) => findOrgUnits(q, lexicon).map((m) => ({ department: m.department, office: m.office, matchedText: m.matchedText })),
  };
}
