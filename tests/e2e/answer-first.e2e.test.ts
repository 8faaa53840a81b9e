// End to end, what a person sees first: the real bot and engine against the local Discord emulator. The first
// line of every reply is the direct answer; a ranking chart's bars are the numbers in the text; an English
// question is answered with English names in the embed, the chart and the CSV.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Events } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportQueries } from '../../app/open.ts';
import { createBot, type Bot } from '../../bot/gateway/discord-bot.ts';
import { defaultRenderChart } from '../../bot/context.ts';
import { createLogger } from '../../bot/logger.ts';
import type { ChartSpec } from '../../present/chart-spec.ts';
import type { ReportQueries } from '../../retrieval/types.ts';
import { MemoryStateStore } from '../../state/memory.ts';
import { startDiscordEmulator, type DiscordEmulator, type InteractionReply } from './emulator/index.ts';

const SEED = resolve('seeds/a-69-653-budget-performance-2013-14.zh.txt');
const WAIT = { timeoutMs: 15_000 };

let emu: DiscordEmulator;
let bot: Bot;
let queries: ReportQueries;
let dataDir: string;
const charts: ChartSpec[] = [];
const uncaught: unknown[] = [];
const onUncaught = (e: unknown) => uncaught.push(e);

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  dataDir = mkdtempSync(join(tmpdir(), 'answer-first-e2e-'));
  queries = await openReportQueries({ seedPath: SEED, dataDir, log: () => {}, env: { EMBEDDER: 'local' } });
  emu = await startDiscordEmulator({ heartbeatIntervalMs: 250 });
  const logger = createLogger({ level: 'warn', secrets: [emu.token], write: () => {} });
  const { intents: _i, partials: _p, ...pointing } = emu.clientOptions();
  // The real renderer, with the spec it drew kept so the bars can be compared with the text.
  const renderChart = async (spec: ChartSpec) => {
    charts.push(spec);
    return defaultRenderChart(spec);
  };
  bot = createBot({ queries, store: new MemoryStateStore({ log: () => {} }), config: { token: emu.token, paginationTimeoutMs: 120_000 }, logger, clientOptions: pointing, renderChart });
  const ready = new Promise<void>((r) => bot.client.once(Events.ClientReady, () => r()));
  await bot.start();
  await ready;
}, 120_000);

afterAll(async () => {
  await bot?.stop();
  await emu?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
  expect(uncaught).toEqual([]);
});

let asker = 0;
/** Each question from a new user, so it is read on its own, not as a follow-up of the one before. */
const ask = (question: string, locale = 'zh-CN'): Promise<InteractionReply> =>
  emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'ask', options: { question }, locale, user: { username: `asker-${++asker}` } }), WAIT);

/** What a person reads first: the message text, else the first embed's title, else its description's first line. */
const firstLine = (reply: InteractionReply): string => (reply.content || reply.embeds[0]?.title || reply.embeds[0]?.description || '').split('\n')[0]!;

