// The answer a person sees, built by the real engine over the real report: the direct answer first, one
// status rule in text, tallies, charts and CSV, names in the asker's language.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { openReportEngine } from '../../app/open.ts';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';
import { chartSpecFor } from '../../present/chart-spec.ts';
import { answerExport, answerTable } from '../../present/csv-answer.ts';
import { rowsToCsv } from '../../present/csv.ts';
import { directAnswer } from '../../present/direct-answer.ts';
import { renderAnswer } from '../../present/discord.ts';
import { namesFor, type NameBook } from '../../present/names.ts';
import { answerText } from '../../present/text.ts';
import type { ChatEngine } from '../../retrieval/index.ts';
import { makeAnswer, FIXTURE_RECORDS } from '../bot/fixtures.ts';

let engine: ChatEngine;
let names: NameBook;
beforeAll(async () => {
  engine = await openReportEngine({ dataDir: mkdtempSync(join(tmpdir(), 'answer-first-')), embedder: new LocalNgramEmbedder(), log: () => {} });
  names = namesFor(engine);
});

const firstLine = (text: string) => text.split('\n')[0]!;
const rows = () => engine.engine.records;
const csvRows = (buf: Buffer) => parse(buf, { bom: true, relax_column_count: true }) as string[][];

describe('the first line answers the question as asked', () => {
  it('a count, in Chinese and in English, with the unit and the status', async () => {
    const n = rows().filter((r) => r.department.code === 'B' && r.status.includes('below_plan')).length;
    const zh = await engine.ask('外勤支助部有多少产出低于计划？');
    expect(firstLine(answerText(zh, names))).toBe(`外勤支助部有 ${n} 项产出低于计划。`);
    const en = await engine.ask('How many outputs of the Department of Field Support were below plan?');
    expect(firstLine(answerText(en, names))).toBe(`${n} outputs of the Department of Field Support were below plan.`);
  });

  it("a lookup: the value the question names against the planned text's number", async () => {
    const a = await engine.ask('副秘书长接受了多少次媒体访谈？');
    expect(a.rows[0]?.id).toBe('A-b-1.1-06');
    // The row delivered 7 press briefings and 101 media interviews; the question asks for the interviews.
    expect(firstLine(answerText(a, names))).toBe('101 次媒体访谈（计划 100 次）——A-b-1.1-06。');
  });

  it('a ranking names the winner with its count, and ties as ties', async () => {
    const most = await engine.ask('哪个部门超出计划的产出最多？');
    const top = most.groups[0]!;
    expect(firstLine(answerText(most, names))).toBe(`${top.department.name}最多：${top.count} 项产出高于计划。`);
    const fewest = await engine.ask('Which department had the fewest outputs above plan?');
    const tied = fewest.groups.filter((g) => g.rank === fewest.groups[0]!.rank);
    expect(tied.length).toBeGreaterThan(1);
    const line = firstLine(answerText(fewest, names));
    expect(line).toContain('tie for the fewest outputs above plan');
    for (const g of tied) expect(line).toContain(names.english(g.department.code)!);
  });

  it('a share gives n of N and the percentage; a comparison its difference', async () => {
    const share = await engine.ask('维和部的产出中有多大比例高于计划？');
    const { part, whole } = share.ratio!;
    expect(firstLine(answerText(share, names))).toBe(`维持和平行动部的 ${whole} 项产出中有 ${part} 项高于计划（${((100 * part) / whole).toFixed(1)} %）。`);
    const compare = await engine.ask('比较维和部和外勤部低于计划的产出数量');
    const [a, b] = compare.groups;
    expect(firstLine(answerText(compare, names))).toContain(`多 ${Math.abs(a!.count - b!.count)} 项`);
  });

  it('Discord leads with the same sentence as the terminal', async () => {
    for (const q of ['外勤支助部有多少产出低于计划？', '哪个部门超出计划的产出最多？', '哪些产出被推迟了？']) {
      const a = await engine.ask(q);
      expect(renderAnswer(a, { names })[0]?.embeds[0]?.title).toBe(directAnswer(a, names));
    }
  });

  it("names what the report lacks, and shows what was ignored and corrected in the reading", () => {
    const answer = { ...makeAnswer({ rows: [], intent: 'none', language: 'zh' }), unknown: [{ text: '政治事务部', kind: 'unit' as const }] };
    expect(firstLine(answerText(answer))).toBe('报告中没有名为“政治事务部”的部门。');
    // The reading says what was named, not "the whole report".
    expect(answerText(answer)).toContain('理解为：报告中没有：“政治事务部”');
    expect(answerText(answer)).not.toContain('整个报告');
    const en = { ...makeAnswer({ rows: [], intent: 'none', language: 'en' }), unknown: [{ text: 'UNDP', kind: 'organisation' as const }] };
    expect(firstLine(answerText(en))).toBe('UNDP is not in this report.');
    const read = { ...makeAnswer({ rows: FIXTURE_RECORDS.slice(0, 2), language: 'zh', filters: { topic: '其中' } }), ignored: ['一下'], corrections: [{ from: '外勤支助布', to: '外勤支助部' }] };
    const line = answerText(read).split('\n')[1]!;
    expect(line).toContain('忽略：“一下”');
    expect(line).toContain('按“外勤支助部”理解“外勤支助布”');
    // A pronoun left over as a topic names nothing and is not shown.
    expect(line).not.toContain('其中');
  });
});

