// The gateway bot against what Discord enforces beyond payload shapes, modelled by the emulator: rate-limit
// buckets with X-RateLimit-* headers and the global limit, channel permissions (Embed Links, Send Messages in
// Threads), and the 15-minute interaction token.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Events } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openReportQueries } from '../../app/open.ts';
import { createBot, type Bot } from '../../bot/gateway/discord-bot.ts';
import { createLogger } from '../../bot/logger.ts';
import { MemoryStateStore } from '../../state/memory.ts';
import { startDiscordEmulator, type DiscordEmulator } from './emulator/index.ts';

const PAGE_TIMEOUT_MS = 1_500;
let emu: DiscordEmulator;
let bot: Bot;
let dataDir: string;
const logs: string[] = [];
const uncaught: unknown[] = [];
const onUncaught = (e: unknown) => uncaught.push(e);

beforeAll(async () => {
  process.on('unhandledRejection', onUncaught);
  dataDir = mkdtempSync(join(tmpdir(), 'limits-e2e-'));
  const queries = await openReportQueries({ seedPath: resolve('seeds/a-69-653-budget-performance-2013-14.zh.txt'), dataDir, log: () => {}, env: { EMBEDDER: 'local' } });
  emu = await startDiscordEmulator({ heartbeatIntervalMs: 500, guild: { channels: [{ name: 'general' }, { name: 'no-embeds' }, { name: 'stale-perms' }, { name: 'threads-off' }] } });
  const { intents: _i, partials: _p, ...pointing } = emu.clientOptions({ restRetries: 2 });
  const logger = createLogger({ level: 'debug', secrets: [emu.token], write: (l) => logs.push(l) });
  bot = createBot({ queries, store: new MemoryStateStore(), config: { token: emu.token, paginationTimeoutMs: PAGE_TIMEOUT_MS }, logger, clientOptions: pointing });
  const ready = new Promise<void>((r) => bot.client.once(Events.ClientReady, () => r()));
  await bot.start();
  await ready;
}, 120_000);

afterAll(async () => {
  await bot?.stop();
  await emu?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  process.off('unhandledRejection', onUncaught);
  expect(uncaught).toEqual([]);
});

beforeEach(() => emu.setRateLimits(null));

const channel = (i: number) => emu.guild?.channels[i]?.id ?? '';
const mention = (q: string, channelId = channel(0)) => emu.sendMessage({ channelId, content: `<@${emu.botUser.id}> ${q}` });

describe('rate limits', () => {
  it('reads X-RateLimit-* on a route bucket and waits instead of running into 429s', async () => {
    emu.setRateLimits({ routes: [{ method: 'POST', pathPattern: '/channels/:id/messages', limit: 1, windowMs: 700 }] });
    const before = emu.requests.length;
    const sent = ['外勤支助部有多少产出被推迟？', '法律事务厅有多少产出？', 'How many outputs were postponed?'].map((q) => mention(q));
    for (const m of sent) await emu.waitForChannelMessage({ replyTo: m.id, timeoutMs: 15_000 });
    const posts = emu.requests.slice(before).filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path));
    // @discordjs/rest learns the bucket (X-RateLimit-Bucket) from the first answer; a request already routed
    // before that, and the first one on the newly learnt bucket, may each still meet one 429. Never more, and
    // never two answers inside one window: the client waits out reset-after / retry_after.
    expect(posts.filter((r) => r.status === 429).length).toBeLessThanOrEqual(2);
    const ok = posts.filter((r) => r.status === 200).map((r) => r.at);
    expect(ok).toHaveLength(3);
    for (let i = 1; i < ok.length; i++) expect((ok[i] ?? 0) - (ok[i - 1] ?? 0)).toBeGreaterThanOrEqual(700 - 50);
    expect(posts.find((r) => r.status === 200)?.response).toBeTruthy();
  });

  it('waits out the global limit (429 with global: true) and answers everything', async () => {
    emu.setRateLimits({ global: { limit: 2, windowMs: 1_000 } });
    const before = emu.requests.length;
    const sent = ['外勤支助部有多少产出被推迟？', '法律事务厅有多少产出？', 'How many outputs were postponed?'].map((q) => mention(q));
    for (const m of sent) await emu.waitForChannelMessage({ replyTo: m.id, timeoutMs: 15_000 });
    const limited = emu.requests.slice(before).filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((r) => (r.response as { global?: boolean }).global === true)).toBe(true);
    expect(logs.some((l) => l.includes('REST rate limited') && l.includes('"global":true'))).toBe(true);
  });
});

