// Turns the body lines of one 计划产出 | 已完成 | 说明 table into rows.
//
// The PDF-to-text extraction reads the page top to bottom, merging what stands at the same height, so:
// - a line ending in whitespace closes a cell block; a line without it wraps into a later line;
// - the left (planned) and right (value + 说明) cells are two streams whose wrapped lines can alternate;
// - a line starting with one space opens a new page, where the left cell is read first;
// - text after a row's values is either its labels/remarks or the next row's planned cell, which is only
//   known when the next value arrives (the last text block before a value is that value's planned cell).
import { splitAtValue, startsWithMeasureWord, valueNumber } from './value-tokens.ts';

export interface BodyLine {
  /** 1-based line number in the seed file. */
  no: number;
  /** The line without surrounding whitespace. */
  text: string;
  /** The printed line had trailing whitespace: it ends a cell block. */
  closes: boolean;
  /** The printed line started with a single space: first line of a new page. */
  pageStart: boolean;
}

export interface RightBlock {
  text: string;
  /** How many of the row's values were printed before this block. */
  afterValues: number;
  /** Printed on the same line as a value, right after it. */
  inlineWith: number | null;
}

export interface AssembledRow {
  line: number;
  lineEnd: number;
  planned: string;
  values: string[];
  blocks: RightBlock[];
}

export interface AssemblyAnomaly {
  line: number;
  kind: 'orphan_fragment';
  text: string;
}

/** Explanations, as opposed to labels naming a value or a planned cell. */
// "原因是/归因于…" explain; a bare 原因 ("确定冲突原因") is subject matter and can stand in a planned cell.
const EXPLANATION = /产出(高于|低于|少于|多于|未|超过)|原因是|原因为|原因在于|的原因|由于|归因|所致|推迟|延期|未实现|未完成|未能|高于计划|低于计划|取消|因为|鉴于/;
export const isExplanation = (text: string) => EXPLANATION.test(text.replace(/\s+/g, ''));

