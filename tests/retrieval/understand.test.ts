import { describe, expect, it } from 'vitest';
import { conceptsOf, detectIntent, namesIn, understand, type UnderstandDeps } from '../../retrieval/understand.ts';

const deps: UnderstandDeps = {
  findUnits: (q) => (q.includes('外勤支助部') ? [{ department: 'B', office: null, matchedText: '外勤支助部' }] : q.includes('OLA') ? [{ department: 'H', office: null, matchedText: 'OLA' }] : []),
  translate: (q) => (/\bbriefings?\b/.test(q) ? [{ zh: ['情况通报', '简报'], text: 'briefings' }] : []),
};

describe('understanding a question', () => {
  it('tells counts, lists, breakdowns, overviews and lookups apart', () => {
    expect(understand('外勤支助部有多少产出低于计划？', deps)).toMatchObject({ intent: 'count', status: ['below_plan'], units: [{ department: 'B' }] });
    expect(understand('各部门有多少产出被推迟？', deps)).toMatchObject({ intent: 'breakdown', status: ['postponed'] });
    expect(understand('Which outputs were postponed?', deps)).toMatchObject({ intent: 'list', status: ['postponed'], language: 'en' });
    expect(understand('外勤支助部', deps)).toMatchObject({ intent: 'overview' });
    expect(understand('OLA', deps)).toMatchObject({ intent: 'overview', units: [{ department: 'H' }] });
    // "多少次媒体访谈" asks for a number inside one row, not for a count of rows.
    expect(understand('副秘书长接受了多少次媒体访谈？', deps)).toMatchObject({ intent: 'lookup', concepts: [['副秘书长接受'], ['媒体访谈']] });
    expect(detectIntent('How many security staff were certified?', false, 'security')).toBe('lookup');
    expect(detectIntent('How many outputs were below plan?', true, '')).toBe('count');
    expect(understand('Total outputs below plan across the report?', deps)).toMatchObject({ intent: 'count', concepts: [] });
  });

  it('lets a department named beside its office qualify it, and answers "what did X complete" with an overview', () => {
    const withOffice: UnderstandDeps = {
      findUnits: (q) => [
        ...(q.includes('维持和平行动部') ? [{ department: 'A', office: null, matchedText: '维持和平行动部' }] : []),
        ...(q.includes('军事厅') ? [{ department: 'A', office: 'd', matchedText: '军事厅' }] : []),
      ],
      translate: () => [],
    };
    expect(understand('维持和平行动部的军事厅完成了什么？', withOffice)).toMatchObject({ intent: 'overview', units: [{ department: 'A', office: 'd' }], concepts: [] });
    expect(understand('维持和平行动部的军事厅有多少项产出？', withOffice)).toMatchObject({ intent: 'count', units: [{ office: 'd' }], concepts: [] });
  });

  it('picks out names (capitalised words past the first) in English questions', () => {
    expect(namesIn("How many outputs did NATO's mission in Afghanistan deliver? Which UNICEF ones?")).toEqual(['nato', 'afghanistan', 'unicef']);
    expect(namesIn('which outputs were postponed')).toEqual([]);
  });

  it('knows the report names no people', () => {
    expect(understand('联合国秘书长是谁？', deps).intent).toBe('none');
    expect(understand('Who won the football World Cup in 2014?', deps).intent).toBe('none');
    expect(understand('谁负责非洲待命部队手册的审查？', deps).intent).toBe('lookup');
  });

  it('keeps specific numbers as lookup concepts only', () => {
    expect(understand('When is the guidance on resolutions 1820 and 1888 due?', deps).concepts).toEqual(expect.arrayContaining([['1820'], ['1888']]));
    expect(understand('A/69/653 里外勤支助部有多少产出低于计划？', deps).concepts).toEqual([]);
  });

  it('reads an expected-accomplishment reference', () => {
    expect(understand('外勤支助部预期成绩 2.1 有哪些产出', deps)).toMatchObject({ accomplishment: '2.1', intent: 'list' });
  });

  it('carries English topic words into the report language', () => {
    expect(conceptsOf('how many briefings to the council', 'en', deps.translate)).toEqual([['情况通报', '简报'], ['council']]);
    expect(understand('How many briefings were given?', deps).concepts).toContainEqual(['情况通报', '简报']);
  });
});
