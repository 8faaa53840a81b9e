// An answer as plain text (terminal chat, `npm run ask`): the direct answer first, then how the question was
// read, then the breakdown or table, then the rows. Labels from labels.ts, names from the name book (English
// names for English questions), the report's content as printed.
import type { OutputRecord } from '../store/schema.ts';
import type { Answer, Group, Language } from '../retrieval/types.ts';
import { citation, lineSpan } from './citation.ts';
import { directAnswer } from './direct-answer.ts';
import { groupName, percent, statusWord, understoodLine, unitName, WORDS } from './labels.ts';
import { departmentLabelIn, officeLabelIn, unitPath, type NameBook, NO_NAMES } from './names.ts';
import { alsoCarried, headerTally } from './status-tally.ts';
import { columnLabel, overlapNote, summaryModel } from './summary-table.ts';

export function breadcrumb(r: OutputRecord, language: Language, names: NameBook = NO_NAMES): string {
  const parts = [departmentLabelIn(r.department, language, names)];
  if (r.office) parts.push(officeLabelIn(r.department, r.office, language, names));
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

/** One record in the structured planned / actual / remarks format, with its citation and its lines in the text. */
export function recordText(r: OutputRecord, language: Language, names: NameBook = NO_NAMES): string {
  const L = WORDS[language];
  const lines = [`[${r.id}] ${breadcrumb(r, language, names)}`, `  ${L.planned}: ${r.planned}`, `  ${L.actual}: ${actualText(r, language)}`];
  if (r.remarks) lines.push(`  ${L.remarks}: ${r.remarks.replace(/\n/g, ' ')}`);
  lines.push(`  ${L.status}: ${statusText(r, language)}`, `  ${L.source}: ${citation(r, language, names)}（${lineSpan(r, language)}）`);
  return lines.join('\n');
}

/** Per department, then its offices, as indented lines. */
export function breakdownText(answer: Answer, names: NameBook = NO_NAMES): string {
  const lines: string[] = [WORDS[answer.language].byDepartment];
  let dept = '';
  for (const b of answer.breakdown) {
    if (b.department.code !== dept) {
      dept = b.department.code;
      const n = answer.breakdown.filter((x) => x.department.code === dept).reduce((s, x) => s + x.count, 0);
      lines.push(`  ${departmentLabelIn(b.department, answer.language, names)}: ${n}`);
    }
    if (b.office) lines.push(`      ${officeLabelIn(b.department, b.office, answer.language, names)}: ${b.count}`);
  }
  return lines.join('\n');
}

function groupLines(answer: Answer, names: NameBook): string[] {
  const L = WORDS[answer.language];
  const ranked = answer.plan.order !== null;
  const byShare = answer.plan.rankBy === 'share';
  return answer.groups.map((g: Group) => {
    const tie = ranked && answer.groups.filter((x) => x.rank === g.rank).length > 1 ? ` (${L.tie})` : '';
    const value = byShare ? `${percent(g.count, g.whole)} (${g.count}/${g.whole})` : String(g.count);
    const prefix = ranked ? `${g.rank}. ` : '';
    const name = g.status ? groupName(g, answer.language) : unitPath(g, answer.language, names);
    return `  ${prefix}${name}: ${value}${tie}`;
  });
}

function summaryText(answer: Answer, names: NameBook): string {
  const L = WORDS[answer.language];
  const model = summaryModel(answer);
  if (!model) return groupLines(answer, names).join('\n');
  const header = [L.unitCol, ...model.columns.map((c) => columnLabel(c, answer.language)), L.totalRow];
  const rows = model.lines.map((l) => [unitPath(l.group, answer.language, names), ...l.cells.map(String), String(l.total)]);
  const totals = [L.totalRow, ...model.totals.map(String), String(model.total)];
  const note = overlapNote(model, answer.language);
  return [[header, ...rows, totals].map((r) => `  ${r.join(' | ')}`).join('\n'), ...(note ? [note] : [])].join('\n');
}

/** "其中同时：推迟 3" / "of which also: postponed 3": the other statuses the rows of a status answer carry. */
export function alsoText(answer: Answer): string | null {
  const also = alsoCarried(answer.rows.length === answer.total ? answer.rows : [], answer.filters.status);
  if (also.length === 0) return null;
  const zh = answer.language === 'zh';
  return `${zh ? '其中同时标为' : 'of which also'}${zh ? '：' : ': '}${also.map((a) => `${statusWord(a.flag, answer.language)} ${a.count}`).join(zh ? '，' : ', ')}`;
}

/** "按状态：推迟 3，未完成 2" over the rows of a list (only the statuses asked about, when it asks). */
function tallyText(answer: Answer): string | null {
  if (answer.rows.length !== answer.total || answer.total === 0) return null;
  const tally = headerTally(answer.rows, answer.filters.status);
  if (tally.length === 0 || answer.filters.status.length) return null;
  const zh = answer.language === 'zh';
  return `${WORDS[answer.language].byStatus} ${tally.map((t) => `${statusWord(t.flag, answer.language)} ${t.count}`).join(zh ? '，' : ', ')}`;
}

const LIST_LIMIT = 200;

function rowsText(rows: readonly OutputRecord[], language: Language, names: NameBook, limit = LIST_LIMIT): string {
  const shown = rows.slice(0, limit).map((r) => recordText(r, language, names));
  if (rows.length > limit) shown.push(WORDS[language].more(rows.length - limit));
  return shown.join('\n\n');
}

/** The blocks after the direct answer and the "understood as" line, by kind of answer. */
function evidence(answer: Answer, names: NameBook): Array<string | null> {
  const L = WORDS[answer.language];
  const rows = answer.rows.length ? `\n${rowsText(answer.rows, answer.language, names)}` : null;
  switch (answer.intent) {
    case 'rank':
      return [`${L.ranking(answer.plan.order === 'desc')}${answer.plan.rankBy === 'share' ? ` (${L.byShare})` : ''}\n${groupLines(answer, names).join('\n')}`, L.total(answer.total), alsoText(answer)];
    case 'compare':
      return [`${L.compare}\n${groupLines(answer, names).join('\n')}`, alsoText(answer)];
    case 'share':
      return answer.rows.length ? [`\n${rowsText(answer.rows, answer.language, names, 20)}`] : [];
    case 'summary':
      return [summaryText(answer, names)];
    case 'breakdown':
      return [`${answer.plan.groupBy === 'office' ? L.byOffice : answer.plan.groupBy === 'status' ? L.byStatus : L.byDepartment}\n${groupLines(answer, names).join('\n')}`, alsoText(answer)];
    case 'count':
      return [breakdownText(answer, names), alsoText(answer)];
    case 'explain':
      return ['\n' + answer.rows.map((r) => `[${r.id}] ${r.planned}\n  ${L.actual}: ${actualText(r, answer.language)}\n  ${L.remarks}: ${r.remarks || L.noValue}\n  ${L.source}: ${citation(r, answer.language, names)}（${lineSpan(r, answer.language)}）`).join('\n\n')];
    case 'overview':
      return [breakdownText(answer, names), tallyText(answer), rows];
    case 'lookup':
      return [rows];
    default:
      return [tallyText(answer), alsoText(answer), rows];
  }
}

export function answerText(answer: Answer, names: NameBook = NO_NAMES): string {
  const L = WORDS[answer.language];
  if (answer.intent === 'none' && answer.reason === 'reset') return L.reasons.reset;
  const head = `${directAnswer(answer, names)}\n(${understoodLine(answer, names)})`;
  if (answer.intent === 'none') return `${head}\n${L.hint}`;
  return [head, ...evidence(answer, names)].filter((b): b is string => !!b).join('\n');
}

export { unitName };
