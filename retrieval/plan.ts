// The typed query plan a question is parsed into, follow-ups refine and one executor runs.
// Filters are data (a predicate tree), so a slash command, a question and a follow-up all produce the same thing.
import { z } from 'zod';
import { StatusFlagSchema, type StatusFlag } from '../store/schema.ts';

export const LanguageSchema = z.enum(['zh', 'en']);
export type Language = z.infer<typeof LanguageSchema>;

/** A department ("B") or one of its offices ("B", "a"); office null = the whole department. */
export const UnitRefSchema = z.object({ department: z.string().min(1), office: z.string().nullable() });
export type UnitRef = z.infer<typeof UnitRefSchema>;

/** The one key format of a unit: "B" for a department, "B-a" for one of its offices. */
export const unitKey = (department: string, office: string | null = null): string => (office ? `${department}-${office}` : department);
export const keyOf = (u: UnitRef): string => unitKey(u.department, u.office);
export const sameUnit = (a: UnitRef, b: UnitRef): boolean => a.department === b.department && a.office === b.office;
/** The key of the unit a record falls under at a level: its department, or its office (an office-less department stands for itself). */
export const recordUnitKey = (r: { department: { code: string }; office: { code: string } | null }, level: 'department' | 'office'): string =>
  level === 'office' ? unitKey(r.department.code, r.office?.code ?? null) : r.department.code;

/** Words matched against a row's planned cell, values' labels and 说明 by the relevance rule. */
export const TopicSchema = z.object({
  /** The topic as the question said it, for display. */
  text: z.string(),
  /** Concepts, each a set of alternative phrasings in the report's language. */
  concepts: z.array(z.array(z.string())),
  /** Names (capitalised words) the question used; a name the report never prints matches nothing. */
  names: z.array(z.string()),
  /** True when the topic may be read as phrasing if it matches none of the otherwise filtered rows. */
  soft: z.boolean(),
});
export type Topic = z.infer<typeof TopicSchema>;

export type Predicate =
  | { op: 'all' }
  | { op: 'unit'; unit: UnitRef }
  | { op: 'status'; flag: StatusFlag }
  | { op: 'accomplishment'; code: string }
  | { op: 'topic'; topic: Topic }
  | { op: 'ids'; ids: string[] }
  | { op: 'and'; args: Predicate[] }
  | { op: 'or'; args: Predicate[] }
  | { op: 'not'; arg: Predicate };

export const PredicateSchema: z.ZodType<Predicate> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.object({ op: z.literal('all') }),
    z.object({ op: z.literal('unit'), unit: UnitRefSchema }),
    z.object({ op: z.literal('status'), flag: StatusFlagSchema }),
    z.object({ op: z.literal('accomplishment'), code: z.string() }),
    z.object({ op: z.literal('topic'), topic: TopicSchema }),
    z.object({ op: z.literal('ids'), ids: z.array(z.string()) }),
    z.object({ op: z.literal('and'), args: z.array(PredicateSchema) }),
    z.object({ op: z.literal('or'), args: z.array(PredicateSchema) }),
    z.object({ op: z.literal('not'), arg: PredicateSchema }),
  ]),
);

export const GroupBySchema = z.enum(['department', 'office', 'status', 'accomplishment']);
export type GroupBy = z.infer<typeof GroupBySchema>;

/** Why a question gets no rows although it was understood. */
export const UnansweredReasonSchema = z.enum([
  /** Asks for a kind of quantity the report does not have (money, vacancy rates, other periods). */
  'not_in_report',
  /** Names an organisation, place, person or year the report never mentions. */
  'outside_report',
  /** A unit name that matches no department or office. */
  'unknown_unit',
  /** A follow-up with nothing to follow ("为什么？" with no earlier answer). */
  'no_context',
  /** The user cleared the conversation. */
  'reset',
]);
export type UnansweredReason = z.infer<typeof UnansweredReasonSchema>;

/**
 * The rows a plan is about, as parts a follow-up can switch or narrow one by one; `where` is built from them (a
 * command or a follow-up states some parts and the conversation supplies the rest).
 */
export const PlanFiltersSchema = z.object({
  units: z.array(UnitRefSchema),
  excludedUnits: z.array(UnitRefSchema),
  status: z.array(StatusFlagSchema),
  /** Statuses joined by and ("both not completed and postponed") rather than or. */
  statusJoin: z.enum(['and', 'or']),
  excludedStatus: z.array(StatusFlagSchema),
  /** Kept apart from the exact filters: words matched against the rows' text by the relevance rule. */
  topic: TopicSchema.nullable(),
  accomplishment: z.string().nullable(),
  /** Narrowed to rows shown earlier ("其中…", "why?"), by id. */
  rowIds: z.array(z.string()).nullable(),
});
export type PlanFilters = z.infer<typeof PlanFiltersSchema>;

export const NO_FILTERS: PlanFilters = { units: [], excludedUnits: [], status: [], statusJoin: 'or', excludedStatus: [], topic: null, accomplishment: null, rowIds: null };

/** What the question asks, decided once: the measure as the asker means it (a ranking, a breakdown, an overview …). */
export const PlanKindSchema = z.enum(['rows', 'overview', 'count', 'breakdown', 'lookup', 'share', 'rank', 'compare', 'summary', 'explain', 'none']);
export type PlanKind = z.infer<typeof PlanKindSchema>;

/** Parts of a plan a turn can state or leave to the conversation. */
export const PlanPartSchema = z.enum(['unit', 'status', 'topic', 'measure', 'rows', 'combined', 'accomplishment']);
export type PlanPart = z.infer<typeof PlanPartSchema>;

