// data/ as generations behind the CURRENT pointer, the rows.json export, the legacy flat layout, the lock.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureData } from '../../app/open.ts';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';
import { writeBuild } from '../../ingest/build-index.ts';
import { parseSeed, runIngest } from '../../ingest/pipeline.ts';
import { entriesToRemove, generationName, PREVIOUS_FILE, readPointer } from '../../store/generations.ts';
import { acquireLock, LOCK_FILE, LockBusyError } from '../../store/lock.ts';
import { reportText } from '../ingest/helpers.ts';
import { exists, expectConsistent, generations } from './helpers.ts';

const embedder = new LocalNgramEmbedder({ dimensions: 32 });

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'gen-'));
  const seedPath = join(dir, 'report.txt');
  writeFileSync(seedPath, reportText(['出版 2 份新闻刊物$', '否 被推迟到 2015 年$', '举行 1 次会议$', '2 会议$']));
  return { dir, seedPath, dataDir: join(dir, 'data') };
}

/** A pid that surely belongs to no process any more: a child that has already exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('what a writer may delete in data/', () => {
  const current = 'gen-20140101T000000000Z-1';
  const previous = 'gen-20131231T000000000Z-2';
  it('temp files and dirs, generations other than the current and previous one, flat files once superseded', () => {
    const entries = [current, previous, 'gen-20120101T000000000Z-3', 'gen-20140102T000000000Z-4.tmp', '.CURRENT.9.1.tmp', 'index.hnsw.7.tmp',
      'CURRENT', 'PREVIOUS', 'rows.json', 'manifest.json', 'index.hnsw', 'glossary.json', 'models-cache', LOCK_FILE];
    expect(entriesToRemove(entries, current, previous).sort()).toEqual(
      ['.CURRENT.9.1.tmp', 'gen-20120101T000000000Z-3', 'gen-20140102T000000000Z-4.tmp', 'glossary.json', 'index.hnsw', 'index.hnsw.7.tmp', 'manifest.json'].sort(),
    );
  });
  it('keeps a flat layout while no generation is current', () => {
    expect(entriesToRemove(['manifest.json', 'index.hnsw', 'rows.json', 'glossary.json'], null, null)).toEqual([]);
  });
  it('names generations sortably by time', () => {
    expect(generationName(new Date('2014-12-31T23:59:59.123Z'), 42)).toBe('gen-20141231T235959123Z-42');
  });
});

describe('generations', () => {
  it('each ingest publishes a new generation; the previous one is kept, older ones removed', async () => {
    const { seedPath, dataDir } = setup();
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      names.push((await runIngest({ seedPath, dataDir, embedder })).generation);
      expectConsistent(dataDir);
    }
    expect(readPointer(dataDir)).toBe(names[2]);
    expect(readPointer(dataDir, PREVIOUS_FILE)).toBe(names[1]);
    expect(generations(dataDir)).toEqual([names[1], names[2]].sort());
  });

  it('reads a legacy flat data/ as it is, and the next ingest replaces it by a generation', async () => {
    const { seedPath, dataDir } = setup();
    const { parsed, seedSha256 } = parseSeed(seedPath);
    await writeBuild(dataDir, { records: parsed.records, glossary: parsed.glossary, seedPath, seedSha256, embedder });
    const legacy = await ensureData({ seedPath, dataDir, embedder });
    expect(legacy.rebuiltBecause).toBeNull();
    expect(legacy.records).toHaveLength(2);
    await runIngest({ seedPath, dataDir, embedder });
    expectConsistent(dataDir);
    for (const flat of ['manifest.json', 'index.hnsw', 'glossary.json']) expect(exists(dataDir, flat)).toBe(false);
  });

  it('a rows.json export that lags behind the served generation is brought back in line at start', async () => {
    const { seedPath, dataDir } = setup();
    await runIngest({ seedPath, dataDir, embedder });
    writeFileSync(join(dataDir, 'rows.json'), '[]\n'); // as if a writer died between the switch and the copy
    const loaded = await ensureData({ seedPath, dataDir, embedder });
    expect(loaded.rebuiltBecause).toBeNull();
    expectConsistent(dataDir);
  });

  it('a CURRENT naming a missing generation is a reason to rebuild, not a crash', async () => {
    const { seedPath, dataDir } = setup();
    await runIngest({ seedPath, dataDir, embedder });
    writeFileSync(join(dataDir, 'CURRENT'), 'gen-20000101T000000000Z-1\n');
    const loaded = await ensureData({ seedPath, dataDir, embedder });
    expect(loaded.rebuiltBecause).toMatch(/CURRENT names gen-20000101T000000000Z-1, which is missing/);
    expectConsistent(dataDir);
  });
});

describe('the data/ lock', () => {
  it('lets one writer in at a time', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'lock-')), 'data');
    const release = acquireLock(dataDir);
    expect(() => acquireLock(dataDir)).toThrow(LockBusyError);
    release();
    acquireLock(dataDir)();
    expect(exists(dataDir, LOCK_FILE)).toBe(false);
  });

  it('an ingest while another holds the lock is refused and changes nothing', async () => {
    const { seedPath, dataDir } = setup();
    await runIngest({ seedPath, dataDir, embedder });
    const current = readPointer(dataDir);
    const release = acquireLock(dataDir);
    await expect(runIngest({ seedPath, dataDir, embedder })).rejects.toThrow(/another ingest \(pid \d+\) is writing/);
    release();
    expect(readPointer(dataDir)).toBe(current);
  });

  it('takes over a lock left by a dead process, or by an earlier process that had our pid', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'lock-')), 'data');
    mkdirSync(dataDir);
    for (const stale of [deadPid(), process.pid]) {
      writeFileSync(join(dataDir, LOCK_FILE), `${stale}\n`);
      const release = acquireLock(dataDir);
      expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
      release();
    }
  });
});
