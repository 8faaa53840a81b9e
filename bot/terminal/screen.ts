// Text on a terminal screen: a Discord message as plain lines, lines wrapped to the terminal's width (CJK
// characters take two columns), and screens of a long answer.
import { pageAsText } from '../../present/discord.ts';
import type { BotMessage } from '../interactions/types.ts';

/**
 * Characters a terminal draws two columns wide: East Asian Wide and Fullwidth (Unicode UAX #11) — CJK
 * ideographs and punctuation, kana, Hangul, fullwidth forms — and emoji. No package for this is in the tree,
 * and these ranges are all the report and the bot's own words use.
 */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
/** Combining marks and format characters (variation selectors, zero-width joiners) take no column. */
const ZERO = /[\u0300-\u036f\u200b-\u200f\u2060-\u2064\ufe00-\ufe0f\ufeff]/u;

export function charWidth(ch: string): number {
  if (ZERO.test(ch)) return 0;
  return WIDE.test(ch) ? 2 : 1;
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/**
 * One line cut into lines of at most `columns` columns: at the last space when the line has one to break at
 * (English), else between characters (Chinese has no spaces). A continuation keeps the line's indentation.
 */
const LATIN = /^[A-Za-z0-9'’.,;:()/-]$/;

export function wrapLine(line: string, columns: number): string[] {
  const max = Math.max(10, columns);
  if (displayWidth(line) <= max) return [line];
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  const out: string[] = [];
  let rest = [...line];
  let prefix = '';
  while (displayWidth(prefix + rest.join('')) > max) {
    let width = displayWidth(prefix);
    let cut = 0;
    while (cut < rest.length && width + charWidth(rest[cut]!) <= max) width += charWidth(rest[cut++]!);
    // Only a cut through a Latin word moves back to the space before it; Chinese breaks anywhere.
    const inWord = LATIN.test(rest[cut - 1] ?? '') && LATIN.test(rest[cut] ?? '');
    const space = rest.lastIndexOf(' ', cut);
    const at = inWord && space > indent.length && cut - space < 20 ? space : cut;
    out.push(prefix + rest.slice(0, at).join('').trimEnd());
    rest = rest.slice(at);
    while (rest[0] === ' ') rest.shift();
    prefix = indent.length < max / 2 ? indent : '';
  }
  out.push(prefix + rest.join(''));
  return out;
}

export function wrapText(text: string, columns: number): string {
  return text
    .split('\n')
    .flatMap((l) => wrapLine(l, columns))
    .join('\n');
}

/** Splits long text into screens of `lines` lines. */
export function paginateLines(text: string, lines: number): string[] {
  const all = text.split('\n');
  const size = Math.max(1, lines);
  const pages: string[] = [];
  for (let i = 0; i < all.length; i += size) pages.push(all.slice(i, i + size).join('\n'));
  return pages.length ? pages : [''];
}

/** Discord markdown a terminal would print literally: bold, italic lines, code spans and fences, subtext, escapes. */
export function stripMarkdown(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^```\w*$/.test(l))
    .map((l) => l.replace(/^-# /, '').replace(/\*\*/g, '').replace(/^\*([^*]+)\*$/, '$1').replace(/`/g, '').replace(/\\([*_~`|>#-])/g, '$1'))
    .join('\n');
}

/** A handler's message (a note, /row's card, /source's lines) as plain text. */
export function messageText(message: BotMessage): string {
  return stripMarkdown(pageAsText({ ...(message.content !== undefined ? { content: message.content } : {}), embeds: message.embeds ?? [] }));
}
