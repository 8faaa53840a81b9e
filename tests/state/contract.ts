// The contract every StateStore backend must keep, run by memory.test.ts, sqlite.test.ts and redis.test.ts.
// Each backend supplies a harness: how time passes for it, how to damage what it stored, how to reopen it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedbackEntry, Namespace, StateStore } from '../../state/types.ts';

export interface Harness {
  store: StateStore;
  /** Lines the store logged. */
  logs: string[];
  /** Lets `ms` pass as far as expiry is concerned: a fake clock step, or a real wait where the clock is Redis'. */
  elapse(ms: number): Promise<void>;
  /** Puts damaged text where ns/key is stored. */
  corruptValue(ns: Namespace, key: string): Promise<void>;
  /** Appends a damaged entry to the feedback log. */
  corruptFeedback(): Promise<void>;
  /** A new store on the same data, as after a restart (the current one is closed first). */
  reopen(): Promise<StateStore>;
  cleanup(): Promise<void>;
}

export interface ContractOptions {
  /** Whether data outlives the store (sqlite, redis); memory's does not. */
  persistent: boolean;
}

export function feedbackEntry(overrides: Partial<FeedbackEntry> = {}): FeedbackEntry {
  return {
    id: 'fb-1',
    at: '2024-05-01T12:00:00.000Z',
    vote: 'down',
    question: '外勤支助部有多少产出低于计划？',
    plan: { intent: 'count', filters: { department: 'B', status: ['below_plan'] }, nested: [1, null, 'x'] },
    rowIds: ['B-a-1.1-01', 'B-a-1.1-02'],
    answerText: '共 16 项产出',
    user: '123456789012345678',
    guild: null,
    channel: '234567890123456789',
    ...overrides,
  };
}

