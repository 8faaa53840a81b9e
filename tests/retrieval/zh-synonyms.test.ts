import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadLexiconHooks, loadZhSynonyms } from '../../retrieval/lexicon-hooks.ts';
import { conceptsOf } from '../../retrieval/understand.ts';

const seed = readFileSync('seeds/a-69-653-budget-performance-2013-14.zh.txt', 'utf8').replace(/\s+/g, '');

describe('everyday Chinese wording -> the report\'s terms', () => {
  it('maps only to terms the report uses', () => {
    const entries = loadZhSynonyms();
    expect(entries.length).toBeGreaterThan(30);
    for (const e of entries) for (const r of e.report) expect(seed, `${e.colloquial} -> ${r}`).toContain(r);
  });

  it('adds the report\'s wording as an alternative of a question chunk', () => {
    const { zhAlternatives } = loadLexiconHooks();
    expect(conceptsOf('维和人员伤亡多快通知到出兵出警国', 'zh', () => [], zhAlternatives)).toEqual([
      ['维和人员伤亡多快通知到出兵出警国', '维和人员伤亡多快通知到部队和警察派遣国'],
    ]);
    expect(zhAlternatives('安全理事会')).toEqual([]);
  });
});
