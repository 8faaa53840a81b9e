// Question -> typed plan. The question is read once (understand.ts: units, statuses, topic, intent) after its
// form words are cut out (rankings, shares, comparisons, negation, exclusion), and the form decides the
// plan's measure, grouping and order. Pure over the question; follow-ups are merged later (follow-up.ts).
import type { StatusFlag } from '../store/schema.ts';
import * as F from './lexicon/question-forms.ts';
import { and, basePlan, or, unitPredicate, type GroupBy, type Plan, type PlanFilters, type PlanKind, type PlanPart, type Predicate, type UnitRef } from './plan.ts';
import { detectLanguage, understand, type UnderstandDeps, type Understanding } from './understand.ts';

/** What rows a question is about: the plan's filters. */
export type Frame = PlanFilters;

/** What is measured over those rows. */
export interface Shape {
  kind: PlanKind;
  groupBy: GroupBy | null;
  order: 'asc' | 'desc' | null;
  rankBy: 'count' | 'share';
  limit: number | null;
  reason: Plan['reason'];
}

/** What a question says on its own, before any conversation context is applied. */
export interface Reading {
  frame: Frame;
  shape: Shape;
  language: Plan['language'];
  understanding: Understanding;
  /** The question said what to measure (a count, a list, a ranking …) rather than leaving it to the context. */
  explicitMeasure: boolean;
  form: { rank: boolean; share: boolean; compare: boolean; summary: boolean; wholeReport: boolean; groupLevel: boolean };
}

const COMPLETION = /^(已经?完成|完成了?|已完成的?|completed?|delivered|achieved)$/i;


/** The report covers 2013/14; a question about another fiscal year's outputs is outside it ("2012/13年度…"). */
export function asksAboutAnotherPeriod(text: string): boolean {
  for (const m of text.matchAll(/(19|20)(\d{2})\s*[\/-]\s*(\d{2})/g)) {
    if (`${m[2]}/${m[3]}` === '13/14') continue;
    // "推迟到2014/15 年度" names where a postponed output went, not the period asked about.
    if (/(到|至|延至|推迟至|until|to|into|till)\s*$/i.test(text.slice(Math.max(0, m.index! - 6), m.index!))) continue;
    return true;
  }
  return false;
}

function groupLevel(text: string, units: readonly UnitRef[]): GroupBy {
  if (F.GROUP_STATUS.test(text)) return 'status';
  if (F.GROUP_OFFICE.test(text)) return 'office';
  // A generic word (单位, unit, entity) within one named department means its offices; 部门 / department says departments.
  const oneDepartment = units.length === 1 && units[0]!.office === null;
  if (F.GROUP_DEPARTMENT.test(text) && !(oneDepartment && !/部门|\bdepartments?\b/i.test(text))) return 'department';
  // "Which office of DFS…" reads as offices; a ranking within one named department can only be over its offices.
  return units.length === 1 && units[0]!.office === null ? 'office' : 'department';
}

