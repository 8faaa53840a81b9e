// Connects the bilingual lexicon (retrieval/lexicon/) to the engine: unit aliases, unit finding and
// English -> Chinese term translation.
import { findOrgUnits, loadLexicon, translateTerms } from './lexicon/index.ts';
import type { Translation, UnitRef } from './understand.ts';
import type { UnitAliases } from './units.ts';

export interface LexiconHooks {
  unitAliases: UnitAliases[];
  translate: (q: string) => Translation[];
  findUnits: (q: string) => UnitRef[];
}

export function loadLexiconHooks(): LexiconHooks {
  const lexicon = loadLexicon();
  return {
    unitAliases: lexicon.units.map((u) => ({ department: u.department, office: u.office, english: u.english ?? null, aliases: [...u.aliases, ...(u.sharedNames ?? [])] })),
    translate: (q) => translateTerms(q, lexicon).matched.map((m) => ({ zh: m.zh, text: m.text })),
    findUnits: (q) => findOrgUnits(q, lexicon).map((m) => ({ department: m.department, office: m.office, matchedText: m.matchedText })),
  };
}
