// The HTTP interactions endpoint in process, against the Discord emulator delivering interactions by signed
// POST (as Discord does for an app with an Interactions Endpoint URL) and receiving the follow-ups on its
// webhook routes. Two endpoint instances share one SQLite state file, standing in for two replicas: a page
// opened on one is turned on the other.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REST } from '@discordjs/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportQueries } from '../../app/open.ts';
import { createContext } from '../../bot/context.ts';
import { createHttpInteractionHandler, type Dispatch } from '../../bot/http/adapter.ts';
import { dispatchInteraction } from '../../bot/interactions/dispatch.ts';
import { createInteractionsServer, type InteractionsServer } from '../../bot/http/server.ts';
import { publicKeyFromHex } from '../../bot/http/signature.ts';
import { createLogger } from '../../bot/logger.ts';
import type { ReportQueries } from '../../retrieval/types.ts';
import { SqliteStateStore } from '../../state/sqlite.ts';
import type { StateStore } from '../../state/types.ts';
import { startDiscordEmulator, type DiscordEmulator } from '../e2e/emulator/index.ts';
import { rawRequest } from './helpers.ts';

const SEED = resolve('seeds/a-69-653-budget-performance-2013-14.zh.txt');
let emu: DiscordEmulator;
let queries: ReportQueries;
let dataDir: string;
const logs: string[] = [];
const servers: InteractionsServer[] = [];
const ports: number[] = [];
const stores: StateStore[] = [];

async function startReplica(dispatch?: Dispatch, deferAfterMs?: number): Promise<number> {
  const logger = createLogger({ level: 'debug', write: (l) => logs.push(l) });
  // Each replica opens the shared file itself, as separate processes would.
  const store = new SqliteStateStore({ path: join(dataDir, 'state.sqlite') });
  stores.push(store);
  const ctx = createContext({
    queries,
    store,
    logger,
    sourceLines: async () => undefined,
    renderChart: null,
    csvParts: () => [],
    paginationTimeoutMs: 60_000,
    answerTtlSeconds: 3_600,
    now: Date.now,
  });
  const rest = new REST({ version: '10', api: emu.restBase, retries: 1, timeout: 5_000 }).setToken(emu.token);
  const handler = createHttpInteractionHandler({
    rest,
    applicationId: emu.applicationId,
    logger,
    dispatch: dispatch ?? ((input, responder) => dispatchInteraction(input, responder, ctx)),
    ...(deferAfterMs !== undefined ? { deferAfterMs } : {}),
  });
  const server = createInteractionsServer({ publicKey: publicKeyFromHex(emu.publicKeyHex), handler, logger, isReady: () => true });
  servers.push(server);
  const port = await server.listen(0, '127.0.0.1');
  ports.push(port);
  return port;
}

const use = (port: number) => emu.setInteractionsEndpoint(`http://127.0.0.1:${port}/interactions`);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'http-e2e-data-'));
  queries = await openReportQueries({ seedPath: SEED, dataDir, log: () => {}, env: { EMBEDDER: 'local' } });
  emu = await startDiscordEmulator({ heartbeatIntervalMs: 250 });
  await startReplica();
  await startReplica();
}, 120_000);

