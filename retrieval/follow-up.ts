// Follow-ups refine the last plan: switch the unit or status, narrow, turn a list into a count or a
// comparison, add earlier answers up, or explain what was just shown. A question that stands on its own
// is read alone. Pure: (reading, context) -> frame, shape and what was carried.
import * as F from './lexicon/question-forms.ts';
import { z } from 'zod';
import { LanguageSchema, PlanSchema, sameUnit, UnitRefSchema, type Plan } from './plan.ts';
import { shapeOf, type Frame, type Reading, type Shape } from './planner.ts';

/**
 * What a conversation remembers between turns: the last Plan itself (persisted by the caller's store as JSON, and
 * validated when read back — a damaged or older entry reads as no context).
 */
export const ConversationContextSchema = z.object({
  plan: PlanSchema,
  /** Ids of the rows the last answer showed, in the order shown. */
  shownRowIds: z.array(z.string()),
  /** The plans of the earlier turns, newest last (for "加起来呢？", "compare the two"). */
  history: z.array(PlanSchema),
  /** The units of the last answer's groups in the order shown (a ranking's winner first), for "that department". */
  shownUnits: z.array(UnitRefSchema).optional(),
  language: LanguageSchema,
});
export type ConversationContext = z.infer<typeof ConversationContextSchema>;

export type FollowUp =
  | { kind: 'standalone' }
  | { kind: 'merged'; frame: Frame; shape: Shape; carried: Plan['carried'] }
  | { kind: 'no_context' };


/** Does this turn lean on the one before? Markers, pronouns, or a question with no subject of its own. */
export function leansOnContext(question: string, r: Reading, ctx: ConversationContext): boolean {
  // "另外问一下", "separate question": the turn says it is new.
  if (r.understanding.reading.mentions.some((m) => m.meaning.kind === 'reference' && m.meaning.ref === 'new')) return false;
  if (F.NARROW.test(question) || F.SWITCH.test(question) || F.ANAPHORA.test(question)) return true;
  // A word the reference recogniser read as pointing back (其中, 刚才, those, the previous one …).
  if (r.understanding.reading.mentions.some((m) => m.meaning.kind === 'reference' && m.meaning.ref !== 'reset' && m.meaning.ref !== 'new')) return true;
  if (r.form.wholeReport || r.form.summary) return false;
  // A ranking that names its own level ("哪个部门…最多") looks at the whole report.
  if (r.shape.kind === 'rank' && r.form.groupLevel && r.frame.units.length === 0) return false;
  const complete = r.frame.units.length > 0 && (r.frame.status.length > 0 || r.frame.topic !== null);
  if (complete) return false;
  // A question with a subject of its own — a topic the rows have — is a new question, not a follow-up.
  if (r.frame.topic !== null && r.frame.topic.concepts.length > 0) return false;
  // "一共有几项产出？" after a unit: a question with nothing of its own but the measure is about the last answer's rows.
  if (r.frame.units.length === 0 && r.frame.status.length === 0 && !r.frame.topic && ctx.plan.filters.units.length > 0) return true;
  // "how many were postponed?": no subject noun, so the subject is the last answer's.
  return !F.SUBJECT_NOUN.test(question);
}

