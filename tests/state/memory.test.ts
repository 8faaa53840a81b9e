import { describe, expect, it } from 'vitest';
import { MemoryStateStore, emptyMemoryData } from '../../state/memory.ts';
import { runStateStoreContract, type Harness } from './contract.ts';

function fakeClock() {
  let t = Date.parse('2024-05-01T00:00:00Z');
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

runStateStoreContract(
  'memory',
  async (): Promise<Harness> => {
    const clock = fakeClock();
    const logs: string[] = [];
    const data = emptyMemoryData();
    const open = () => new MemoryStateStore({ now: clock.now, log: (line) => logs.push(line), data });
    let store = open();
    return {
      get store() {
        return store;
      },
      logs,
      elapse: async (ms) => clock.advance(ms),
      corruptValue: async (ns, key) => void data.entries.set(`${ns}\u0000${key}`, { raw: '{"truncated', expiresAt: null }),
      corruptFeedback: async () => void data.feedback.push({ id: 'broken', raw: 'not json' }),
      reopen: async () => {
        await store.close();
        store = open();
        return store;
      },
      cleanup: () => store.close(),
    };
  },
  { persistent: false },
);

describe('memory backend', () => {
  it('drops expired entries in a sweep without them being read', async () => {
    const clock = fakeClock();
    const store = new MemoryStateStore({ now: clock.now });
    await store.set('paging', 'a', 1, 10);
    await store.set('paging', 'b', 2);
    clock.advance(10_000);
    expect(store.sweep()).toBe(1);
    expect([...store.data.entries.keys()]).toEqual(['paging\u0000b']);
  });

  it('expires exactly at the TTL on its clock', async () => {
    const clock = fakeClock();
    const store = new MemoryStateStore({ now: clock.now });
    await store.set('paging', 'a', 1, 60);
    clock.advance(59_999);
    expect(await store.get('paging', 'a')).toBe(1);
    clock.advance(1);
    expect(await store.get('paging', 'a')).toBeUndefined();
  });

  it('refuses to work once closed', async () => {
    const store = new MemoryStateStore();
    await store.close();
    await expect(store.get('paging', 'a')).rejects.toThrow(/closed/);
  });
});
