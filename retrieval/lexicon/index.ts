// The bilingual lexicon's one entry: unit names and English -> Chinese domain terms, as tested data.
export * from './schema.ts';
export { stemWord } from './text.ts';
export { buildLexicon, loadLexicon, parseGlossary, parseOrgUnits } from './build.ts';
export { findOrgUnits, translateTerms } from './match.ts';