describe('one status rule in text, tallies, charts and CSV', () => {
  it('a below-plan count tallies below plan only; the other statuses of its rows are "of which also"', async () => {
    const a = await engine.ask('外勤支助部有多少产出低于计划？');
    const alsoAbove = a.rows.filter((r) => r.status.includes('above_plan')).length;
    expect(alsoAbove).toBeGreaterThan(0);
    const d = renderAnswer(a, { names })[0]!.embeds[0]!.description!;
    // No tally block shows above plan (nor repeats "below plan 16" under the sentence that says it)…
    const blocks = d.split('\n\n');
    expect(blocks.filter((b) => b.includes('高于计划') && !b.includes('其中同时标为'))).toEqual([]);
    expect(blocks.filter((b) => b.includes('⬇️'))).toEqual([]);
    // …the rows' other statuses are said as what they are.
    expect(d).toContain(`其中同时标为：⬆️ 高于计划 ${alsoAbove}`);
  });

  it("a ranking chart's bars are the status asked about only, and sum to the text's numbers", async () => {
    const a = await engine.ask('哪个部门超出计划的产出最多？');
    const spec = chartSpecFor(a, names)!;
    expect(spec.series).toHaveLength(1);
    expect(spec.series[0]!.values).toEqual(a.groups.map((g) => g.count));
    const sum = spec.series[0]!.values.reduce((n, v) => n + v, 0);
    expect(sum).toBe(rows().filter((r) => r.status.includes('above_plan')).length);
    expect(answerText(a, names)).toContain(`共 ${sum} 项产出`);
  });

  it("the summary's columns add up to its total in text, chart and CSV; every row has a status", async () => {
    const a = await engine.ask('Summarise the whole report');
    expect(a.intent).toBe('summary');
    const spec = chartSpecFor(a, names)!;
    const bars = spec.categories.map((_, i) => spec.series.reduce((n, s) => n + s.values[i]!, 0));
    expect(bars.reduce((n, v) => n + v, 0)).toBe(444);
    expect(bars).toEqual(a.groups.map((g) => rows().filter((r) => r.department.code === g.department.code).length));
    const table = answerTable(a, names)!;
    for (const line of table.slice(1)) {
      const nums = line.slice(4).map(Number);
      expect(nums.slice(0, -1).reduce((n, v) => n + v, 0)).toBe(nums.at(-1));
    }
    expect(table.at(-1)!.at(-1)).toBe(444);
    expect(answerText(a, names)).toMatch(/Each output is counted once.*two or more statuses/);
  });
});

describe('English questions get English names, and CSV an analyst can pivot', () => {
  it('names departments in English in the text, the chart and the CSV', async () => {
    const a = await engine.ask('Which department had the most outputs above plan?');
    expect(answerText(a, names)).toContain('A. Department of Peacekeeping Operations: ');
    expect(answerText(a, names)).not.toMatch(/维持和平行动部/);
    expect(chartSpecFor(a, names)!.categories[0]).toBe('A. Department of Peacekeeping Operations');
    const table = csvRows(answerExport(a, names)[0]!.data);
    expect(table[1]).toContain('Department of Peacekeeping Operations');
    const list = await engine.ask('Which outputs were postponed?');
    const [head, first] = csvRows(rowsToCsv(list.rows, 'en', { names }));
    expect(first![head!.indexOf('department')]).toBe(names.english(list.rows[0]!.department.code));
  });

  it("a ranking's CSV is its table; two row exports of different answers have the same header", async () => {
    const rank = await engine.ask('哪个部门超出计划的产出最多？');
    const files = answerExport(rank, names, 'r');
    expect(files.map((f) => f.name)).toEqual(['r.csv', 'r-rows.csv', 'r-note.txt']);
    const table = csvRows(files[0]!.data);
    expect(table).toHaveLength(rank.groups.length + 1);
    expect(table.slice(1).map((l) => [l[1], Number(l[5])])).toEqual(rank.groups.map((g) => [g.department.code, g.count]));
    expect(files[2]!.data.toString()).toContain('问题：哪个部门超出计划的产出最多');
    expect(files[2]!.data.toString()).toContain('A/69/653');
    const postponed = await engine.ask('哪些产出被推迟了？');
    const lookup = await engine.ask('副秘书长接受了多少次媒体访谈？');
    expect(csvRows(rowsToCsv(postponed.rows, 'zh'))[0]).toEqual(csvRows(rowsToCsv(lookup.rows, 'zh'))[0]);
  });
});
