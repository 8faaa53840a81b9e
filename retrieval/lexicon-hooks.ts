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

export function loadLexiconHooks(): LexiconHooks {
  const lexicon = loadLexicon();
  const synonyms = loadZhSynonyms();
  return {
    zhAlternatives: (chunk) => {
      // Longest forms first, each replacement applied to what the earlier ones left, so 出兵出警国 is not
      // also read as 出兵 + 出警国.
      const out = new Set<string>();
      let base = chunk;
      for (const s of synonyms) {
        if (!base.includes(s.colloquial)) continue;
        for (const r of s.report) out.add(base.split(s.colloquial).join(r));
        base = base.split(s.colloquial).join(s.report[0]!);
        out.add(base);
      }
      return [...out];
    },
    unitAliases: lexicon.units.map((u) => ({ department: u.department, office: u.office, english: u.english ?? null, aliases: [...u.aliases, ...(u.sharedNames ?? [])] })),
    translate: (q) => translateTerms(q, lexicon).matched.map((m) => ({ zh: m.zh, text: m.text })),
    findUnits: (q) => findOrgUnits(q, lexicon).map((m) => ({ department: m.department, office: m.office, matchedText: m.matchedText })),
  };
}
