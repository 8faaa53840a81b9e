// Answer → bar-chart spec (present/chart.ts draws it). Rankings, comparisons, breakdowns and the whole-report
// summary are charted from answer.groups: one bar per unit, stacked by status when every matching row is in
// the answer (each row counted once, under its most telling status), else one bar of the group's count.
import type { OutputRecord, StatusFlag } from '../store/schema.ts';
import type { Answer, Group } from '../retrieval/types.ts';
import { departmentTotals, groupLabel } from './discord/answer.ts';
import type { ChartSpec } from './chart.ts';
import { STATUS_ORDER, UI, WORDS, statusWord, understoodParts } from './labels.ts';

export type { ChartSpec } from './chart.ts';

export const CHART_INTENTS: ReadonlySet<Answer['intent']> = new Set(['rank', 'compare', 'summary', 'breakdown']);
const MAX_CATEGORIES = 40;

/** One status per row so stacked bars add up to the row count: postponed, then short of plan, then done. */
export function primaryStatus(row: Pick<OutputRecord, 'status'>): StatusFlag | null {
  for (const f of ['postponed', 'not_completed', 'below_plan', 'above_plan', 'completed'] as const) {
    if (f === 'not_completed' && row.status.includes('below_plan')) continue;
    if (f === 'completed' && row.status.includes('above_plan')) continue;
    if (row.status.includes(f)) return f;
  }
  return null;
}

type ChartGroup = Pick<Group, 'department' | 'office' | 'count' | 'share' | 'status'>;

function groupsOf(answer: Answer): ChartGroup[] {
  if (answer.groups.length > 0) return answer.groups;
  // A breakdown without groups: per department from the rows or the engine's breakdown.
  return departmentTotals(answer).map((t) => ({ department: t.department, office: null, count: t.count, share: null, status: null }));
}

const inGroup = (r: OutputRecord, g: ChartGroup) =>
  r.department.code === g.department.code && (g.office === null || r.office?.code === g.office.code) && (g.status === null || r.status.includes(g.status));

/** The chart for an answer, or null when it is not a ranking, comparison, breakdown or summary (or has no bars). */
export function chartSpecFor(answer: Answer): ChartSpec | null {
  if (!CHART_INTENTS.has(answer.intent)) return null;
  const L = { ...WORDS[answer.language], ...UI[answer.language] };
  const groups = groupsOf(answer).slice(0, MAX_CATEGORIES);
  if (groups.length === 0 || groups.every((g) => g.count === 0)) return null;
  const categories = groups.map((g) => groupLabel(g, answer.language));
  const byShare = answer.plan.rankBy === 'share' && answer.intent === 'rank';
  const complete = answer.rows.length === answer.total && answer.total > 0 && !byShare && groups.every((g) => g.status === null);
  let series: ChartSpec['series'];
  if (complete) {
    const buckets: Array<StatusFlag | null> = [...STATUS_ORDER, null];
    series = buckets
      .map((flag) => ({
        name: flag ? statusWord(flag, answer.language) : answer.language === 'zh' ? '无状态' : 'no status',
        ...(flag ? { status: flag } : {}),
        values: groups.map((g) => answer.rows.filter((r) => inGroup(r, g) && primaryStatus(r) === flag).length),
      }))
      .filter((s) => s.values.some((v) => v > 0));
  } else {
    series = [{ name: byShare ? L.share : L.count, values: groups.map((g) => (byShare ? Math.round((g.share ?? 0) * 1000) / 10 : g.count)) }];
  }
  if (series.length === 0) return null;
  const title =
    answer.intent === 'rank' ? L.rankTitle(answer.plan.order) : answer.intent === 'compare' ? L.compareTitle : answer.intent === 'summary' ? L.summaryTitle : L.outputs(answer.total);
  const phrase = understoodParts(answer).join(answer.language === 'zh' ? '；' : '; ') || WORDS[answer.language].wholeReport;
  const subtitle = `${phrase} · A/69/653`;
  const officeAxis = groups.some((g) => g.office !== null);
  return {
    title,
    subtitle,
    language: answer.language,
    categoryAxisLabel: groups.some((g) => g.status !== null) ? L.status : officeAxis ? L.office : L.department,
    valueAxisLabel: byShare ? `${L.share} (%)` : L.count,
    categories,
    series,
    stacked: series.length > 1,
  };
}
