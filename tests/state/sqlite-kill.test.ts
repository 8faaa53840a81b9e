// A committed write must survive the process being killed without any chance to clean up (kill -9):
// no close(), no WAL checkpoint, no exit handlers. The child writes through the real store, the test
// SIGKILLs it mid-stream, then reopens the file and looks for every write the child had reported.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { SqliteStateStore } from '../../state/sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'state-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WRITER = fileURLToPath(new URL('./fixtures/sqlite-writer.ts', import.meta.url));
const KILL_AFTER = 25;

it('keeps every committed write when the writing process is killed with SIGKILL', async () => {
  const path = join(dir, 'state.sqlite');
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  let lastCommitted = 0;
  let ready = false;
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') ready = true;
        const m = /^committed (\d+)$/.exec(line);
        if (m) lastCommitted = Number(m[1]);
      }
      if (lastCommitted >= KILL_AFTER && child.exitCode === null && !child.killed) {
        child.kill('SIGKILL'); // while it goes on writing
        resolve();
      }
    });
    void exit.then(({ code, signal }) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited early (code ${code}, signal ${signal}): ${stderr}`));
    });
  });
  const { signal } = await exit;
  expect(signal).toBe('SIGKILL');
  expect(ready).toBe(true);
  // Killed before any checkpoint: the writes are still in the WAL, which the next open must replay.
  expect(existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0).toBe(true);

  const store = new SqliteStateStore({ path, sweepIntervalMs: 0 });
  try {
    expect(await store.get('settings', 'survivor')).toEqual({ written: 'before kill' });
    expect((await store.listFeedback()).map((e) => e.id)).toEqual(['fb-before-kill']);
    for (let i = 1; i <= lastCommitted; i++) expect(await store.get('paging', `n${i}`)).toEqual({ i });
  } finally {
    await store.close();
  }
  const db = new Database(path, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
});
