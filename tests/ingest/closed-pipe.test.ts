// `npm run ingest 2>&1 | head` (issue 15): the reader going away after the first line must not abort the
// build — the ingest finishes, switches data/CURRENT to the new generation and releases its lock.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const TSX = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;
const SEED = resolve('seeds/a-69-653-budget-performance-2013-14.zh.txt');

describe('ingest with its output pipe closed early', () => {
  it('completes the build when stdout and stderr are closed after the first line', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ingest-pipe-'));
    const child = spawn(process.execPath, ['--import', TSX, resolve('ingest/cli.ts'), SEED], {
      env: { PATH: process.env.PATH ?? '', EMBEDDER: 'local', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // As `| head -1` does: read the first chunk, then close the read ends of both pipes.
    await new Promise<void>((done) => child.stderr.once('data', () => done()));
    child.stdout.destroy();
    child.stderr.destroy();
    const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
    expect(code).toBe(0);
    const current = readFileSync(join(dataDir, 'CURRENT'), 'utf8').trim();
    expect(existsSync(join(dataDir, current, 'manifest.json'))).toBe(true);
    expect(existsSync(join(dataDir, '.ingest.lock'))).toBe(false);
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
