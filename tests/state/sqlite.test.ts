import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from '../../state/sqlite-schema.ts';
import { SqliteStateStore } from '../../state/sqlite.ts';
import { runStateStoreContract, type Harness } from './contract.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'state-sqlite-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fakeClock() {
  let t = Date.parse('2024-05-01T00:00:00Z');
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

/** A second, plain connection to the file: what the store wrote, seen from outside it. */
function raw<T>(path: string, use: (db: Database.Database) => T): T {
  const db = new Database(path);
  try {
    return use(db);
  } finally {
    db.close();
  }
}

runStateStoreContract(
  'sqlite',
  async (): Promise<Harness> => {
    const path = join(tempDir(), 'state.sqlite');
    const clock = fakeClock();
    const logs: string[] = [];
    const open = () => new SqliteStateStore({ path, now: clock.now, log: (line) => logs.push(line), sweepIntervalMs: 0 });
    let store = open();
    return {
      get store() {
        return store;
      },
      logs,
      elapse: async (ms) => clock.advance(ms),
      corruptValue: async (ns, key) =>
        void raw(path, (db) => db.prepare('INSERT OR REPLACE INTO kv (ns, key, value, expires_at) VALUES (?, ?, ?, NULL)').run(ns, key, '{"truncated')),
      corruptFeedback: async () => void raw(path, (db) => db.prepare("INSERT INTO feedback (id, entry) VALUES ('broken', 'not json')").run()),
      reopen: async () => {
        await store.close();
        store = open();
        return store;
      },
      cleanup: () => store.close(),
    };
  },
  { persistent: true },
);

describe('sqlite backend', () => {
  it('creates its folder and a WAL-mode file at the current schema version', async () => {
    const path = join(tempDir(), 'nested', 'deeper', 'state.sqlite');
    const store = new SqliteStateStore({ path, sweepIntervalMs: 0 });
    expect(store.openedAtVersion).toBe(0);
    await store.set('settings', 'k', 1);
    await store.close();
    raw(path, (db) => {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    });
    const again = new SqliteStateStore({ path, sweepIntervalMs: 0 });
    expect(again.openedAtVersion).toBe(SCHEMA_VERSION);
    await again.close();
  });

  it('deletes an expired row when it is read', async () => {
    const path = join(tempDir(), 'state.sqlite');
    const clock = fakeClock();
    const store = new SqliteStateStore({ path, now: clock.now, sweepIntervalMs: 0 });
    await store.set('paging', 'a', 1, 1);
    clock.advance(1000);
    expect(await store.get('paging', 'a')).toBeUndefined();
    expect(raw(path, (db) => db.prepare('SELECT count(*) AS n FROM kv').get())).toEqual({ n: 0 });
    await store.close();
  });

  it('sweeps expired rows at open, without anyone reading them', async () => {
    const path = join(tempDir(), 'state.sqlite');
    const clock = fakeClock();
    const first = new SqliteStateStore({ path, now: clock.now, sweepIntervalMs: 0 });
    await first.set('paging', 'old', 1, 60);
    await first.set('paging', 'kept', 2);
    await first.close();
    clock.advance(61_000);
    const second = new SqliteStateStore({ path, now: clock.now, sweepIntervalMs: 0 });
    expect(raw(path, (db) => db.prepare('SELECT key FROM kv').all())).toEqual([{ key: 'kept' }]);
    await second.close();
  });

  it('sweeps expired rows periodically', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const path = join(tempDir(), 'state.sqlite');
      const clock = fakeClock();
      const store = new SqliteStateStore({ path, now: clock.now, sweepIntervalMs: 60_000 });
      await store.set('paging', 'old', 1, 30);
      clock.advance(31_000);
      expect(raw(path, (db) => db.prepare('SELECT count(*) AS n FROM kv').get())).toEqual({ n: 1 });
      vi.advanceTimersByTime(60_000);
      expect(raw(path, (db) => db.prepare('SELECT count(*) AS n FROM kv').get())).toEqual({ n: 0 });
      await store.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('treats a stored value that is not text as absent', async () => {
    const path = join(tempDir(), 'state.sqlite');
    const logs: string[] = [];
    const store = new SqliteStateStore({ path, log: (l) => logs.push(l), sweepIntervalMs: 0 });
    raw(path, (db) => db.prepare("INSERT INTO kv (ns, key, value) VALUES ('settings', 'blob', x'00ff')").run());
    expect(await store.get('settings', 'blob')).toBeUndefined();
    expect(logs.join('\n')).toContain('settings/blob');
    await store.close();
  });

  it('upgrades an older file step by step, keeping its data, and runs each step once', async () => {
    const path = join(tempDir(), 'state.sqlite');
    const v1 = new SqliteStateStore({ path, sweepIntervalMs: 0 });
    await v1.set('settings', 'g', { lang: 'zh' });
    await v1.close();
    let ran = 0;
    const addTable: Migration = (db) => {
      ran++;
      db.exec('CREATE TABLE extra (x INTEGER)');
    };
    const migrations = [...MIGRATIONS, addTable];
    const v2 = new SqliteStateStore({ path, sweepIntervalMs: 0, migrations });
    expect(v2.openedAtVersion).toBe(SCHEMA_VERSION);
    expect(await v2.get('settings', 'g')).toEqual({ lang: 'zh' });
    await v2.close();
    const again = new SqliteStateStore({ path, sweepIntervalMs: 0, migrations });
    await again.close();
    expect(ran).toBe(1);
    raw(path, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toEqual({ name: 'extra' });
    });
  });

  it('rolls a failed migration step back and keeps the previous version', async () => {
    const path = join(tempDir(), 'state.sqlite');
    await new SqliteStateStore({ path, sweepIntervalMs: 0 }).close();
    const broken: Migration = (db) => {
      db.exec('CREATE TABLE half (x INTEGER)');
      throw new Error('disk on fire');
    };
    expect(() => new SqliteStateStore({ path, sweepIntervalMs: 0, migrations: [...MIGRATIONS, broken] })).toThrow(/disk on fire/);
    raw(path, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    });
  });

  it('refuses a file written by a newer schema, naming both versions', () => {
    const path = join(tempDir(), 'state.sqlite');
    raw(path, (db) => db.pragma(`user_version = ${SCHEMA_VERSION + 5}`));
    expect(() => new SqliteStateStore({ path, sweepIntervalMs: 0 })).toThrow(
      new RegExp(`schema version ${SCHEMA_VERSION + 5} is newer than this bot understands \\(${SCHEMA_VERSION}\\)`),
    );
  });

  it('says which file it cannot open when SQLite cannot open it (a folder in its place)', () => {
    const path = join(tempDir(), 'state.sqlite');
    mkdirSync(path);
    expect(() => new SqliteStateStore({ path, sweepIntervalMs: 0 })).toThrow(`cannot open state database ${path}`);
  });
});