export function runStateStoreContract(name: string, makeHarness: () => Promise<Harness>, options: ContractOptions): void {
  describe(`${name}: StateStore contract`, () => {
    let h: Harness;
    let store: StateStore;
    beforeEach(async () => {
      h = await makeHarness();
      store = h.store;
    });
    afterEach(async () => {
      await h.cleanup();
    });

    describe('get / set / delete', () => {
      it('returns undefined for a key never set', async () => {
        expect(await store.get('paging', 'nothing-here')).toBeUndefined();
      });

      it('returns what was set, as a copy', async () => {
        const value = { page: 2, rows: ['A-a-1.1-01', '外勤支助部'], done: false, none: null, nested: { n: [1.5, -3] } };
        await store.set('paging', 'msg-1', value);
        value.page = 99; // changing the caller's object afterwards must not change what is stored
        const read = await store.get<typeof value>('paging', 'msg-1');
        expect(read).toEqual({ page: 2, rows: ['A-a-1.1-01', '外勤支助部'], done: false, none: null, nested: { n: [1.5, -3] } });
        expect(read).not.toBe(value);
      });

      it('stores scalars, null and arrays as they are', async () => {
        await store.set('settings', 'n', 0);
        await store.set('settings', 's', '');
        await store.set('settings', 'z', null);
        await store.set('settings', 'a', [1, 'two']);
        expect(await store.get('settings', 'n')).toBe(0);
        expect(await store.get('settings', 's')).toBe('');
        expect(await store.get('settings', 'z')).toBeNull();
        expect(await store.get('settings', 'a')).toEqual([1, 'two']);
      });

      it('replaces a value on a second set', async () => {
        await store.set('conversation', 'u1:c1', { turn: 1 });
        await store.set('conversation', 'u1:c1', { turn: 2 });
        expect(await store.get('conversation', 'u1:c1')).toEqual({ turn: 2 });
      });

      it('deletes a value, and deleting a missing key is not an error', async () => {
        await store.set('answers', 'c1', { text: 'x' });
        await store.delete('answers', 'c1');
        expect(await store.get('answers', 'c1')).toBeUndefined();
        await expect(store.delete('answers', 'never-set')).resolves.toBeUndefined();
      });

      it('keeps namespaces apart', async () => {
        const namespaces: Namespace[] = ['paging', 'conversation', 'settings', 'answers'];
        for (const ns of namespaces) await store.set(ns, 'same:key', { ns });
        for (const ns of namespaces) expect(await store.get(ns, 'same:key')).toEqual({ ns });
        await store.delete('settings', 'same:key');
        expect(await store.get('settings', 'same:key')).toBeUndefined();
        expect(await store.get('paging', 'same:key')).toEqual({ ns: 'paging' });
      });

      it('refuses what it could not store faithfully, and stores nothing then', async () => {
        await expect(store.set('paging', 'k', undefined)).rejects.toThrow(TypeError);
        await expect(store.set('paging', 'k', () => 1)).rejects.toThrow(TypeError);
        await expect(store.set('paging', 'k', { big: 1n })).rejects.toThrow(TypeError);
        await expect(store.set('nope' as Namespace, 'k', 1)).rejects.toThrow(/unknown state namespace/);
        await expect(store.set('paging', '', 1)).rejects.toThrow(TypeError);
        for (const ttl of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
          await expect(store.set('paging', 'k', 1, ttl)).rejects.toThrow(RangeError);
        }
        expect(await store.get('paging', 'k')).toBeUndefined();
      });
    });

    describe('expiry', () => {
      it('never returns an expired entry', async () => {
        await store.set('paging', 'short', { p: 1 }, 0.05);
        await h.elapse(120);
        expect(await store.get('paging', 'short')).toBeUndefined();
      });

      it('returns an entry until its TTL has passed', async () => {
        await store.set('paging', 'long', { p: 1 }, 3600);
        await store.set('paging', 'forever', { p: 2 });
        await h.elapse(120);
        expect(await store.get('paging', 'long')).toEqual({ p: 1 });
        expect(await store.get('paging', 'forever')).toEqual({ p: 2 });
      });

      it('a set without a TTL removes the earlier expiry', async () => {
        await store.set('conversation', 'k', 'first', 0.05);
        await store.set('conversation', 'k', 'second');
        await h.elapse(120);
        expect(await store.get('conversation', 'k')).toBe('second');
      });

      it('a set with a TTL gives a value without one an expiry', async () => {
        await store.set('conversation', 'k', 'first');
        await store.set('conversation', 'k', 'second', 0.05);
        await h.elapse(120);
        expect(await store.get('conversation', 'k')).toBeUndefined();
      });

      it('expires entries one by one, not whole namespaces', async () => {
        await store.set('answers', 'gone', 1, 0.05);
        await store.set('answers', 'kept', 2, 3600);
        await h.elapse(120);
        expect(await store.get('answers', 'gone')).toBeUndefined();
        expect(await store.get('answers', 'kept')).toBe(2);
      });
    });

    describe('feedback log', () => {
      it('starts empty and lists entries oldest first, every field kept', async () => {
        expect(await store.listFeedback()).toEqual([]);
        const first = feedbackEntry({ id: 'a', vote: 'up', guild: '345678901234567890' });
        const second = feedbackEntry({ id: 'b', note: 'wrong department' });
        expect(await store.addFeedback(first)).toBe(true);
        expect(await store.addFeedback(second)).toBe(true);
        expect(await store.listFeedback()).toEqual([first, second]);
      });

      it('keeps the first entry when an id comes again', async () => {
        await store.addFeedback(feedbackEntry({ id: 'dup', vote: 'up' }));
        expect(await store.addFeedback(feedbackEntry({ id: 'dup', vote: 'down' }))).toBe(false);
        const list = await store.listFeedback();
        expect(list).toHaveLength(1);
        expect(list[0]?.vote).toBe('up');
      });

      it('sets a note on an existing entry only', async () => {
        await store.addFeedback(feedbackEntry({ id: 'a' }));
        await store.addFeedback(feedbackEntry({ id: 'b', note: 'first thought' }));
        expect(await store.setFeedbackNote('b', '数字不对')).toBe(true);
        expect(await store.setFeedbackNote('missing', 'x')).toBe(false);
        const [a, b] = await store.listFeedback();
        expect(a?.note).toBeUndefined();
        expect(b?.note).toBe('数字不对');
        expect(await store.listFeedback()).toHaveLength(2);
      });

      it('refuses an invalid entry or note and stores nothing', async () => {
        const bad = [
          { ...feedbackEntry(), vote: 'meh' },
          { ...feedbackEntry(), at: 'yesterday' },
          { ...feedbackEntry(), id: '' },
          { ...feedbackEntry(), rowIds: 'A-a-1' },
        ];
        for (const entry of bad) await expect(store.addFeedback(entry as FeedbackEntry)).rejects.toThrow(/invalid feedback entry/);
        expect(await store.listFeedback()).toEqual([]);
        await store.addFeedback(feedbackEntry({ id: 'a' }));
        await expect(store.setFeedbackNote('a', 'x'.repeat(4001))).rejects.toThrow(/invalid feedback note/);
        expect((await store.listFeedback())[0]?.note).toBeUndefined();
      });
    });

    describe('damaged data', () => {
      it('treats a corrupt stored value as absent, logs it, and keeps working', async () => {
        await store.set('settings', 'good', { lang: 'zh' });
        await h.corruptValue('settings', 'bad');
        await expect(store.get('settings', 'bad')).resolves.toBeUndefined();
        expect(h.logs.join('\n')).toContain('settings/bad');
        expect(await store.get('settings', 'good')).toEqual({ lang: 'zh' });
        await store.set('settings', 'bad', { fixed: true });
        expect(await store.get('settings', 'bad')).toEqual({ fixed: true });
      });

      it('skips a corrupt feedback entry and lists the rest', async () => {
        await store.addFeedback(feedbackEntry({ id: 'before' }));
        await h.corruptFeedback();
        await store.addFeedback(feedbackEntry({ id: 'after' }));
        expect((await store.listFeedback()).map((e) => e.id)).toEqual(['before', 'after']);
        expect(h.logs.some((line) => line.includes('feedback'))).toBe(true);
      });
    });

    describe('lifetime', () => {
      it('close() can be called twice', async () => {
        await store.close();
        await expect(store.close()).resolves.toBeUndefined();
      });

      it.skipIf(!options.persistent)('keeps values, expiries and feedback across a reopen', async () => {
        await store.set('settings', 'g1', { lang: 'en' });
        await store.set('paging', 'p1', { page: 3 }, 3600);
        await store.set('paging', 'p2', { page: 4 }, 0.05);
        await store.addFeedback(feedbackEntry({ id: 'a' }));
        await store.setFeedbackNote('a', 'kept');
        const reopened = await h.reopen();
        await h.elapse(120);
        expect(await reopened.get('settings', 'g1')).toEqual({ lang: 'en' });
        expect(await reopened.get('paging', 'p1')).toEqual({ page: 3 });
        expect(await reopened.get('paging', 'p2')).toBeUndefined();
        expect(await reopened.listFeedback()).toEqual([feedbackEntry({ id: 'a', note: 'kept' })]);
      });
    });
  });
}
