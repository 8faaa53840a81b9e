// The answer as text (terminal chat, `npm run ask`): labels in the question's language, content as printed.
import type { OutputRecord, StatusFlag } from '../store/schema.ts';
import type { BreakdownEntry, Intent, Language, QueryFilters } from '../retrieval/types.ts';

export const LABELS = {
  zh: {
    planned: '计划', actual: '实际', remarks: '说明', status: '状态', source: '来源', lines: (a: number, b: number) => (a === b ? `第 ${a} 行` : `第 ${a}–${b} 行`),
    accomplishment: '预期成绩', found: (n: number) => `找到 ${n} 项产出`, total: (n: number) => `共 ${n} 项产出`, byDepartment: '按部门：',
    none: '没有找到匹配的产出。',
    hint: '可以这样问：“哪些产出被推迟了？”“外勤支助部有多少产出低于计划？”“副秘书长接受了多少次媒体访谈？”，或用 /dept 法律事务厅 查看一个部门。',
    bestMatches: '最相关的产出：', filters: '条件', noValue: '（无）', more: (n: number) => `……另有 ${n} 项`,
  },
  en: {
    planned: 'Planned', actual: 'Actual', remarks: 'Remarks', status: 'Status', source: 'Source', lines: (a: number, b: number) => (a === b ? `line ${a}` : `lines ${a}–${b}`),
    accomplishment: 'Expected accomplishment', found: (n: number) => `${n} matching output${n === 1 ? '' : 's'}`, total: (n: number) => `${n} output${n === 1 ? '' : 's'} in total`,
    byDepartment: 'By department:', none: 'No matching outputs.',
    hint: 'Try: "Which outputs were postponed?", "How many outputs of the Department of Field Support were below plan?", "How many media interviews did the Under-Secretary-General give?", or /dept OLA for one department.',
    bestMatches: 'Best matching outputs:', filters: 'filters', noValue: '(none)', more: (n: number) => `…and ${n} more`,
  },
} as const;

export const STATUS_NAMES: Record<StatusFlag, { zh: string; en: string }> = {
  completed: { zh: '已完成', en: 'completed' },
  not_completed: { zh: '未完成', en: 'not completed' },
  above_plan: { zh: '高于计划', en: 'above plan' },
  below_plan: { zh: '低于计划', en: 'below plan' },
  postponed: { zh: '推迟', en: 'postponed' },
};

export function breadcrumb(r: OutputRecord, language: Language): string {
  const parts = [`${r.department.code}. ${r.department.name}`];
  if (r.office) parts.push(`(${r.office.code}) ${r.office.name}`);
  parts.push(`${LABELS[language].accomplishment} ${r.accomplishment.code}`);
  return parts.join(' › ');
}

export function actualText(r: OutputRecord, language: Language): string {
  if (r.actual.length === 0) return LABELS[language].noValue;
  return r.actual.map((a) => (a.label ? `${a.value}（${a.label}）` : a.value)).join('；');
}

export function statusText(r: OutputRecord, language: Language): string {
  return r.status.length ? r.status.map((s) => STATUS_NAMES[s][language]).join(language === 'zh' ? '、' : ', ') : '—';
}

/** One record in the structured planned / actual / remarks format, with where it stands. */
export function recordText(r: OutputRecord, language: Language): string {
  const L = LABELS[language];
  const lines = [
    `[${r.id}] ${breadcrumb(r, language)}`,
    `  ${L.planned}: ${r.planned}`,
    `  ${L.actual}: ${actualText(r, language)}`,
  ];
  if (r.remarks) lines.push(`  ${L.remarks}: ${r.remarks.replace(/\n/g, ' ')}`);
  lines.push(`  ${L.status}: ${statusText(r, language)}`, `  ${L.source}: ${L.lines(r.line, r.lineEnd)}`);
  return lines.join('\n');
}

export function describeFilters(filters: QueryFilters, unitNames: (code: string) => string, language: Language): string {
  const parts: string[] = [];
  if (filters.offices.length) parts.push(...filters.offices.map(unitNames));
  else if (filters.departments.length) parts.push(...filters.departments.map(unitNames));
  if (filters.accomplishment) parts.push(`${LABELS[language].accomplishment} ${filters.accomplishment}`);
  if (filters.status.length) parts.push(filters.status.map((s) => STATUS_NAMES[s][language]).join(language === 'zh' ? '或' : ' or '));
  return parts.join(language === 'zh' ? '；' : '; ');
}

export function breakdownOf(rows: readonly OutputRecord[]): BreakdownEntry[] {
  const map = new Map<string, BreakdownEntry>();
  for (const r of rows) {
    const key = `${r.department.code}|${r.office?.code ?? ''}`;
    const e = map.get(key) ?? { department: r.department, office: r.office, count: 0 };
    e.count++;
    map.set(key, e);
  }
  return [...map.values()];
}

export function breakdownText(rows: readonly OutputRecord[], language: Language): string {
  const perDept = new Map<string, { name: string; n: number; offices: Map<string, number> }>();
  for (const r of rows) {
    const d = perDept.get(r.department.code) ?? { name: r.department.name, n: 0, offices: new Map() };
    d.n++;
    if (r.office) d.offices.set(`(${r.office.code}) ${r.office.name}`, (d.offices.get(`(${r.office.code}) ${r.office.name}`) ?? 0) + 1);
    perDept.set(r.department.code, d);
  }
  const lines: string[] = [LABELS[language].byDepartment];
  for (const [code, d] of perDept) {
    lines.push(`  ${code}. ${d.name}: ${d.n}`);
    for (const [office, n] of d.offices) lines.push(`      ${office}: ${n}`);
  }
  return lines.join('\n');
}

export function composeText(args: {
  intent: Intent;
  language: Language;
  rows: readonly OutputRecord[];
  filterText: string;
}): string {
  const { intent, language, rows, filterText } = args;
  const L = LABELS[language];
  if (rows.length === 0) return `${L.none}${filterText ? ` (${L.filters}: ${filterText})` : ''}\n${L.hint}`;
  const head = `${intent === 'lookup' ? L.bestMatches : intent === 'list' ? L.found(rows.length) : L.total(rows.length)}${filterText ? ` (${filterText})` : ''}`;
  if (intent === 'count' || intent === 'breakdown') return `${head}\n${breakdownText(rows, language)}`;
  const body = rows.map((r) => recordText(r, language)).join('\n\n');
  if (intent === 'overview') return `${head}\n${breakdownText(rows, language)}\n\n${body}`;
  return `${head}\n\n${body}`;
}
