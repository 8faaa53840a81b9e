// An answer as plain text (terminal chat, `npm run ask`): labels from labels.ts, the report's content as printed.
import type { OutputRecord } from '../store/schema.ts';
import type { Answer, Group, Language } from '../retrieval/types.ts';
import { groupName, percent, STATUS_ORDER, statusWord, understoodLine, unitName, WORDS } from './labels.ts';

export function breadcrumb(r: OutputRecord, language: Language): string {
  const parts = [`${r.department.code}. ${r.department.name}`];
  if (r.office) parts.push(`(${r.office.code}) ${r.office.name}`);
  parts.push(`${WORDS[language].accomplishment} ${r.accomplishment.code}`);
  return parts.join(' › ');
}

export function actualText(r: OutputRecord, language: Language): string {
  if (r.actual.length === 0) return WORDS[language].noValue;
  return r.actual.map((a) => (a.label ? `${a.value}（${a.label}）` : a.value)).join('；');
}

export function statusText(r: OutputRecord, language: Language): string {
  return r.status.length ? r.status.map((s) => statusWord(s, language)).join(language === 'zh' ? '、' : ', ') : '—';
}

/** One record in the structured planned / actual / remarks format, with where it stands and its source lines. */
export function recordText(r: OutputRecord, language: Language): string {
  const L = WORDS[language];
  const lines = [`[${r.id}] ${breadcrumb(r, language)}`, `  ${L.planned}: ${r.planned}`, `  ${L.actual}: ${actualText(r, language)}`];
  if (r.remarks) lines.push(`  ${L.remarks}: ${r.remarks.replace(/\n/g, ' ')}`);
  lines.push(`  ${L.status}: ${statusText(r, language)}`, `  ${L.source}: ${L.lines(r.line, r.lineEnd)}`);
  return lines.join('\n');
}

/** Per department, then its offices, as indented lines. */
export function breakdownText(answer: Answer): string {
  const lines: string[] = [WORDS[answer.language].byDepartment];
  let dept = '';
  for (const b of answer.breakdown) {
    if (b.department.code !== dept) {
      dept = b.department.code;
      const n = answer.breakdown.filter((x) => x.department.code === dept).reduce((s, x) => s + x.count, 0);
      lines.push(`  ${b.department.code}. ${b.department.name}: ${n}`);
    }
    if (b.office) lines.push(`      (${b.office.code}) ${b.office.name}: ${b.count}`);
  }
  return lines.join('\n');
}

function statusCells(g: Group, language: Language): string {
  return STATUS_ORDER.filter((s) => g.byStatus[s] > 0).map((s) => `${statusWord(s, language)} ${g.byStatus[s]}`).join(language === 'zh' ? '，' : ', ');
}

function groupLines(answer: Answer): string[] {
  const L = WORDS[answer.language];
  const ranked = answer.plan.order !== null;
  const byShare = answer.plan.rankBy === 'share';
  return answer.groups.map((g) => {
    const tie = ranked && answer.groups.filter((x) => x.rank === g.rank).length > 1 ? ` (${L.tie})` : '';
    const value = byShare ? `${percent(g.count, g.whole)} (${g.count}/${g.whole})` : String(g.count);
    const prefix = ranked ? `${g.rank}. ` : '';
    return `  ${prefix}${groupName(g, answer.language)}: ${value}${tie}`;
  });
}

function summaryTable(answer: Answer): string {
  const L = WORDS[answer.language];
  const header = [L.unitCol, ...STATUS_ORDER.map((s) => statusWord(s, answer.language)), L.totalRow];
  const rows = answer.groups.map((g) => [`${g.department.code}. ${g.department.name}`, ...STATUS_ORDER.map((s) => String(g.byStatus[s])), String(g.count)]);
  const totals = [L.totalRow, ...STATUS_ORDER.map((s) => String(answer.groups.reduce((n, g) => n + g.byStatus[s], 0))), String(answer.total)];
  return [header, ...rows, totals].map((r) => `  ${r.join(' | ')}`).join('\n');
}

const LIST_LIMIT = 200;

function rowsText(rows: readonly OutputRecord[], language: Language, limit = LIST_LIMIT): string {
  const shown = rows.slice(0, limit).map((r) => recordText(r, language));
  if (rows.length > limit) shown.push(WORDS[language].more(rows.length - limit));
  return shown.join('\n\n');
}

export function answerText(answer: Answer): string {
  const L = WORDS[answer.language];
  const how = understoodLine(answer);
  if (answer.intent === 'none') {
    if (answer.reason === 'reset') return L.reasons.reset;
    return `${L.none}${answer.reason ? ` ${L.reasons[answer.reason]}` : ''}\n(${how})\n${L.hint}`;
  }
  switch (answer.intent) {
    case 'rank':
      return `${L.ranking(answer.plan.order === 'desc')}${answer.plan.rankBy === 'share' ? ` (${L.byShare})` : ''}\n${groupLines(answer).join('\n')}\n(${how}; ${L.total(answer.total)})`;
    case 'compare':
      return `${L.compare}\n${groupLines(answer).join('\n')}\n(${how})`;
    case 'share': {
      const r = answer.ratio!;
      return `${L.share(r.part, r.whole, percent(r.part, r.whole))}\n(${how})${answer.rows.length ? `\n\n${rowsText(answer.rows, answer.language, 20)}` : ''}`;
    }
    case 'summary':
      return `${L.summary(answer.total)}\n${summaryTable(answer)}`;
    case 'breakdown':
      return `${L.total(answer.total)} (${how})\n${answer.plan.groupBy === 'office' ? L.byOffice : answer.plan.groupBy === 'status' ? L.byStatus : L.byDepartment}\n${groupLines(answer).join('\n')}`;
    case 'count':
      return `${L.total(answer.total)} (${how})\n${breakdownText(answer)}`;
    case 'explain':
      return `${L.explain} (${how})\n\n${answer.rows.map((r) => `[${r.id}] ${r.planned}\n  ${L.actual}: ${actualText(r, answer.language)}\n  ${L.remarks}: ${r.remarks || L.noValue}\n  ${L.source}: ${L.lines(r.line, r.lineEnd)}`).join('\n\n')}`;
    case 'lookup':
      return `${L.bestMatches} (${how})\n\n${rowsText(answer.rows, answer.language)}`;
    case 'overview':
      return `${L.total(answer.total)} (${how})\n${breakdownText(answer)}\n\n${rowsText(answer.rows, answer.language)}`;
    default:
      return `${L.found(answer.total)} (${how})\n\n${rowsText(answer.rows, answer.language)}`;
  }
}

export { unitName, statusCells };
