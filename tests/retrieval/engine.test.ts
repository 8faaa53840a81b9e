// The engine over the real report: exactness of lists and counts, the relevance threshold, filters, and
// the `npm run ask` JSON contract.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandPlan } from '../../retrieval/plan.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';
import { answerText } from '../../present/text.ts';
import type { ChatEngine as ReportEngine } from '../../retrieval/index.ts';
import { openReportEngine } from '../../app/open.ts';

let engine: ReportEngine;
const dataDir = mkdtempSync(join(tmpdir(), 'engine-'));
beforeAll(async () => {
  engine = await openReportEngine({ dataDir, embedder: new LocalNgramEmbedder(), log: () => {} });
});

describe('answers over the real report', () => {
  it('lists every record with a status, untruncated, in report order', async () => {
    for (const q of ['哪些产出被推迟了？', 'Which outputs were postponed?']) {
      const a = await engine.ask(q);
      const expected = engine.engine.records.filter((r) => r.status.includes('postponed'));
      expect(a.intent).toBe('list');
      expect(a.total).toBe(expected.length);
      expect(a.rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    }
  });

  it('counts exactly within a department, with a breakdown that adds up', async () => {
    const a = await engine.ask('外勤支助部有多少产出低于计划？');
    const expected = engine.engine.records.filter((r) => r.department.code === 'B' && r.status.includes('below_plan'));
    expect(a).toMatchObject({ intent: 'count', total: expected.length, language: 'zh' });
    expect(a.breakdown.reduce((n, b) => n + b.count, 0)).toBe(expected.length);
    expect(a.breakdown.every((b) => b.department.code === 'B')).toBe(true);
    expect(answerText(a)).toContain(`外勤支助部有 ${expected.length} 项产出`);
  });

  it('answers a breakdown across departments', async () => {
    const a = await engine.ask('How many outputs were above plan, by department?');
    expect(a.intent).toBe('breakdown');
    expect(new Set(a.breakdown.map((b) => b.department.code)).size).toBeGreaterThan(3);
    expect(answerText(a)).toMatch(/By department:/);
  });

  it('looks up a specific output with its place, values and source lines', async () => {
    const a = await engine.ask('副秘书长接受了多少次媒体访谈？');
    expect(a.intent).toBe('lookup');
    const top = a.rows[0]!;
    expect(top.planned).toContain('媒体');
    expect(answerText(a)).toContain(`[${top.id}]`);
    expect(answerText(a)).toContain(`第 ${top.line}–${top.lineEnd} 行`);
    expect(answerText(a)).toContain('维持和平行动部 › (b) 副秘书长办公室 › 预期成绩 1.1');
  });

  it('says so, with a hint, when nothing in the report answers', async () => {
    for (const q of ['明天北京天气怎么样？', 'Who won the football World Cup in 2014?', 'What is the capital of France?']) {
      const a = await engine.ask(q);
      expect(a).toMatchObject({ intent: 'none', total: 0, rows: [] });
      // An answer that names what the report lacks says that; otherwise "no matching outputs".
      expect(answerText(a)).toMatch(/没有找到匹配的产出|No matching outputs|报告中没有|is not in this report/);
      expect(answerText(a)).toMatch(/可以这样问|Try:/);
    }
  });

  it('resolves offices named with their department, and an office within a department', async () => {
    const a = await engine.ask('维和部军事厅有多少项产出？');
    expect(a.total).toBe(engine.engine.records.filter((r) => r.department.code === 'A' && r.office?.code === 'd').length);
    const office = engine.resolveUnit('外勤支助部', '副秘书长办公室');
    expect(office).toEqual({ department: 'B', office: 'a' });
    const o = await engine.run(commandPlan({ language: 'zh', unit: office, measure: 'rows' }));
    expect(new Set(o.rows.map((r) => `${r.department.code}-${r.office?.code}`))).toEqual(new Set(['B-a']));
    expect(engine.resolveUnit('不存在的部门')).toBeNull();
  });

  it('narrows a list to its topic, and a topic nothing matches to nothing', async () => {
    for (const q of ['哪些培训产出低于计划？', 'Which training outputs were below plan?']) {
      const a = await engine.ask(q);
      expect(a.total).toBeGreaterThan(0);
      expect(a.total).toBeLessThan(engine.engine.records.filter((r) => r.status.includes('below_plan')).length);
      for (const r of a.rows) {
        expect(r.status).toContain('below_plan');
        expect(`${r.planned}${r.remarks}${r.actual.map((x) => x.label).join('')}`).toContain('培训');
      }
    }
    expect((await engine.ask('哪些关于火星探测的产出被推迟了？')).total).toBe(0);
    // Leftover phrasing that matches nothing in the filtered rows does not empty the answer.
    const belowInB = engine.engine.records.filter((r) => r.department.code === 'B' && r.office?.code === 'c' && r.status.includes('below_plan')).length;
    expect((await engine.ask('外勤人事司有哪些产出被说明为低于计划？')).total).toBe(belowInB);
  });

  it('finds a lookup by a specific number, and within a named department with less of the topic matching', async () => {
    const byNumber = await engine.ask('When is the guidance on resolutions 1820, 1888 and 1960 expected?');
    expect(byNumber.rows[0]?.planned).toContain('1820');
    const inUnit = await engine.ask('秘书长办公厅审阅的维和信函为什么比计划少？');
    expect(inUnit.rows[0]).toMatchObject({ department: { code: 'E' }, status: ['below_plan'] });
  });

  it('treats names and years the report never mentions as outside it, and time frames as framing', async () => {
    expect((await engine.ask('Which UNICEF programmes were below plan in 2013?')).total).toBe(0);
    expect((await engine.ask('How many outputs did NATO\'s mission in Afghanistan deliver?')).total).toBe(0);
    expect((await engine.ask('2016/17 年度有哪些产出被推迟？')).total).toBe(0);
    const postponed = engine.engine.records.filter((r) => r.status.includes('postponed')).length;
    expect((await engine.ask('2013/14 年度有多少产出被推迟')).total).toBe(postponed);
    expect((await engine.ask('How many outputs were postponed in the 2013/14 period?')).total).toBe(postponed);
    // Ordinary words the glossary lacks are phrasing, not a topic.
    const above = engine.engine.records.filter((r) => r.department.code === 'A' && r.office?.code === 'd' && r.status.includes('above_plan')).length;
    expect((await engine.ask('Which outputs of the Office of Military Affairs came in above plan?')).total).toBe(above);
    expect((await engine.ask('dfs below plan?')).total).toBe(engine.engine.records.filter((r) => r.department.code === 'B' && r.status.includes('below_plan')).length);
  });

  it('finds an office by the tail of its name after its department, and knows foreign organisations', async () => {
    const a = await engine.ask('外勤部预算和财务司有哪些产出被推迟了？');
    expect(a.filters.offices).toEqual(['B-b']);
    expect((await engine.ask('How many outputs did OCHA deliver?')).total).toBe(0);
    expect((await engine.ask('What was the approved support account budget for 2016/17?')).total).toBe(0);
    const completedInC = engine.engine.records.filter((r) => r.department.code === 'C' && r.office?.code === 'c' && r.status.includes('completed')).length;
    expect((await engine.ask('How many OHRM outputs are marked as completed?')).total).toBe(completedInC);
    expect((await engine.ask('报告里总共有多少项产出超过了计划？')).total).toBe(engine.engine.records.filter((r) => r.status.includes('above_plan')).length);
  });

  it('finds one record by id', () => {
    expect(engine.row('A-a-1.1-01')?.planned).toContain('首脑会议');
    expect(engine.row('Z-9.9-99')).toBeUndefined();
  });
});

describe('npm run ask -- --chart / --csv', () => {
  it('writes a PNG chart of a breakdown, its table as CSV, its rows one line each, and a note', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ask-files-'));
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'app/ask.ts', '--chart', join(dir, 'c.png'), '--csv', join(dir, 'c.csv'), '各部门低于计划的产出有多少？'], {
      encoding: 'utf8',
      env: { ...process.env, EMBEDDER: 'local', DATA_DIR: dataDir },
      timeout: 120_000,
    });
    expect(res.status, res.stderr).toBe(0);
    const png = readFileSync(join(dir, 'c.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const below = engine.engine.records.filter((r) => r.status.includes('below_plan')).length;
    // A breakdown exports its table (a line per department with below-plan outputs) and, beside it, its rows.
    const departments = new Set(engine.engine.records.filter((r) => r.status.includes('below_plan')).map((r) => r.department.code)).size;
    expect(readFileSync(join(dir, 'c.csv'), 'utf8').trimEnd().split('\r\n')).toHaveLength(departments + 1);
    expect(readFileSync(join(dir, 'c-rows.csv'), 'utf8').trimEnd().split('\r\n')).toHaveLength(below + 1);
    expect(readFileSync(join(dir, 'c-note.txt'), 'utf8')).toContain('各部门低于计划的产出有多少');
  });
});

describe('npm run ask -- --json', () => {
  it('answers stdin questions one JSON line each, in order, loading the index once', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'app/ask.ts', '--json'], {
      input: '哪些产出被推迟了？\n\n明天北京天气怎么样？\n',
      encoding: 'utf8',
      env: { ...process.env, EMBEDDER: 'local', DATA_DIR: dataDir },
      timeout: 60_000,
    });
    expect(res.status).toBe(0);
    const lines = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ intent: 'list' });
    expect(lines[0].rows.length).toBe(lines[0].total);
    expect(lines[1]).toMatchObject({ total: 0, error: 'empty question' });
    expect(lines[2]).toMatchObject({ intent: 'none', total: 0, rows: [] });
  });
});