export const PlanSchema = z.object({
  /**
   * rows: the matching rows (a list); count: how many (with groups when grouped); lookup: the best rows for a
   * specific output; share: part over whole; summary: every department × status; explain: the 说明 of rows
   * just shown; none: unanswerable (see reason).
   */
  measure: z.enum(['rows', 'count', 'lookup', 'share', 'summary', 'explain', 'none']),
  where: PredicateSchema,
  /** For share: the numerator, applied within `where`. */
  part: PredicateSchema.nullable(),
  groupBy: GroupBySchema.nullable(),
  /** Ranking: groups ordered most first (desc) or fewest first (asc); null keeps report order. */
  order: z.enum(['desc', 'asc']).nullable(),
  /** Rank by row count or by the share of `part` within each group. */
  rankBy: z.enum(['count', 'share']),
  /** Top N groups (ties at the cut kept). */
  limit: z.number().int().positive().nullable(),
  /** Units side by side on the same measure (a comparison). */
  compare: z.array(UnitRefSchema).nullable(),
  /** Within which units a ranking looks ("which office of DFS"); empty = the whole report. */
  scope: z.array(UnitRefSchema),
  language: LanguageSchema,
  reason: UnansweredReasonSchema.nullable(),
  /** What a follow-up took from the conversation (implied), for "接上文：…" (empty for a question read alone). */
  carried: z.array(PlanPartSchema),
  /** What the turn itself said (stated); with `carried`, every part of the plan says where it came from. */
  stated: z.array(PlanPartSchema).default([]),
  /** The rows as parts (`where` is built from them); older stored plans without them read as none. */
  filters: PlanFiltersSchema.default(NO_FILTERS),
  kind: PlanKindSchema.default('rows'),
});
export type Plan = z.infer<typeof PlanSchema>;

export const ALL: Predicate = { op: 'all' };

export function and(...args: Array<Predicate | null | undefined>): Predicate {
  const parts = args.filter((p): p is Predicate => !!p && p.op !== 'all').flatMap((p) => (p.op === 'and' ? p.args : [p]));
  return parts.length === 0 ? ALL : parts.length === 1 ? parts[0]! : { op: 'and', args: parts };
}

export function or(...args: Predicate[]): Predicate {
  if (args.some((p) => p.op === 'all')) return ALL;
  const parts = args.flatMap((p) => (p.op === 'or' ? p.args : [p]));
  return parts.length === 1 ? parts[0]! : { op: 'or', args: parts };
}

export const unitPredicate = (units: readonly UnitRef[]): Predicate | null =>
  units.length === 0 ? null : or(...units.map((unit) => ({ op: 'unit' as const, unit: { department: unit.department, office: unit.office } })));

export function basePlan(language: Language, where: Predicate = ALL): Plan {
  return { measure: 'rows', where, part: null, groupBy: null, order: null, rankBy: 'count', limit: null, compare: null, scope: [], language, reason: null, carried: [], stated: [], filters: NO_FILTERS, kind: 'rows' };
}

/** Every leaf of a predicate, with whether it sits under a `not`. */
export function leaves(p: Predicate, negated = false): Array<{ leaf: Predicate; negated: boolean }> {
  switch (p.op) {
    case 'and':
    case 'or':
      return p.args.flatMap((a) => leaves(a, negated));
    case 'not':
      return leaves(p.arg, !negated);
    default:
      return [{ leaf: p, negated }];
  }
}

/** The units a plan's `where` names positively (for carrying over and for headers). */
export const unitsOf = (p: Predicate): UnitRef[] =>
  leaves(p).flatMap(({ leaf, negated }) => (leaf.op === 'unit' && !negated ? [leaf.unit] : []));

export const statusesOf = (p: Predicate): StatusFlag[] =>
  leaves(p).flatMap(({ leaf, negated }) => (leaf.op === 'status' && !negated ? [leaf.flag] : []));

/** A copy of the predicate with every leaf of one kind removed (to switch it in a follow-up). */
export function without(p: Predicate, drop: (leaf: Predicate) => boolean): Predicate {
  switch (p.op) {
    case 'and':
      return and(...p.args.map((a) => without(a, drop)));
    case 'or': {
      const kept = p.args.filter((a) => !(a.op !== 'and' && a.op !== 'or' && a.op !== 'not' && drop(a))).map((a) => without(a, drop));
      return kept.length === 0 ? ALL : or(...kept);
    }
    case 'not': {
      const inner = without(p.arg, drop);
      return inner.op === 'all' ? ALL : { op: 'not', arg: inner };
    }
    default:
      return drop(p) ? ALL : p;
  }
}

/** The plan a slash command stands for: a unit (optional), a status (optional), and what to measure. */
export function commandPlan(params: {
  language: Language;
  unit?: UnitRef | null;
  status?: StatusFlag | null;
  measure: 'rows' | 'count';
  /** Counts broken down by department/office. */
  groupBy?: GroupBy | null;
}): Plan {
  const where = and(unitPredicate(params.unit ? [params.unit] : []), params.status ? { op: 'status', flag: params.status } : null);
  const filters: PlanFilters = { ...NO_FILTERS, units: params.unit ? [params.unit] : [], status: params.status ? [params.status] : [] };
  const kind: PlanKind = params.measure === 'count' ? (params.groupBy ? 'breakdown' : 'count') : params.groupBy ? 'overview' : 'rows';
  const stated: PlanPart[] = ['measure', ...(params.unit ? (['unit'] as const) : []), ...(params.status ? (['status'] as const) : [])];
  return { ...basePlan(params.language, where), measure: params.measure, groupBy: params.groupBy ?? null, filters, kind, stated };
}
