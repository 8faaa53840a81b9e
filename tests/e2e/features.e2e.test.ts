// End to end, what a team channel expects: charts, CSV export, source lines, 👍/👎 with the feedback modal,
// threads, plain text where the bot may not embed, and a restart (a new client over the same SQLite file)
// after which old page buttons and the conversation carry on. The real bot and engine against the emulator.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Events } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportQueries } from '../../app/open.ts';
import { seedSourceLines } from '../../app/source-lines.ts';
import { conversationStore } from '../../bot/conversation.ts';
import { createBot, type Bot } from '../../bot/gateway/discord-bot.ts';
import { createLogger } from '../../bot/logger.ts';
import type { StateStore } from '../../bot/state.ts';
import type { ReportQueries } from '../../retrieval/types.ts';
import { SqliteStateStore } from '../../state/sqlite.ts';
import { startDiscordEmulator, type ApiMessage, type DiscordEmulator, type InteractionReply, type RecordedRequest } from './emulator/index.ts';

const SEED = resolve('seeds/a-69-653-budget-performance-2013-14.zh.txt');
const SEED_LINES = readFileSync(SEED, 'utf8').split(/\r?\n/);
const EMBED_LINKS = (1n << 14n).toString();
const WAIT = { timeoutMs: 15_000 };

let emu: DiscordEmulator;
let dir: string;
let statePath: string;
let store: StateStore;
let queries: ReportQueries;
let bot: Bot;
const logs: string[] = [];
const uncaught: unknown[] = [];
const onUncaught = (e: unknown) => uncaught.push(e);
let general = '';
let threaded = '';
let noEmbeds = '';

type Component = { type: number; custom_id: string; label?: string; disabled?: boolean; options?: { value: string }[] };
const components = (m: { components?: readonly unknown[] }): Component[] => ((m.components ?? []) as { components: Component[] }[]).flatMap((r) => r.components);
const byPrefix = (m: { components?: readonly unknown[] }, prefix: string) => components(m).find((c) => c.custom_id.startsWith(prefix))?.custom_id ?? '';

/** A bot over `store`, with an engine whose conversations live in it too: nothing else carries over. */
async function startBot(): Promise<void> {
  queries = await openReportQueries({ seedPath: SEED, dataDir: join(dir, 'data'), log: () => {}, env: { EMBEDDER: 'local' }, contexts: conversationStore(store) });
  const logger = createLogger({ level: 'debug', secrets: [emu.token], write: (l) => logs.push(l) });
  const { intents: _i, partials: _p, ...pointing } = emu.clientOptions();
  const q = queries;
  bot = createBot({ queries: q, store, sourceLines: seedSourceLines(SEED, (id) => q.row(id)), config: { token: emu.token, paginationTimeoutMs: 120_000 }, logger, clientOptions: pointing });
  const ready = new Promise<void>((r) => bot.client.once(Events.ClientReady, () => r()));
  await bot.start();
  await ready;
}

async function stopBot(): Promise<void> {
  await bot.stop();
  await store.close();
}

const ask = (question: string, extra: { channelId?: string; user?: { username: string } } = {}) =>
  emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'ask', options: { question }, locale: 'zh-CN', ...extra }), WAIT);

/** The request that delivered a reply's content (PATCH of @original for a deferred reply), with its files. */
const lastPatch = (token: string): RecordedRequest | undefined => emu.requestsTo('PATCH', `/webhooks/:id/${token}/messages/@original`).at(-1);

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  dir = mkdtempSync(join(tmpdir(), 'bot-features-'));
  statePath = join(dir, 'state.sqlite');
  emu = await startDiscordEmulator({
    heartbeatIntervalMs: 250,
    guild: {
      channels: [
        { name: 'general' },
        { name: 'briefings' },
        // @everyone may not embed links here: the bot must answer in plain text.
        { name: 'no-embeds', permissionOverwrites: [{ id: '@everyone', type: 0, allow: '0', deny: EMBED_LINKS }] },
      ],
    },
  });
  const [g, t, n] = emu.guild?.channels ?? [];
  general = g?.id ?? '';
  threaded = t?.id ?? '';
  noEmbeds = n?.id ?? '';
  store = new SqliteStateStore({ path: statePath, log: (l) => logs.push(l) });
  await startBot();
}, 180_000);

afterAll(async () => {
  await bot?.stop();
  await store?.close();
  await emu?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
  expect(uncaught).toEqual([]);
});

