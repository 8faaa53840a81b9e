// The retrieval stage's typed boundary: what an answer looks like to its consumers (present/, bot/, app/).
// Answers are structured — plan, rows, groups, ratio, a reason when nothing matched; words and labels are
// the presentation layer's.
import { z } from 'zod';
import { CodedNameSchema, OutputRecordSchema, StatusFlagSchema, STATUS_FLAGS, type OutputRecord, type StatusFlag } from '../store/schema.ts';
import { LanguageSchema, PlanSchema, UnansweredReasonSchema, type Language, type Plan, type UnitRef } from './plan.ts';

export { LanguageSchema, type Language, type Plan, type UnitRef } from './plan.ts';

export const IntentSchema = z.enum(['list', 'count', 'breakdown', 'lookup', 'overview', 'rank', 'share', 'compare', 'summary', 'explain', 'none']);
export type Intent = z.infer<typeof IntentSchema>;

/** The filters a plan applies, flattened for headers ("外勤支助部；推迟"). */
export const QueryFiltersSchema = z.object({
  departments: z.array(z.string()),
  offices: z.array(z.string()),
  accomplishment: z.string().nullable(),
  status: z.array(StatusFlagSchema),
  /** Statuses joined by and ("both not completed and postponed") rather than or. */
  statusJoin: z.enum(['or', 'and']),
  /** Units and statuses excluded ("except DM", "not postponed"). */
  excludedUnits: z.array(z.string()),
  excludedStatus: z.array(StatusFlagSchema),
  topic: z.string().nullable(),
});
export type QueryFilters = z.infer<typeof QueryFiltersSchema>;

export const StatusCountsSchema = z.object(Object.fromEntries(STATUS_FLAGS.map((f) => [f, z.number().int().nonnegative()])) as Record<StatusFlag, z.ZodNumber>);
export type StatusCounts = Record<StatusFlag, number>;

/** One unit an answer aggregates over: a department, or an office (office-less departments stand for themselves). */
export const GroupSchema = z.object({
  department: CodedNameSchema,
  office: CodedNameSchema.nullable(),
  /** Rows of this unit that match (the measure: the numerator for a share ranking). */
  count: z.number().int().nonnegative(),
  /** All rows of this unit within the question's scope (the denominator for shares). */
  whole: z.number().int().nonnegative(),
  /** count / whole, or null when whole is 0. */
  share: z.number().nullable(),
  /** The unit's matching rows per status flag (for stacked charts and summaries). */
  byStatus: StatusCountsSchema,
  /** A status group (groupBy status) names its flag here, department/office then name the scope. */
  status: StatusFlagSchema.nullable(),
  /** 1-based rank in a ranking (equal counts share a rank), null otherwise. */
  rank: z.number().int().positive().nullable(),
});
export type Group = z.infer<typeof GroupSchema>;

export const BreakdownEntrySchema = z.object({
  department: CodedNameSchema,
  office: CodedNameSchema.nullable(),
  count: z.number().int().nonnegative(),
});
export type BreakdownEntry = z.infer<typeof BreakdownEntrySchema>;

export const NamedUnitSchema = z.object({
  department: CodedNameSchema,
  office: CodedNameSchema.nullable(),
  englishName: z.string().nullable(),
});
export type NamedUnit = z.infer<typeof NamedUnitSchema>;

/** Which recogniser read which words of the question, and as what (for `--explain` and 👎 exports). */
export const TraceEntrySchema = z.object({
  recogniser: z.string(),
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** What the words were read as, e.g. "unit B", "status postponed", "measure count", "ignored (form word)". */
  meaning: z.string(),
});
export type TraceEntry = z.infer<typeof TraceEntrySchema>;

/** A name the question uses that the report does not have ("政治事务部", "UNDP", "2016/17"). */
export const UnknownNameSchema = z.object({
  text: z.string(),
  kind: z.enum(['unit', 'organisation', 'place', 'person', 'year', 'symbol', 'name']),
});
export type UnknownName = z.infer<typeof UnknownNameSchema>;

