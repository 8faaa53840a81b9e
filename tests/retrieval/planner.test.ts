// What a question asks, decided once (planner.ts), over the fake units of the reading tests (no ingest).
import { describe, expect, it } from 'vitest';
import { KeywordIndex } from '../../retrieval/keyword-index.ts';
import { ReportEvidence } from '../../retrieval/reading/evidence.ts';
import { readQuestion } from '../../retrieval/planner.ts';
import type { UnderstandDeps } from '../../retrieval/understand.ts';
import { fakeDeps } from './reading/helpers.ts';

const deps: UnderstandDeps = { findUnits: fakeDeps.findUnits, translate: fakeDeps.translate, evidence: fakeDeps.evidence, typos: fakeDeps.typos! };
const shape = (q: string) => readQuestion(q, deps).shape;

describe('the measure, decided once', () => {
  it('a ranking within one named department is over its offices, whatever the word for them', () => {
    expect(shape('外勤部各单位里，哪个单位低于计划的产出最少？')).toMatchObject({ kind: 'rank', groupBy: 'office', order: 'asc' });
    expect(shape('DFS 里哪个 office 低于计划的最多？')).toMatchObject({ kind: 'rank', groupBy: 'office' });
    expect(shape('哪个部门超出计划的产出最多？')).toMatchObject({ kind: 'rank', groupBy: 'department' });
  });
  it('counting verbs ask for a count, listing verbs for a list', () => {
    expect(shape('统计一下外勤部低于计划的产出').kind).toBe('count');
    expect(shape('麻烦列一下外勤部被推迟的产出').kind).toMatch(/rows|count/);
  });
  it('another period is outside the report, unless it is where a postponed output went or the question places itself here', () => {
    expect(shape('下一年度的产出有多少？')).toMatchObject({ kind: 'none', reason: 'not_in_report' });
    expect(shape('外勤部哪些产出被推到下一年度？').kind).not.toBe('none');
    expect(shape('which DFS outputs got put off to the next period?').kind).not.toBe('none');
    expect(shape("For a comparison with last year's figures: how many outputs of DFS fell below plan in this report?").kind).not.toBe('none');
  });
  it('asking what something cost is money; costs as a topic are not', () => {
    expect(shape('how much did the DFS training cost?')).toMatchObject({ kind: 'none', reason: 'not_in_report' });
    expect(shape('how many airline agreements were negotiated to bring down costs for field missions').kind).not.toBe('none');
  });
  it('有没有 asks whether; it negates nothing', () => {
    expect(readQuestion('外勤部有没有被推迟的产出？有几个？', deps).frame).toMatchObject({ status: ['postponed'], excludedStatus: [] });
  });
});

describe('words of a long phrase', () => {
  it('split where the report never prints the pair of characters', () => {
    const evidence = new ReportEvidence([], new KeywordIndex(['新的道德操守海报已分发下去']), [], () => [], new Set());
    expect(evidence.words('道德操守那张新海报发下去')).toEqual(['道德操守', '海报', '发下去']);
  });
});
