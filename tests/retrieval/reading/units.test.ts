import { describe, expect, it } from 'vitest';
import { expectReading, mentionsOf, read } from './helpers.ts';

describe('unit recogniser', () => {
  it('finds a unit by any of its names, with its span', () => {
    expect(mentionsOf('监督厅 高于计划 几个', 'unit')).toEqual([expect.objectContaining({ text: '监督厅', unit: { department: 'E', office: null } })]);
    expectReading('oios above plan?', { units: [{ department: 'E', office: null }], status: ['above_plan'] });
  });
  it('takes a gloss in brackets after a name as part of it, not a name of its own', () => {
    const r = read('外勤部（DFS）完成栏写“是”的有哪些');
    expect(r.units).toEqual([{ department: 'B', office: null }]);
    expect(r.unknown).toEqual([]);
  });
  it('excludes units governed by 除了…以外 / except, a list of them too', () => {
    expectReading('除了管理部以外，有多少产出低于计划？', { units: [], excludedUnits: [{ department: 'C', office: null }] });
    expectReading('except DFS and OIOS, how many outputs were postponed?', { excludedUnits: [{ department: 'B', office: null }, { department: 'E', office: null }] });
    expectReading('Outside DFS, how many outputs were above plan?', { excludedUnits: [{ department: 'B', office: null }] });
  });
  it('reads a department named beside its own office as a qualifier', () => {
    expectReading('外勤部外勤人事司有哪些产出', { units: [{ department: 'B', office: 'c' }] });
  });
});
