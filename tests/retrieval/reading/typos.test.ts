import { describe, expect, it } from 'vitest';
import { correctTypos, typoVocabulary, withinOneEdit } from '../../../retrieval/reading/typos.ts';
import { expectReading } from './helpers.ts';

describe('typo recogniser', () => {
  it('one wrong, missing, extra or swapped character is one edit', () => {
    expect(withinOneEdit('外勤支助布', '外勤支助部')).toBe(true);
    expect(withinOneEdit('postpned', 'postponed')).toBe(true);
    expect(withinOneEdit('bellow', 'below')).toBe(true);
    expect(withinOneEdit('suppotr', 'support')).toBe(true);
    expect(withinOneEdit('postpnd', 'postponed')).toBe(false);
  });
  it('reads a mistyped unit or status word as meant and says so', () => {
    expectReading('外勤支助布有多少产出低于计划？', { units: [{ department: 'B', office: null }], corrections: [{ from: '外勤支助布', to: '外勤支助部' }] });
    expectReading('外勤支助部有多少产出低于记划？', { status: ['below_plan'], corrections: [{ from: '低于记划', to: '低于计划' }] });
    expectReading('which outputs were postpned?', { status: ['postponed'] });
  });
  it('never corrects a word the report prints, nor towards two words at once', () => {
    const vocab = typoVocabulary(['外勤支助部', '外勤支助处']);
    expect(correctTypos('外勤支助布', vocab, () => false).corrections).toEqual([]);
    expect(correctTypos('刊物', typoVocabulary(['刊物a']), (w) => w === '刊物').corrections).toEqual([]);
  });
  it('does not shorten a longer name into a known one (裁军事务厅 is not 军事事务厅)', () => {
    expect(correctTypos('裁军事务厅有多少产出', typoVocabulary(['军事事务厅']), () => false).corrections).toEqual([]);
  });
  it('a three-character name with one wrong character after the first, and an acronym typed in capitals', () => {
    expect(correctTypos('监都厅有几个高于计划', typoVocabulary(['监督厅', '外勤部']), () => false).corrections).toEqual([{ from: '监都厅', to: '监督厅' }]);
    expect(correctTypos('都督厅', typoVocabulary(['监督厅']), () => false).corrections).toEqual([]);
    expect(correctTypos('OISO above plan?', typoVocabulary(['OIOS', 'DPKO']), () => false).text).toBe('OIOS above plan?');
    expect(correctTypos('oiso above plan', typoVocabulary(['OIOS']), () => false).corrections).toEqual([]);
  });
  it('a two-character status word with its second character wrong, standing as a word', () => {
    expect(correctTypos('新闻部有哪些产出被推尺了', typoVocabulary(['推迟']), () => false).corrections).toEqual([{ from: '推尺', to: '推迟' }]);
    expect(correctTypos('推进了哪些工作', typoVocabulary(['推迟']), (w) => w === '推进').corrections).toEqual([]);
  });
});
