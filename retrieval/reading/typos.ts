// Typos in the words that matter most — unit names and status words: one wrong, missing, extra or swapped
// character ("外勤支助布", "低于记划", "postpned", "Suport", "bellow"). Only words the report and the lexicon do not
// know are corrected, only towards a single vocabulary word, and only names long enough that one edit cannot
// turn one real word into another.
import type { Correction } from '../types.ts';

/** True when a and b differ by at most one edit (substitution, insertion, deletion or adjacent swap). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export interface TypoVocabulary {
  /** Chinese names and status words (4+ characters). */
  han: readonly string[];
  /** Two- and three-character Chinese words (推迟, 监督厅): corrected only for one wrong character after the first. */
  han3: readonly string[];
  /** Latin words (5+ letters), lower case. */
  latin: readonly string[];
  /** Acronyms (3–5 capitals: OIOS, DPKO), corrected only when typed in capitals. */
  acronyms: readonly string[];
}

export function typoVocabulary(words: Iterable<string>): TypoVocabulary {
  const han = new Set<string>();
  const han3 = new Set<string>();
  const latin = new Set<string>();
  const acronyms = new Set<string>();
  for (const w of words) {
    if (/^[\u4e00-\u9fff]{4,}$/.test(w)) han.add(w);
    if (/^[\u4e00-\u9fff]{2,3}$/.test(w)) han3.add(w);
    if (/^[A-Z]{3,5}$/.test(w)) acronyms.add(w);
    for (const x of w.toLowerCase().match(/[a-z]{5,}/g) ?? []) latin.add(x);
  }
  return { han: [...han], han3: [...han3], latin: [...latin], acronyms: [...acronyms] };
}

/**
 * The text with its typos corrected. `known(word)` says whether a word is real (the report's text, the lexicon,
 * ordinary English): a known word is never corrected. A word near two vocabulary words is left alone.
 */
export function correctTypos(text: string, vocab: TypoVocabulary, known: (word: string) => boolean): { text: string; corrections: Correction[] } {
  const corrections: Correction[] = [];
  // "OISO", "DPOK": an acronym typed in capitals, one swap or wrong letter from exactly one unit's acronym.
  let out = text.replace(/\b[A-Z]{3,5}\b/g, (word) => {
    if (vocab.acronyms.includes(word) || known(word.toLowerCase())) return word;
    const near = vocab.acronyms.filter((a) => a.length === word.length && withinOneEdit(word, a));
    if (near.length !== 1) return word;
    corrections.push({ from: word, to: near[0]! });
    return near[0]!;
  });
  out = out.replace(/[A-Za-z]{5,}/g, (word) => {
    const lower = word.toLowerCase();
    if (known(lower) || vocab.latin.includes(lower)) return word;
    const near = vocab.latin.filter((v) => withinOneEdit(lower, v));
    // A plural or singular of the word is the word ("question" / "questions"), not a typo.
    if (near.length !== 1 || near[0] === `${lower}s` || `${near[0]}s` === lower) return word;
    const to = /^[A-Z]/.test(word) ? near[0]!.charAt(0).toUpperCase() + near[0]!.slice(1) : near[0]!;
    corrections.push({ from: word, to });
    return to;
  });
  for (const term of vocab.han) {
    if (out.includes(term)) continue;
    // Cheap filter first: all but one of the term's characters must be in the text.
    let present = 0;
    for (const ch of term) if (out.includes(ch)) present++;
    if (present < term.length - 1) continue;
    const hit = nearWindow(out, term, known);
    if (!hit) continue;
    // A wrong last character may begin another word ("维和行动上线" is not 维和行动部): not when it and the next
    // character are a pair the report prints.
    const at = out.indexOf(hit);
    const next = out[at + hit.length] ?? '';
    if (hit.length === term.length && hit.slice(0, -1) === term.slice(0, -1) && /[\u4e00-\u9fff]/.test(next) && known(hit.slice(-1) + next)) continue;
    const others = vocab.han.filter((t) => t !== term && withinOneEdit(hit, t));
    if (others.length) continue;
    corrections.push({ from: hit, to: term });
    out = out.replace(hit, term);
  }
  // "监都厅": a three-character name with one wrong character after the first, never a word the report prints.
  const inNamed = (at: number, n: number) => [...vocab.han, ...vocab.han3].some((t) => {
    for (let k = out.indexOf(t); k >= 0; k = out.indexOf(t, k + 1)) if (at < k + t.length && k < at + n) return true;
    return false;
  });
  for (const term of vocab.han3) {
    if (out.includes(term)) continue;
    const n = term.length;
    for (let i = out.indexOf(term[0]!); i >= 0 && i + n <= out.length; i = out.indexOf(term[0]!, i + 1)) {
      const w = out.slice(i, i + n);
      const diff = [...w].filter((ch, k) => ch !== term[k]).length;
      // The window must stand as a word: a particle, punctuation or the edge on each side ("维和档案" is a word of its own).
      const standsAlone = !/[\u4e00-\u9fff]/.test(out[i - 1] ?? '') || BOUNDARY.test(out[i - 1]!);
      const endsAlone = !/[\u4e00-\u9fff]/.test(out[i + n] ?? '') || BOUNDARY.test(out[i + n]!);
      if (diff !== 1 || !standsAlone || !endsAlone || !/^[\u4e00-\u9fff]+$/.test(w) || known(w) || inNamed(i, n) || vocab.han3.some((t) => t !== term && [...w].filter((ch, k) => ch !== t[k]).length <= 1)) continue;
      corrections.push({ from: w, to: term });
      out = out.slice(0, i) + term + out.slice(i + n);
      break;
    }
  }
  return { text: out, corrections };
}

/** Characters that may stand next to a name without being part of it (particles, verbs of asking). */
const BOUNDARY = /[有的在是和与及等里中下了被对为也都所共呢吗啊吧跟同比看请问已未没哪什多怎如几]/;

/** A window of the text one edit away from the term that the report itself never prints. */
function nearWindow(text: string, term: string, known: (word: string) => boolean): string | null {
  // A shorter window sits inside other names ("裁军事务厅" holds 军事务厅, one edit from 军事事务厅): a missing
  // character is read only in long names.
  for (const len of term.length >= 6 ? [term.length, term.length + 1, term.length - 1] : [term.length, term.length + 1]) {
    for (let i = 0; i + len <= text.length; i++) {
      const w = text.slice(i, i + len);
      if (!/^[\u4e00-\u9fff]+$/.test(w) || !withinOneEdit(w, term)) continue;
      if (known(w)) continue;
      return w;
    }
  }
  return null;
}
