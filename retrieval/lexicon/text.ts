// Text helpers both matchers share: phrase patterns tolerant of separators, English tokens and stems.
import { LexiconError, type TermToken } from './schema.ts';

// ---------------------------------------------------------------------------------------------
// Text helpers shared by both matchers
// ---------------------------------------------------------------------------------------------

export const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;
export const hasCjk = (s: string): boolean => CJK.test(s);
export const isShortAcronym = (s: string): boolean => /^[A-Z]{2,3}$/.test(s);
export const ENGLISH_WORD_ACRONYMS = new Set(['DOS', 'DOT', 'CAR', 'SUN', 'WHO', 'OLA', 'ICE', 'ITS']);
export const isCaseSensitiveUnitName = (s: string): boolean => /^[A-Z]{2}$/.test(s) || (isShortAcronym(s) && ENGLISH_WORD_ACRONYMS.has(s));
export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Separators users put between English words (hyphens in Under-Secretary-General, commas, slashes).
export const EN_SEP = "[\\s\\-\\u2010-\\u2015_,/'\\u2019().:]";
// Between Chinese characters only whitespace (PDF line breaks) and enumeration commas are tolerated.
export const ZH_SEP = '[\\s\\u3001\\uff0c,\\u00b7\\u30fb\\-/]*';
export const EN_WORD_SYNONYMS: Record<string, string> = {
  and: '(?:and|&)',
  department: '(?:department|dept)',
  programme: '(?:programme|program)',
  centre: '(?:centre|center)',
};

/** A regex source for a name, tolerant of spacing/punctuation, with word boundaries on Latin edges. */
export function phraseSource(text: string): string {
  const tokens = text.match(/[A-Za-z0-9\u00c0-\u024f]+|[\u3400-\u9fff\uf900-\ufaff]|&/gu) ?? [];
  if (tokens.length === 0) throw new LexiconError(`name "${text}" has no letters`);
  let src = '';
  tokens.forEach((tok, i) => {
    const latin = !hasCjk(tok);
    if (i > 0) {
      // Two Latin words need a separator between them, or "DMOffice" would read as "DM Office".
      src += latin && !hasCjk(tokens[i - 1]!) ? `${EN_SEP}+` : ZH_SEP;
    }
    const lower = tok.toLowerCase();
    src += latin ? (EN_WORD_SYNONYMS[lower === '&' ? 'and' : lower] ?? escapeRe(tok)) : escapeRe(tok);
  });
  const first = tokens[0]!;
  const last = tokens[tokens.length - 1]!;
  const lead = hasCjk(first) ? '' : '(?<![A-Za-z0-9])';
  const trail = hasCjk(last) ? '' : '(?![A-Za-z0-9])';
  return `${lead}(?:${src})${trail}`;
}

/** A literal every match of `phraseSource(text)` contains: its longest plain Latin word, else a CJK character. */
export function needleOf(text: string): string {
  const tokens = text.match(/[A-Za-z0-9\u00c0-\u024f]+|[\u3400-\u9fff\uf900-\ufaff]|&/gu) ?? [];
  const latin = tokens.filter((t) => !hasCjk(t) && t !== '&' && !(t.toLowerCase() in EN_WORD_SYNONYMS));
  if (latin.length) return latin.sort((a, b) => b.length - a.length)[0]!.toLowerCase();
  return tokens.find(hasCjk) ?? '';
}

export function compilePhrase(text: string): RegExp {
  // Unit acronyms are typed in lower case in chat ("dfs below plan?"); only two-letter ones (DM) and
  // three-letter ones that are English words keep to capitals.
  return new RegExp(phraseSource(text), isCaseSensitiveUnitName(text) ? 'gu' : 'giu');
}

/** Key for detecting the same name given to two units. */
export const nameKey = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Light English stemmer: enough for the report's vocabulary (briefings/briefed/briefing → brief,
 * postponed/postpones → postpon, activities → activity, planned/planning → plan). Applied to both
 * the glossary and the question, so it only has to be consistent, not linguistically right.
 */
export const STEM_EXCEPTIONS = new Set(['news', 'series', 'species', 'aids', 'means', 'status', 'bus', 'gas', 'lens', 'canvas', 'alias', 'bias', 'this', 'thus', 'yes', 'its']);
export const hasVowel = (s: string): boolean => /[aeiouy]/.test(s);
export function stemWord(word: string): string {
  let w = word.toLowerCase();
  if (STEM_EXCEPTIONS.has(w) || w.length < 4) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:s|x|z|ch|sh)es$/.test(w) && w.length - 2 >= 3) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w) && w.length - 1 >= 3) w = w.slice(0, -1);

  if (w.endsWith('ied') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('ed') && !w.endsWith('eed') && w.length - 2 >= 3 && hasVowel(w.slice(0, -2))) w = w.slice(0, -2);
  else if (w.endsWith('ing') && w.length - 3 >= 3 && hasVowel(w.slice(0, -3))) w = w.slice(0, -3);

  if (w.length >= 4 && /([b-df-hj-np-tv-z])\1$/.test(w)) w = w.slice(0, -1);
  if (w.length >= 4 && w.endsWith('e') && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}

export interface QToken {
  raw: string;
  lower: string;
  stem: string;
  start: number;
  end: number;
}

/** Latin-script words of a question; possessive 's dropped and n't read as "not". */
export function tokenizeEnglish(text: string): QToken[] {
  const out: QToken[] = [];
  for (const m of text.matchAll(/[\p{Script=Latin}\p{N}]+/gu)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    const apostropheBefore = start > 0 && /['’]/.test(text[start - 1]!);
    const prev = out[out.length - 1];
    if (apostropheBefore && prev && prev.end === start - 1) {
      if (raw.toLowerCase() === 's') continue;
      if (raw.toLowerCase() === 't' && /n$/i.test(prev.raw)) {
        prev.raw = prev.raw.slice(0, -1);
        prev.lower = prev.raw.toLowerCase();
        prev.stem = stemWord(prev.raw);
        prev.end -= 1;
        out.push({ raw: 'not', lower: 'not', stem: 'not', start: prev.end, end });
        continue;
      }
    }
    out.push({ raw, lower: raw.toLowerCase(), stem: stemWord(raw), start, end });
  }
  return out;
}

export const isLongAcronym = (s: string): boolean => /^[A-Z][A-Z0-9]{3,}$/.test(s);

export function termTokens(text: string): TermToken[] {
  return tokenizeEnglish(text).map((t) =>
    isShortAcronym(t.raw) ? { exact: t.raw } : isLongAcronym(t.raw) ? { lower: t.lower } : { stem: t.stem },
  );
}

export const termTokenKey = (t: TermToken): string =>
  t.exact !== undefined ? `=${t.exact}` : t.lower !== undefined ? `^${t.lower}` : `~${t.stem}`;

// Words a user slips into a glossary phrase without changing it ("not yet completed").
export const FILLERS = new Set(['the', 'a', 'an', 'yet', 'fully', 'been', 'being', 'completely', 'entirely', 'successfully', 'actually']);

export function tokenMatches(q: QToken, t: TermToken): boolean {
  if (t.exact !== undefined) return q.raw === t.exact || q.raw === `${t.exact}s`;
  if (t.lower !== undefined) return q.lower === t.lower || q.lower === `${t.lower}s`;
  return q.stem === t.stem;
}
