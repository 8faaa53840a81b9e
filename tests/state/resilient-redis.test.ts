// Redis not there when the bot starts (issue 15): the resilient store starts degraded instead of stopping the
// start, and picks Redis up by itself once it answers. A real redis-server on 127.0.0.1; skipped, saying so,
// when the binary is not on PATH.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openResilientStateStore } from '../../state/open.ts';
import type { ResilientStateStore } from '../../state/resilient.ts';
import { freePort, hasRedisServer, startRedisServer, type RedisServer } from './redis-server.ts';

const available = hasRedisServer();
if (!available) console.warn('skipped: redis-server not on PATH — the Redis-down-at-start test did not run');

describe.skipIf(!available)('Redis down at start', () => {
  let redis: RedisServer | undefined;
  let store: ResilientStateStore | undefined;
  afterAll(async () => {
    await store?.close();
    await redis?.stop();
  });

  it('starts degraded, answers reads with nothing, and connects once Redis is up', async () => {
    const port = await freePort();
    const log: string[] = [];
    store = await openResilientStateStore({ backend: 'redis', url: `redis://127.0.0.1:${port}`, prefix: 'late:' }, { log: (l) => log.push(l), retryIntervalMs: 200 });
    expect(store.status()).toMatchObject({ state: 'degraded', reason: expect.stringContaining(`127.0.0.1:${port}`) });
    expect(await store.get('settings', 'x')).toBeUndefined();
    redis = await startRedisServer({ port });
    await vi.waitFor(() => expect(store!.status().state).toBe('ok'), { timeout: 20_000, interval: 100 });
    await store.set('settings', 'x', { mode: 'inline' });
    expect(await store.get('settings', 'x')).toEqual({ mode: 'inline' });
    expect(log.some((l) => l.includes('cannot open the state store'))).toBe(true);
  }, 60_000);
});
