// One writer at a time in data/: a lock file naming the writer's pid. It is created exclusively (link(2)
// fails with EEXIST like an O_EXCL open, and the file holds its pid the moment it exists, so no reader ever
// sees an empty lock). A lock whose pid is dead — a writer killed with SIGKILL — is taken over.
import { linkSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const LOCK_FILE = '.ingest.lock';

/** Locks this process holds: a lock naming our pid that is not in here was left by an earlier process that had
 * the same pid (containers restart with the same small pids), so it is stale, not ours. */
const heldHere = new Set<string>();

export class LockBusyError extends Error {
  override readonly name = 'LockBusyError';
  constructor(
    readonly lockPath: string,
    readonly pid: number,
  ) {
    super(`another ingest (pid ${pid}) is writing ${dirname(lockPath)}; wait for it to finish (or delete ${lockPath} if that process is gone)`);
  }
}

/** True when a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the lock (or guard) at `path`, naming `pid`, belongs to a running writer. */
function heldByLiveWriter(path: string, pid: number): boolean {
  return pid === process.pid ? heldHere.has(path) : processExists(pid);
}

/** The pid a lock file names, or null when it is absent or not a lock we wrote. */
export function readHolder(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim().split(/\s/)[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Creates `path` holding our pid if it does not exist; false when it already does. */
function createExclusive(path: string): boolean {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${process.pid}\n`);
  try {
    linkSync(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * Removes a lock left by a dead process. A second exclusive file guards the removal, so of two processes
 * that both found the same stale lock only one deletes it, and never the fresh lock the other just took.
 */
function clearStale(lockPath: string, stalePid: number): void {
  const guard = `${lockPath}.takeover`;
  if (!createExclusive(guard)) {
    const other = readHolder(guard);
    // A guard left by a process that died during a takeover (two crashes in a row) is cleared too.
    if (other === null || !heldByLiveWriter(guard, other)) rmSync(guard, { force: true });
    return;
  }
  try {
    if (readHolder(lockPath) === stalePid) unlinkSync(lockPath);
  } finally {
    rmSync(guard, { force: true });
  }
}

/** Takes the data/ lock or throws LockBusyError; returns the release function. */
export function acquireLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, LOCK_FILE);
  // A few rounds: each lost race (a takeover by another process in between) costs one.
  for (let round = 0; round < 5; round++) {
    if (createExclusive(lockPath)) {
      heldHere.add(lockPath);
      return () => release(lockPath);
    }
    const holder = readHolder(lockPath);
    if (holder !== null && heldByLiveWriter(lockPath, holder)) throw new LockBusyError(lockPath, holder);
    // Held by a dead pid, absent again (released meanwhile), or a file acquireLock never wrote.
    if (holder !== null) clearStale(lockPath, holder);
    else if (existsWithoutPid(lockPath)) rmSync(lockPath, { force: true });
  }
  throw new LockBusyError(lockPath, readHolder(lockPath) ?? 0);
}

/** A lock file that names no pid was not written by acquireLock (which writes the pid before linking). */
function existsWithoutPid(lockPath: string): boolean {
  try {
    readFileSync(lockPath);
    return true;
  } catch {
    return false;
  }
}

/** Releases only our own lock: after a takeover a slow former holder must not delete its successor's. */
function release(lockPath: string): void {
  if (!heldHere.delete(lockPath)) return;
  if (readHolder(lockPath) === process.pid) rmSync(lockPath, { force: true });
}

/** Waits until data/ is not locked by a live process, polling; false when `timeoutMs` passed first. */
export async function waitForUnlock(dataDir: string, timeoutMs: number, pollMs = 200): Promise<boolean> {
  const lockPath = join(dataDir, LOCK_FILE);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const holder = readHolder(lockPath);
    if (holder === null || !heldByLiveWriter(lockPath, holder)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
