// Every word accounted for: a topic only with evidence in the rows, names the report lacks as unknown, phrasing ignored.
import { describe, expect, it } from 'vitest';
import { expectReading, read } from './helpers.ts';

describe('coverage of the words of a question', () => {
  it('keeps a topic the rows have, and says which recogniser read it', () => {
    const r = read('哪些培训产出低于计划？');
    expect(r.concepts.map((c) => c[0])).toEqual(['培训']);
    expect(r.trace.find((t) => t.text === '培训')?.meaning).toMatch(/topic/);
  });
  it('ignores words without evidence when the question says enough otherwise, and says so', () => {
    expectReading('外勤部原本要出的产出有多少低于计划？', { units: [{ department: 'B', office: null }], status: ['below_plan'], concepts: [], ignored: ['原本要出'] });
  });
  it('form and filler words never narrow the answer', () => {
    expectReading('麻烦帮我看看，给我个整体概况：这份报告总共列了多少项计划产出？', { concepts: [], ignored: [], unknown: [] });
    expectReading('How many outputs did the Department of Management report below plan?', { units: [{ department: 'C', office: null }], concepts: [], ignored: [] });
  });
  it('a unit-shaped name the report lacks is unknown, never dropped', () => {
    expectReading('政治事务部有哪些产出被推迟了？', { unknown: [{ text: '政治事务部', kind: 'unit' }] });
    expectReading('How many outputs did UNICEF postpone?', { unknown: [{ text: 'UNICEF', kind: 'organisation' }] });
    expectReading('Which outputs of the Department of Political Affairs were below plan?', { unknown: [{ text: 'Department of Political Affairs', kind: 'unit' }] });
  });
  it('a word that only continues another is not a name (部分, 部队)', () => {
    expectReading('外勤部有多少产出（或其部分）被推迟？', { unknown: [] });
  });
  it('a stated topic the rows lack is unknown, not phrasing', () => {
    expectReading('哪些关于火星探测的产出被推迟了？', { unknown: [{ text: '火星探测', kind: 'name' }] });
  });
  it('a subject with nothing else asked is unknown when the rows lack it', () => {
    expectReading('咖啡机有多少台？', { unknown: [expect.objectContaining({ kind: 'name' })] });
  });
  it('another fiscal period is unknown; the report period and a bare number are not', () => {
    expectReading('2016/17 年度有多少产出被推迟？', { unknown: [{ text: '2016/17 年度', kind: 'year' }] });
    expectReading('2013/14 年度外勤部有多少产出被推迟？', { unknown: [] });
    expect(read('guidance on resolutions 1820 and 1960', true).unknown).toEqual([]);
  });
  it('a short unit name ending a longer name the report lacks is that longer name, unknown', () => {
    expectReading('大会和会议管理部一共有多少项产出？', { units: [], unknown: [{ text: '大会和会议管理部', kind: 'unit' }] });
    expectReading('联合国外勤部有多少产出低于计划？', { units: [{ department: 'B', office: null }], unknown: [] });
  });
  it('a Latin word in a Chinese question is a name when the rows lack it', () => {
    expectReading('unicef 高于计划的产出有几个', { unknown: [{ text: 'unicef', kind: 'organisation' }] });
  });
  it('a name of several capitalised words at the start of a sentence keeps its first word', () => {
    expectReading('Office of Counter-Terrorism: how many outputs were postponed?', { unknown: [{ text: 'Office of Counter-Terrorism', kind: 'unit' }] });
    expectReading('Board of Auditors 有多少产出低于计划', { unknown: [{ text: 'Board of Auditors', kind: 'unit' }] });
  });
  it('a ranking over units, or a turn that points back, has its subject: its other words are phrasing', () => {
    expectReading('and within that department, which office had the most?', { unknown: [] });
    expectReading('全报告哪个厅/司的产出最多？各部门下面的办公室都算上', { unknown: [] });
    expectReading('有多少咖啡机？', { unknown: [expect.objectContaining({ kind: 'name' })] });
  });
});
