// What an answer exports: a ranking, comparison, breakdown or summary exports its table (the lines people paste
// into a brief), with its rows as a second file where it has them; a list exports its rows. A companion note
// records the question, how it was read, the direct answer, the report and the counting rule.
import type { Answer, Group, Language } from '../retrieval/types.ts';
import { DOCUMENT } from './citation.ts';
import { rowsToCsv, tableToCsv } from './csv.ts';
import { directAnswer } from './direct-answer.ts';
import { statusWord, understoodLine } from './labels.ts';
import { departmentName, officeName, withUnits, type NameBook, NO_NAMES } from './names.ts';
import { columnLabel, summaryModel } from './summary-table.ts';

export const TABLE_INTENTS: ReadonlySet<Answer['intent']> = new Set(['rank', 'compare', 'breakdown', 'summary']);

const H = {
  zh: { rank: '名次', departmentCode: '部门代码', department: '部门', officeCode: '办公室代码', office: '办公室', status: '状态', count: '项数', whole: '总项数', share: '比例(%)', total: '合计' },
  en: { rank: 'rank', departmentCode: 'department code', department: 'department', officeCode: 'office code', office: 'office', status: 'status', count: 'outputs', whole: 'all outputs', share: 'share (%)', total: 'total' },
} as const;

const unitCells = (g: Pick<Group, 'department' | 'office'>, language: Language, names: NameBook) => [
  g.department.code,
  departmentName(g.department, language, names),
  g.office?.code ?? '',
  g.office ? officeName(g.department, g.office, language, names) : '',
];

const share = (g: Group) => (g.share === null ? '' : Math.round(g.share * 1000) / 10);

/** The answer's table as rows of cells (header first), or null for answers that are lists of rows. */
export function answerTable(answer: Answer, book: NameBook = NO_NAMES): Array<Array<string | number>> | null {
  if (!TABLE_INTENTS.has(answer.intent) || answer.groups.length === 0) return null;
  const names = withUnits(book, answer.units);
  const L = H[answer.language];
  const unitHead = [L.departmentCode, L.department, L.officeCode, L.office];
  if (answer.intent === 'summary') {
    const model = summaryModel(answer);
    if (model) {
      const head = [...unitHead, ...model.columns.map((c) => columnLabel(c, answer.language)), L.total];
      const lines = model.lines.map((l) => [...unitCells(l.group, answer.language, names), ...l.cells, l.total]);
      return [head, ...lines, [L.total, '', '', '', ...model.totals, model.total]];
    }
  }
  const ranked = answer.groups.some((g) => g.rank !== null);
  const byStatus = answer.groups.some((g) => g.status !== null);
  const head = [...(ranked ? [L.rank] : []), ...unitHead, ...(byStatus ? [L.status] : []), L.count, L.whole, L.share];
  const lines = answer.groups.map((g) => [
    ...(ranked ? [g.rank ?? ''] : []),
    ...unitCells(g, answer.language, names),
    ...(byStatus ? [g.status ? statusWord(g.status, answer.language) : ''] : []),
    g.count,
    g.whole,
    share(g),
  ]);
  return [head, ...lines];
}

/** The companion note: question, reading, answer, report, and how the files count. */
export function answerNote(answer: Answer, book: NameBook = NO_NAMES): string {
  const names = withUnits(book, answer.units);
  const zh = answer.language === 'zh';
  const lines = zh
    ? [
        `问题：${answer.question}`,
        understoodLine(answer, names),
        `回答：${directAnswer(answer, names)}`,
        `报告：${DOCUMENT.zh}`,
        '列：状态列为 0/1（一项产出可有两种状态，各计一次）；汇总表每项产出只计一次，有两种以上状态的计入“两种以上状态”。',
      ]
    : [
        `question: ${answer.question}`,
        understoodLine(answer, names),
        `answer: ${directAnswer(answer, names)}`,
        `report: ${DOCUMENT.en}`,
        'columns: status columns are 0/1 (an output may carry two statuses, each marked); the summary table counts each output once, outputs with two or more statuses under "two or more".',
      ];
  return lines.join('\r\n') + '\r\n';
}

export interface ExportFile {
  name: string;
  data: Buffer;
}

/** The files of an export: the table (if the answer has one), the rows, and the note; `base` names them. */
export function answerExport(answer: Answer, book: NameBook = NO_NAMES, base = 'answer'): ExportFile[] {
  const table = answerTable(answer, book);
  const files: ExportFile[] = [];
  if (table) files.push({ name: `${base}.csv`, data: tableToCsv(table) });
  if (answer.rows.length > 0 || !table) files.push({ name: table ? `${base}-rows.csv` : `${base}.csv`, data: rowsToCsv(answer.rows, answer.language, { names: book }) });
  files.push({ name: `${base}-note.txt`, data: Buffer.from(answerNote(answer, book), 'utf8') });
  return files;
}
