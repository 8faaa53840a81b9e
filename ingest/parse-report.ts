// Report text -> validated records. Pure: no I/O, so every rule is testable on small fixtures.
//
// Layout of the report (a PDF-to-text extraction of a Chinese UN budget-performance report):
//   简称 glossary … 二. 资源使用情况
//   " A. 维持和平行动部"            department
//   " 1. 成果预算编制框架"          section (ignored)
//   " (a) 联合国驻非洲联盟办事处"    office (only inside A, B, C)
//   "预期成绩 1.1：…" (may wrap)    expected accomplishment
//   计划产出 / 已完成 / (数目或是/否) 说明   table header, then the table body
import { assembleRows, isExplanation, type AssembledRow, type BodyLine } from './row-assembler.ts';
import { OutputRecordSchema, type CodedName, type Glossary, type OutputRecord } from '../store/schema.ts';
import { statusFlags } from './status.ts';
import { valueNumber } from './value-tokens.ts';

export interface ParseAnomaly {
  line: number;
  kind: 'no_value' | 'planned_ends_mid_sentence' | 'orphan_fragment' | 'invalid_record';
  message: string;
}

/**
 * What the parser saw of the report's layout, independent of how rows were assembled: the ingest compares
 * it with the rows to refuse damaged extractions (ingest/integrity.ts) instead of silently storing garbage.
 */
export interface ReportLayout {
  /** Department headings in file order (a repeated letter means a duplicated or concatenated file). */
  departments: Array<{ code: string; name: string; line: number }>;
  /** 计划产出 table headers inside departments, and how many of those tables yielded no row. */
  tables: number;
  tablesWithoutRows: number;
  /** Table body lines, and how many of them end with whitespace (the signal that closes a cell block). */
  bodyLines: number;
  closingBodyLines: number;
  /** The last table body line of the file: an open cell block there means the file ends mid-row. */
  lastBodyLine: { no: number; closes: boolean } | null;
  /** The last non-blank, non-noise line: after lastBodyLine when the file ends on a heading before its table. */
  lastContentLine: number;
}

export interface ParsedReport {
  records: OutputRecord[];
  glossary: Glossary;
  anomalies: ParseAnomaly[];
  layout: ReportLayout;
}

export class ReportFormatError extends Error {}

