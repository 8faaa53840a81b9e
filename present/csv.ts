// Output rows as CSV for Excel users: UTF-8 with a BOM (so Excel detects UTF-8 and shows the Chinese),
// CRLF record ends, a header in the question's language, and cells that a spreadsheet would run as a formula
// escaped with a leading quote (csv-stringify's escape_formulas: = + - @ tab CR and their full-width forms).
import { stringify } from 'csv-stringify/sync';
import type { OutputRecord, StatusFlag } from '../store/schema.ts';

export type CsvLanguage = 'zh' | 'en';

/** Discord's attachment limit for a bot without boosts. */
export const DISCORD_ATTACHMENT_LIMIT = 25 * 1024 * 1024;
/** Room for the multipart framing and the filename around the file. */
export const DEFAULT_MAX_BYTES = DISCORD_ATTACHMENT_LIMIT - 64 * 1024;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

// Status words as the report and the bot use them (kept here so present/ needs only store/schema.ts).
const STATUS_WORDS: Record<StatusFlag, Record<CsvLanguage, string>> = {
  completed: { zh: '已完成', en: 'completed' },
  not_completed: { zh: '未完成', en: 'not completed' },
  above_plan: { zh: '高于计划', en: 'above plan' },
  below_plan: { zh: '低于计划', en: 'below plan' },
  postponed: { zh: '推迟', en: 'postponed' },
};

const HEADERS = {
  zh: {
    id: '编号', department: '部门', office: '办公室', accomplishment: '预期成绩', planned: '计划产出', actual: '实际完成',
    value: (i: number) => `实际值${i}`, label: (i: number) => `实际值${i}名称`, remarks: '说明', status: '状态', source: '来源',
  },
  en: {
    id: 'id', department: 'department', office: 'office', accomplishment: 'expected accomplishment', planned: 'planned output',
    actual: 'actual', value: (i: number) => `value_${i}`, label: (i: number) => `label_${i}`, remarks: 'remarks', status: 'status', source: 'source',
  },
} as const;

function sourceText(r: OutputRecord, language: CsvLanguage): string {
  const span = r.line === r.lineEnd ? `${r.line}` : `${r.line}–${r.lineEnd}`;
  if (language === 'zh') return `第 ${span} 行`;
  return `${r.line === r.lineEnd ? 'line' : 'lines'} ${span}`;
}

/** Widest number of actual values in `records`: the count of value_n / label_n column pairs. */
function valueColumns(records: OutputRecord[]): number {
  return records.reduce((max, r) => Math.max(max, r.actual.length), 0);
}

function header(language: CsvLanguage, values: number): string[] {
  const H = HEADERS[language];
  const pairs = Array.from({ length: values }, (_, i) => [H.value(i + 1), H.label(i + 1)]).flat();
  return [H.id, H.department, H.office, H.accomplishment, H.planned, H.actual, ...pairs, H.remarks, H.status, H.source];
}

function cells(r: OutputRecord, language: CsvLanguage, values: number): (string | number)[] {
  // One joined column to read, and value/label pairs to filter and sort on. A value printed as a plain
  // number goes out as a number (Excel then filters it numerically, and a negative is not taken for a formula).
  const joined = r.actual.map((a) => (a.label ? `${a.value}（${a.label}）` : a.value)).join('；');
  const pairs: (string | number)[] = [];
  for (let i = 0; i < values; i++) {
    const a = r.actual[i];
    pairs.push(a ? (a.number !== null && String(a.number) === a.value ? a.number : a.value) : '', a?.label ?? '');
  }
  return [
    r.id,
    `${r.department.code}. ${r.department.name}`,
    r.office ? `(${r.office.code}) ${r.office.name}` : '',
    `${r.accomplishment.code} ${r.accomplishment.text}`.trim(),
    r.planned,
    joined,
    ...pairs,
    r.remarks,
    r.status.map((s) => STATUS_WORDS[s][language]).join(language === 'zh' ? '、' : ', '),
    sourceText(r, language),
  ];
}

const OPTIONS = { record_delimiter: 'windows', escape_formulas: true, eof: true } as const;

function lines(records: OutputRecord[], language: CsvLanguage): { head: Buffer; rows: Buffer[] } {
  const values = valueColumns(records);
  return {
    head: Buffer.concat([BOM, Buffer.from(stringify([header(language, values)], OPTIONS))]),
    // Each record on its own, so a split can fall between records only (a cell may hold a newline).
    rows: records.map((r) => Buffer.from(stringify([cells(r, language, values)], OPTIONS))),
  };
}

/** All records as one CSV file. */
export function rowsToCsv(records: OutputRecord[], language: CsvLanguage): Buffer {
  const { head, rows } = lines(records, language);
  return Buffer.concat([head, ...rows]);
}

/**
 * The records as one or more CSV files of at most maxBytes each, in order, each with the BOM and the header.
 * Every part has the same columns (the value/label pairs are counted over all records). Throws RangeError
 * if a single record cannot fit with the header.
 */
export function splitCsv(records: OutputRecord[], language: CsvLanguage, maxBytes: number = DEFAULT_MAX_BYTES): Buffer[] {
  const { head, rows } = lines(records, language);
  const parts: Buffer[] = [];
  let current: Buffer[] = [];
  let size = head.length;
  for (const [i, row] of rows.entries()) {
    if (head.length + row.length > maxBytes) throw new RangeError(`record ${records[i]!.id} needs ${head.length + row.length} bytes with the header, over the ${maxBytes}-byte limit`);
    if (size + row.length > maxBytes) {
      parts.push(Buffer.concat([head, ...current]));
      current = [];
      size = head.length;
    }
    current.push(row);
    size += row.length;
  }
  if (current.length || parts.length === 0) parts.push(Buffer.concat([head, ...current]));
  return parts;
}
