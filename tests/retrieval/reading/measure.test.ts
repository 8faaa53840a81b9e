import { describe, expect, it } from 'vitest';
import { expectReading, mentionsOf } from './helpers.ts';

describe('measure recogniser', () => {
  it('reads how many / which / the most / what share / compare words as measures, never as a topic', () => {
    expectReading('监督厅 高于计划 几个', { measures: ['count'], concepts: [] });
    expectReading('哪个部门超出计划的产出最多？', { measures: expect.arrayContaining(['most']), concepts: [] });
    expectReading('what percentage of DFS outputs were postponed', { measures: expect.arrayContaining(['share']), concepts: [] });
    expectReading('DFS vs OIOS: how many above plan each?', { measures: expect.arrayContaining(['compare', 'count', 'each']) });
  });
  it('reads grouping words as a level, not a unit', () => {
    expect(mentionsOf('各部门有多少产出被推迟？', 'group')).toEqual([expect.objectContaining({ level: 'department' })]);
    expect(mentionsOf('Which office of DFS had the most outputs below plan?', 'group')).toEqual([expect.objectContaining({ level: 'office' })]);
  });
  it('adding up takes an object between its words ("add them up")', () => {
    expectReading('add them up', { measures: ['combine'] });
    expectReading('加起来呢？', { measures: ['combine'] });
  });
});