describe('channel permissions', () => {
  it('without Embed Links (known from the overwrite) answers as text, without a 50013 round trip', async () => {
    emu.denyChannelPermissions(channel(1), ['EmbedLinks']);
    await emu.waitFor(() => bot.client.channels.cache.get(channel(1))?.toJSON() && true, 2_000);
    await new Promise((r) => setTimeout(r, 100));
    const m = mention('外勤支助部有多少产出被推迟？', channel(1));
    const reply = await emu.waitForChannelMessage({ replyTo: m.id, timeoutMs: 10_000 });
    expect(reply.embeds).toEqual([]);
    expect(reply.content.length).toBeGreaterThan(0);
    expect(emu.requestsTo('POST', `/channels/${channel(1)}/messages`).map((r) => r.status)).toEqual([200]);
  });

  it('without Embed Links it has not been told about: 50013, then the same answer as text', async () => {
    emu.denyChannelPermissions(channel(2), ['EmbedLinks'], { announce: false });
    const m = mention('外勤支助部有多少产出被推迟？', channel(2));
    const reply = await emu.waitForChannelMessage({ replyTo: m.id, timeoutMs: 10_000 });
    expect(reply.embeds).toEqual([]);
    const statuses = emu.requestsTo('POST', `/channels/${channel(2)}/messages`).map((r) => [r.status, (r.response as { code?: number } | null)?.code]);
    expect(statuses).toEqual([
      [403, 50013],
      [200, undefined],
    ]);
    expect(logs.some((l) => l.includes('missing permissions for embeds; answering as text'))).toBe(true);
  });

  it('in a thread without Send Messages in Threads: logs 50013, does not crash, answers elsewhere', async () => {
    emu.denyChannelPermissions(channel(3), ['SendMessagesInThreads']);
    const thread = emu.createThread(channel(3), 'questions');
    await emu.waitFor(() => bot.client.channels.cache.has(thread), 2_000, 'the thread in the cache');
    const before = logs.length;
    const m = mention('外勤支助部有多少产出被推迟？', thread);
    await emu.waitFor(() => logs.slice(before).some((l) => l.includes('message answer failed')), 10_000, 'the failure log line');
    expect(logs.slice(before).find((l) => l.includes('message answer failed'))).toContain('50013');
    expect(emu.channelMessages(thread)).toEqual([]);
    expect(emu.requestsTo('POST', `/channels/${thread}/messages`).every((r) => r.status === 403)).toBe(true);
    const next = mention('法律事务厅有多少产出？');
    await emu.waitForChannelMessage({ replyTo: next.id, timeoutMs: 10_000 });
    expect(m.delivered).toBe(true);
  });
});

describe('interaction token expiry', () => {
  it('greying out page buttons after the token expired is a logged warning (token redacted), not a crash', async () => {
    emu.setInteractionTokenTtl(1_000);
    try {
      const handle = emu.sendSlashCommand({ name: 'dept', options: { department: '维持和平行动部' } });
      await emu.waitForInteractionResponse(handle, { timeoutMs: 10_000 });
      const original = `/webhooks/:id/${handle.token}/messages/@original`;
      const refused = await emu.waitForRequest('PATCH', original, { timeoutMs: PAGE_TIMEOUT_MS + 5_000, after: emu.requests.at(-1)?.seq ?? 0 });
      expect(refused.status).toBe(401);
      expect((refused.response as { code: number }).code).toBe(50027);
      await emu.waitFor(() => logs.some((l) => l.includes('could not grey out page buttons')), 5_000, 'the warning');
      expect(logs.join('\n')).not.toContain(handle.token);
    } finally {
      emu.setInteractionTokenTtl(15 * 60_000);
    }
    const next = await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'count', options: {} }), { timeoutMs: 10_000 });
    expect(next.embeds.length).toBeGreaterThan(0);
  });
});
