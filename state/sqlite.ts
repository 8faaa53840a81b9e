// SQLite backend (the default): one file, data/state.sqlite, that outlives restarts and crashes.
// better-sqlite3 is synchronous; each statement below runs in its own implicit transaction and is committed
// when run() returns, which is what makes "a committed write survives kill -9" true.
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { checkFeedbackEntry, checkFeedbackNote, readStoredFeedback } from './feedback.ts';
import { checkKey, decodeValue, encodeValue, ttlToMs } from './codec.ts';
import type { Migration } from './sqlite-schema.ts';
import { openStateDatabase } from './sqlite-open.ts';
import { stderrLog, type FeedbackEntry, type Namespace, type StateLog, type StateStore } from './types.ts';

export const DEFAULT_SQLITE_SWEEP_INTERVAL_MS = 10 * 60 * 1000;

export interface SqliteStateStoreOptions {
  /** The database file; its folder is created when missing. */
  path: string;
  /** Clock in epoch milliseconds; injectable so tests can expire entries without sleeping. */
  now?: () => number;
  log?: StateLog;
  /** How often expired rows are deleted in the background; 0 = only at open and when read. */
  sweepIntervalMs?: number;
  /** Tests only: a different migration list, to exercise the upgrade path. */
  migrations?: readonly Migration[];
}

interface KvRow {
  value: unknown;
  expires_at: number | null;
}

interface FeedbackRow {
  seq: number;
  entry: unknown;
  note: unknown;
}

export class SqliteStateStore implements StateStore {
  readonly backend = 'sqlite' as const;
  readonly path: string;
  /** The schema version the file had before this open (0 = new file). */
  readonly openedAtVersion: number;
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly log: StateLog;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly stmt: ReturnType<typeof prepareStatements>;

  constructor(options: SqliteStateStoreOptions) {
    this.path = resolve(options.path);
    this.now = options.now ?? Date.now;
    this.log = options.log ?? stderrLog;
    const { db, openedAtVersion } = openStateDatabase(this.path, { migrations: options.migrations, log: this.log, now: this.now });
    this.openedAtVersion = openedAtVersion;
    this.db = db;
    this.stmt = prepareStatements(db);
    this.sweep();
    const interval = options.sweepIntervalMs ?? DEFAULT_SQLITE_SWEEP_INTERVAL_MS;
    if (interval > 0) {
      this.timer = setInterval(() => this.sweepQuietly(), interval);
      this.timer.unref(); // the sweep alone must never keep the process alive
    }
  }

  async get<T = unknown>(ns: Namespace, key: string): Promise<T | undefined> {
    checkKey(ns, key);
    const row = this.named(() => this.stmt.get.get(ns, key));
    if (!row) return undefined;
    const now = this.now();
    if (row.expires_at !== null && row.expires_at <= now) {
      this.named(() => this.stmt.dropExpired.run(ns, key, now));
      return undefined;
    }
    if (typeof row.value !== 'string') {
      this.log(`ignoring unreadable stored value ${ns}/${key} (not text)`);
      return undefined;
    }
    return decodeValue(row.value, ns, key, this.log) as T | undefined;
  }

  async set(ns: Namespace, key: string, value: unknown, ttlSeconds?: number): Promise<void> {
    checkKey(ns, key);
    const ttlMs = ttlToMs(ttlSeconds);
    const raw = encodeValue(value);
    this.named(() => this.stmt.set.run(ns, key, raw, ttlMs === null ? null : this.now() + ttlMs));
  }

  async delete(ns: Namespace, key: string): Promise<void> {
    checkKey(ns, key);
    this.named(() => this.stmt.delete.run(ns, key));
  }

  /** Deletes every expired row; returns how many. Runs at open and every sweepIntervalMs. */
  sweep(): number {
    return this.stmt.sweep.run(this.now()).changes;
  }

  async addFeedback(entry: FeedbackEntry): Promise<boolean> {
    const valid = checkFeedbackEntry(entry);
    // The note has its own column (see the schema); an entry that arrives with one keeps it there too.
    const { note, ...rest } = valid;
    const raw = encodeValue(rest);
    return this.named(() =>
      this.db.transaction(() => {
        if (this.stmt.addFeedback.run(valid.id, raw).changes === 0) return false;
        if (note !== undefined) this.stmt.setNote.run(note, valid.id);
        return true;
      })(),
    );
  }

  async listFeedback(): Promise<FeedbackEntry[]> {
    const out: FeedbackEntry[] = [];
    for (const row of this.named(() => this.stmt.listFeedback.all())) {
      const entry = typeof row.entry === 'string' ? readStoredFeedback(row.entry, `row ${row.seq}`, this.log) : undefined;
      if (entry === undefined) {
        if (typeof row.entry !== 'string') this.log(`skipping unreadable feedback entry (row ${row.seq}): not text`);
        continue;
      }
      out.push(typeof row.note === 'string' ? { ...entry, note: row.note } : entry);
    }
    return out;
  }

  async setFeedbackNote(id: string, note: string): Promise<boolean> {
    const valid = checkFeedbackNote(note);
    return this.named(() => this.stmt.setNote.run(valid, id).changes > 0);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.db.open) this.db.close();
  }

  /** Runs a statement; a SQLite failure (a full disk, a lock held too long) is rethrown naming the file. */
  private named<T>(statement: () => T): T {
    try {
      return statement();
    } catch (err) {
      if (err instanceof TypeError || err instanceof RangeError) throw err;
      throw new Error(`state database ${this.path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }

  private sweepQuietly(): void {
    try {
      if (this.db.open) this.sweep();
    } catch (err) {
      // A busy or read-only file must not crash the bot from a timer; the next sweep or read tries again.
      this.log(`expiry sweep failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function prepareStatements(db: Database.Database) {
  return {
    get: db.prepare<[string, string], KvRow>('SELECT value, expires_at FROM kv WHERE ns = ? AND key = ?'),
    dropExpired: db.prepare<[string, string, number]>('DELETE FROM kv WHERE ns = ? AND key = ? AND expires_at <= ?'),
    set: db.prepare<[string, string, string, number | null]>(
      `INSERT INTO kv (ns, key, value, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
    ),
    delete: db.prepare<[string, string]>('DELETE FROM kv WHERE ns = ? AND key = ?'),
    sweep: db.prepare<[number]>('DELETE FROM kv WHERE expires_at IS NOT NULL AND expires_at <= ?'),
    addFeedback: db.prepare<[string, string]>('INSERT OR IGNORE INTO feedback (id, entry) VALUES (?, ?)'),
    listFeedback: db.prepare<[], FeedbackRow>('SELECT seq, entry, note FROM feedback ORDER BY seq'),
    setNote: db.prepare<[string, string]>('UPDATE feedback SET note = ? WHERE id = ?'),
  };
}