afterAll(async () => {
  for (const s of servers) await s.shutdown(1_000);
  for (const s of stores) await s.close();
  await emu?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('HTTP interactions endpoint', () => {
  it('answers a signed PING with {"type":1} and refuses bad, missing and stale signatures', async () => {
    const port = ports[0] ?? 0;
    const body = JSON.stringify({ type: 1, id: '1', application_id: emu.applicationId });
    const ok = await rawRequest(port, { body, headers: emu.http.signatureHeaders(body) });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toEqual({ type: 1 });

    const tampered = await rawRequest(port, { body: body.replace('"1"', '"2"'), headers: emu.http.signatureHeaders(body) });
    expect(tampered.status).toBe(401);
    expect((await rawRequest(port, { body })).status).toBe(401);
    const stale = await rawRequest(port, { body, headers: emu.http.signatureHeaders(body, Math.floor(Date.now() / 1000) - 600) });
    expect(stale.status).toBe(401);
    // Garbage that is signed still is not parsed into anything.
    const junk = '{"type":';
    expect((await rawRequest(port, { body: junk, headers: emu.http.signatureHeaders(junk) })).status).toBe(400);
  });

  it('caps the body (413), allows only POST (405), and reports health', async () => {
    const port = ports[0] ?? 0;
    const big = JSON.stringify({ type: 1, pad: 'x'.repeat(1024 * 1024 + 10) });
    expect((await rawRequest(port, { body: big, headers: emu.http.signatureHeaders(big) })).status).toBe(413);
    const get = await rawRequest(port, { method: 'GET' });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const health = await rawRequest(port, { method: 'GET', path: '/healthz' });
    expect(health.status).toBe(200);
    expect((await rawRequest(port, { method: 'GET', path: '/nope' })).status).toBe(404);
  });

  it('answers /count: the same command module as the gateway bot, deferred then edited over the webhook', async () => {
    use(ports[0] ?? 0);
    const handle = emu.sendSlashCommand({ name: 'count', options: { status: 'postponed' } });
    const reply = await emu.waitForInteractionResponse(handle, { timeoutMs: 10_000 });
    expect(reply.deferred).toBe(true);
    expect(reply.embeds[0]?.title).toMatch(/^(报告中有 \d+ 项产出被推迟。|\d+ outputs were postponed\.)$/);
    const delivery = emu.http.deliveries.find((d) => d.interactionId === handle.id);
    expect(delivery?.status).toBe(200);
    expect(delivery?.response).toEqual({ type: 5 });
    const patch = emu.requestsTo('PATCH', `/webhooks/${emu.applicationId}/${handle.token}/messages/@original`);
    expect(patch.map((r) => r.status)).toEqual([200]);
    expect(patch[0]?.authorization).toBeNull();
    expect((patch[0]?.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
  });

  it('answers /help in the HTTP response itself (type 4, ephemeral) and autocompletes /dept', async () => {
    use(ports[1] ?? 0);
    const help = await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'help' }));
    expect(help.callbackType).toBe(4);
    expect(help.ephemeral).toBe(true);
    const choices = (await emu.waitForAutocomplete(emu.sendAutocomplete({ name: 'dept', focusedOption: 'department', value: '法律' }))) as { value: string }[];
    expect(choices.some((c) => c.value === '法律事务厅')).toBe(true);
  });

  it('pages on one replica and turns the page on the other (state in the shared store)', async () => {
    use(ports[0] ?? 0);
    const first = await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'dept', options: { department: '维持和平行动部' } }), { timeoutMs: 10_000 });
    const row = (first.components[0] as { components: { custom_id: string; label: string }[] }).components;
    use(ports[1] ?? 0);
    const intruder = await emu.waitForInteractionResponse(emu.clickButton({ customId: row[2]?.custom_id ?? '', messageId: first.message.id, user: { username: 'intruder' } }));
    expect(intruder.ephemeral).toBe(true);
    const click = emu.clickButton({ customId: row[2]?.custom_id ?? '', messageId: first.message.id });
    const second = await emu.waitForInteractionResponse(click);
    expect(second.callbackType).toBe(7);
    expect(JSON.stringify(second.components)).toMatch(/第 2\/\d+ 页/);
  });

  it('defers on its own when a handler is slow, then edits the deferred reply', async () => {
    const slow: Dispatch = async (_input, responder) => {
      await new Promise((r) => setTimeout(r, 400));
      await responder.reply({ content: 'slow answer' });
    };
    use(await startReplica(slow, 100));
    const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'x' } });
    const reply = await emu.waitForInteractionResponse(handle);
    expect(reply.deferred).toBe(true);
    expect(reply.content).toBe('slow answer');
    expect(emu.interaction(handle).callbackType).toBe(5);
  });

  it('a follow-up after the interaction token expired is logged (401 50027, token redacted), and the endpoint serves on', async () => {
    const late: Dispatch = async (_input, responder) => {
      await responder.defer();
      await new Promise((r) => setTimeout(r, 500));
      await responder.editReply({ content: 'too late' });
    };
    use(await startReplica(late));
    emu.setInteractionTokenTtl(200);
    try {
      const before = logs.length;
      const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'x' } });
      const patch = await emu.waitForRequest('PATCH', `/webhooks/:id/${handle.token}/messages/@original`, { timeoutMs: 5_000 });
      expect([patch.status, (patch.response as { code?: number }).code]).toEqual([401, 50027]);
      // Logs are not emulator events: poll for the line.
      for (let i = 0; i < 100 && !logs.slice(before).some((l) => l.includes('interaction handler failed')); i++) await new Promise((r) => setTimeout(r, 50));
      const line = logs.slice(before).find((l) => l.includes('interaction handler failed')) ?? '';
      expect(line).toContain('Invalid Webhook Token');
      expect(line).not.toContain(handle.token);
    } finally {
      emu.setInteractionTokenTtl(15 * 60_000);
    }
    use(ports[0] ?? 0);
    expect((await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'help' }))).callbackType).toBe(4);
  });

  it('drains on shutdown: a follow-up in flight is delivered before shutdown resolves', async () => {
    const port = await startReplica();
    use(port);
    const handle = emu.sendSlashCommand({ name: 'count', options: {} });
    emu.delayNext({ method: 'PATCH', pathPattern: `/webhooks/:id/${handle.token}/messages/@original`, ms: 600 });
    await emu.waitFor(() => emu.interaction(handle).callbackType === 5, 5_000, 'the deferral');
    const server = servers.at(-1);
    const result = await server?.shutdown(5_000);
    expect(result?.drained).toBe(true);
    expect(emu.interaction(handle).originalEdits).toBe(1);
    await expect(rawRequest(port, { method: 'GET', path: '/healthz' })).rejects.toThrow();
  });

  it('sent nothing Discord would reject, and no interaction token reached a log', () => {
    expect(emu.unexpectedRequests).toEqual([]);
    expect(emu.requests.filter((r) => r.status === 400 && !r.injected)).toEqual([]);
    const tokens = [...emu.interactionStates.values()].map((s) => s.token);
    const all = logs.join('\n');
    for (const t of tokens) expect(all).not.toContain(t);
  });
});
