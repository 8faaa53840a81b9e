import { describe, expect, it } from 'vitest';
import { EN_FORM_WORDS, ZH_FORM_WORDS } from '../../../retrieval/lexicon/form-words.ts';
import { mentionsOf } from './helpers.ts';

describe('form recogniser', () => {
  it('every category is general vocabulary: several members each', () => {
    for (const [category, words] of [...Object.entries(ZH_FORM_WORDS), ...Object.entries(EN_FORM_WORDS)]) expect(words.length, category).toBeGreaterThanOrEqual(4);
  });
  it('politeness, the document and the table are phrasing', () => {
    expect(mentionsOf('麻烦帮我看看这份报告', 'form').map((m) => m.why)).toEqual(['politeness', 'politeness', 'politeness', 'document']);
    expect(mentionsOf('完成栏写"是"的', 'form').map((m) => m.why)).toContain('table');
    expect(mentionsOf('could you please tell me', 'form').map((m) => m.why)).toEqual(['politeness', 'politeness', 'politeness']);
  });
  it('"report" is phrasing as the document or a verb, and a topic as an output', () => {
    expect(mentionsOf('How many outputs did DM report below plan?', 'form').map((m) => m.text)).toContain('report');
    expect(mentionsOf('How many annual reports were issued?', 'form').map((m) => m.text)).not.toContain('reports');
  });
});

describe('turn-taking and asking words', () => {
  it('thanks and "another question" frame a turn, in both languages', () => {
    expect(mentionsOf('好的谢谢。另外问一下，整个报告一共有多少项产出？', 'form').map((m) => m.why)).toEqual(expect.arrayContaining(['discourse']));
    expect(mentionsOf('ok great, one more: how many outputs were postponed?', 'form').map((m) => m.why)).toEqual(expect.arrayContaining(['discourse']));
  });
  it('verbs of looking up and quantifiers of asking are never the subject', () => {
    const whys = mentionsOf('if you look at every office, which single one has the most?', 'form').map((m) => m.why);
    expect(whys.filter((w) => w === 'asking').length).toBeGreaterThanOrEqual(2);
    expect(mentionsOf('pull up everything whose remarks cite the security situation', 'form').map((m) => m.text)).toEqual(expect.arrayContaining(['everything', 'remarks', 'cite']));
  });
});
