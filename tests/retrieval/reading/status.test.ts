import { describe, expect, it } from 'vitest';
import { expectReading, mentionsOf } from './helpers.ts';

describe('status recogniser', () => {
  it('reads each status in both languages, with its span', () => {
    expect(mentionsOf('哪些产出被推迟了？', 'status')).toEqual([expect.objectContaining({ text: '推迟', flag: 'postponed' })]);
    expectReading('which outputs were deferred', { status: ['postponed'] });
    expectReading('有哪些产出没有完成', { status: ['not_completed'] });
    expectReading('outputs not delivered', { status: ['not_completed'] });
    expectReading('多少产出超出计划', { status: ['above_plan'] });
    expectReading('which outputs fell short of their targets', { status: ['below_plan'] });
    expectReading('完成栏写"是"的有哪些', { status: ['completed'] });
  });
  it('lets the longer "not completed" win over "completed" inside it', () => {
    expectReading('outputs that were not completed', { status: ['not_completed'] });
  });
  it('attaches a negator to the status it governs', () => {
    expectReading('外勤部有多少产出没有推迟？', { status: [], negatedStatus: ['postponed'], units: [{ department: 'B', office: null }] });
    expectReading('how many outputs were not above plan', { negatedStatus: ['above_plan'] });
  });
  it('leaves a negator inside a word alone ("资源不足" keeps its 不)', () => {
    expectReading('因为资源不足而低于计划的产出', { status: ['below_plan'], negatedStatus: [] });
  });
  it('a cell marked 是 without quotes, and "completed ones"', () => {
    expectReading('外勤部有多少产出标为是', { status: ['completed'] });
    expectReading('what about completed ones?', { status: ['completed'] });
  });
});
