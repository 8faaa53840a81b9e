// Output rows as CSV for Excel users: UTF-8 with a BOM (so Excel detects UTF-8 and shows the Chinese),
// CRLF record ends, the same columns for every export (so two exports stack and pivot: codes and names apart,
// values as separate columns up to the report's maximum, one 0/1 column per status), a header in the
// question's language, and cells that a spreadsheet would run as a formula escaped with a leading quote
// (csv-stringify's escape_formulas: = + - @ tab CR and their full-width forms).
import { stringify } from 'csv-stringify/sync';
import type { OutputRecord } from '../store/schema.ts';
import { STATUS_ORDER, statusLabel } from '../store/status.ts';
import { citation, lineSpan } from './citation.ts';
import { departmentName, officeName, type NameBook, NO_NAMES } from './names.ts';

export type CsvLanguage = 'zh' | 'en';

/** Discord's attachment limit for a bot without boosts. */
export const DISCORD_ATTACHMENT_LIMIT = 25 * 1024 * 1024;
/** Room for the multipart framing and the filename around the file. */
export const DEFAULT_MAX_BYTES = DISCORD_ATTACHMENT_LIMIT - 64 * 1024;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * A cell on one physical line: the report's separate 说明 blocks are joined by " / ", so a CSV has exactly one
 * line per row (wc -l, grep and line-based tools agree with Excel).
 */
const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' / ');

/**
 * Value/label column pairs in every export: the report's widest row has 6 values, so two exports always stack
 * (a report with wider rows widens them to its own maximum, never fewer).
 */
export const REPORT_MAX_VALUES = 6;

const HEADERS = {
  zh: {
    id: '编号', departmentCode: '部门代码', department: '部门', officeCode: '办公室代码', office: '办公室', accomplishmentCode: '预期成绩编号',
    accomplishment: '预期成绩', planned: '计划产出', value: (i: number) => `实际值${i}`, label: (i: number) => `实际值${i}名称`,
    remarks: '说明', source: '来源', lines: '文本行',
  },
  en: {
    id: 'id', departmentCode: 'department code', department: 'department', officeCode: 'office code', office: 'office', accomplishmentCode: 'accomplishment code',
    accomplishment: 'expected accomplishment', planned: 'planned output', value: (i: number) => `value_${i}`, label: (i: number) => `label_${i}`,
    remarks: 'remarks', source: 'source', lines: 'lines',
  },
} as const;

export interface CsvOptions {
  /** English names of departments and offices, for English exports. */
  names?: NameBook;
}

function valueColumns(records: readonly OutputRecord[]): number {
  return records.reduce((max, r) => Math.max(max, r.actual.length), REPORT_MAX_VALUES);
}

/** The columns: identity, place, plan, values, one 0/1 column per status, remarks, source — the same for every export. */
export function csvHeader(language: CsvLanguage, values = REPORT_MAX_VALUES): string[] {
  const H = HEADERS[language];
  const pairs = Array.from({ length: values }, (_, i) => [H.value(i + 1), H.label(i + 1)]).flat();
  return [
    H.id, H.departmentCode, H.department, H.officeCode, H.office, H.accomplishmentCode, H.accomplishment, H.planned,
    ...pairs, ...STATUS_ORDER.map((f) => statusLabel(f, language)), H.remarks, H.source, H.lines,
  ];
}

function cells(r: OutputRecord, language: CsvLanguage, values: number, names: NameBook): (string | number)[] {
  // A value printed as a plain number goes out as a number (Excel then filters it numerically, and a negative
  // is not taken for a formula).
  const pairs: (string | number)[] = [];
  for (let i = 0; i < values; i++) {
    const a = r.actual[i];
    pairs.push(a ? (a.number !== null && String(a.number) === a.value ? a.number : a.value) : '', a?.label ?? '');
  }
  return [
    r.id,
    r.department.code,
    departmentName(r.department, language, names),
    r.office?.code ?? '',
    r.office ? officeName(r.department, r.office, language, names) : '',
    r.accomplishment.code,
    oneLine(r.accomplishment.text),
    oneLine(r.planned),
    ...pairs.map((p) => (typeof p === 'string' ? oneLine(p) : p)),
    ...STATUS_ORDER.map((f) => (r.status.includes(f) ? 1 : 0)),
    oneLine(r.remarks),
    citation(r, language, names),
    lineSpan(r, language),
  ];
}

const OPTIONS = { record_delimiter: 'windows', escape_formulas: true, eof: true } as const;

function lines(records: OutputRecord[], language: CsvLanguage, options: CsvOptions): { head: Buffer; rows: Buffer[] } {
  const values = valueColumns(records);
  const names = options.names ?? NO_NAMES;
  return {
    head: Buffer.concat([BOM, Buffer.from(stringify([csvHeader(language, values)], OPTIONS))]),
    // Each record on its own, so a split can fall between records only (a cell may hold a newline).
    rows: records.map((r) => Buffer.from(stringify([cells(r, language, values, names)], OPTIONS))),
  };
}

/** Any table (header first) as a CSV file with the same BOM, record ends and formula escaping. */
export function tableToCsv(table: ReadonlyArray<ReadonlyArray<string | number>>): Buffer {
  return Buffer.concat([BOM, Buffer.from(stringify(table.map((r) => r.map((c) => (typeof c === 'string' ? oneLine(c) : c))), OPTIONS))]);
}

/** All records as one CSV file. */
export function rowsToCsv(records: OutputRecord[], language: CsvLanguage, options: CsvOptions = {}): Buffer {
  const { head, rows } = lines(records, language, options);
  return Buffer.concat([head, ...rows]);
}

/**
 * The records as one or more CSV files of at most maxBytes each, in order, each with the BOM and the header.
 * Every part has the same columns. Throws RangeError if a single record cannot fit with the header.
 */
export function splitCsv(records: OutputRecord[], language: CsvLanguage, maxBytes: number = DEFAULT_MAX_BYTES, options: CsvOptions = {}): Buffer[] {
  const { head, rows } = lines(records, language, options);
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
