// Bilingual lexicon for the retriever. When no multilingual embedder can be loaded, retrieval runs on
// character n-grams and Chinese keywords over the report's Chinese text, so an English question only
// finds anything once its terms are carried into the Chinese the report uses. Users also name the
// report's departments and offices in many ways (full names, short forms, acronyms, English names);
// findOrgUnits turns all of them into the report's department/office codes.
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

export const OrgUnitEntrySchema = z
  .object({
    department: z.string().regex(/^[A-L]$/, 'department must be one letter A-L'),
    office: z
      .string()
      .regex(/^[a-f]$/, 'office must be one letter a-f')
      .nullable(),
    /** Chinese name exactly as the report's heading prints it. */
    name: z.string().trim().min(1),
    /** Official English name. */
    english: z.string().trim().min(1),
    /** Other names that identify this unit and no other. */
    aliases: z.array(z.string().trim().min(1)),
    /** Names several offices share (副秘书长办公室): ambiguous alone, resolved by composition with a department. */
    sharedNames: z.array(z.string().trim().min(1)).optional(),
  })
  .strict();
export type OrgUnitEntry = z.infer<typeof OrgUnitEntrySchema>;

export const OrgUnitsFileSchema = z
  .object({
    notes: z.string().optional(),
    composition: z
      .object({
        zh: z.array(z.string().includes('{dept}').includes('{office}')),
        en: z.array(z.string().includes('{dept}').includes('{office}')),
      })
      .strict(),
    nonUnits: z.array(z.string().trim().min(1)),
    // Entries are validated one by one below, so an error can name the entry.
    units: z.array(z.unknown()).min(1),
  })
  .strict();
export type OrgUnitComposition = z.infer<typeof OrgUnitsFileSchema>['composition'];

export const GLOSSARY_CATEGORIES = [
  'status',
  'output',
  'meeting',
  'training',
  'document',
  'ict',
  'body',
  'peacekeeping',
  'topic',
  'security',
  'support',
  'finance',
  'hr',
  'procurement',
  'media',
  'oversight',
  'place',
] as const;

export const GlossaryEntrySchema = z
  .object({
    /** Canonical English term, reported back in `matched`. */
    en: z.string().trim().min(1),
    /** Synonyms and irregular forms; regular -s/-es/-ies/-ed/-ing forms are handled by the matcher. */
    variants: z.array(z.string().trim().min(1)).default([]),
    /** Chinese terms exactly as the report writes them. */
    zh: z.array(z.string().trim().min(1)).min(1),
    category: z.enum(GLOSSARY_CATEGORIES),
  })
  .strict();
export type GlossaryEntry = z.infer<typeof GlossaryEntrySchema>;

export const GlossaryFileSchema = z
  .object({
    notes: z.string().optional(),
    entries: z.array(z.unknown()).min(1),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Public result types
// ---------------------------------------------------------------------------------------------

export interface OrgUnitMatch {
  department: string;
  office: string | null;
  /** The question text that named the unit. */
  matchedText: string;
  /**
   * True when the text names an office that several departments have (a bare 副秘书长办公室) and the
   * question names none of those departments: every candidate office is returned, each marked.
   */
  ambiguous: boolean;
}

export interface TermTranslation {
  zhTerms: string[];
  matched: Array<{ en: string; zh: string[]; text: string }>;
}

export interface UnitRef {
  department: string;
  office: string | null;
}

export interface OrgPattern {
  re: RegExp;
  /** Lower-case literals of which the question must contain one for `re` to match (a cheap pre-check). */
  needles: string[];
  /** Empty for non-units: they only consume text so a shorter alias inside them cannot match. */
  targets: UnitRef[];
  kind: 'alias' | 'composed' | 'shared' | 'nonUnit';
}

export interface TermToken {
  /** Short all-caps acronyms compare case-sensitively so "IT"/"DO" do not fire on ordinary words. */
  exact?: string;
  /** Longer acronyms compare whole, case-insensitively: stemming would fold UNMISS into UNMIS. */
  lower?: string;
  stem?: string;
}

export interface TermPattern {
  entry: number;
  tokens: TermToken[];
}

export interface Lexicon {
  units: OrgUnitEntry[];
  composition: OrgUnitComposition;
  nonUnits: string[];
  glossary: GlossaryEntry[];
  /** Compiled matchers; built once by buildLexicon. */
  readonly compiled: {
    orgPatterns: OrgPattern[];
    termIndex: Map<string, TermPattern[]>;
  };
}

export class LexiconError extends Error {
  override name = 'LexiconError';
}
