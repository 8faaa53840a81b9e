// Writers in separate processes: two ingests at once, and an ingest killed with SIGKILL half-way.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureData } from '../../app/open.ts';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';
import { runIngest } from '../../ingest/pipeline.ts';
import { readPointer } from '../../store/generations.ts';
import { LOCK_FILE, readHolder } from '../../store/lock.ts';
import { reportText } from '../ingest/helpers.ts';
import { expectConsistent, generations, leftovers } from './helpers.ts';

const SEED = resolve('seeds/a-69-653-budget-performance-2013-14.zh.txt');

function run(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) => child.on('close', (code, signal) => done({ code, signal, stderr })));
}

const ingestCli = (seed: string, dataDir: string, dimensions: number) =>
  spawn(process.execPath, ['--import', 'tsx', 'ingest/cli.ts', seed], {
    env: { ...process.env, EMBEDDER: 'local', LOCAL_EMBEDDING_DIMENSIONS: String(dimensions), DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });

describe('concurrent ingests', () => {
  it('two ingests of different reports at once leave one whole build, never a mix (3 rounds)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concurrent-'));
    const dataDir = join(dir, 'data');
    const lines = readFileSync(SEED, 'utf8').split('\n');
    // Two reports that differ in rows and, through the embedder dimensions, in their index files.
    const a = join(dir, 'a.txt');
    const b = join(dir, 'b.txt');
    writeFileSync(a, lines.join('\n'));
    writeFileSync(b, lines.slice(0, lines.findIndex((l) => /^\s*D\. 内部监督事务厅/.test(l))).join('\n'));
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([run(ingestCli(a, dataDir, 64)), run(ingestCli(b, dataDir, 48))]);
      expect(results.some((r) => r.code === 0)).toBe(true);
      // The one that lost the race says so in one line; it never half-writes.
      for (const r of results.filter((r) => r.code !== 0)) expect(r.stderr).toMatch(/another ingest \(pid \d+\) is writing/);
      expectConsistent(dataDir);
      expect(generations(dataDir).length).toBeLessThanOrEqual(2);
    }
  });
});

describe('an ingest killed mid-way', () => {
  it('leaves the previous data served; the next ingest takes over the lock and removes the leftovers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'killed-'));
    const dataDir = join(dir, 'data');
    const seedPath = join(dir, 'report.txt');
    const embedder = new LocalNgramEmbedder({ dimensions: 64 });
    writeFileSync(seedPath, reportText(['出版 2 份新闻刊物$', '否 被推迟到 2015 年$']));
    await runIngest({ seedPath, dataDir, embedder });
    const before = { pointer: readPointer(dataDir), rows: readFileSync(join(dataDir, 'rows.json'), 'utf8') };

    const next = join(dir, 'next.txt');
    writeFileSync(next, reportText(['举行 1 次会议$', '2 会议$', '出版 3 份新闻刊物$', '3 刊物$']));
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/slow-ingest.ts', next, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const ended = run(child);
    // Killed once it is embedding: the new build's rows are on disk by then, its switch is not.
    await new Promise<void>((ready) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('embedding') && ready()));
    child.kill('SIGKILL');
    expect((await ended).signal).toBe('SIGKILL');

    const left = leftovers(dataDir);
    expect(left).toContain(LOCK_FILE);
    expect(readHolder(join(dataDir, LOCK_FILE))).toBe(child.pid);
    const buildDir = left.find((n) => /^gen-.*\.tmp$/.test(n));
    expect(buildDir && readdirSync(join(dataDir, buildDir))).toContain('rows.json');

    // The old data is still what is served, as it was.
    expect(readPointer(dataDir)).toBe(before.pointer);
    expect(readFileSync(join(dataDir, 'rows.json'), 'utf8')).toBe(before.rows);
    const served = await ensureData({ seedPath, dataDir, embedder });
    expect(served.rebuiltBecause).toBeNull();
    expect(served.records.map((r) => r.planned)).toEqual(['出版 2 份新闻刊物']);

    const result = await runIngest({ seedPath: next, dataDir, embedder });
    expectConsistent(dataDir);
    expect(readPointer(dataDir)).toBe(result.generation);
    expect(generations(dataDir)).toEqual([before.pointer, result.generation].sort());
  });
});