const displayWidth = (s: string) => [...s].reduce((w, c) => w + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
/** A wrapped line this wide (in display columns, CJK = 2) only fits the planned column: the 说明 column is narrower. */
export const PLANNED_ONLY_WIDTH = 36;
/** A planned fragment beside a value this wide filled its column, so the cell may go on at the next page's top. */
export const FULL_PLANNED_FRAGMENT_WIDTH = 34;

interface PendingBlock {
  lines: BodyLine[];
  open: boolean;
}

/** Joins wrapped lines: CJK text joins without space; Latin words and numbers keep one. */
export function joinWrapped(parts: readonly string[]): string {
  let out = '';
  for (const p of parts) {
    if (!out) out = p;
    else if (/[A-Za-z0-9,.;:)%]$/.test(out) && /^[A-Za-z0-9(]/.test(p)) out += ` ${p}`;
    else out += p;
  }
  return out;
}

/**
 * "…课程，包括 2 " + "个高级特派团…": a count split across lines keeps a trailing space after the number,
 * so such a line does not really close its block.
 */
export function repairSplitCounts(lines: readonly BodyLine[]): BodyLine[] {
  return lines.map((line, i) => {
    const next = lines[i + 1];
    if (line.closes && next && /\S\s+\d+$/.test(line.text) && startsWithMeasureWord(next.text)) return { ...line, closes: false };
    return line;
  });
}

/**
 * Where the left (planned) cell stands: closed; open (its last line wrapped); or full — its last fragment
 * filled the column beside a value, so the cell may continue where the next page starts.
 */
type LeftCell = 'closed' | 'open' | 'full';

interface Current {
  row: AssembledRow;
  plannedParts: string[];
  /** Right-stream text pieces; the last one receives wrapped continuations. */
  rightParts: Array<{ parts: string[]; afterValues: number; inlineWith: number | null }>;
}

/** The assembler's state between lines; each line is one step of the reducer below. */
interface Assembly {
  rows: AssembledRow[];
  anomalies: AssemblyAnomaly[];
  cur: Current | null;
  left: LeftCell;
  /** The right (value + 说明) stream's last line wrapped. */
  rightOpen: boolean;
  lastStream: 'left' | 'right' | null;
  /** Text blocks after a row's values whose column is known only when the next value arrives. */
  pending: PendingBlock[];
}

function finishRow(a: Assembly): void {
  if (!a.cur) return;
  a.cur.row.planned = joinWrapped(a.cur.plannedParts);
  a.cur.row.blocks = a.cur.rightParts.map((p) => ({ text: joinWrapped(p.parts), afterValues: p.afterValues, inlineWith: p.inlineWith }));
  a.rows.push(a.cur.row);
  a.cur = null;
}

function startRow(a: Assembly, first: BodyLine, parts: string[]): Current {
  finishRow(a);
  a.cur = { row: { line: first.no, lineEnd: first.no, planned: '', values: [], blocks: [] }, plannedParts: parts, rightParts: [] };
  return a.cur;
}

function touch(a: Assembly, no: number): void {
  if (a.cur && no > a.cur.row.lineEnd) a.cur.row.lineEnd = no;
}

function flushPendingAsRight(a: Assembly): void {
  const cur = a.cur;
  if (!cur) return;
  for (const b of a.pending) {
    cur.rightParts.push({ parts: b.lines.map((l) => l.text), afterValues: cur.row.values.length, inlineWith: null });
    touch(a, b.lines[b.lines.length - 1]!.no);
  }
  a.pending = [];
}

/**
 * Does the last pending block read as the next row's planned cell rather than this row's 说明?
 * Weighs the report's habits: planned cells are wider, speak of what is to be done (no 了), and a row's
 * label blocks match its unlabelled numeric values one for one.
 */
function lastPendingIsPlanned(a: Assembly, valueLine: BodyLine): boolean {
  const cur = a.cur;
  if (!cur || a.pending.length === 0) return false;
  const last = a.pending[a.pending.length - 1]!;
  const text = joinWrapped(last.lines.map((l) => l.text));
  if (isExplanation(text)) return false;
  // A block still wrapping when a value arrives is a planned cell whose lines alternate with the values.
  if (last.open) return true;
  if (last.lines.some((l, i) => i < last.lines.length - 1 && displayWidth(l.text.replace(/[，、；。：,;]$/, '')) >= PLANNED_ONLY_WIDTH)) return true;
  // Inline text after a number is its label; a separate block counts as one unless it reads as a finding (了).
  const labelsSoFar = cur.rightParts.filter((p) => {
    const t = p.parts.join('');
    return !isExplanation(t) && (p.inlineWith !== null || !/了/.test(t));
  }).length;
  const numericValues = cur.row.values.filter((v) => valueNumber(v) !== null).length;
  const unlabelled = Math.max(0, numericValues - labelsSoFar);
  const labelLike = a.pending.filter((b) => !isExplanation(b.lines.map((l) => l.text).join(''))).length;
  let score = labelLike > unlabelled ? (numericValues === 0 ? 2 : 1) : -1;
  if (/了/.test(text)) score -= 1;
  if (/^(此外|其中|包括|另外|以及)/.test(text)) score -= 1;
  if (/\d+ ?[次份项个名]/.test(text)) score += 0.5;
  // Planned cells often open with a count ("95 次与特设国际刑事法庭…合作"); labels name things.
  if (/^\d[\d ]*\s*[次份项个名篇场期件起]/.test(text)) score += 1.5;
  // A value opening a new page after a closed block more likely continues the row above.
  if (valueLine.pageStart) score -= 0.5;
  return score > 0;
}

/** A line holding a value (a number or 是/否), with the planned text before it and the 说明 after it, if any. */
function onValueLine(a: Assembly, line: BodyLine, split: NonNullable<ReturnType<typeof splitAtValue>>): void {
  const leftFirstOnPage = line.pageStart && a.left !== 'closed' && (a.left === 'open' || !a.rightOpen);
  if (split.left !== null) {
    if (a.cur && (a.cur.row.values.length === 0 || a.left === 'open' || (a.left === 'full' && leftFirstOnPage))) {
      a.cur.plannedParts.push(split.left);
    } else {
      const lastOpen = a.pending.length > 0 && a.pending[a.pending.length - 1]!.open;
      const plannedLines = lastOpen ? a.pending.pop()!.lines : [];
      flushPendingAsRight(a);
      startRow(a, plannedLines[0] ?? line, [...plannedLines.map((l) => l.text), split.left]);
    }
    a.left = displayWidth(split.left) >= FULL_PLANNED_FRAGMENT_WIDTH ? 'full' : 'closed';
  } else if (!a.cur) {
    a.anomalies.push({ line: line.no, kind: 'orphan_fragment', text: line.text });
    startRow(a, line, []);
  } else if (a.cur.row.values.length > 0 && a.pending.length > 0) {
    if (lastPendingIsPlanned(a, line)) {
      const planned = a.pending.pop()!;
      flushPendingAsRight(a);
      startRow(a, planned.lines[0]!, planned.lines.map((l) => l.text));
      touch(a, planned.lines[planned.lines.length - 1]!.no);
      a.left = planned.open ? 'open' : 'closed';
    } else {
      flushPendingAsRight(a);
    }
  }
  const c = a.cur;
  if (!c) return;
  c.row.values.push(split.value);
  if (split.right) c.rightParts.push({ parts: [split.right], afterValues: c.row.values.length, inlineWith: c.row.values.length - 1 });
  a.rightOpen = split.right !== null && !line.closes;
  a.lastStream = 'right';
  touch(a, line.no);
}

/** Which cell a text line without a value continues: the planned cell, the 说明 beside it, or a new block. */
function streamOf(a: Assembly, line: BodyLine): 'left' | 'right' | 'new' {
  if (a.left === 'open' && a.rightOpen) return line.pageStart ? 'left' : (a.lastStream ?? 'right');
  // An explanation never continues a planned cell: it opens the 说明 block beside it.
  if (a.left === 'open') return isExplanation(line.text) ? 'new' : 'left';
  if (a.left === 'full' && line.pageStart && !a.rightOpen) return 'left';
  return a.rightOpen ? 'right' : 'new';
}

function onTextLine(a: Assembly, line: BodyLine): void {
  const cur = a.cur;
  if (!cur || cur.row.values.length === 0) {
    (cur ?? startRow(a, line, [])).plannedParts.push(line.text);
    a.left = line.closes ? 'closed' : 'open';
    a.lastStream = 'left';
    touch(a, line.no);
    return;
  }
  const stream = streamOf(a, line);
  if (stream === 'left') {
    cur.plannedParts.push(line.text);
    a.left = line.closes ? 'closed' : 'open';
    a.lastStream = 'left';
    touch(a, line.no);
    return;
  }
  if (stream === 'right') {
    const lastPending = a.pending[a.pending.length - 1];
    if (lastPending?.open) {
      lastPending.lines.push(line);
      lastPending.open = !line.closes;
    } else {
      const last = cur.rightParts[cur.rightParts.length - 1];
      if (last) last.parts.push(line.text);
      else cur.rightParts.push({ parts: [line.text], afterValues: cur.row.values.length, inlineWith: null });
      touch(a, line.no);
    }
  } else {
    a.pending.push({ lines: [line], open: !line.closes });
    if (a.left === 'full') a.left = 'closed';
  }
  a.rightOpen = !line.closes;
  a.lastStream = 'right';
}

/** One step: a line of the table's body read into the assembly. */
function step(a: Assembly, line: BodyLine): Assembly {
  // While only the right stream is open, a number opening the line is running text unless it stands as a
  // value on its own terms (splitAtValue already rejected measure words).
  const onlyRightOpen = a.rightOpen && a.left !== 'open';
  const split = splitAtValue(line.text, line.closes, !onlyRightOpen);
  if (split) onValueLine(a, line, split);
  else onTextLine(a, line);
  return a;
}

export function assembleRows(input: readonly BodyLine[]): { rows: AssembledRow[]; anomalies: AssemblyAnomaly[] } {
  const initial: Assembly = { rows: [], anomalies: [], cur: null, left: 'closed', rightOpen: false, lastStream: null, pending: [] };
  const done = repairSplitCounts(input).reduce(step, initial);
  flushPendingAsRight(done);
  finishRow(done);
  return { rows: done.rows, anomalies: done.anomalies };
}
