// The whole-report summary as one table model that text, Discord, the chart and CSV all draw: one line per
// unit, one column per status with each row counted once (its status, or "two or more" for a row that carries
// several), and the total — so the columns add up to it. The rows with two statuses are listed under it.
import type { OutputRecord, StatusFlag } from '../store/schema.ts';
import { STATUS_ORDER, statusLabel } from '../store/status.ts';
import type { Answer, Group, Language } from '../retrieval/types.ts';
import { combinations, eachRowOnce } from './status-tally.ts';

export type SummaryColumn = StatusFlag | 'several';

export interface SummaryLine {
  group: Pick<Group, 'department' | 'office'>;
  cells: number[];
  total: number;
}

export interface SummaryModel {
  columns: SummaryColumn[];
  lines: SummaryLine[];
  totals: number[];
  total: number;
  /** Rows with two or more statuses, by combination. */
  combinations: Array<{ flags: StatusFlag[]; count: number }>;
}

const inGroup = (r: OutputRecord, g: Pick<Group, 'department' | 'office'>) => r.department.code === g.department.code && (g.office === null || r.office?.code === g.office.code);

/** The summary's table; null when the answer does not carry its rows (then nothing can be counted once). */
export function summaryModel(answer: Pick<Answer, 'groups' | 'rows' | 'total'>): SummaryModel | null {
  if (answer.rows.length === 0 || answer.rows.length !== answer.total) return null;
  const parts = answer.groups.map((g) => ({ g, rows: answer.rows.filter((r) => inGroup(r, g)), once: eachRowOnce(answer.rows.filter((r) => inGroup(r, g))) }));
  const anySeveral = parts.some((p) => p.once.several > 0);
  const columns: SummaryColumn[] = [...STATUS_ORDER.filter((f) => parts.some((p) => p.once.single[f] > 0)), ...(anySeveral ? (['several'] as const) : [])];
  const cell = (once: ReturnType<typeof eachRowOnce>, c: SummaryColumn) => (c === 'several' ? once.several : once.single[c]);
  const lines = parts.map((p) => ({ group: { department: p.g.department, office: p.g.office }, cells: columns.map((c) => cell(p.once, c)), total: p.rows.length }));
  return {
    columns,
    lines,
    totals: columns.map((_, i) => lines.reduce((n, l) => n + l.cells[i]!, 0)),
    total: lines.reduce((n, l) => n + l.total, 0),
    combinations: combinations(answer.rows),
  };
}

/** A column's heading: the status word, or "两种以上" / "two or more". */
export function columnLabel(c: SummaryColumn, language: Language, short = false): string {
  if (c === 'several') return language === 'zh' ? (short ? '多种' : '两种以上状态') : short ? '2+' : 'two or more';
  return short ? (language === 'zh' ? statusLabel(c, 'zh') : statusLabel(c, 'en')) : statusLabel(c, language);
}

/** "每项产出只计一次：20 项有两种以上状态，计入“两种以上状态”（未完成+推迟 11，…）。" */
export function overlapNote(model: SummaryModel, language: Language): string | null {
  const several = model.combinations.reduce((n, c) => n + c.count, 0);
  if (several === 0) return null;
  const join = (flags: StatusFlag[]) => flags.map((f) => statusLabel(f, language)).join('+');
  const list = model.combinations.map((c) => `${join(c.flags)} ${c.count}`).join(language === 'zh' ? '，' : ', ');
  return language === 'zh'
    ? `每项产出只计一次，各列之和即合计：有两种以上状态的 ${several} 项计入“两种以上状态”（表头“多种”；${list}）。`
    : `Each output is counted once, so the columns add up to the total: the ${several} outputs with two or more statuses are in “two or more” (“2+” in tables; ${list}).`;
}
