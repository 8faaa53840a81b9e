// The follow-up refiners, pure: a turn's reading against the conversation so far (no ingest, the fake units of
// tests/retrieval/reading/helpers.ts). What the turn states wins; the rest comes from the conversation.
import { describe, expect, it } from 'vitest';
import { followUp, type ConversationContext } from '../../retrieval/follow-up.ts';
import { planOf, readQuestion, type Reading } from '../../retrieval/planner.ts';
import type { UnderstandDeps } from '../../retrieval/understand.ts';
import { fakeDeps } from './reading/helpers.ts';

const deps: UnderstandDeps = { findUnits: fakeDeps.findUnits, translate: fakeDeps.translate, evidence: fakeDeps.evidence, typos: fakeDeps.typos! };
const read = (q: string): Reading => readQuestion(q, deps);
const after = (q: string, shown = ['B-a-1.1-01', 'B-c-2.1-03']): ConversationContext => {
  const r = read(q);
  return { plan: planOf(r.frame, r.shape, r.language), shownRowIds: shown, history: [], language: r.language };
};
const turn = (q: string, ctx?: ConversationContext) => followUp(q, read(q), ctx);

describe('follow-up refiners', () => {
  it('a new question with its own topic stands alone', () => {
    expect(turn('哪些培训产出低于计划？', after('哪些产出被推迟了？')).kind).toBe('standalone');
  });
  it('narrow: 其中 + an office of the department shown', () => {
    const f = turn('其中哪些属于外勤人事司？', after('外勤部有哪些产出被推迟了？'));
    expect(f).toMatchObject({ kind: 'merged', frame: { units: [{ department: 'B', office: 'c' }], status: ['postponed'] } });
  });
  it('switch the status, keep the unit (高于计划的呢？)', () => {
    const f = turn('高于计划的呢？', after('外勤部有多少产出低于计划？'));
    expect(f).toMatchObject({ kind: 'merged', frame: { units: [{ department: 'B', office: null }], status: ['above_plan'] }, shape: { kind: 'count' } });
    expect(f.kind === 'merged' && f.carried).toEqual(expect.arrayContaining(['unit', 'measure']));
  });
  it('switch the unit, keep the status (what about OIOS?)', () => {
    expect(turn('what about OIOS?', after('How many outputs of DFS were postponed?'))).toMatchObject({ kind: 'merged', frame: { units: [{ department: 'E', office: null }], status: ['postponed'] } });
  });
  it('add a status: either will do', () => {
    expect(turn('把高于计划的也加上', after('外勤部有多少产出低于计划？'))).toMatchObject({ kind: 'merged', frame: { status: ['below_plan', 'above_plan'], statusJoin: 'or' } });
  });
  it('compare with the unit just asked about', () => {
    const f = turn('跟管理部比一下', after('外勤部有多少产出低于计划？'));
    expect(f).toMatchObject({ kind: 'merged', frame: { units: [{ department: 'B', office: null }, { department: 'C', office: null }], status: ['below_plan'] }, shape: { kind: 'compare' } });
  });
  it('add up the last two answers', () => {
    const earlier = read('管理部有多少产出低于计划？');
    const ctx = { ...after('外勤部有多少产出低于计划？'), history: [planOf(earlier.frame, earlier.shape, 'zh')] };
    const f = turn('加起来呢？', ctx);
    expect(f).toMatchObject({ kind: 'merged', carried: ['combined'], shape: { kind: 'count' } });
    expect(f.kind === 'merged' && f.frame.units.map((u) => u.department).sort()).toEqual(['B', 'C']);
  });
  it('why: the rows just shown, or the one an ordinal points at', () => {
    expect(turn('为什么？', after('外勤部有哪些产出被推迟了？'))).toMatchObject({ kind: 'merged', shape: { kind: 'explain' }, frame: { rowIds: ['B-a-1.1-01', 'B-c-2.1-03'] } });
    expect(turn('why was the second one late?', after('Which outputs of DFS were postponed?'))).toMatchObject({ frame: { rowIds: ['B-c-2.1-03'] } });
  });
  it('with nothing to follow, a bare why says so', () => {
    expect(turn('为什么？')).toEqual({ kind: 'no_context' });
  });
});

describe('a turn that says it is new', () => {
  it('另外问一下 / separate question: read alone, whatever it lacks', () => {
    expect(turn('好的谢谢。另外问一下，一共有多少项产出？', after('外勤部有哪些产出低于计划？')).kind).toBe('standalone');
    expect(turn('ok. separate question: how many outputs were postponed?', after('How many outputs of DFS were below plan?')).kind).toBe('standalone');
    expect(turn('ok, and OIOS?', after('How many outputs of DFS were below plan?')).kind).toBe('merged');
  });
});
