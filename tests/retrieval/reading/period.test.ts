import { describe, expect, it } from 'vitest';
import { mentionsOf } from './helpers.ts';

describe('period recogniser', () => {
  it('the report period and where a postponed output went are the report; another period is not', () => {
    expect(mentionsOf('2013/14 年度有多少产出？', 'period')).toEqual([expect.objectContaining({ inReport: true })]);
    expect(mentionsOf('推迟到2014/15 年度的产出', 'period')).toEqual([expect.objectContaining({ inReport: true })]);
    expect(mentionsOf('how many outputs in fiscal year 2016', 'period')).toEqual([expect.objectContaining({ inReport: false })]);
    expect(mentionsOf('2012/13 年度的产出', 'period')).toEqual([expect.objectContaining({ inReport: false })]);
  });
  it('a bare four-digit number is not a year', () => {
    expect(mentionsOf('guidance on resolutions 1820, 1888 and 1960', 'period')).toEqual([]);
  });
  it("the report's own symbol names the report; another symbol is a name to settle", () => {
    expect(mentionsOf('A/69/653 里有多少产出', 'name')).toEqual([]);
    expect(mentionsOf('which outputs are listed in document A/70/749?', 'name')).toEqual([expect.objectContaining({ text: 'A/70/749', nameKind: 'symbol' })]);
  });
});
