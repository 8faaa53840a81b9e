import { describe, expect, it } from 'vitest';
import { isPostponed, statusFlags } from '../../ingest/status.ts';

describe('status flags', () => {
  it('reads 是 / 否 values', () => {
    expect(statusFlags(['是'], '')).toEqual(['completed']);
    expect(statusFlags(['18', '9', '否'], '')).toEqual(['not_completed']);
  });

  it('reads above / below plan and 未实现 from the remarks', () => {
    expect(statusFlags(['19'], '产出高于计划，是非洲联盟和平与安全理事会确定的各项要求和议程所致')).toEqual(['above_plan']);
    expect(statusFlags(['6'], '产出低于计划，归因于非洲待命部队战略审查')).toEqual(['below_plan']);
    expect(statusFlags(['1'], '计划产出未实现，原因是根据现有资源调整了计划活动的优先次序')).toEqual(['not_completed']);
  });

  it('flags outputs deferred to a later time', () => {
    expect(isPostponed('特派团管理培训课程被推迟到\n2014-2015 年期间')).toBe(true);
    expect(isPostponed('被推迟，归因于须根据 2013 年战略审查对联非办进行内部改组')).toBe(true);
    expect(isPostponed('计划在 2015 年 1 月前完成对特遣队所属装备手册的修订')).toBe(true);
    expect(isPostponed('报告期内编写了培训套包草稿，预计 2015 年完成')).toBe(true);
  });

  it('does not flag what was moved into this period, done earlier, or 预计 in another sense', () => {
    expect(isPostponed('产出高于计划，是因为两个理事会决定把安排在上个期间举行的会议推迟到本报告期间举行')).toBe(false);
    expect(isPostponed('已在 2012-2013 年期间完成')).toBe(false);
    expect(isPostponed('预计需求增加，因此举办了更多讲习班')).toBe(false);
  });
});

describe('scheduled for later', () => {
  it('flags an output the remarks schedule for a later date', () => {
    expect(statusFlags(['1'], '计划 2015 年第一季度分发')).toEqual(['postponed']);
    expect(isPostponed('中乍特派团的最后执行情况报告预计将提交给大会第七十届会议')).toBe(true);
    expect(statusFlags(['是', '否'], '为机场制作数字地图的时间安排调整到2014/15 年度')).toEqual(['completed', 'not_completed', 'postponed']);
  });
});

describe('delivered: a number with no word on the plan', () => {
  it('flags a number delivered without an above/below-plan remark as delivered, and nothing else', () => {
    // H-3.1-02: 70 planned, 75 delivered, no remark — the report says no more than that it was delivered.
    expect(statusFlags(['75'], '关于维和行动立法方面问题的备忘录和所附法律文本和草案')).toEqual(['delivered']);
    expect(statusFlags(['7', '101'], '')).toEqual(['delivered']);
  });

  it('does not add delivered where the report says more, or gives no number', () => {
    expect(statusFlags(['19'], '产出高于计划')).toEqual(['above_plan']);
    expect(statusFlags(['6'], '产出低于计划')).toEqual(['below_plan']);
    expect(statusFlags(['是'], '')).toEqual(['completed']);
    expect(statusFlags(['否'], '')).toEqual(['not_completed']);
    expect(statusFlags([], '')).toEqual([]);
  });
});

describe('the real report', () => {
  it('gives every row of the seed a status, H-3.1-02 (70 planned, 75 delivered, no remark) delivered', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseReport } = await import('../../ingest/parse-report.ts');
    const { records } = parseReport(readFileSync('seeds/a-69-653-budget-performance-2013-14.zh.txt', 'utf8'));
    expect(records.length).toBe(444);
    expect(records.filter((r) => r.status.length === 0).map((r) => r.id)).toEqual([]);
    expect(records.find((r) => r.id === 'H-3.1-02')?.status).toEqual(['delivered']);
    // delivered never overlaps another status: it is the report saying nothing more.
    expect(records.filter((r) => r.status.includes('delivered') && r.status.length > 1)).toEqual([]);
  });
});
