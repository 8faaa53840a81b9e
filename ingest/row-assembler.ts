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
/** A wrapped line this wide only fits the planned column (the 说明 column is narrower). */
const PLANNED_ONLY_WIDTH = 36;

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

export function assembleRows(input: readonly BodyLine[]): { rows: AssembledRow[]; anomalies: AssemblyAnomaly[] } {
  const lines = repairSplitCounts(input);
  const rows: AssembledRow[] = [];
  const anomalies: AssemblyAnomaly[] = [];

  interface Current {
    row: AssembledRow;
    plannedParts: string[];
    /** Right-stream text pieces; the last one receives wrapped continuations. */
    rightParts: Array<{ parts: string[]; afterValues: number; inlineWith: number | null }>;
  }
  // Declared through a cast so TypeScript does not narrow it to null: the helpers below reassign it.
  let cur = null as Current | null;
  let leftOpen: boolean | 'maybe' = false;
  let rightOpen = false;
  let lastStream: 'left' | 'right' | null = null;
  let pending: PendingBlock[] = [];

  const finishRow = () => {
    if (!cur) return;
    cur.row.planned = joinWrapped(cur.plannedParts);
    cur.row.blocks = cur.rightParts.map((p) => ({ text: joinWrapped(p.parts), afterValues: p.afterValues, inlineWith: p.inlineWith }));
    rows.push(cur.row);
    cur = null;
  };
  const startRow = (first: BodyLine | number, parts: string[]) => {
    finishRow();
    const no = typeof first === 'number' ? first : first.no;
    cur = { row: { line: no, lineEnd: no, planned: '', values: [], blocks: [] }, plannedParts: parts, rightParts: [] };
  };
  const touch = (no: number) => {
    if (cur && no > cur.row.lineEnd) cur.row.lineEnd = no;
  };
  const flushPendingAsRight = () => {
    if (!cur) return;
    for (const b of pending) {
      cur.rightParts.push({ parts: b.lines.map((l) => l.text), afterValues: cur.row.values.length, inlineWith: null });
      touch(b.lines[b.lines.length - 1]!.no);
    }
    pending = [];
  };
  /**
   * Does the last pending block read as the next row's planned cell rather than this row's 说明?
   * Weighs the report's habits: planned cells are wider, speak of what is to be done (no 了), and a row's
   * label blocks match its unlabelled numeric values one for one.
   */
  const lastPendingIsPlanned = (valueLine: BodyLine): boolean => {
    if (!cur || pending.length === 0) return false;
    const last = pending[pending.length - 1]!;
    const text = joinWrapped(last.lines.map((l) => l.text));
    if (isExplanation(text)) return false;
    // A block still wrapping when a value arrives is a planned cell whose lines alternate with the values.
    if (last.open) return true;
    if (last.lines.some((l, i) => i < last.lines.length - 1 && displayWidth(l.text.replace(/[，、；。：,;]$/, '')) >= PLANNED_ONLY_WIDTH)) {
      return true;
    }
    // Inline text after a number is its label; a separate block counts as one unless it reads as a finding (了).
    const labelsSoFar = cur.rightParts.filter((p) => {
      const t = p.parts.join('');
      return !isExplanation(t) && (p.inlineWith !== null || !/了/.test(t));
    }).length;
    const numericValues = cur.row.values.filter((v) => valueNumber(v) !== null).length;
    const unlabelled = Math.max(0, numericValues - labelsSoFar);
    const labelLike = pending.filter((b) => !isExplanation(b.lines.map((l) => l.text).join(''))).length;
    let score = labelLike > unlabelled ? (numericValues === 0 ? 2 : 1) : -1;
    if (/了/.test(text)) score -= 1;
    if (/^(此外|其中|包括|另外|以及)/.test(text)) score -= 1;
    if (/\d+ ?[次份项个名]/.test(text)) score += 0.5;
    // Planned cells often open with a count ("95 次与特设国际刑事法庭…合作"); labels name things.
    if (/^\d[\d ]*\s*[次份项个名篇场期件起]/.test(text)) score += 1.5;
    // A value opening a new page after a closed block more likely continues the row above.
    if (valueLine.pageStart) score -= 0.5;
    return score > 0;
  };

  for (const line of lines) {
    const onlyRightOpen = rightOpen && leftOpen !== true;
    const split = splitAtValue(line.text, line.closes, !onlyRightOpen);
    const leftFirstOnPage = line.pageStart && leftOpen !== false && (leftOpen === true || !rightOpen);

    // A number or 是/否 that opens a line which continues the right stream is still running text
    // unless it stands as a value on its own terms (splitAtValue already rejected measure words).
    if (split) {
      if (split.left !== null) {
        if (cur && (cur.row.values.length === 0 || leftOpen === true || (leftOpen === 'maybe' && leftFirstOnPage))) {
          cur.plannedParts.push(split.left);
        } else {
          const lastOpen = pending.length > 0 && pending[pending.length - 1]!.open;
          const plannedLines = lastOpen ? pending.pop()!.lines : [];
          flushPendingAsRight();
          startRow(plannedLines[0] ?? line, [...plannedLines.map((l) => l.text), split.left]);
        }
        leftOpen = displayWidth(split.left) >= 34 ? 'maybe' : false;
      } else if (!cur) {
        anomalies.push({ line: line.no, kind: 'orphan_fragment', text: line.text });
        startRow(line, []);
      } else if (cur.row.values.length > 0 && pending.length > 0) {
        if (lastPendingIsPlanned(line)) {
          const planned = pending.pop()!;
          flushPendingAsRight();
          startRow(planned.lines[0]!, planned.lines.map((l) => l.text));
          touch(planned.lines[planned.lines.length - 1]!.no);
          leftOpen = planned.open;
        } else {
          flushPendingAsRight();
        }
      }
      const c = cur;
      if (!c) continue;
      c.row.values.push(split.value);
      if (split.right) c.rightParts.push({ parts: [split.right], afterValues: c.row.values.length, inlineWith: c.row.values.length - 1 });
      rightOpen = split.right !== null && !line.closes;
      lastStream = 'right';
      touch(line.no);
      continue;
    }

    // A text line without a value.
    if (!cur || cur.row.values.length === 0) {
      if (!cur) startRow(line, []);
      cur!.plannedParts.push(line.text);
      leftOpen = !line.closes;
      lastStream = 'left';
      touch(line.no);
      continue;
    }
    let stream: 'left' | 'right' | 'new';
    if (leftOpen === true && rightOpen) stream = line.pageStart ? 'left' : (lastStream ?? 'right');
    // An explanation never continues a planned cell: it opens the 说明 block beside it.
    else if (leftOpen === true) stream = isExplanation(line.text) ? 'new' : 'left';
    else if (leftOpen === 'maybe' && line.pageStart && !rightOpen) stream = 'left';
    else if (rightOpen) stream = 'right';
    else stream = 'new';

    if (stream === 'left') {
      cur.plannedParts.push(line.text);
      leftOpen = !line.closes;
      lastStream = 'left';
      touch(line.no);
    } else if (stream === 'right') {
      const lastPending = pending[pending.length - 1];
      if (lastPending?.open) {
        lastPending.lines.push(line);
        lastPending.open = !line.closes;
      } else {
        const last = cur.rightParts[cur.rightParts.length - 1];
        if (last) last.parts.push(line.text);
        else cur.rightParts.push({ parts: [line.text], afterValues: cur.row.values.length, inlineWith: null });
        touch(line.no);
      }
      rightOpen = !line.closes;
      lastStream = 'right';
    } else {
      pending.push({ lines: [line], open: !line.closes });
      rightOpen = !line.closes;
      if (leftOpen === 'maybe') leftOpen = false;
      lastStream = 'right';
    }
  }
  flushPendingAsRight();
  finishRow();
  return { rows, anomalies };
}