/** Another reading of the question (or a suggested next step): a one-line description and the plan it runs. */
export const AlternativeSchema = z.object({
  /** In the answer's language, short enough for a button label (≤ 80 characters). */
  description: z.string(),
  plan: PlanSchema,
});
export type Alternative = z.infer<typeof AlternativeSchema>;

/** A word read as another (a typo): "外勤支助布" -> "外勤支助部". */
export const CorrectionSchema = z.object({ from: z.string(), to: z.string() });
export type Correction = z.infer<typeof CorrectionSchema>;

export const AnswerSchema = z.object({
  intent: IntentSchema,
  language: LanguageSchema,
  question: z.string(),
  /** The plan as understood (after any follow-up merge). */
  plan: PlanSchema,
  filters: QueryFiltersSchema,
  /** The units the plan names, with their names (for "how it was understood"). */
  units: z.array(NamedUnitSchema),
  /** Number of matching records (0 when nothing matches); for a share, the part. */
  total: z.number().int().nonnegative(),
  /** Lists/counts: every matching record in report order; lookup: best first; explain: the rows explained. */
  rows: z.array(OutputRecordSchema),
  /** The units aggregated over, in the order shown (ranking best first; comparison one per unit). */
  groups: z.array(GroupSchema),
  /** For a share: part and whole in rows. */
  ratio: z.object({ part: z.number().int().nonnegative(), whole: z.number().int().nonnegative() }).nullable(),
  /** Per-department (and office) counts of `rows`, report order. */
  breakdown: z.array(BreakdownEntrySchema),
  /** Why there are no rows, when the question was understood but the report cannot answer it. */
  reason: UnansweredReasonSchema.nullable(),
  /** Words of the question the reading did not use (form and filler words, topics with no evidence in the rows). */
  ignored: z.array(z.string()).default([]),
  /** Names the report does not have; when non-empty and nothing else was asked, the answer has no rows. */
  unknown: z.array(UnknownNameSchema).default([]),
  /** Typos read as meant. */
  corrections: z.array(CorrectionSchema).default([]),
  /** Other close readings of the question, likelier first; picking one runs its plan as a turn. */
  alternatives: z.array(AlternativeSchema).default([]),
  /** Suggested next steps (list these rows, by office, compare, why …); picking one runs its plan as a turn. */
  suggestions: z.array(AlternativeSchema).default([]),
  /** Which recogniser produced each part of the reading. */
  trace: z.array(TraceEntrySchema).default([]),
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

/** Where a turn belongs: one user in one channel, a DM, a thread, a terminal session, an `ask` conversation id. */
export interface TurnOptions {
  conversation?: string;
}


/** What the bot and the CLI may ask of the retrieval stage. */
export interface ReportQueries {
  /** Any free-text question, Chinese or English; a follow-up when the conversation has context. */
  ask(question: string, options?: TurnOptions): Promise<Answer>;
  /** A plan built directly (slash commands); a turn of the conversation like any question. */
  run(plan: Plan, options?: TurnOptions & { question?: string }): Promise<Answer>;
  /** Forget a conversation's context ("/reset", "重新开始", "new question"). */
  reset(conversation: string): Promise<void>;
  /** The last answer of a conversation (for /export and the source buttons), if any. */
  lastAnswer(conversation: string): Promise<Answer | undefined>;
  /** A unit typed by a user (name, alias, or code such as "A-b"); null when it names none. */
  resolveUnit(typed: string, office?: string): UnitRef | null;
  /** One record by id, or undefined. */
  row(id: string): OutputRecord | undefined;
  /** All departments and offices, report order. */
  units(): OrgUnit[];
  /** Units whose names/aliases/codes contain the typed text (case-insensitive), best first. */
  suggestUnits(typed: string, limit: number): OrgUnit[];
}
