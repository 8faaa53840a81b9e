// End to end: the real bot (createBot, real discord.js client) and the real report engine
// (app/open.ts over seeds/, local embedder, data built in a temp dir) against the local
// Discord emulator. Assertions are on what reached the emulator's REST API, as Discord would see it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Events } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../bot/gateway/deploy-commands.ts';
import { createBot, type Bot } from '../../bot/gateway/discord-bot.ts';
import { createLogger } from '../../bot/logger.ts';
import { openReportQueries } from '../../app/open.ts';
import type { ReportQueries } from '../../retrieval/types.ts';
import { commandPlan } from '../../retrieval/plan.ts';
import { MemoryStateStore } from '../../state/memory.ts';
import { startDiscordEmulator, type DiscordEmulator, type InteractionReply } from './emulator/index.ts';

const COMMANDS = ['ask', 'dept', 'postponed', 'count', 'row', 'source', 'export', 'reset', 'settings', 'help'];
const SEED = resolve('seeds/a-69-653-budget-performance-2013-14.zh.txt');
const EPHEMERAL = 64;
// Short, so the expiry of page buttons is observable; every click in the tests comes well within it.
const PAGE_TTL_MS = 2_500;

let emu: DiscordEmulator;
let bot: Bot;
let queries: ReportQueries;
let dataDir: string;
const logs: string[] = [];
const uncaught: unknown[] = [];
const onUncaught = (e: unknown) => uncaught.push(e);
const savedEmbedder = process.env.EMBEDDER;

type Button = { custom_id: string; label: string; disabled?: boolean };
const buttons = (reply: { components?: readonly unknown[] }): Button[] =>
  ((reply.components ?? []) as { components: Button[] }[]).flatMap((row) => row.components);
/** The Previous · page i/n · Next row. */
const pageButtons = (reply: { components?: readonly unknown[] }): Button[] => buttons(reply).filter((b) => b.custom_id?.startsWith('pg:'));

/** Every message-bearing request the bot made must have forbidden mention parsing. */
function expectNoMentionsEverywhere() {
  const bodies = emu.requests
    .filter((r) => /^(POST|PATCH)$/.test(r.method) && /messages|callback|webhooks/.test(r.path))
    .map((r) => r.body as { allowed_mentions?: { parse?: unknown[] }; type?: number; data?: { allowed_mentions?: { parse?: unknown[] } } } | null)
    .filter((b): b is NonNullable<typeof b> => b !== null && typeof b === 'object');
  expect(bodies.length).toBeGreaterThan(0);
  for (const b of bodies) {
    // Interaction callbacks nest the message under data; deferrals (5) and autocomplete (8) carry none.
    if (b.type === 5 || b.type === 8 || b.type === 6) continue;
    const am = b.type !== undefined ? b.data?.allowed_mentions : b.allowed_mentions;
    expect(am?.parse, JSON.stringify(b).slice(0, 200)).toEqual([]);
  }
}

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  process.env.EMBEDDER = 'local';
  dataDir = mkdtempSync(join(tmpdir(), 'bot-e2e-data-'));
  queries = await openReportQueries({ seedPath: SEED, dataDir, log: () => {} });

  emu = await startDiscordEmulator({ heartbeatIntervalMs: 250 });
  const logger = createLogger({ level: 'debug', secrets: [emu.token], write: (l) => logs.push(l) });
  // The emulator's URLs and fast identify; the intents and partials stay the bot's own, so the
  // emulator's intent filtering checks them (MESSAGE_CONTENT for mentions, the Channel partial for DMs).
  const { intents: _i, partials: _p, ...pointing } = emu.clientOptions();
  bot = createBot({ queries, store: new MemoryStateStore({ log: () => {} }), config: { token: emu.token, paginationTimeoutMs: PAGE_TTL_MS }, logger, clientOptions: pointing });
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
  if (savedEmbedder === undefined) delete process.env.EMBEDDER;
  else process.env.EMBEDDER = savedEmbedder;
  expect(uncaught).toEqual([]);
});

