// The retrieval stage's typed boundary: what an answer looks like to its consumers (the CLI and the bot).
// Consumers render these structures; they never look inside the index or the parser.
import { z } from 'zod';
import { CodedNameSchema, OutputRecordSchema, StatusFlagSchema } from '../store/schema.ts';

export const IntentSchema = z.enum(['list', 'count', 'breakdown', 'lookup', 'overview', 'none']);
export type Intent = z.infer<typeof IntentSchema>;

export const LanguageSchema = z.enum(['zh', 'en']);
export type Language = z.infer<typeof LanguageSchema>;

/** What the question was understood to ask for; shown back to the user so a wrong reading is visible. */
export const QueryFiltersSchema = z.object({
  departments: z.array(z.string()),
  offices: z.array(z.string()),
  accomplishment: z.string().nullable(),
  status: z.array(StatusFlagSchema),
});
export type QueryFilters = z.infer<typeof QueryFiltersSchema>;

export const BreakdownEntrySchema = z.object({
  department: CodedNameSchema,
  office: CodedNameSchema.nullable(),
  count: z.number().int().nonnegative(),
});
export type BreakdownEntry = z.infer<typeof BreakdownEntrySchema>;

export const AnswerSchema = z.object({
  intent: IntentSchema,
  language: LanguageSchema,
  question: z.string(),
  filters: QueryFiltersSchema,
  /** Number of matching records (0 when nothing matches). */
  total: z.number().int().nonnegative(),
  /** list/count/breakdown/overview: every matching record in report order; lookup: best first. */
  rows: z.array(OutputRecordSchema),
  /** Per-department (and office) counts of `rows`, for counts and overviews. */
  breakdown: z.array(BreakdownEntrySchema),
  /** The whole answer as plain text, as the terminal chat prints it. */
  text: z.string(),
});
export type Answer = z.infer<typeof AnswerSchema>;

/** A department or office as users can name it (for slash-command autocomplete and filters). */
export interface OrgUnit {
  kind: 'department' | 'office';
  department: { code: string; name: string };
  office: { code: string; name: string } | null;
  /** English name, if known (e.g. "Department of Field Support"). */
  englishName: string | null;
  /** Every other name users may type: glossary abbreviations, short forms, acronyms. */
  aliases: string[];
  /** Number of output rows under this unit. */
  rowCount: number;
}

/** What the bot and the CLI may ask of the retrieval stage. */
export interface ReportQueries {
  /** Any free-text question, Chinese or English. */
  ask(question: string): Promise<Answer>;
  /** Overview of a department or office named by any name/alias/code, optionally filtered. */
  overview(params: { unit: string; office?: string; status?: z.infer<typeof StatusFlagSchema> }): Promise<Answer>;
  /** Quick count with per-department breakdown; no unit = whole report. */
  count(params: { unit?: string; status?: z.infer<typeof StatusFlagSchema> }): Promise<Answer>;
  /** Postponed outputs, optionally for one unit. */
  postponed(params: { unit?: string }): Promise<Answer>;
  /** One record by id, or undefined. */
  row(id: string): z.infer<typeof OutputRecordSchema> | undefined;
  /** All departments and offices, report order. */
  units(): OrgUnit[];
  /** Units whose names/aliases/codes contain the typed text (case-insensitive), best first. */
  suggestUnits(typed: string, limit: number): OrgUnit[];
}
