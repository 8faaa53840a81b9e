// Finding the 已完成 values inside a line of the PDF-to-text extraction.
//
// The extraction merges the three table cells when they share a printed line, so a line such as
// "和平与安全问题联合工作队召开 2 次会议 2 会议" holds planned text, a value and its label. Numbers inside
// planned or remarks text are almost always followed by a measure word ("2 次会议", "12 份报告", "2013 年"),
// while a value is followed by its label or remarks ("2 会议", "12 审查和更新了…") or stands alone.

/** A value as printed: 是 / 否, or a number with optional thousands-separator spaces, decimals and %. */
const NUMBER_SOURCE = String.raw`\d{1,3}(?: \d{3})+(?:\.\d+)?%?|\d+(?:\.\d+)?%?`;
const VALUE_SOURCE = `是|否|${NUMBER_SOURCE}`;

/**
 * Characters that, right after a number, mark the number as part of running text (a count of something).
 * Two-character exceptions below catch words that merely begin with one of them (起草, 支持, 多层面…).
 */
const MEASURE_WORDS = new Set([
  ...'次个份项名年月日天周起条封期届种支件宗篇则页笔人亿万千百小时组号批轮类级节段台辆架座套张本册卷场所家位例英公米吨美%',
]);
const NOT_MEASURE_PREFIXES = ['起草', '支持', '支助', '支付', '多层', '多边', '多种', '多个', '多项', '多次', '组织', '期间', '人权', '人员', '人事', '种类', '条例', '条件', '公共', '公室', '所有', '美国', '号召', '家庭', '台账', '年度', '月度', '项目', '届会'];

/** True when `rest` (the text right after a number and a space) reads as a continuation of running text. */
export function startsWithMeasureWord(rest: string): boolean {
  const first = rest[0];
  // "2 000 多名", "100 余次": 多/余 followed by a measure word is still a count ("42 多层面…" is a value and its
  // label); at a wrapped line's end ("收到的 100 多" + "次关于…") the measure word is on the next line.
  if (first === '多' || first === '余') return rest.length === 1 || MEASURE_WORDS.has(rest[1] ?? '');
  if (first === undefined || !MEASURE_WORDS.has(first)) return false;
  return !NOT_MEASURE_PREFIXES.some((p) => rest.startsWith(p));
}

/** "2 702" -> "2702"; "78.5%" stays; 是/否 stay. */
export function normaliseValue(printed: string): string {
  return printed.replace(/(\d) (?=\d{3}\b)/g, '$1');
}

/** Numeric reading of a value: numbers and percentages; null for 是/否. */
export function valueNumber(value: string): number | null {
  const m = /^(\d+(?:\.\d+)?)%?$/.exec(value);
  return m ? Number(m[1]) : null;
}

export interface ValueSplit {
  /** Text before the value on the same line (the planned cell), if any. */
  left: string | null;
  /** The value as printed, normalised. */
  value: string;
  /** Text after the value on the same line (a label or remarks), if any. */
  right: string | null;
}

const LEADING_VALUE = new RegExp(`^(${VALUE_SOURCE})(?:\\s+(.*))?$`);
const INNER_VALUE = new RegExp(`(?<= )(${VALUE_SOURCE})(?= |$)`, 'g');

function qualifies(rest: string | undefined, lineCloses: boolean, precededBy: string): boolean {
  if (precededBy.endsWith('第')) return false; // "第 1 组": an ordinal, never a value
  if (rest === undefined || rest === '') return lineCloses; // a number at a wrapped line's end continues on the next line
  return !startsWithMeasureWord(rest);
}

/**
 * Splits a trimmed line at its first value, or returns null when the line holds none.
 * `lineCloses` says whether the printed line ended a cell block (it had trailing whitespace).
 */
export function splitAtValue(text: string, lineCloses: boolean, allowInner = true): ValueSplit | null {
  const lead = LEADING_VALUE.exec(text);
  if (lead) {
    const [, printed = '', rest] = lead;
    if (qualifies(rest?.trim(), lineCloses || rest !== undefined, '')) {
      return { left: null, value: normaliseValue(printed), right: rest?.trim() || null };
    }
  }
  if (!allowInner) return null;
  for (const m of text.matchAll(INNER_VALUE)) {
    const start = m.index ?? 0;
    const left = text.slice(0, start).trim();
    const rest = text.slice(start + m[0].length).trim();
    if (!left) continue;
    // Inside planned text a value can only follow a CJK character or closing punctuation, never a Latin word.
    if (/[A-Za-z/]$/.test(left)) continue;
    if (qualifies(rest, lineCloses, left)) {
      return { left, value: normaliseValue(m[0]), right: rest || null };
    }
  }
  return null;
}
