// Periods and document symbols. The report covers 2013/14 (1 July 2013 – 30 June 2014); another fiscal period is
// outside it. "推迟到2014/15 年度" names where a postponed output went, not the period asked about.
import { REPORT_SYMBOLS } from '../../lexicon/names.ts';
import { matchAll, type Mention, type Recogniser } from '../mention.ts';

// A bare four-digit number is a year only with a year word ("2015 年", "in 2015", "FY2016"): "resolutions 1820,
// 1888 and 1960" are numbers.
const FISCAL = /(?:(?:19|20)(\d{2})\s*[\/-]\s*(\d{2})|(?:19|20)(\d{2})\s*年|(?<=\b(?:in|during|since|until|year|FY|fiscal year)\s?)(?:19|20)(\d{2})\b)\s*(财政年度|财政期间|年度|期间|fiscal (?:year|period)|financial (?:year|period)|period|budget)?/gi;
/** Where a postponed output went: not the period asked about. */
const DESTINATION = /(到|至|延至|推迟至|until|to|into|till)\s*$/i;
const SYMBOL = /\b[A-Z]\/(?:\d+|C\.\d)(?:\/[\w.]+)+/g;

export function reportPeriod(m: RegExpMatchArray): boolean {
  if (m[1] !== undefined) return `${m[1]}/${m[2]}` === '13/14';
  // A bare year: 2013 and 2014 lie in the report's period.
  const year = m[3] ?? m[4];
  return year === '13' || year === '14';
}

export const periodRecogniser: Recogniser = {
  name: 'period',
  extract(text: string): Mention[] {
    return [
      ...matchAll(text, FISCAL, 'period', (m) => ({ kind: 'period', inReport: reportPeriod(m) || DESTINATION.test(text.slice(Math.max(0, m.index! - 6), m.index!)) })),
      // A document symbol: the report's own (A/69/653…) or one it cites; settled by the rows like a name.
      ...matchAll(text, SYMBOL, 'period.symbol', (m) => (REPORT_SYMBOLS.includes(m[0].replace(/[.,;]$/, '')) ? { kind: 'form', why: 'document' } : { kind: 'name', nameKind: 'symbol' })),
    ];
  },
};