const DEPARTMENT_HEADING = /^\s*([A-Z])\.\s+(\S.{0,40}?)\s*$/;
const SECTION_HEADING = /^\s*\d+\.\s+\S.{0,30}$/;
const OFFICE_HEADING = /^\s*\(([a-z])\)\s+([\u4e00-\u9fff、，()（）]{2,30}?(厅|司|办公室|办事处|处|部|科|股|中心))\s*$/;
const ACCOMPLISHMENT = /^\s*预期成绩\s*(\d+(?:\.\d+)*)\s*[：:]\s*(.*?)\s*$/;
const TABLE_HEADER = /^\s*(计划产出|已完成|\(数目或是\/否\)(\s*说明)?|说明)\s*$/;
const NOISE = [/^\s*https?:\/\//, /^\s*\*\s/, /^\s*\d{2}-\d{5}\s*$/, /^\s*A\/\d+\/\d+\s*$/];
const GLOSSARY_END = /^\s*[一二三四五六七八九十]+\.\s/;

const hasTrailingSpace = (raw: string) => /\s$/.test(raw);
const isPageStart = (raw: string) => /^ \S/.test(raw);

/** The 简称 glossary at the top of the report: "abbreviation  full name" per line. */
export function parseGlossary(lines: readonly string[]): Glossary {
  const out: Glossary = [];
  for (const raw of lines) {
    if (GLOSSARY_END.test(raw)) break;
    const t = raw.trim();
    if (!t || t === '简称') continue;
    const m = /^(\S+)\s+(\S.*)$/.exec(t);
    if (m) out.push({ abbreviation: m[1]!, fullName: m[2]!.trim() });
  }
  return out;
}

/** Splits a row's right-hand blocks into per-value labels and the remaining 说明 text. */
export function assignLabels(row: AssembledRow): { labels: Array<string | null>; remarks: string[] } {
  const labels: Array<string | null> = row.values.map(() => null);
  const remarks: string[] = [];
  const numeric = (i: number) => valueNumber(row.values[i] ?? '') !== null;
  for (const whole of row.blocks) {
    // "338 体制和业务安排。产出高于计划，原因…": a label and an explanation printed as one sentence run.
    // The full stop stays with the label: nothing printed is dropped.
    const split = whole.inlineWith !== null ? /^([^。]{1,40}。)(.+)$/.exec(whole.text) : null;
    const block = split && !isExplanation(split[1]!) && isExplanation(split[2]!) ? { ...whole, text: split[1]! } : whole;
    if (block !== whole) remarks.push(split![2]!);
    if (block.inlineWith !== null && numeric(block.inlineWith) && !isExplanation(block.text) && labels[block.inlineWith] === null) {
      labels[block.inlineWith] = block.text;
      continue;
    }
    if (block.inlineWith === null && !isExplanation(block.text)) {
      // A label names the first value printed before it that has none yet.
      const target = labels.findIndex((l, i) => l === null && numeric(i) && i < block.afterValues && !row.blocks.some((b) => b.inlineWith === i));
      if (target >= 0) {
        labels[target] = block.text;
        continue;
      }
    }
    remarks.push(block.text);
  }
  return { labels, remarks };
}

const MID_SENTENCE_END = /[的和与及、，；：或在为对向把将由从了并以于其之“(（-]$/;
/** Words that end in one of those characters but end a sentence well enough (新动向, 有关方面的目的). */
const FINE_ENDINGS = /(动向|方向|意向|倾向|目的|之一)$/;

export function parseReport(text: string, sourceName = 'report'): ParsedReport {
  const rawLines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!rawLines.some((l) => ACCOMPLISHMENT.test(l)) || !rawLines.some((l) => /计划产出/.test(l))) {
    throw new ReportFormatError(
      `${sourceName}: not a budget-performance report of the expected format (no "预期成绩 x.y：" headings or "计划产出" tables found)`,
    );
  }
  const firstDepartment = rawLines.findIndex((l) => DEPARTMENT_HEADING.test(l));
  const glossary = parseGlossary(rawLines.slice(0, firstDepartment < 0 ? 0 : firstDepartment));

  const records: OutputRecord[] = [];
  const anomalies: ParseAnomaly[] = [];
  let department: CodedName | null = null;
  let office: CodedName | null = null;
  let accomplishment: { code: string; parts: string[] } | null = null;
  let inAccomplishmentText = false;
  let body: BodyLine[] = [];
  const ordinals = new Map<string, number>();
  const layout: ReportLayout = { departments: [], tables: 0, tablesWithoutRows: 0, bodyLines: 0, closingBodyLines: 0, lastBodyLine: null, lastContentLine: 0 };
  // A 计划产出 header seen whose table has not yet been flushed: counted as empty unless it yields a row.
  let tablePending = false;

  const flushTable = () => {
    const counted = tablePending;
    tablePending = false;
    if (!department || !accomplishment || body.length === 0) {
      if (counted) layout.tablesWithoutRows++;
      body = [];
      return;
    }
    const { rows, anomalies: assembly } = assembleRows(body);
    if (counted && rows.length === 0) layout.tablesWithoutRows++;
    for (const a of assembly) anomalies.push({ line: a.line, kind: a.kind, message: `value without a planned cell: ${a.text}` });
    const prefix = `${department.code}${office ? `-${office.code}` : ''}-${accomplishment.code}`;
    for (const row of rows) {
      const n = (ordinals.get(prefix) ?? 0) + 1;
      ordinals.set(prefix, n);
      const { labels, remarks } = assignLabels(row);
      const remarkText = remarks.join('\n');
      const candidate = {
        id: `${prefix}-${String(n).padStart(2, '0')}`,
        line: row.line,
        lineEnd: row.lineEnd,
        department,
        office,
        accomplishment: { code: accomplishment.code, text: accomplishment.parts.join('') },
        planned: row.planned,
        actual: row.values.map((value, i) => ({ value, number: valueNumber(value), label: labels[i] ?? null })),
        remarks: remarkText,
        status: statusFlags(row.values, [remarkText, ...labels.filter((l): l is string => l !== null)].join('\n')),
      };
      const parsed = OutputRecordSchema.safeParse(candidate);
      if (!parsed.success) {
        anomalies.push({ line: row.line, kind: 'invalid_record', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
        continue;
      }
      records.push(parsed.data);
      if (row.values.length === 0) anomalies.push({ line: row.line, kind: 'no_value', message: `row without a value: ${row.planned.slice(0, 40)}` });
      if (MID_SENTENCE_END.test(row.planned) && !FINE_ENDINGS.test(row.planned)) {
        anomalies.push({ line: row.line, kind: 'planned_ends_mid_sentence', message: `planned cell ends mid-sentence: …${row.planned.slice(-20)}` });
      }
    }
    body = [];
  };

  for (let i = Math.max(firstDepartment, 0); i < rawLines.length; i++) {
    const raw = rawLines[i]!;
    const no = i + 1;
    if (!raw.trim() || NOISE.some((r) => r.test(raw))) continue;
    layout.lastContentLine = no;

    const dept = DEPARTMENT_HEADING.exec(raw);
    if (dept && /[部厅室会处]$/.test(dept[2]!.trim())) {
      flushTable();
      department = { code: dept[1]!, name: dept[2]!.trim() };
      layout.departments.push({ ...department, line: no });
      office = null;
      accomplishment = null;
      continue;
    }
    const off = OFFICE_HEADING.exec(raw);
    // A heading stands alone on its line; "(a) 制定并实施了…" inside a 说明 cell wraps (no trailing space).
    if (off && hasTrailingSpace(raw) && department && !accomplishmentWrapping(inAccomplishmentText)) {
      flushTable();
      office = { code: off[1]!, name: off[2]!.trim() };
      accomplishment = null;
      continue;
    }
    const ea = ACCOMPLISHMENT.exec(raw);
    if (ea) {
      flushTable();
      accomplishment = { code: ea[1]!, parts: [ea[2]!] };
      inAccomplishmentText = true;
      continue;
    }
    if (TABLE_HEADER.test(raw)) {
      inAccomplishmentText = false;
      // A header reprinted before the table is flushed (a page break) continues the same table.
      if (department && !tablePending && raw.trim() === '计划产出') {
        layout.tables++;
        tablePending = true;
      }
      continue;
    }
    if (inAccomplishmentText && accomplishment) {
      accomplishment.parts.push(raw.trim());
      continue;
    }
    if (SECTION_HEADING.test(raw) && /成果预算编制框架|所需资源|资源使用情况/.test(raw)) continue;
    if (!department || !accomplishment) continue;
    const line = { no, text: raw.trim(), closes: hasTrailingSpace(raw), pageStart: isPageStart(raw) };
    body.push(line);
    layout.bodyLines++;
    if (line.closes) layout.closingBodyLines++;
    layout.lastBodyLine = { no, closes: line.closes };
  }
  flushTable();
  return { records, glossary, anomalies, layout };
}

function accomplishmentWrapping(inText: boolean): boolean {
  return inText;
}
