// Runs against a real redis-server started on 127.0.0.1 when the binary is on PATH; otherwise every test
// here is skipped, and says so (.ci/run installs redis-server when it can).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedisStateStore, type RedisStateStore } from '../../state/redis.ts';
import { feedbackEntry, runStateStoreContract, type Harness } from './contract.ts';
import { freePort, hasRedisServer, startRedisServer, type RedisServer } from './redis-server.ts';

const available = hasRedisServer();
const SKIPPED = 'skipped: redis-server not on PATH';
if (!available) console.warn(`redis backend tests ${SKIPPED} (apt-get install redis-server to run them)`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let prefixes = 0;
const freshPrefix = () => `test${++prefixes}-${process.pid}:`;

describe.skipIf(!available)(available ? 'redis backend' : `redis backend (${SKIPPED})`, () => {
  let server: RedisServer;
  let raw: Redis;
  const open: RedisStateStore[] = [];
  const openStore = async (prefix: string, logs?: string[]) => {
    const store = await openRedisStateStore({ url: server.url, prefix, log: (l) => logs?.push(l) });
    open.push(store);
    return store;
  };

  beforeAll(async () => {
    server = await startRedisServer();
    raw = new Redis(server.url);
  });
  afterAll(async () => {
    for (const store of open) await store.close();
    raw?.disconnect();
    await server?.stop();
  });

  runStateStoreContract(
    'redis',
    async (): Promise<Harness> => {
      const prefix = freshPrefix();
      const logs: string[] = [];
      let store = await openStore(prefix, logs);
      return {
        get store() {
          return store;
        },
        logs,
        // Expiry is Redis' own clock: let the time really pass (the TTLs in the contract are 50 ms).
        elapse: async (ms) => void (await sleep(ms)),
        corruptValue: async (ns, key) => void (await raw.set(store.kvKey(ns, key), '{"truncated')),
        corruptFeedback: async () => void (await raw.rpush(store.key('feedback'), 'not json')),
        reopen: async () => {
          await store.close();
          store = await openStore(prefix, logs);
          return store;
        },
        cleanup: () => store.close(),
      };
    },
    { persistent: true },
  );

  it('uses Redis expiry: the key carries a TTL, and a value without one has none', async () => {
    const store = await openStore(freshPrefix());
    await store.set('paging', 'a', 1, 60);
    await store.set('paging', 'b', 2);
    const ttl = await raw.pttl(store.kvKey('paging', 'a'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await raw.pttl(store.kvKey('paging', 'b'))).toBe(-1);
  });

  it('keeps every key under its prefix, and two prefixes apart', async () => {
    const a = await openStore('pk-a:');
    const b = await openStore('pk-b:');
    await a.set('settings', 'g', 'A');
    await a.addFeedback(feedbackEntry({ id: 'x' }));
    await a.setFeedbackNote('x', 'n');
    expect(await b.get('settings', 'g')).toBeUndefined();
    expect(await b.listFeedback()).toEqual([]);
    const keys = (await raw.keys('pk-*')).sort();
    expect(keys).toEqual(['pk-a:feedback', 'pk-a:feedback:ids', 'pk-a:feedback:notes', 'pk-a:kv:settings:g']);
  });

  it('uses "pkbot:" as the default prefix', async () => {
    const store = await openRedisStateStore({ url: server.url });
    open.push(store);
    expect(store.kvKey('paging', 'k')).toBe('pkbot:kv:paging:k');
  });

  it('treats a key of another Redis type as an absent value', async () => {
    const logs: string[] = [];
    const store = await openStore(freshPrefix(), logs);
    await raw.hset(store.kvKey('settings', 'h'), 'field', 'value');
    expect(await store.get('settings', 'h')).toBeUndefined();
    expect(logs.join('\n')).toContain('settings/h');
  });

  it('two stores on one Redis (two clients) share values, expiry and feedback', async () => {
    const prefix = freshPrefix();
    const a = await openStore(prefix);
    const b = await openStore(prefix);
    expect(a.client).not.toBe(b.client);
    await a.set('conversation', 'u1:c1', { turns: ['q1'] });
    expect(await b.get('conversation', 'u1:c1')).toEqual({ turns: ['q1'] });
    await b.delete('conversation', 'u1:c1');
    expect(await a.get('conversation', 'u1:c1')).toBeUndefined();

    await a.set('paging', 'm1', { page: 1 }, 0.05);
    expect(await b.get('paging', 'm1')).toEqual({ page: 1 });
    await sleep(120);
    expect(await b.get('paging', 'm1')).toBeUndefined();
    expect(await a.get('paging', 'm1')).toBeUndefined();

    // The same vote arriving through both processes at once is recorded once.
    const results = await Promise.all([a.addFeedback(feedbackEntry({ id: 'v1' })), b.addFeedback(feedbackEntry({ id: 'v1' }))]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await a.setFeedbackNote('v1', 'from A')).toBe(true);
    expect(await b.listFeedback()).toEqual([feedbackEntry({ id: 'v1', note: 'from A' })]);
  });

  it('fails at open with one line naming REDIS_URL when nothing listens, without the password', async () => {
    const url = `redis://:hunter2secret@127.0.0.1:${await freePort()}`;
    const failure = openRedisStateStore({ url, connectTimeoutMs: 5000 });
    await expect(failure).rejects.toThrow(/^cannot connect to Redis at 127\.0\.0\.1:\d+ \(REDIS_URL\): .*ECONNREFUSED/);
    await expect(failure).rejects.not.toThrow(/hunter2secret/);
  });
});
