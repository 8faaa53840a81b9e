// Plans from questions and follow-ups through the real engine: each rule of planner.ts / follow-up.ts, and the
// normalisation every question goes through first.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openReportEngine } from '../../app/open.ts';
import { conversationTtlSeconds } from '../../config/env.ts';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';
import { ChatEngine, MemoryContextStore } from '../../retrieval/index.ts';
import { normalizeQuestion } from '../../retrieval/normalize.ts';
import type { OutputRecord } from '../../store/schema.ts';

let chat: ChatEngine;
let rows: OutputRecord[];
const count = (f: (r: OutputRecord) => boolean) => rows.filter(f).length;
const inDept = (d: string, o?: string) => (r: OutputRecord) => r.department.code === d && (o === undefined || r.office?.code === o);
const has = (s: OutputRecord['status'][number]) => (r: OutputRecord) => r.status.includes(s);

beforeAll(async () => {
  chat = await openReportEngine({ dataDir: mkdtempSync(join(tmpdir(), 'conv-')), embedder: new LocalNgramEmbedder(), log: () => {} });
  rows = chat.engine.records;
});

describe('normalisation', () => {
  it('reads full-width letters, format characters, traditional characters and Discord markup as plain text', () => {
    expect(normalizeQuestion('ＤＦＳ有多少产出？')).toBe('DFS有多少产出?');
    expect(normalizeQuestion('哪些产出被\u200d推迟了')).toBe('哪些产出被推迟了');
    expect(normalizeQuestion('<@123456789012345678> 哪些產出被推遲了？ <:tada:123456789012>')).toBe('哪些产出被推迟了?');
  });

  it('knows the everyday short forms of the two ICT offices (信通厅, 信通司)', async () => {
    expect((await chat.ask('管理部信通厅有多少产出？')).total).toBe(count(inDept('C', 'e')));
    expect((await chat.ask('外勤部信通司有多少产出？')).total).toBe(count(inDept('B', 'e')));
  });

  it('answers them like their plain forms', async () => {
    expect((await chat.ask('ＤＦＳ有多少产出？')).total).toBe(count(inDept('B')));
    expect((await chat.ask('<@123456789012345678> 哪些產出被推遲了？')).total).toBe(count(has('postponed')));
    expect((await chat.ask('監督廳有多少產出？')).total).toBe(count(inDept('D')));
  });
});

describe('plans', () => {
  it('joins statuses by and when asked for both, and negates and excludes', async () => {
    expect((await chat.ask('Which outputs were both not completed and postponed?')).total).toBe(count((r) => has('not_completed')(r) && has('postponed')(r)));
    expect((await chat.ask('外勤部有多少产出没有推迟？')).total).toBe(count((r) => inDept('B')(r) && !has('postponed')(r)));
    expect((await chat.ask('除了管理部以外，有多少产出低于计划？')).total).toBe(count((r) => !inDept('C')(r) && has('below_plan')(r)));
    expect((await chat.ask('Outside DPKO and DFS, how many outputs were above plan?')).total).toBe(count((r) => !inDept('A')(r) && !inDept('B')(r) && has('above_plan')(r)));
    expect((await chat.ask('维和部有多少项产出没完成（否），但又不是因为推迟？')).total).toBe(count((r) => inDept('A')(r) && has('not_completed')(r) && !has('postponed')(r)));
    expect((await chat.ask('人权高专办 否 占比')).ratio).toEqual({ part: count((r) => inDept('L')(r) && has('not_completed')(r)), whole: count(inDept('L')) });
  });

  it('ranks with ties, shares, compares and summarises the whole report', async () => {
    const rank = await chat.ask('哪个部门超出计划的产出最多？');
    expect(rank.intent).toBe('rank');
    expect(rank.groups.map((g) => g.count)).toEqual([...rank.groups.map((g) => g.count)].sort((a, b) => b - a));
    expect(rank.groups.filter((g) => g.rank === rank.groups.at(-1)!.rank).length).toBeGreaterThan(1); // zeros tie
    const share = await chat.ask('What percentage of DSS outputs were above plan?');
    expect(share.ratio).toEqual({ part: count((r) => inDept('J')(r) && has('above_plan')(r)), whole: count(inDept('J')) });
    const cmp = await chat.ask('比较维和部和外勤部低于计划的产出数量');
    expect(cmp.groups.map((g) => [g.department.code, g.count])).toEqual([['A', count((r) => inDept('A')(r) && has('below_plan')(r))], ['B', count((r) => inDept('B')(r) && has('below_plan')(r))]]);
    const summary = await chat.ask('Summarise the whole report for me');
    expect(summary).toMatchObject({ intent: 'summary', total: rows.length });
    expect(summary.groups.reduce((n, g) => n + g.count, 0)).toBe(rows.length);
  });

  it('says the report does not give money, posts or other years, without rows', async () => {
    for (const q of ['How much did the support account spend on travel?', '维和部的空缺率是多少？', '2012/13年度监督厅完成了多少份审计报告？']) {
      const a = await chat.ask(q);
      expect(a).toMatchObject({ intent: 'none', total: 0, rows: [], reason: 'not_in_report' });
    }
    // Postponed to a later year is not a question about that year.
    expect((await chat.ask('哪些产出推迟到2014/15 年度？')).total).toBeGreaterThan(0);
  });
});

