// Two endpoint instances, each with its own Redis client on one real redis-server (127.0.0.1), as two hosts
// behind a load balancer: a page opened on instance A is turned on instance B, and a conversation begun on A
// is followed up on B. Skipped, saying so, when redis-server is not on PATH (.ci/run installs it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REST } from '@discordjs/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportQueries } from '../../app/open.ts';
import { conversationStore } from '../../bot/conversation.ts';
import { createContext } from '../../bot/context.ts';
import { createHttpInteractionHandler } from '../../bot/http/adapter.ts';
import { createInteractionsServer, type InteractionsServer } from '../../bot/http/server.ts';
import { publicKeyFromHex } from '../../bot/http/signature.ts';
import { dispatchInteraction } from '../../bot/interactions/dispatch.ts';
import { createLogger } from '../../bot/logger.ts';
import { openRedisStateStore, type RedisStateStore } from '../../state/redis.ts';
import { startDiscordEmulator, type DiscordEmulator } from '../e2e/emulator/index.ts';
import { hasRedisServer, startRedisServer, type RedisServer } from '../state/redis-server.ts';

const SEED = resolve('seeds/a-69-653-budget-performance-2013-14.zh.txt');
const available = hasRedisServer();
if (!available) console.warn('skipped: redis-server not on PATH — the two-instances-on-one-Redis test did not run');

describe.skipIf(!available)('two endpoint instances on one Redis', () => {
  let redis: RedisServer;
  let emu: DiscordEmulator;
  let dataDir: string;
  const servers: InteractionsServer[] = [];
  const stores: RedisStateStore[] = [];
  const ports: number[] = [];

  async function startInstance(): Promise<number> {
    const logger = createLogger({ level: 'warn', write: () => {} });
    const store = await openRedisStateStore({ url: redis.url, prefix: 'e2e:' });
    stores.push(store);
    // Each instance has its own engine too: nothing but Redis is shared.
    const queries = await openReportQueries({ seedPath: SEED, dataDir, log: () => {}, env: { EMBEDDER: 'local' }, contexts: conversationStore(store) });
    const ctx = createContext({ queries, store, logger, sourceLines: async () => undefined, renderChart: null, csvParts: () => [], paginationTimeoutMs: 60_000, answerTtlSeconds: 3_600, now: Date.now });
    const rest = new REST({ version: '10', api: emu.restBase, retries: 1, timeout: 5_000 }).setToken(emu.token);
    const handler = createHttpInteractionHandler({ rest, applicationId: emu.applicationId, logger, dispatch: (input, responder) => dispatchInteraction(input, responder, ctx) });
    const server = createInteractionsServer({ publicKey: publicKeyFromHex(emu.publicKeyHex), handler, logger, isReady: () => true });
    servers.push(server);
    const port = await server.listen(0, '127.0.0.1');
    ports.push(port);
    return port;
  }
  const use = (i: number) => emu.setInteractionsEndpoint(`http://127.0.0.1:${ports[i]}/interactions`);

  beforeAll(async () => {
    redis = await startRedisServer();
    dataDir = mkdtempSync(join(tmpdir(), 'redis-replicas-'));
    emu = await startDiscordEmulator({ heartbeatIntervalMs: 250 });
    await startInstance();
    await startInstance();
  }, 120_000);

  afterAll(async () => {
    for (const s of servers) await s.shutdown(1_000);
    for (const s of stores) await s.close();
    await emu?.close();
    await redis?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a page button pressed on instance B turns the page opened on instance A', async () => {
    use(0);
    const first = await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'dept', options: { department: '维持和平行动部' } }), { timeoutMs: 10_000 });
    const buttons = (first.components[0] as { components: { custom_id: string }[] }).components;
    use(1);
    const second = await emu.waitForInteractionResponse(emu.clickButton({ customId: buttons[2]?.custom_id ?? '', messageId: first.message.id }));
    expect(second.callbackType).toBe(7);
    expect(JSON.stringify(second.components)).toMatch(/第 2\/\d+ 页/);
  });

  it('a conversation begun on instance A is followed up on instance B', async () => {
    use(0);
    await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'ask', options: { question: '外勤部副秘书长办公室有多少产出低于计划？' } }), { timeoutMs: 10_000 });
    use(1);
    const follow = await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'ask', options: { question: '高于计划的呢？' } }), { timeoutMs: 10_000 });
    expect(JSON.stringify(follow)).toContain('接上文');
  });
});