export function readQuestion(question: string, deps: UnderstandDeps): Reading {
  const language = detectLanguage(question);
  const has = (re: RegExp) => new RegExp(re.source, re.flags.replace('g', '')).test(question);
  const form = {
    rank: has(F.RANK_MOST) || has(F.RANK_FEWEST) || has(F.RANK_WORDS),
    share: has(F.SHARE),
    compare: has(F.COMPARE),
    summary: F.SUMMARY.test(question),
    wholeReport: F.WHOLE_REPORT.test(question),
    groupLevel: F.GROUP_OFFICE.test(question) || F.GROUP_DEPARTMENT.test(question) || F.GROUP_STATUS.test(question),
  };
  // Measure and grouping words are mentions of their own, so they never reach the topic.
  let u = understand(question, deps);
  // "the share of women among roster candidates", "比例提高了多少": with no unit or status to take a share of,
  // the share word belongs to the topic (a specific output), so the question is read with it kept.
  if (form.share && u.units.length === 0 && u.status.length === 0 && u.concepts.length > 0) {
    form.share = false;
    u = understand(question, deps, { keep: ['share'] });
  }
  const excludedUnits = u.reading.excludedUnits;
  const excludedStatus = u.reading.negatedStatus;
  // Form words cut out above leave the question's own topic; statuses joined by and/or are read from the whole question.
  const both = F.BOTH.test(question) || (language === 'en' && /\b(were|was|are|is|got|been)\b[^?]*\band\b/i.test(question) && u.status.length > 1 && !/\bor\b/i.test(question));
  const units: UnitRef[] = u.units.map((x) => ({ department: x.department, office: x.office }));
  // "完成的比例", "(completed)": a completion word in a share, ranking or comparison is the 是 status, not a topic.
  if (form.rank || form.share || form.compare) {
    const i = u.concepts.findIndex((c) => c.some((alt) => COMPLETION.test(alt)));
    if (i >= 0) {
      u.concepts.splice(i, 1);
      u.topic = u.concepts.map((c) => c.join('/')).join(' ');
      if (u.status.length === 0) u.status.push('completed');
    }
  }
  const status = u.status.filter((s) => !excludedStatus.includes(s));
  const frame: Frame = {
    units,
    excludedUnits,
    status,
    statusJoin: status.length > 1 && both ? 'and' : 'or',
    excludedStatus,
    topic: u.concepts.length ? { text: u.topic, concepts: u.concepts, names: u.names, soft: units.length + status.length > 0 || u.accomplishment !== null } : null,
    accomplishment: u.accomplishment,
    rowIds: null,
  };
  const shape: Shape = { kind: 'lookup', groupBy: null, order: null, rankBy: 'count', limit: null, reason: null };
  const done = (s: Partial<Shape>, explicitMeasure = true): Reading => ({ frame, shape: { ...shape, ...s }, language, understanding: u, explicitMeasure, form });

  if (u.intent === 'none') return done({ kind: 'none', reason: 'outside_report' });
  // Money, posts and other quantities the report does not give; another period unless the question places itself here.
  const [money, posts, troops, otherPeriod] = F.NOT_IN_REPORT;
  // Where a postponed output went ("推到下一年度", "put off to the next period") is not the period asked about.
  const asked = question.replace(F.DESTINATION_PERIOD, ' ');
  const anotherPeriod = !F.THIS_REPORT.test(question) && (otherPeriod!.test(asked) || asksAboutAnotherPeriod(question));
  if ([money, posts, troops].some((re) => re!.test(question)) || anotherPeriod) return done({ kind: 'none', reason: 'not_in_report' });
  // A name the report does not have: say so, never answer over everything else.
  if (u.reading.unknown.length > 0) return done({ kind: 'none', reason: u.reading.unknown.some((x) => x.kind === 'unit') ? 'unknown_unit' : 'outside_report' });
  if ((units.length >= 2 && (form.compare || F.EACH.test(question))) || (form.compare && units.length >= 1)) return done({ kind: 'compare' });
  const rank = (rankBy: 'count' | 'share'): Reading =>
    done({ kind: 'rank', groupBy: groupLevel(question, units), order: has(F.RANK_FEWEST) ? 'asc' : 'desc', rankBy, limit: F.topN(question) });
  // "the share of women among candidates" is a topic, not a share of rows: a share needs a status or unit, or nothing else.
  if (form.share && (status.length > 0 || units.length > 0 || !frame.topic)) return form.rank && status.length > 0 ? rank('share') : done({ kind: 'share' });
  if (form.rank) return rank('count');
  if (form.summary && units.length === 0 && status.length === 0 && !frame.topic) return done({ kind: 'summary', groupBy: 'department' });
  switch (u.intent) {
    case 'count':
      return done({ kind: units.length >= 2 ? 'compare' : 'count' });
    case 'breakdown':
      return done({ kind: 'breakdown', groupBy: F.GROUP_OFFICE.test(question) ? 'office' : F.GROUP_STATUS.test(question) ? 'status' : 'department' });
    case 'list':
      return done({ kind: 'rows' });
    case 'overview':
      return done({ kind: 'overview', groupBy: 'department' }, false);
    default:
      return done({ kind: 'lookup' }, false);
  }
}