export function followUp(question: string, r: Reading, ctx: ConversationContext | undefined): FollowUp {
  const explain = F.EXPLAIN.test(question) && r.frame.units.length === 0 && r.shape.kind !== 'none';
  const combine = F.COMBINE.test(question) && !F.SUBJECT_NOUN.test(question) && r.frame.units.length === 0 && r.frame.status.length === 0 && !r.frame.topic;
  if (!ctx) return explain && !r.frame.topic ? { kind: 'no_context' } : { kind: 'standalone' };
  if (r.shape.kind === 'none' && r.shape.reason !== null) return { kind: 'standalone' };

  if (explain) {
    // "为什么？" explains the rows just shown; "why was the second one late?" the one it points at.
    const n = F.ordinalIn(question);
    const ids = n === null ? ctx.shownRowIds : [ctx.shownRowIds.at(n > 0 ? n - 1 : n)].filter((x): x is string => !!x);
    return { kind: 'merged', frame: { ...ctx.plan.filters, rowIds: ids }, shape: { ...shapeOf(ctx.plan), kind: 'explain', groupBy: null, order: null }, carried: ['rows'] };
  }
  if (combine && ctx.history.length > 0) {
    // "加起来呢？": the last two answers' rows together, counted.
    const prev = ctx.history[ctx.history.length - 1]!.filters;
    const units = [...prev.units, ...ctx.plan.filters.units.filter((u) => !prev.units.some((p) => sameUnit(p, u)))];
    const shape: Shape = { ...shapeOf(ctx.plan), kind: 'count', groupBy: null, order: null, limit: null };
    return { kind: 'merged', frame: { ...ctx.plan.filters, units }, shape, carried: ['combined'] };
  }
  if (!leansOnContext(question, r, ctx)) return { kind: 'standalone' };

  const narrow = F.NARROW.test(question);
  const carried: Plan['carried'] = [];
  const frame: Frame = { ...r.frame };
  const prev = ctx.plan.filters;
  const prevShape = shapeOf(ctx.plan);

  // Units: a new one switches (or, with 其中/only, narrows within); none keeps the old ones.
  if (r.frame.units.length === 0 && r.form.compare && prev.units.length < 2) {
    // "compare the two": the units of the last two turns.
    const earlier = ctx.history[ctx.history.length - 1]?.filters.units ?? [];
    frame.units = [...earlier, ...prev.units.filter((u) => !earlier.some((e) => sameUnit(e, u)))];
    carried.push('unit');
  } else if (r.frame.units.length === 0 && r.shape.kind === 'rank' && F.ANAPHORA.test(question) && prevShape.kind === 'rank' && ctx.shownUnits?.length) {
    // "and within that department, which office…": the unit the last ranking put first.
    frame.units = [ctx.shownUnits[0]!];
    carried.push('unit');
  } else if (r.frame.units.length === 0 && (!r.form.wholeReport || F.ANAPHORA.test(question))) {
    frame.units = prev.units;
    frame.excludedUnits = [...prev.excludedUnits, ...r.frame.excludedUnits];
    if (prev.units.length) carried.push('unit');
  } else if (r.form.compare || (r.shape.kind === 'compare' && r.frame.units.length === 1)) {
    frame.units = [...prev.units, ...r.frame.units.filter((u) => !prev.units.some((p) => sameUnit(p, u)))];
    if (prev.units.length) carried.push('unit');
  } else if (narrow && prev.rowIds === null && prev.units.length > 0) {
    // "其中哪些属于副秘书长办公室": an office within the department shown replaces it; another unit narrows to nothing.
    const within = r.frame.units.every((u) => prev.units.some((p) => p.department === u.department && p.office === null));
    if (!within) frame.rowIds = [];
  }
  // Statuses: a new one switches ("高于计划的呢？"), or with 其中/of them narrows ("其中没完成的呢？").
  if (r.frame.status.length === 0) {
    frame.status = prev.status;
    frame.statusJoin = prev.statusJoin;
    frame.excludedStatus = [...prev.excludedStatus, ...r.frame.excludedStatus];
    if (prev.status.length) carried.push('status');
  } else if (F.ADD.test(question) && prev.status.length > 0) {
    // "把低于计划的也加上": the new status joins the old ones, either will do.
    frame.status = [...prev.status, ...r.frame.status.filter((s) => !prev.status.includes(s))];
    frame.statusJoin = 'or';
    carried.push('status');
  } else if (narrow && prev.status.length > 0) {
    frame.status = [...prev.status, ...r.frame.status.filter((s) => !prev.status.includes(s))];
    frame.statusJoin = 'and';
    carried.push('status');
  }
  if (!r.frame.topic && prev.topic) {
    frame.topic = prev.topic;
    carried.push('topic');
  }
  if (!r.frame.accomplishment && prev.accomplishment) frame.accomplishment = prev.accomplishment;
  if (narrow && prev.rowIds) frame.rowIds = prev.rowIds;

  // What to measure: the question's own word wins; else the last answer's measure goes on.
  let shape: Shape = r.shape;
  if (!r.explicitMeasure || (r.shape.kind === 'lookup' && !r.frame.topic)) {
    shape = { ...prevShape };
    carried.push('measure');
  } else if (F.HOW_MANY_FOLLOW.test(question) && r.shape.kind === 'count' && prevShape.kind === 'compare') {
    shape = { ...prevShape };
  }
  // "and which had the most not completed?" ranks at the level the last ranking used.
  if (shape.kind === 'rank' && !r.form.groupLevel) {
    // "which one had the most?" after DFS's divisions, "within that department…": offices of the one department.
    const oneDepartment = frame.units.length === 1 && frame.units[0]!.office === null;
    shape = { ...shape, groupBy: oneDepartment ? 'office' : prevShape.kind === 'rank' ? prevShape.groupBy : 'department' };
  }
  // Words that were a topic when read alone are phrasing once the context supplies a unit or status.
  if (frame.topic && (frame.units.length > 0 || frame.status.length > 0)) frame.topic = { ...frame.topic, soft: true };
  if (r.form.compare) shape = { ...shape, kind: 'compare', groupBy: null, order: null };
  if (shape.kind === 'compare' && frame.units.length < 2) shape = { ...shape, kind: 'count' };
  if (shape.kind === 'count' && frame.units.length >= 2 && r.frame.units.length === 0) shape = { ...shape, kind: 'compare' };
  return { kind: 'merged', frame, shape, carried: [...new Set(carried)] };
}
