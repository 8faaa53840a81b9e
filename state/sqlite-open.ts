// Opening the SQLite state file. A file SQLite cannot read (not a database, corrupt, truncated) holds nothing
// the bot can use, and refusing to start over it would stop the bot for the sake of paging sessions: it is
// moved aside with a timestamp (kept for a post-mortem, and any feedback in it for a recovery by hand), and a
// fresh file is started, said in one line. A file that cannot be opened at all (permissions, a folder in its
// place, a newer schema) is left alone and the error names the path.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, type Migration } from './sqlite-schema.ts';
import type { StateLog } from './types.ts';

export interface OpenedDatabase {
  db: Database.Database;
  /** The schema version the file had before this open (0 = new file). */
  openedAtVersion: number;
}

/** Content the integrity check found wrong, in a file SQLite could otherwise open. */
class UnreadableFile extends Error {}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';

/** Every state error names the file: "cannot open state database /srv/data/state.sqlite: …". */
export function stateFileError(path: string, err: unknown): Error {
  return new Error(`cannot open state database ${path}: ${message(err)}`);
}

// SQLITE_NOTADB: not a database at all; SQLITE_CORRUPT (and its extended codes): damaged pages.
function isUnreadable(err: unknown): boolean {
  if (err instanceof UnreadableFile) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/** "20261204T161200Z": sortable, and safe in a file name on every system. */
const stamp = (now: number): string => new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** Moves the file (and its WAL, which belongs to it) aside; returns where. The -shm index is rebuilt, so dropped. */
function moveAside(path: string, now: number): string {
  let aside = `${path}.corrupt-${stamp(now)}`;
  for (let n = 2; existsSync(aside); n++) aside = `${path}.corrupt-${stamp(now)}-${n}`;
  renameSync(path, aside);
  if (existsSync(`${path}-wal`)) renameSync(`${path}-wal`, `${aside}-wal`);
  rmSync(`${path}-shm`, { force: true });
  return aside;
}

function openAndMigrate(path: string, migrations: readonly Migration[] | undefined): OpenedDatabase {
  const db = new Database(path);
  try {
    // WAL: a reader never blocks the writer, and a commit is one append to the -wal file. With WAL,
    // synchronous=NORMAL loses nothing when the process dies (kill -9, crash): the commit is in the OS by
    // then. Only a power cut could drop the last commits (never corrupt the file), and FULL's fsync per
    // write is not worth it for paging sessions; feedback is the one thing of value and survives crashes.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Another process (a second bot, a migration) holding the write lock is waited for, not an error.
    db.pragma('busy_timeout = 5000');
    // A truncated file often opens fine and fails only when a lost page is read, mid-request; the state
    // file is small (capped per user), so checking it whole at open is cheap.
    const check = db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw new UnreadableFile(`integrity check: ${String(check)}`);
    return { db, openedAtVersion: migrate(db, migrations) };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The opened, migrated database at `path`; an unreadable file is moved aside and replaced (said through `log`). */
export function openStateDatabase(path: string, options: { migrations?: readonly Migration[]; log: StateLog; now: () => number }): OpenedDatabase {
  try {
    mkdirSync(dirname(path), { recursive: true });
    return openAndMigrate(path, options.migrations);
  } catch (err) {
    if (!isUnreadable(err)) throw stateFileError(path, err);
    let aside: string;
    try {
      aside = moveAside(path, options.now());
    } catch (moveErr) {
      throw stateFileError(path, `${message(err)}, and it could not be moved aside (${message(moveErr)})`);
    }
    options.log(`state database ${path} could not be read (${message(err)}): moved it to ${aside} and started a fresh one`);
    try {
      return openAndMigrate(path, options.migrations);
    } catch (again) {
      throw stateFileError(path, again);
    }
  }
}