/** The predicate for a frame's rows; `withUnits` false leaves the units out (a comparison lists them instead). */
export function whereOf(frame: Frame, withUnits = true): Predicate {
  const statusPred: Predicate | null = frame.status.length === 0 ? null : (frame.statusJoin === 'and' ? and : or)(...frame.status.map((flag) => ({ op: 'status' as const, flag })));
  return and(
    withUnits ? unitPredicate(frame.units) : null,
    statusPred,
    frame.accomplishment ? { op: 'accomplishment', code: frame.accomplishment } : null,
    frame.topic ? { op: 'topic', topic: frame.topic } : null,
    frame.rowIds ? { op: 'ids', ids: frame.rowIds } : null,
    ...frame.excludedUnits.map((unit): Predicate => ({ op: 'not', arg: { op: 'unit', unit } })),
    ...frame.excludedStatus.map((flag): Predicate => ({ op: 'not', arg: { op: 'status', flag } })),
  );
}

/** Frame + shape -> the plan the executor runs. */
export function planOf(frame: Frame, shape: Shape, language: Plan['language'], carried: Plan['carried'] = [], stated: PlanPart[] = []): Plan {
  const plan: Plan = { ...basePlan(language), carried, reason: shape.reason, filters: frame, kind: shape.kind, stated: stated.filter((p) => !carried.includes(p)), groupBy: shape.groupBy, order: shape.order, rankBy: shape.rankBy, limit: shape.limit };
  switch (shape.kind) {
    case 'none':
      return { ...plan, measure: 'none' };
    case 'compare':
      return { ...plan, measure: 'count', where: whereOf(frame, false), compare: frame.units };
    case 'share': {
      if (frame.status.length > 0) {
        const part = whereOf({ ...frame, units: [], excludedUnits: [], excludedStatus: [], topic: null, accomplishment: null, rowIds: null });
        return { ...plan, measure: 'share', where: whereOf({ ...frame, status: [] }), part };
      }
      return { ...plan, measure: 'share', where: whereOf({ ...frame, units: [] }), part: unitPredicate(frame.units) };
    }
    case 'rank': {
      const scope = shape.groupBy === 'office' ? frame.units.filter((x) => x.office === null) : [];
      const base = { ...plan, measure: 'count' as const, groupBy: shape.groupBy, order: shape.order, rankBy: shape.rankBy, limit: shape.limit, scope };
      if (shape.rankBy === 'share') {
        const part = whereOf({ ...frame, units: [], excludedUnits: [], excludedStatus: [], topic: null, accomplishment: null, rowIds: null });
        return { ...base, where: whereOf({ ...frame, status: [] }), part };
      }
      return { ...base, where: whereOf(frame) };
    }
    case 'summary':
      return { ...plan, measure: 'summary', groupBy: 'department' };
    case 'count':
      return { ...plan, measure: 'count', where: whereOf(frame) };
    case 'breakdown':
      return { ...plan, measure: 'count', where: whereOf(frame), groupBy: shape.groupBy ?? 'department' };
    case 'overview':
      return { ...plan, measure: 'rows', where: whereOf(frame), groupBy: 'department' };
    case 'explain':
      return { ...plan, measure: 'explain', where: whereOf(frame) };
    case 'lookup':
      return { ...plan, measure: 'lookup', where: whereOf(frame) };
    default:
      return { ...plan, measure: 'rows', where: whereOf(frame) };
  }
}

/** The parts of a plan a turn's own words state (the rest, a follow-up takes from the conversation). */
export function statedParts(r: Reading): PlanPart[] {
  return [
    ...(r.frame.units.length || r.frame.excludedUnits.length ? (['unit'] as const) : []),
    ...(r.frame.status.length || r.frame.excludedStatus.length ? (['status'] as const) : []),
    ...(r.frame.topic ? (['topic'] as const) : []),
    ...(r.frame.accomplishment ? (['accomplishment'] as const) : []),
    ...(r.explicitMeasure ? (['measure'] as const) : []),
  ];
}

/** The measure part of a plan, as the follow-up refiners switch it. */
export function shapeOf(plan: Plan): Shape {
  return { kind: plan.kind, groupBy: plan.groupBy, order: plan.order, rankBy: plan.rankBy, limit: plan.limit, reason: plan.reason };
}
