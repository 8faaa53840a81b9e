// Signs that a report file is damaged, checked before a parse may replace the data being served. Each check
// compares what the parser saw of the layout with the rows it made; none depends on this particular report.
import type { ParsedReport, ReportLayout } from './parse-report.ts';

/** The build an ingest would replace: its seed file name and how many rows it holds. */
export interface PreviousBuild {
  seedFile: string;
  rowCount: number;
}

/** Fewer than this share of table lines ending in whitespace: the extraction was trimmed (real: ~45 %). */
const MIN_CLOSING_SHARE = 0.02;
/** A row prints one 已完成 value, rarely a few (real report: 1.2 on average); more means rows were merged. */
const MAX_VALUES_PER_ROW = 3;
/** Share of the previous build's rows a new parse of the same file name may lose before it looks broken… */
const MAX_DROP = 0.2;
/** …counted only from this many lost rows: an edit of a tiny report (2 rows -> 1) is no sign of damage. */
const MIN_DROPPED_ROWS = 5;

export function lostTrailingSpaces(layout: ReportLayout): string | null {
  if (layout.bodyLines < 10 || layout.closingBodyLines / layout.bodyLines >= MIN_CLOSING_SHARE) return null;
  return (
    `only ${layout.closingBodyLines} of ${layout.bodyLines} table lines end with a space: the text extraction lost its ` +
    'trailing spaces, which mark where a cell ends (re-extract the PDF without trimming lines)'
  );
}

export function repeatedDepartment(layout: ReportLayout): string | null {
  const first = new Map<string, number>();
  for (const d of layout.departments) {
    const seen = first.get(d.code);
    if (seen !== undefined) {
      return `department "${d.code}." appears twice as a heading (lines ${seen} and ${d.line}): the file looks duplicated or concatenated`;
    }
    first.set(d.code, d.line);
  }
  return null;
}

/**
 * A department block pasted again under another letter (an extraction that repeated a page run, a hand edit):
 * the same department name under two letters, or two departments with the very same rows. Either would
 * double that department's outputs in every count.
 */
export function repeatedBlock(parsed: ParsedReport): string | null {
  const byName = new Map<string, { code: string; line: number }>();
  for (const d of parsed.layout.departments) {
    const seen = byName.get(d.name);
    if (seen && seen.code !== d.code) return `department "${d.name}" appears under two letters (${seen.code}. at line ${seen.line} and ${d.code}. at line ${d.line}): a block looks repeated`;
    if (!seen) byName.set(d.name, { code: d.code, line: d.line });
  }
  const rowsOf = new Map<string, string[]>();
  for (const r of parsed.records) {
    const list = rowsOf.get(r.department.code) ?? [];
    list.push(`${r.planned}\u0000${r.actual.join('\u0001')}`);
    rowsOf.set(r.department.code, list);
  }
  const bySignature = new Map<string, string>();
  for (const [code, rows] of rowsOf) {
    const signature = rows.join('\n');
    const other = bySignature.get(signature);
    if (other) return `departments ${other}. and ${code}. hold the same ${rows.length} rows: a block looks repeated under another letter`;
    bySignature.set(signature, code);
  }
  return null;
}

export function endsMidRow(parsed: ParsedReport): string | null {
  const { lastBodyLine, lastContentLine } = parsed.layout;
  const last = parsed.records[parsed.records.length - 1];
  if (!lastBodyLine || !last) return null;
  if (lastContentLine > lastBodyLine.no) return `the file ends at line ${lastContentLine} on a heading, before its table: it looks truncated`;
  if (!lastBodyLine.closes) return `the file ends mid-row: its last table line (line ${lastBodyLine.no}) leaves a cell open — it looks truncated`;
  if (last.actual.length === 0) return `the file ends mid-row: the last row (line ${last.line}) has no 已完成 value — it looks truncated`;
  return null;
}

export function tooFewRows(parsed: ParsedReport): string | null {
  const rows = parsed.records.length;
  const values = parsed.records.reduce((n, r) => n + r.actual.length, 0);
  if (rows > 0 && values > MAX_VALUES_PER_ROW * rows) {
    return `only ${rows} rows for ${values} 已完成 values (${(values / rows).toFixed(1)} per row): rows were merged`;
  }
  const { tables, tablesWithoutRows } = parsed.layout;
  if (tablesWithoutRows > 0 && tablesWithoutRows * 4 > tables) return `${tablesWithoutRows} of ${tables} 计划产出 tables yielded no row`;
  return null;
}

export function dropsRows(rows: number, seedFile: string, previous: PreviousBuild | null): string | null {
  if (!previous || previous.seedFile !== seedFile) return null;
  if (rows >= (1 - MAX_DROP) * previous.rowCount || previous.rowCount - rows < MIN_DROPPED_ROWS) return null;
  const lost = Math.round((100 * (previous.rowCount - rows)) / previous.rowCount);
  return `it would replace the ${previous.rowCount} rows built from ${seedFile} with ${rows} (${lost} % fewer)`;
}

/** Every reason to refuse this parse, most fundamental first; empty when it looks whole. */
export function integrityProblems(parsed: ParsedReport, seedFile: string, previous: PreviousBuild | null): string[] {
  // Without trailing spaces every cell boundary is lost, so the other layout checks would only echo that.
  const trimmed = lostTrailingSpaces(parsed.layout);
  if (trimmed) return [trimmed];
  const problems = [repeatedDepartment(parsed.layout), repeatedBlock(parsed), endsMidRow(parsed), tooFewRows(parsed), dropsRows(parsed.records.length, seedFile, previous)];
  return problems.filter((p): p is string => p !== null);
}

/** A report the ingest refuses to store; the data already built stays in place. */
export class IngestRefusedError extends Error {
  override readonly name = 'IngestRefusedError';
  constructor(
    readonly seedPath: string,
    readonly problems: string[],
  ) {
    super(`${seedPath}: refusing to ingest — ${problems.join('; ')}. The data already built was kept; \`npm run ingest -- --force\` ingests it anyway.`);
  }
}
