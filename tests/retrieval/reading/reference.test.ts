import { describe, expect, it } from 'vitest';
import { mentionsOf, read } from './helpers.ts';

describe('reference recogniser', () => {
  it('reads words that point back at the conversation', () => {
    expect(mentionsOf('其中哪些属于外勤人事司？', 'reference')).toEqual([expect.objectContaining({ text: '其中', ref: 'narrow' })]);
    expect(mentionsOf('跟刚才的管理部比一比', 'reference')).toEqual([expect.objectContaining({ text: '刚才', ref: 'anaphora' })]);
    expect(mentionsOf('what about OIOS?', 'reference')).toEqual([expect.objectContaining({ ref: 'switch' })]);
    expect(mentionsOf('why was the second one late?', 'reference')).toEqual(expect.arrayContaining([expect.objectContaining({ text: 'second one', ref: 'ordinal' })]));
  });
  it('reads starting over as the whole turn', () => {
    expect(read('重新开始').mentions).toEqual([expect.objectContaining({ meaning: { kind: 'reference', ref: 'reset' } })]);
    expect(read('new question').mentions).toHaveLength(1);
  });
  it('a question with nothing pointing back has no reference', () => {
    expect(mentionsOf('外勤部有多少产出低于计划？', 'reference')).toEqual([]);
  });
});
