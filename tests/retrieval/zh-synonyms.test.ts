import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadLexiconHooks, loadZhSynonyms, replaceColloquial } from '../../retrieval/lexicon-hooks.ts';
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

describe('colloquial replacement keeps the report\'s own words whole', () => {
  const synonyms = [
    { colloquial: '五委', report: ['第五委员会'] },
    { colloquial: '开了', report: ['举行', '召开'] },
  ];
  const reportWords = (t: string) => ['公开', '五委', '举行'].includes(t);

  it('does not replace a colloquial form inside the report term it stands for', () => {
    expect(replaceColloquial('第五委员会的报告', synonyms, reportWords)).toEqual([]);
    expect(replaceColloquial('五委的报告', synonyms, reportWords)).toEqual(['第五委员会的报告']);
  });

  it('does not cut a word the report prints (公开了 is not 公 + 开了)', () => {
    expect(replaceColloquial('公开了审计结果', synonyms, reportWords)).toEqual([]);
    expect(replaceColloquial('会议开了几次', synonyms, reportWords)).toEqual(['会议举行几次', '会议召开几次']);
  });
});