describe('the first line of the reply is the direct answer', () => {
  it('for a count, a lookup, a ranking, a share and a list', async () => {
    const below = (await queries.ask('外勤支助部有多少产出低于计划？')).total;
    expect(firstLine(await ask('外勤支助部有多少产出低于计划？'))).toBe(`外勤支助部有 ${below} 项产出低于计划。`);
    expect(firstLine(await ask('副秘书长接受了多少次媒体访谈？'))).toBe('101 次媒体访谈（计划 100 次）——A-b-1.1-06。');
    const rank = await queries.ask('哪个部门超出计划的产出最多？');
    expect(firstLine(await ask('哪个部门超出计划的产出最多？'))).toBe(`${rank.groups[0]!.department.name}最多：${rank.groups[0]!.count} 项产出高于计划。`);
    const share = (await queries.ask('维和部的产出中有多大比例高于计划？')).ratio!;
    expect(firstLine(await ask('维和部的产出中有多大比例高于计划？'))).toBe(`维持和平行动部的 ${share.whole} 项产出中有 ${share.part} 项高于计划（${((100 * share.part) / share.whole).toFixed(1)} %）。`);
    const postponed = (await queries.ask('哪些产出被推迟了？')).total;
    const list = await ask('哪些产出被推迟了？');
    expect(firstLine(list)).toBe(`报告中有 ${postponed} 项产出被推迟。`);
    // A list in a channel is compact: one line per row, ten a page, in one embed.
    expect(list.embeds).toHaveLength(1);
    expect(list.embeds[0]?.description?.match(/^`[A-Z]-[^`]+` · /gm)).toHaveLength(10);
  });
});

describe('charts agree with the text', () => {
  it("a ranking chart's bars are the counts the text gives, and add up to its total", async () => {
    charts.length = 0;
    const reply = await ask('哪个部门超出计划的产出最多？');
    expect(reply.message.attachments.map((a: { filename: string }) => a.filename)).toEqual(['chart.png']);
    const spec = charts.at(-1)!;
    expect(spec.series).toHaveLength(1);
    const table = reply.embeds[0]?.description ?? '';
    // Each bar's value is the count in the reply's table, on the line of the same unit.
    for (const [i, category] of spec.categories.entries()) {
      const line = table.split('\n').find((l) => l.endsWith(category));
      expect(line, category).toBeDefined();
      expect(line!.trim().split(/\s+/)[1]).toBe(String(spec.series[0]!.values[i]));
    }
    const total = (await queries.ask('哪个部门超出计划的产出最多？')).total;
    expect(spec.series[0]!.values.reduce((n, v) => n + v, 0)).toBe(total);
  });
});

describe("the summary's columns add up to its total", () => {
  it('in the table of the reply and in the chart', async () => {
    charts.length = 0;
    const reply = await ask('Summarise the whole report', 'en-US');
    const table = /```\n([\s\S]*?)\n```/.exec(reply.embeds[0]?.description ?? '')?.[1] ?? '';
    const lines = table.split('\n').slice(1);
    expect(lines.length).toBeGreaterThan(12);
    for (const line of lines) {
      const nums = line.trim().split(/\s+/).slice(1).filter((c) => /^\d+$/.test(c)).map(Number);
      expect(nums.slice(0, -1).reduce((n, v) => n + v, 0), line).toBe(nums.at(-1));
    }
    expect(lines.at(-1)).toMatch(/ 444$/);
    const spec = charts.at(-1)!;
    const bars = spec.categories.map((_, i) => spec.series.reduce((n, s) => n + s.values[i]!, 0));
    expect(bars.reduce((n, v) => n + v, 0)).toBe(444);
  });
});

describe('an English question is answered in English names', () => {
  it('in the embed, the chart labels and the CSV', async () => {
    charts.length = 0;
    const reply = await ask('Which department had the most outputs above plan?', 'en-US');
    expect(firstLine(reply)).toBe(`The Department of Peacekeeping Operations has the most outputs above plan: ${(await queries.ask('Which department had the most outputs above plan?')).groups[0]!.count}.`);
    const text = JSON.stringify(reply.embeds);
    expect(text).toContain('A. Department of Peacekeeping Operations');
    expect(text).not.toContain('维持和平行动部');
    expect(charts.at(-1)!.categories).toContain('B. Department of Field Support');
    expect(charts.at(-1)!.categories.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);

    const list = await ask('Which outputs of the Department of Field Support were postponed?', 'en-US');
    const csvButton = ((list.components ?? []) as { components: { custom_id: string }[] }[]).flatMap((r) => r.components).find((c) => c.custom_id.startsWith('csv:'));
    const click = emu.clickButton({ customId: csvButton?.custom_id ?? '', messageId: list.message.id, locale: 'en-US' });
    await emu.waitForInteractionResponse(click, WAIT);
    const file = emu.requestsTo('PATCH', `/webhooks/:id/${click.token}/messages/@original`).at(-1)?.files[0];
    const rows = parse(file?.data.toString('utf8').replace(/^\uFEFF/, '') ?? '', { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r['department']).toBe('Department of Field Support');
  });
});