async function ask(question: string): Promise<InteractionReply> {
  return emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'ask', options: { question } }), { timeoutMs: 10_000 });
}

describe('bot against the Discord emulator', () => {
  it('registers its commands with deploy-commands (guild and global)', async () => {
    const guildId = emu.guild?.id ?? '';
    const guild = await deployCommands({ token: emu.token, clientId: emu.applicationId, guildId, api: emu.restBase });
    expect(guild).toEqual({ scope: 'guild', names: COMMANDS });
    const put = emu.requestsTo('PUT', `/applications/${emu.applicationId}/guilds/${guildId}/commands`);
    expect(put.map((r) => r.status)).toEqual([200]);
    expect(put[0]?.authorization).toBe(`Bot ${emu.token}`);
    const global = await deployCommands({ token: emu.token, clientId: emu.applicationId, api: emu.restBase });
    expect(global.scope).toBe('global');
    expect(emu.requestsTo('PUT', `/applications/${emu.applicationId}/commands`).map((r) => r.status)).toEqual([200]);
  });

  it('registers through the deploy-commands script (npm run deploy-commands)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'bot-e2e-deploy-')); // no .env here
    const guildId = emu.guild?.id ?? '';
    const before = emu.requestsTo('PUT', `/applications/${emu.applicationId}/guilds/${guildId}/commands`).length;
    const run = spawn(resolve('node_modules/.bin/tsx'), [resolve('bot/gateway/deploy-commands.ts'), '--api', emu.restBase], {
      cwd,
      env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: emu.token, DISCORD_CLIENT_ID: emu.applicationId, DISCORD_GUILD_ID: guildId },
    });
    let out = '';
    let err = '';
    run.stdout.on('data', (d: Buffer) => (out += d.toString()));
    run.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => run.on('close', r));
    rmSync(cwd, { recursive: true, force: true });
    expect(code, err).toBe(0);
    expect(out).toContain(`Registered ${COMMANDS.length} commands (guild ${guildId}): ${COMMANDS.join(', ')}`);
    expect(out + err).not.toContain(emu.token);
    expect(emu.requestsTo('PUT', `/applications/${emu.applicationId}/guilds/${guildId}/commands`).length).toBe(before + 1);
  });

  it('answers /ask after deferring, with embeds from the real engine', async () => {
    const handle = emu.sendSlashCommand({ name: 'ask', options: { question: '外勤支助部有多少产出低于计划？' } });
    const reply = await emu.waitForInteractionResponse(handle, { timeoutMs: 10_000 });
    expect(reply.deferred).toBe(true);
    expect(reply.ephemeral).toBe(false);
    expect(reply.embeds.length).toBeGreaterThan(0);
    expect(reply.embeds[0]?.title).toMatch(/项产出/);
    expect(JSON.stringify(reply.embeds)).toContain('外勤支助部');
    const patch = emu.requestsTo('PATCH', '/webhooks/:id/:token/messages/@original').at(-1);
    expect((patch?.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
  });

  it('autocompletes /dept department and office', async () => {
    const dept = await emu.waitForAutocomplete(emu.sendAutocomplete({ name: 'dept', focusedOption: 'department', value: '法律' }));
    const ola = (dept as { name: string; value: string }[]).find((c) => c.value === '法律事务厅');
    expect(ola?.name).toMatch(/^H\. 法律事务厅/);
    const all = (await emu.waitForAutocomplete(emu.sendAutocomplete({ name: 'dept', focusedOption: 'department', value: '' }))) as { name: string; value: string }[];
    expect(all.length).toBeGreaterThan(5);
    expect(all.length).toBeLessThanOrEqual(25);
    for (const c of all) expect(c.name.length).toBeLessThanOrEqual(100);
    const offices = (await emu.waitForAutocomplete(
      emu.sendAutocomplete({ name: 'dept', focusedOption: 'office', value: '', options: { department: '外勤支助部' } }),
    )) as { name: string; value: string }[];
    expect(offices.length).toBeGreaterThan(0);
    for (const o of offices) expect(o.value).toMatch(/^B-[a-z]$/);
  });

  it('pages a long /dept answer: the asker pages, another user is refused', async () => {
    const handle = emu.sendSlashCommand({ name: 'dept', options: { department: '维持和平行动部' } });
    const first = await emu.waitForInteractionResponse(handle, { timeoutMs: 10_000 });
    const row = pageButtons(first);
    expect(row.map((b) => b.disabled)).toEqual([true, true, false]);
    expect(row[1]?.label).toMatch(/^第 1\/\d+ 页$/);
    const pageCount = Number(/\/(\d+)/.exec(row[1]?.label ?? '')?.[1]);
    expect(pageCount).toBeGreaterThan(2);
    const next = row[2]?.custom_id ?? '';

    const intruder = emu.clickButton({ customId: next, messageId: first.message.id, user: { username: 'intruder' } });
    const refused = await emu.waitForInteractionResponse(intruder);
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toContain('只有提问的人可以翻页');

    const click = emu.clickButton({ customId: next, messageId: first.message.id });
    const second = await emu.waitForInteractionResponse(click);
    expect(second.callbackType).toBe(7);
    expect(pageButtons(second)[1]?.label).toBe(`第 2/${pageCount} 页`);
    expect(JSON.stringify(second.embeds)).not.toBe(JSON.stringify(first.embeds));

    // Idle past the timeout: the bot disables the buttons by editing the message; a late click is told.
    await emu.waitFor(() => {
      const original = emu.interaction(click).original;
      return original && pageButtons(original).every((b) => b.disabled);
    }, PAGE_TTL_MS + 5_000);
    const late = await emu.waitForInteractionResponse(emu.clickButton({ customId: pageButtons(second)[0]?.custom_id ?? '', messageId: first.message.id }));
    expect(late.ephemeral).toBe(true);
    expect(late.content).toContain('已过期');
  });

  it('answers /row in full and an unknown id ephemerally; /help and /count reply', async () => {
    const id = (await queries.run(commandPlan({ language: 'zh', status: 'postponed', measure: 'rows' }))).rows[0]?.id ?? '';
    const found = await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'row', options: { id } }));
    expect(JSON.stringify(found.embeds)).toContain(id);
    const missing = await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'row', options: { id: 'Z-9.9-99' } }));
    expect(missing.ephemeral).toBe(true);
    expect((missing.flags & EPHEMERAL) !== 0).toBe(true);
    const help = await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'help' }));
    expect(JSON.stringify(help.embeds)).toContain('/dept');
    const count = await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'count', options: { status: 'postponed' }, locale: 'zh-CN' }), { timeoutMs: 10_000 });
    expect(count.embeds).toHaveLength(1);
    expect(count.embeds[0]?.title).toMatch(/^报告中有 \d+ 项产出被推迟。$/);
  });

  it('answers an @mention in a guild channel', async () => {
    const sent = emu.sendMessage({ content: `<@${emu.botUser.id}> 外勤支助部有多少产出被推迟？` });
    const reply = await emu.waitForChannelMessage({ replyTo: sent.id, timeoutMs: 10_000 });
    expect(reply.embeds.length + reply.content.length).toBeGreaterThan(0);
    const post = emu.requestsTo('POST', `/channels/${emu.textChannelId}/messages`).at(-1);
    expect((post?.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('answers a DM without a mention', async () => {
    const sent = emu.sendMessage({ content: 'How many outputs were postponed?', dm: true });
    const reply = await emu.waitForChannelMessage({ replyTo: sent.id, timeoutMs: 10_000 });
    expect(reply.channel_id).toBe(sent.channelId);
    expect(reply.embeds.length).toBeGreaterThan(0);
  });

  it('resumes after the gateway drops the connection and answers the next question', async () => {
    const conn = emu.gateway.liveConnection?.id ?? 0;
    await emu.dropConnection({ abrupt: true });
    await emu.waitForGatewayReady({ afterConnection: conn, timeoutMs: 15_000 });
    const reply = await ask('法律事务厅有多少产出？');
    expect(reply.embeds.length).toBeGreaterThan(0);
    await emu.waitFor(() => logs.some((l) => l.includes('gateway resumed')), 5_000, 'a "gateway resumed" log line');
  });

  it('waits out a REST 429 (retry_after) and still delivers the reply', async () => {
    const handle = emu.sendSlashCommand({ name: 'ask', options: { question: '外勤支助部有多少产出低于计划？' } });
    // Scoped to this interaction's token (registered before the bot can respond), so no other edit
    // in flight can take the fault.
    const original = `/webhooks/:id/${handle.token}/messages/@original`;
    emu.failNext({ method: 'PATCH', pathPattern: original, status: 429, retryAfter: 0.3 });
    const reply = await emu.waitForInteractionResponse(handle, { timeoutMs: 10_000 });
    expect(reply.embeds.length).toBeGreaterThan(0);
    expect(emu.requestsTo('PATCH', original).map((r) => r.status)).toEqual([429, 200]);
    expect(logs.some((l) => l.includes('REST rate limited'))).toBe(true);
  });

  it('logs a REST 500 on the follow-up, shows an error, and answers the next question', async () => {
    // The client retries once (restRetries 1): both attempts at the answer fail, the error edit succeeds.
    const before = logs.length;
    const handle = emu.sendSlashCommand({ name: 'ask', options: { question: '法律事务厅有多少产出？' } });
    const original = `/webhooks/:id/${handle.token}/messages/@original`;
    emu.failNext({ method: 'PATCH', pathPattern: original, status: 500, times: 2 });
    const reply = await emu.waitForInteractionResponse(handle, { timeoutMs: 10_000, until: (r) => r.content.includes('出错了') });
    expect(emu.requestsTo('PATCH', original).map((r) => r.status)).toEqual([500, 500, 200]);
    expect(reply.content).toContain(handle.id);
    const failed = logs.slice(before).find((l) => l.includes('command failed'));
    expect(failed).toBeDefined();
    expect(failed).toContain(`"interactionId":"${handle.id}"`);
    expect(failed).toContain('"command":"ask"');
    expect(failed).toContain('500');

    const next = await ask('法律事务厅有多少产出？');
    expect(next.embeds.length).toBeGreaterThan(0);
  });

  it('survives malformed interaction payloads and keeps answering', async () => {
    const probe = emu.sendSlashCommand({ name: 'help' });
    await emu.waitForInteractionResponse(probe);
    const base = probe.payload as Record<string, unknown>;
    emu.sendRaw({ op: 0, t: 'INTERACTION_CREATE', s: null, d: { ...base, id: '1', type: 99 } });
    emu.sendRaw({ op: 0, t: 'INTERACTION_CREATE', s: null, d: { ...base, id: '2', type: 3, data: { custom_id: 'pg:zz', component_type: 2 } } });
    emu.sendRaw({ op: 0, t: 'INTERACTION_CREATE', s: null, d: { ...base, id: '3', type: 2, data: { name: 'ask', type: 1, options: [] } } });
    emu.sendRaw({ op: 0, t: 'INTERACTION_CREATE', s: null, d: { ...base, id: '4', type: 2, data: { name: 'no-such-command', type: 1 } } });
    emu.sendRaw('{not json');
    const reply = await ask('How many outputs were postponed?');
    expect(reply.embeds.length).toBeGreaterThan(0);
    expect(bot.client.isReady()).toBe(true);
    // The button without a message breaks discord.js itself; the bot logs and drops it.
    expect(logs.some((l) => l.includes('dropped a gateway event') && l.includes('"id":"2"'))).toBe(true);
  });

  it('sent nothing Discord would reject and never allowed a mention', () => {
    expect(emu.unexpectedRequests).toEqual([]);
    // The emulator answers 400 to any payload over Discord's limits, as Discord does.
    expect(emu.requests.filter((r) => r.status === 400 && !r.injected).map((r) => `${r.method} ${r.path} ${JSON.stringify(r.response).slice(0, 300)}`)).toEqual([]);
    expectNoMentionsEverywhere();
    expect(logs.join('\n')).not.toContain(emu.token);
  });
});