describe('team-channel features against the emulator', () => {
  it('a breakdown question gets a PNG bar chart attached', async () => {
    const handle = emu.sendSlashCommand({ name: 'ask', options: { question: '各部门分别有多少产出被推迟？' }, locale: 'zh-CN' });
    const reply = await emu.waitForInteractionResponse(handle, WAIT);
    expect(reply.embeds[0]?.title).toMatch(/^报告中有 \d+ 项产出被推迟。$/);
    const attachments = reply.message.attachments as { filename: string; content_type?: string }[];
    expect(attachments.map((a) => a.filename)).toEqual(['chart.png']);
    const file = lastPatch(handle.token)?.files.find((f) => f.name === 'chart.png');
    expect(file?.data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(file?.size).toBeGreaterThan(5_000);
    // A list gets none.
    const list = await ask('外勤支助部有哪些产出被推迟？');
    expect(list.embeds[0]?.title).toMatch(/^外勤支助部有 \d+ 项产出被推迟。$/);
    expect(list.message.attachments).toEqual([]);
  });

  it("Export CSV sends every row of the answer, not just the page", async () => {
    const question = '哪些产出被推迟了？';
    const reply = await ask(question);
    expect(components(reply).some((c) => c.custom_id.startsWith('pg:'))).toBe(true);
    const click = emu.clickButton({ customId: byPrefix(reply, 'csv:'), messageId: reply.message.id });
    const exported = await emu.waitForInteractionResponse(click, WAIT);
    expect(exported.ephemeral).toBe(true);
    const file = lastPatch(click.token)?.files[0];
    expect(file?.name).toMatch(/\.csv$/);
    const rows = parse(file?.data.toString('utf8').replace(/^\uFEFF/, '') ?? '', { columns: true }) as Record<string, string>[];
    const expected = (await queries.ask(question)).rows.map((r) => r.id);
    expect(expected.length).toBeGreaterThan(5);
    expect(rows.map((r) => r['编号'])).toEqual(expected);
  });

  it("the Source button shows the row's report lines verbatim", async () => {
    const id = (await queries.ask('哪些产出被推迟了？')).rows[0]?.id ?? '';
    expect(id).not.toBe('');
    const row = await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'row', options: { id }, locale: 'zh-CN' }), WAIT);
    const click = emu.clickButton({ customId: `src:${id}`, messageId: row.message.id });
    expect(byPrefix(row, 'src:')).toBe(`src:${id}`);
    const source = await emu.waitForInteractionResponse(click, WAIT);
    expect(source.ephemeral).toBe(true);
    const record = queries.row(id)!;
    const lines = SEED_LINES.slice(record.line - 1, record.lineEnd).map((l) => l.replace(/\s+$/, '')).filter((l) => l.trim());
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(source.content).toContain(l);
    // The menu on a list page does the same for each row shown.
    const list = await ask('外勤支助部有哪些产出低于计划？');
    const menu = components(list).find((c) => c.type === 3);
    const value = menu?.options?.[1]?.value ?? '';
    const chosen = await emu.waitForInteractionResponse(emu.clickButton({ customId: menu?.custom_id ?? '', messageId: list.message.id, componentType: 3, values: [value] }), WAIT);
    expect(chosen.content).toContain(value);
    expect(chosen.content).toContain(SEED_LINES[(queries.row(value)?.line ?? 1) - 1]?.trim() ?? '∅');
  });

  it('stores 👍 and 👎, and the note typed in the modal 👎 opens', async () => {
    const before = (await store.listFeedback()).length;
    const question = '外勤支助部有多少产出低于计划？';
    const reply = await ask(question);
    const up = await emu.waitForInteractionResponse(emu.clickButton({ customId: byPrefix(reply, 'vote:').replace(/:down$/, ':up'), messageId: reply.message.id }), WAIT);
    expect(up.ephemeral).toBe(true);
    const down = components(reply).find((c) => c.custom_id.endsWith(':down'))?.custom_id ?? '';
    const click = emu.clickButton({ customId: down, messageId: reply.message.id });
    const modal = await emu.waitFor(() => emu.interaction(click).modal, 5_000, 'the feedback modal');
    expect(emu.interaction(click).callbackType).toBe(9);
    const field = ((modal.components as { components: { custom_id: string }[] }[])[0]?.components[0]?.custom_id) ?? '';
    const submit = emu.submitModal({ customId: String(modal.custom_id), fields: { [field]: '应该只算副秘书长办公室' }, messageId: reply.message.id });
    const thanks = await emu.waitForInteractionResponse(submit, WAIT);
    expect(thanks.ephemeral).toBe(true);
    const log = (await store.listFeedback()).slice(before);
    expect(log.map((e) => e.vote)).toEqual(['up', 'down']);
    expect(log[1]?.question).toContain('外勤支助部有多少产出低于计划');
    expect(log[1]?.note).toBe('应该只算副秘书长办公室');
    expect(log[1]?.rowIds.length).toBeGreaterThan(0);
    expect((log[1]?.plan as { measure?: string }).measure).toBe('count');
  });

  it('a mention in a channel set to threads opens a thread; a follow-up there is answered in context', async () => {
    const settings = await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'settings', options: { replies: 'threads' }, channelId: threaded, locale: 'zh-CN' }), WAIT);
    expect(settings.ephemeral).toBe(true);
    expect(settings.content).toContain('threads');
    const sent = emu.sendMessage({ channelId: threaded, content: `<@${emu.botUser.id}> 外勤部副秘书长办公室有多少产出低于计划？` });
    await emu.waitForRequest('POST', `/channels/${threaded}/messages/${sent.id}/threads`, WAIT);
    const [thread] = emu.threads(threaded);
    expect(thread?.name).toBe('外勤部副秘书长办公室有多少产出低于计划？');
    const first = await emu.waitForChannelMessage({ channelId: thread?.id ?? '', ...WAIT });
    expect(first.embeds[0]?.title).toBe('外勤支助部副秘书长办公室有 6 项产出低于计划。');
    // No reply in the channel itself.
    expect(emu.channelMessages(threaded)).toEqual([]);
    // In the bot's thread no mention is needed; anyone in the thread continues the same conversation.
    const follow = emu.sendMessage({ channelId: thread?.id ?? '', content: '高于计划的呢？', author: { username: 'colleague' } });
    const second = await emu.waitForChannelMessage({ channelId: thread?.id ?? '', predicate: (m: ApiMessage) => m.id !== first.id && m.embeds.length > 0, ...WAIT });
    expect(second.embeds[0]?.title).toBe('外勤支助部副秘书长办公室有 2 项产出高于计划。');
    expect(second.embeds[0]?.description).toContain('接上文');
    expect(follow.delivered).toBe(true);
  });

  it('answers in plain text where the bot may not embed links, and after a 50013', async () => {
    const sent = emu.sendMessage({ channelId: noEmbeds, content: `<@${emu.botUser.id}> 外勤支助部有哪些产出被推迟？` });
    const reply = await emu.waitForChannelMessage({ replyTo: sent.id, ...WAIT });
    expect(reply.embeds).toEqual([]);
    expect(reply.content).toMatch(/^\*\*外勤支助部有 \d+ 项产出被推迟。\*\*/);
    expect(reply.content).toMatch(/`B(-[a-z])?-[\d.]+-\d+`/);
    // Permissions the bot could not see in advance: Discord refuses, the bot answers again as text.
    emu.failNext({ method: 'POST', pathPattern: `/channels/${general}/messages`, status: 403, body: { message: 'Missing Permissions', code: 50013 } });
    const again = emu.sendMessage({ channelId: general, content: `<@${emu.botUser.id}> 外勤支助部有哪些产出被推迟？` });
    const text = await emu.waitForChannelMessage({ replyTo: again.id, ...WAIT });
    expect(text.embeds).toEqual([]);
    expect(text.content).toMatch(/^\*\*外勤支助部有 \d+ 项产出被推迟。\*\*/);
    expect(emu.requestsTo('POST', `/channels/${general}/messages`).slice(-2).map((r) => r.status)).toEqual([403, 200]);
  });

  it('after a restart (new client, same SQLite file) an old page button and a follow-up still work', async () => {
    const paged: InteractionReply = await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'dept', options: { department: '维持和平行动部' }, locale: 'zh-CN' }), WAIT);
    const next = components(paged).find((c) => c.custom_id.startsWith('pg:') && c.custom_id.endsWith(':n'))?.custom_id ?? '';
    const first = await ask('维和部有多少产出推迟了？');
    expect(first.embeds[0]?.title).toMatch(/^维持和平行动部有 \d+ 项产出被推迟。$/);

    await stopBot();
    store = new SqliteStateStore({ path: statePath, log: (l) => logs.push(l) });
    const oldClient = bot.client;
    await startBot();
    expect(bot.client).not.toBe(oldClient);

    const page = await emu.waitForInteractionResponse(emu.clickButton({ customId: next, messageId: paged.message.id }), WAIT);
    expect(page.callbackType).toBe(7);
    expect(components(page).find((c) => c.custom_id.endsWith(':i'))?.label).toMatch(/^第 2\/\d+ 页$/);
    const intruder = await emu.waitForInteractionResponse(emu.clickButton({ customId: next, messageId: paged.message.id, user: { username: 'intruder' } }), WAIT);
    expect(intruder.content).toContain('只有提问的人可以翻页');

    const follow = await ask('外勤部呢？');
    expect(follow.embeds[0]?.title).toBe('外勤支助部有 4 项产出被推迟。');
    expect(follow.embeds[0]?.description).toContain('接上文');
  });

  it('sent nothing Discord would reject and never allowed a mention', () => {
    expect(emu.unexpectedRequests).toEqual([]);
    expect(emu.requests.filter((r) => r.status === 400 && !r.injected).map((r) => `${r.method} ${r.path} ${JSON.stringify(r.response).slice(0, 300)}`)).toEqual([]);
    for (const r of emu.requests.filter((x) => /^(POST|PATCH)$/.test(x.method) && /messages$|callback|webhooks|@original/.test(x.path))) {
      const b = r.body as { type?: number; allowed_mentions?: { parse?: unknown[] }; data?: { allowed_mentions?: { parse?: unknown[] } } } | null;
      if (!b || [5, 6, 8, 9].includes(b.type ?? -1)) continue;
      expect((b.type !== undefined ? b.data?.allowed_mentions : b.allowed_mentions)?.parse, `${r.method} ${r.path}`).toEqual([]);
    }
    expect(logs.join('\n')).not.toContain(emu.token);
  });
});
