// Answer → bar-chart spec (present/chart.ts draws it), counted by the one status rule (present/status-tally.ts):
//  - a ranking, comparison or breakdown of a status: one bar per unit, the count of that status only — the
//    numbers the text gives (rows that also carry another status are "of which also" in the text);
//  - the summary, and a breakdown with no status: bars stacked by status with each row counted once (a row with
//    two statuses in "two or more"), so a bar adds up to the unit's total.
import type { StatusFlag } from '../store/schema.ts';
import type { Answer, Group } from '../retrieval/types.ts';
import { DOCUMENT } from './citation.ts';
import { departmentTotals, groupLabel } from './discord/answer.ts';
import type { ChartSpec } from './chart.ts';
import { UI, WORDS, statusWord, understoodParts } from './labels.ts';
import { withUnits, type NameBook, NO_NAMES } from './names.ts';
import { columnLabel, summaryModel } from './summary-table.ts';

export type { ChartSpec } from './chart.ts';

export const CHART_INTENTS: ReadonlySet<Answer['intent']> = new Set(['rank', 'compare', 'summary', 'breakdown']);
const MAX_CATEGORIES = 40;

type ChartGroup = Pick<Group, 'department' | 'office' | 'count' | 'share' | 'status'>;

function groupsOf(answer: Answer): ChartGroup[] {
  if (answer.groups.length > 0) return answer.groups;
  // A breakdown without groups: per department from the rows or the engine's breakdown.
  return departmentTotals(answer).map((t) => ({ department: t.department, office: null, count: t.count, share: null, status: null }));
}

/** Stacked series, each row once: from the summary model over these groups (null when the rows are not all there). */
function eachRowOnceSeries(answer: Answer, groups: ChartGroup[]): ChartSpec['series'] | null {
  if (groups.some((g) => g.status !== null)) return null;
  const model = summaryModel({ groups: groups as Group[], rows: answer.rows, total: answer.total });
  if (!model) return null;
  return model.columns
    .map((c, i) => ({ name: columnLabel(c, answer.language), ...(c === 'several' ? {} : { status: c as StatusFlag }), values: model.lines.map((l) => l.cells[i]!) }))
    .filter((s) => s.values.some((v) => v > 0));
}

/** The chart for an answer, or null when it is not a ranking, comparison, breakdown or summary (or has no bars). */
export function chartSpecFor(answer: Answer, book: NameBook = NO_NAMES): ChartSpec | null {
  if (!CHART_INTENTS.has(answer.intent)) return null;
  const names = withUnits(book, answer.units);
  const L = { ...WORDS[answer.language], ...UI[answer.language] };
  const groups = groupsOf(answer).slice(0, MAX_CATEGORIES);
  if (groups.length === 0 || groups.every((g) => g.count === 0)) return null;
  const categories = groups.map((g) => groupLabel(g, answer.language, names));
  const byShare = answer.plan.rankBy === 'share' && answer.intent === 'rank';
  const asked = answer.filters.status;
  // A status asked about: its count only. Nothing asked: every status, each row once.
  const stacked = !byShare && asked.length === 0 && (answer.intent === 'summary' || answer.intent === 'breakdown' || answer.intent === 'compare') ? eachRowOnceSeries(answer, groups) : null;
  const single: ChartSpec['series'][number] = {
    name: byShare ? L.share : asked.length === 1 ? statusWord(asked[0]!, answer.language) : L.count,
    ...(asked.length === 1 && !byShare ? { status: asked[0]! } : {}),
    values: groups.map((g) => (byShare ? Math.round((g.share ?? 0) * 1000) / 10 : g.count)),
  };
  const series = stacked && stacked.length > 0 ? stacked : [single];
  const title =
    answer.intent === 'rank' ? L.rankTitle(answer.plan.order) : answer.intent === 'compare' ? L.compareTitle : answer.intent === 'summary' ? L.summaryTitle : L.outputs(answer.total);
  const phrase = understoodParts(answer, names).join(answer.language === 'zh' ? '；' : '; ') || WORDS[answer.language].wholeReport;
  const officeAxis = groups.some((g) => g.office !== null);
  return {
    title,
    subtitle: `${phrase} · ${DOCUMENT[answer.language]}`,
    language: answer.language,
    categoryAxisLabel: groups.some((g) => g.status !== null) ? L.status : officeAxis ? L.office : L.department,
    valueAxisLabel: byShare ? `${L.share} (%)` : L.count,
    categories,
    series,
    stacked: series.length > 1,
  };
}
