// Where a row stands, in terms a reader can check against the printed document: the document (as the text
// names itself: the output tables that supplement A/69/653), department › office › 预期成绩, and the row's
// number in its table. The seed text carries no page markers (no form feeds, no page numbers), so no page is
// given; the line numbers of the text file stay for the /source view only (docs/citations.md).
import type { OutputRecord } from '../store/schema.ts';
import type { Language } from '../retrieval/types.ts';
import { departmentLabelIn, officeLabelIn, type NameBook, NO_NAMES } from './names.ts';

export const DOCUMENT = {
  symbol: 'A/69/653',
  zh: '2013/14 年度支助账户执行情况产出表（A/69/653 补充资料）',
  en: '2013/14 support-account performance output tables (supplementary to A/69/653)',
} as const;

/** The row's place in its 预期成绩's table of outputs (the id's last part: "A-b-1.1-06" -> 6). */
export const rowNumber = (r: Pick<OutputRecord, 'id'>): number => Number(r.id.slice(r.id.lastIndexOf('-') + 1));

/** "A. 维持和平行动部 › (b) 副秘书长办公室 › 预期成绩 1.1", names in the asker's language. */
export function placeOf(r: OutputRecord, language: Language, names: NameBook = NO_NAMES): string {
  const parts = [departmentLabelIn(r.department, language, names)];
  if (r.office) parts.push(officeLabelIn(r.department, r.office, language, names));
  parts.push(language === 'zh' ? `预期成绩 ${r.accomplishment.code}` : `expected accomplishment ${r.accomplishment.code}`);
  return parts.join(' › ');
}

/** "预期成绩 1.1 表第 6 项" / "output 6 of the table under expected accomplishment 1.1". */
export const tablePosition = (r: OutputRecord, language: Language): string =>
  language === 'zh' ? `第 ${rowNumber(r)} 项产出` : `output ${rowNumber(r)}`;

/** The whole citation: document › department › office › 预期成绩 › row number. */
export function citation(r: OutputRecord, language: Language, names: NameBook = NO_NAMES): string {
  return `${DOCUMENT[language]} › ${placeOf(r, language, names)} › ${tablePosition(r, language)}`;
}

/** "第 337–353 行" / "lines 337–353" of the text file: for the /source view and the terminal. */
export const lineSpan = (r: Pick<OutputRecord, 'line' | 'lineEnd'>, language: Language): string =>
  language === 'zh' ? (r.line === r.lineEnd ? `第 ${r.line} 行` : `第 ${r.line}–${r.lineEnd} 行`) : r.line === r.lineEnd ? `line ${r.line}` : `lines ${r.line}–${r.lineEnd}`;