describe('follow-ups', () => {
  it('narrows, switches the status, switches the unit and counts what was listed', async () => {
    await chat.ask('哪些产出没有完成？', { conversation: 'c1' });
    const narrowed = await chat.ask('其中哪些属于新闻部？', { conversation: 'c1' });
    expect(narrowed.total).toBe(count((r) => inDept('I')(r) && has('not_completed')(r)));
    expect(narrowed.plan.carried).toContain('status');

    await chat.ask('外勤部副秘书长办公室有多少产出低于计划？', { conversation: 'c2' });
    const switched = await chat.ask('高于计划的呢？', { conversation: 'c2' });
    expect(switched).toMatchObject({ intent: 'count', total: count((r) => inDept('B', 'a')(r) && has('above_plan')(r)) });

    await chat.ask('Which outputs of the Office of Human Resources Management were postponed?', { conversation: 'c3' });
    const other = await chat.ask('What about the Office of Central Support Services?', { conversation: 'c3' });
    expect(other.total).toBe(count((r) => inDept('C', 'd')(r) && has('postponed')(r)));
  });

  it('compares "the two" of the last turns, adds a status with 也加上, and ranks within the department just ranked first', async () => {
    await chat.ask('DSS outputs not completed?', { conversation: 'd1' });
    await chat.ask('and DPI?', { conversation: 'd1' });
    const two = await chat.ask('ok now compare the two on below-plan outputs', { conversation: 'd1' });
    expect(two.groups.map((g) => [g.department.code, g.count])).toEqual([['J', count((r) => inDept('J')(r) && has('below_plan')(r))], ['I', count((r) => inDept('I')(r) && has('below_plan')(r))]]);
    await chat.ask('外勤预算和财务司 高于计划的有哪些', { conversation: 'd2' });
    const added = await chat.ask('把低于计划的也加上', { conversation: 'd2' });
    expect(added.total).toBe(count((r) => inDept('B', 'b')(r) && (has('above_plan')(r) || has('below_plan')(r))));
    const top = await chat.ask('Which department had the most outputs below plan?', { conversation: 'd3' });
    const within = await chat.ask('and within that department, which office had the most?', { conversation: 'd3' });
    expect(within.groups.every((g) => g.department.code === top.groups[0]!.department.code && g.office !== null)).toBe(true);
  });

  it('compares with a unit named later, adds answers up, and explains the row pointed at', async () => {
    await chat.ask('维和部有多少产出被推迟？', { conversation: 'c4' });
    const cmp = await chat.ask('和外勤部比一下', { conversation: 'c4' });
    expect(cmp.groups.map((g) => g.department.code)).toEqual(['A', 'B']);
    await chat.ask('维和部有多少产出被推迟？', { conversation: 'c5' });
    await chat.ask('外勤部呢？', { conversation: 'c5' });
    const sum = await chat.ask('加起来呢？', { conversation: 'c5' });
    expect(sum.total).toBe(count((r) => (inDept('A')(r) || inDept('B')(r)) && has('postponed')(r)));
    const list = await chat.ask('哪些产出被推迟了？', { conversation: 'c6' });
    const why = await chat.ask('why was the second one late?', { conversation: 'c6' });
    expect(why.intent).toBe('explain');
    expect(why.rows.map((r) => r.id)).toEqual([list.rows[1]!.id]);
  });

  it('reads a question that stands on its own alone, and forgets on reset and after the idle time', async () => {
    await chat.ask('法律事务厅有哪些产出高于计划？', { conversation: 'c7' });
    expect((await chat.ask('How many outputs were postponed in the whole report?', { conversation: 'c7' })).total).toBe(count(has('postponed')));
    expect((await chat.ask('重新开始', { conversation: 'c7' })).reason).toBe('reset');
    expect((await chat.ask('为什么？', { conversation: 'c7' })).reason).toBe('no_context');

    let now = 0;
    const expiring = new ChatEngine(chat.engine, { contexts: new MemoryContextStore(() => now), contextTtlSeconds: 60 });
    await expiring.ask('法律事务厅有哪些产出高于计划？', { conversation: 'x' });
    now = 59_000;
    expect((await expiring.ask('低于计划的呢？', { conversation: 'x' })).plan.carried).toContain('unit');
    now = 59_000 + 61_000;
    expect((await expiring.ask('低于计划的呢？', { conversation: 'x' })).plan.carried).toEqual([]);
  });

  it('takes the idle time from CONVERSATION_TTL_MINUTES, with one clear error for a bad value', () => {
    expect(conversationTtlSeconds({})).toBe(900);
    expect(conversationTtlSeconds({ CONVERSATION_TTL_MINUTES: '5' })).toBe(300);
    expect(() => conversationTtlSeconds({ CONVERSATION_TTL_MINUTES: '0' })).toThrow(/CONVERSATION_TTL_MINUTES/);
  });
});

