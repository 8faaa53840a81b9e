// Phrasing: the words of how people ask (lexicon/form-words.ts). English "report" is phrasing unless it is a
// report as an output ("reports", "a report", "annual report"), which the topic reader keeps.
import { EN_FORM_WORDS, ZH_FORM_WORDS } from '../../lexicon/form-words.ts';
import { matchAll, type Mention, type Recogniser } from '../mention.ts';

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(lexicon: Record<string, readonly string[]>, latin: boolean): Array<[RegExp, string]> {
  return Object.entries(lexicon).map(([why, words]) => {
    const alternatives = [...words].sort((a, b) => b.length - a.length).map(escape).join('|');
    return [new RegExp(latin ? `\\b(?:${alternatives})\\b` : alternatives, 'gi'), why];
  });
}

const ZH = compile(ZH_FORM_WORDS, false);
const EN = compile(EN_FORM_WORDS, true);
/** "a report", "annual reports", "report on X" as a thing delivered: not phrasing. */
const REPORT_AS_OUTPUT = /\b(a|an|one|two|three|annual|quarterly|monthly|final|progress|audit|evaluation|thematic|\d+)\s+report\b|\breports\b(?!\s+on\b)/i;

export const formRecogniser: Recogniser = {
  name: 'form',
  extract(text: string): Mention[] {
    const zh = ZH.flatMap(([re, why]) => matchAll(text, re, `form.${why}`, () => ({ kind: 'form', why })));
    const en = EN.flatMap(([re, why]) =>
      matchAll(text, re, `form.${why}`, (m) => {
        if (/^reports?$/i.test(m[0]) && REPORT_AS_OUTPUT.test(text.slice(Math.max(0, m.index! - 12), m.index! + m[0].length + 1))) return null;
        return { kind: 'form', why };
      }),
    );
    return [...zh, ...en];
  },
};
