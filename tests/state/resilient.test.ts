// The wrapper that keeps a failing state store from stopping answers (state/resilient.ts): a store that
// throws (a full disk), hangs (a half-open socket) or cannot be opened costs stored state, never an answer;
// the outage is reported once, the store retried, and the wrapper recovers by itself.
import { describe, expect, it, vi } from 'vitest';
import { MemoryStateStore } from '../../state/memory.ts';
import { ResilientStateStore, StateUnavailableError } from '../../state/resilient.ts';
import type { FeedbackEntry, StateStore } from '../../state/types.ts';

/** A memory store that can be made to fail every call (as SQLite does on a full disk) or to never answer. */
class FlakyStore extends MemoryStateStore {
  mode: 'ok' | 'fail' | 'hang' = 'ok';
  calls = 0;
  private guard(): Promise<void> | undefined {
    this.calls++;
    if (this.mode === 'fail') return Promise.reject(new Error('SQLITE_FULL: database or disk is full'));
    if (this.mode === 'hang') return new Promise(() => {});
    return undefined;
  }
  override async get<T>(ns: Parameters<StateStore['get']>[0], key: string): Promise<T | undefined> {
    await this.guard();
    return super.get<T>(ns, key);
  }
  override async set(ns: Parameters<StateStore['set']>[0], key: string, value: unknown, ttl?: number): Promise<void> {
    await this.guard();
    return super.set(ns, key, value, ttl);
  }
  override async addFeedback(entry: FeedbackEntry): Promise<boolean> {
    await this.guard();
    return super.addFeedback(entry);
  }
}

const entry: FeedbackEntry = { id: 'a:u:up', at: '2026-01-01T00:00:00Z', vote: 'up', question: 'q', plan: {}, rowIds: [] };

async function wrapped(inner: StateStore, open?: () => Promise<StateStore>, retryIntervalMs = 20) {
  const log: string[] = [];
  const store = await new ResilientStateStore(open ?? (async () => inner), { backend: 'sqlite', log: (l) => log.push(l), timeoutMs: 50, retryIntervalMs }).start();
  return { store, log };
}

describe('ResilientStateStore', () => {
  it('a failing store reads as empty and drops writes, skips the store during the outage, and says degraded once', async () => {
    const inner = new FlakyStore({ log: () => {} });
    // No retry during this test: every call the store sees is a request's.
    const { store, log } = await wrapped(inner, undefined, 60_000);
    await store.set('conversation', 'c', { a: 1 });
    expect(await store.get('conversation', 'c')).toEqual({ a: 1 });
    expect(store.status().state).toBe('ok');

    inner.mode = 'fail';
    expect(await store.get('conversation', 'c')).toBeUndefined();
    expect(store.status()).toMatchObject({ state: 'degraded', backend: 'sqlite', outage: 1, reason: expect.stringContaining('disk is full') });
    const callsAtOutage = inner.calls;
    await store.set('conversation', 'c', { a: 2 });
    await store.delete('conversation', 'c');
    expect(await store.get('conversation', 'c')).toBeUndefined();
    // Requests no longer reach (or wait for) the store; only the background retry does.
    expect(inner.calls).toBe(callsAtOutage);
    expect(log.filter((l) => l.includes('state store unavailable'))).toHaveLength(1);
    await store.close();
  });

  it('a store that never answers is given up on after the deadline', async () => {
    const inner = new FlakyStore({ log: () => {} });
    const { store } = await wrapped(inner);
    inner.mode = 'hang';
    expect(await store.get('answers', 'x')).toBeUndefined();
    expect(store.status().state).toBe('degraded');
    expect(store.status().reason).toContain('no answer within 50 ms');
    await store.close();
  });

  it('recovers by itself when the store answers again, and a new failure is a new outage', async () => {
    const inner = new FlakyStore({ log: () => {} });
    const { store, log } = await wrapped(inner);
    inner.mode = 'fail';
    await store.get('paging', 'p');
    inner.mode = 'ok';
    await vi.waitFor(() => expect(store.status().state).toBe('ok'), { timeout: 5_000 });
    await store.set('paging', 'p', 7);
    expect(await store.get('paging', 'p')).toBe(7);
    expect(log.some((l) => l.includes('available again'))).toBe(true);
    inner.mode = 'fail';
    await store.get('paging', 'p');
    expect(store.status()).toMatchObject({ state: 'degraded', outage: 2 });
    await store.close();
  });

  it('a store that cannot be opened starts degraded and is opened by a later retry', async () => {
    let attempts = 0;
    const inner = new FlakyStore({ log: () => {} });
    const { store, log } = await wrapped(inner, async () => {
      if (++attempts < 3) throw new Error('cannot open state database /data/state.sqlite: unable to open database file');
      return inner;
    });
    expect(store.status()).toMatchObject({ state: 'degraded', reason: expect.stringContaining('/data/state.sqlite') });
    expect(await store.get('settings', 's')).toBeUndefined();
    await vi.waitFor(() => expect(store.status().state).toBe('ok'), { timeout: 5_000 });
    expect(attempts).toBe(3);
    expect(log[0]).toContain('cannot open the state store');
    await store.close();
  });

  it('feedback is never silently dropped: it throws StateUnavailableError during an outage', async () => {
    const inner = new FlakyStore({ log: () => {} });
    const { store } = await wrapped(inner);
    inner.mode = 'fail';
    await expect(store.addFeedback(entry)).rejects.toBeInstanceOf(StateUnavailableError);
    await expect(store.listFeedback()).rejects.toBeInstanceOf(StateUnavailableError);
    await store.close();
  });

  it("the caller's own errors (an unknown namespace, an unserialisable value) are thrown, not taken for an outage", async () => {
    const { store } = await wrapped(new FlakyStore({ log: () => {} }));
    await expect(store.get('nope' as 'paging', 'k')).rejects.toThrow(TypeError);
    await expect(store.set('paging', 'k', () => 1)).rejects.toThrow(TypeError);
    expect(store.status().state).toBe('ok');
    await store.close();
  });

  it('noticeOnce: true once per conversation and outage, never while the store is ok', async () => {
    const inner = new FlakyStore({ log: () => {} });
    const { store } = await wrapped(inner);
    expect(store.noticeOnce('c1')).toBe(false);
    inner.mode = 'fail';
    await store.get('paging', 'p');
    expect(store.noticeOnce('c1')).toBe(true);
    expect(store.noticeOnce('c1')).toBe(false);
    expect(store.noticeOnce('c2')).toBe(true);
    await store.close();
  });
});