describe('next steps and other readings', () => {
  let chat: ChatEngine;
  beforeAll(async () => {
    chat = await openReportEngine({ dataDir: mkdtempSync(join(tmpdir(), 'suggest-')), embedder: new LocalNgramEmbedder(), log: () => {} });
  });
  it('a count offers its rows, a department its offices, and the rows shown their 说明; picking one answers it', async () => {
    const a = await chat.ask('外勤部有多少产出低于计划？', { conversation: 's1' });
    expect(a.suggestions.map((s) => s.description)).toEqual(['列出这些产出', '按办公室细分', '为什么？（说明）']);
    const listed = await chat.run(a.suggestions[0]!.plan, { conversation: 's1' });
    expect(listed.intent).toBe('list');
    expect(listed.rows.map((r) => r.id)).toEqual(a.rows.map((r) => r.id));
    const byOffice = await chat.run(a.suggestions[1]!.plan, { conversation: 's1' });
    expect(byOffice.groups.reduce((n, g) => n + g.count, 0)).toBe(a.total);
  });
  it('a unit the report does not have answers nothing, and offers the rows that mention it', async () => {
    const a = await chat.ask('政治事务部有哪些产出？');
    expect(a).toMatchObject({ total: 0, rows: [], unknown: [{ text: '政治事务部', kind: 'unit' }] });
    expect(a.alternatives).toHaveLength(1);
    const other = await chat.run(a.alternatives[0]!.plan);
    expect(other.total).toBeGreaterThan(0);
    for (const r of other.rows) expect(`${r.planned}${r.remarks}`).toContain('政治事务部');
  });
});

describe('the trace of a reading (ask --explain, the JSON answer)', () => {
  it('names the recogniser of every part, the correction, and what was ignored', async () => {
    const { explainReading, parseAskArgs } = await import('../../app/ask.ts');
    const chat = await openReportEngine({ dataDir: mkdtempSync(join(tmpdir(), 'trace-')), embedder: new LocalNgramEmbedder(), log: () => {} });
    const a = await chat.ask('麻烦看看，外勤支助布原本要出的产出有多少低于计划？');
    expect(a.trace.find((t) => t.recogniser === 'unit')).toMatchObject({ text: '外勤支助部', meaning: 'unit B' });
    expect(a.trace.find((t) => t.recogniser.startsWith('status'))).toMatchObject({ text: '低于计划' });
    expect(a.corrections).toEqual([{ from: '外勤支助布', to: '外勤支助部' }]);
    expect(a.ignored).toEqual(['原本要出']);
    const text = explainReading(a);
    expect(text).toContain('form.politeness');
    expect(text).toContain('ignored: 原本要出');
    expect(parseAskArgs(['--', '--explain', 'x'])).toMatchObject({ explain: true, words: ['x'] });
  });
});

describe('a turn read two ways', () => {
  it('a follow-up read only for want of a subject offers the reading on its own; one that points back does not', async () => {
    const chat = await openReportEngine({ dataDir: mkdtempSync(join(tmpdir(), 'two-ways-')), embedder: new LocalNgramEmbedder(), log: () => {} });
    await chat.ask('外勤部有多少产出低于计划？', { conversation: 'tw' });
    const a = await chat.ask('how many were postponed?', { conversation: 'tw' });
    expect(a.plan.carried).toContain('unit');
    expect(a.alternatives.map((x) => x.description)).toEqual(['As a new question (not following on)']);
    const alone = await chat.run(a.alternatives[0]!.plan);
    expect(alone.total).toBeGreaterThan(a.total);
    expect((await chat.ask('其中哪些属于外勤人事司？', { conversation: 'tw' })).alternatives).toEqual([]);
  });
});
