// The SQLite file's schema and its migrations. PRAGMA user_version holds the schema version: migration i
// takes a file from version i to i+1, so a file from any older bot is brought up to date at open, step by
// step, each step in its own transaction (a crash mid-migration leaves the previous version intact).
import type Database from 'better-sqlite3';

export type Migration = (db: Database.Database) => void;

export const MIGRATIONS: readonly Migration[] = [
  // 0 -> 1: key/value entries with expiry, and the feedback log.
  (db) => {
    db.exec(`
      CREATE TABLE kv (
        ns TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        expires_at INTEGER,
        PRIMARY KEY (ns, key)
      ) WITHOUT ROWID;
      -- the sweep looks rows up by expiry; entries without one are not indexed
      CREATE INDEX kv_expires_at ON kv (expires_at) WHERE expires_at IS NOT NULL;
      CREATE TABLE feedback (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        entry TEXT NOT NULL,
        -- the note arrives later than the vote (the modal after a thumbs-down); kept apart so the entry
        -- itself is written once and never rewritten
        note TEXT
      );
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the file to the newest version; returns the version it had. Refuses a file from a newer bot. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const from = schemaVersion(db);
  if (from > migrations.length) {
    throw new Error(
      `state database schema version ${from} is newer than this bot understands (${migrations.length}); ` +
        'run the newer bot, or point STATE_PATH at another file',
    );
  }
  for (let version = from; version < migrations.length; version++) {
    const step = migrations[version]!;
    // IMMEDIATE takes the write lock first: two processes opening one old file cannot both migrate it.
    db.transaction(() => {
      if (schemaVersion(db) !== version) return; // another process got there first
      step(db);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
  return from;
}
