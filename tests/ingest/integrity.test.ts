// Damaged extractions of the real report are refused, and the data already built stays served.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureData } from '../../app/open.ts';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';
import { dropsRows, IngestRefusedError, integrityProblems, tooFewRows } from '../../ingest/integrity.ts';
import { parseReport } from '../../ingest/parse-report.ts';
import { runIngest } from '../../ingest/pipeline.ts';
import { readPointer } from '../../store/generations.ts';

const SEED = resolve('seeds/a-69-653-budget-performance-2013-14.zh.txt');
const NAME = basename(SEED);
const text = readFileSync(SEED, 'utf8');
const lines = text.split('\n');
const embedder = new LocalNgramEmbedder({ dimensions: 32 });

/** The damage the ingest met in practice, each as the real report's file name would carry it. */
const damaged = {
  stripped: lines.map((l) => l.trimEnd()).join('\n'),
  // Cut inside a row: its planned cell "200 名工作人员登记使用总部合同委员…" stops mid-line.
  truncated: lines.slice(0, 3169).join('\n'),
  concatenated: Array.from({ length: 10 }, () => text).join('\n'),
};

const problemsOf = (t: string, previous: { seedFile: string; rowCount: number } | null = null) => integrityProblems(parseReport(t), NAME, previous);

describe('integrity checks on the real report', () => {
  it('find nothing wrong with the report itself, also when it replaces its own build', () => {
    expect(problemsOf(text)).toEqual([]);
    expect(problemsOf(text, { seedFile: NAME, rowCount: 444 })).toEqual([]);
  });

  it('name the trailing spaces a trimmed extraction lost (and only that)', () => {
    const problems = problemsOf(damaged.stripped);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/lost its trailing spaces/);
  });

  it('see a file that ends mid-row, or on a heading before its table', () => {
    expect(problemsOf(damaged.truncated).join('\n')).toMatch(/ends mid-row: its last table line \(line 3169\)/);
    const atHeading = lines.slice(0, lines.findIndex((l) => l.startsWith('预期成绩 2.1')) + 1).join('\n');
    expect(problemsOf(atHeading).join('\n')).toMatch(/ends at line \d+ on a heading/);
  });

  it('see a department letter repeated by a concatenated file', () => {
    expect(problemsOf(damaged.concatenated).join('\n')).toMatch(/department "A\." appears twice as a heading \(lines 60 and \d+\)/);
  });

  it('see a parse that would lose more than a fifth of the rows built from the same file name', () => {
    expect(dropsRows(300, NAME, { seedFile: NAME, rowCount: 444 })).toMatch(/replace the 444 rows .* with 300 \(32 % fewer\)/);
    expect(dropsRows(400, NAME, { seedFile: NAME, rowCount: 444 })).toBeNull();
    expect(dropsRows(300, 'other-report.txt', { seedFile: NAME, rowCount: 444 })).toBeNull();
    expect(dropsRows(1, NAME, { seedFile: NAME, rowCount: 2 })).toBeNull(); // an edit of a tiny report
  });

  it('see rows merged together: far more values than rows', () => {
    const parsed = parseReport(text);
    const merged = { ...parsed, records: parsed.records.slice(0, 53).map((r) => ({ ...r, actual: [...r.actual, ...r.actual, ...r.actual, ...r.actual] })) };
    expect(tooFewRows(merged)).toMatch(/only 53 rows for \d+ 已完成 values/);
    expect(tooFewRows(parsed)).toBeNull();
  });
});

describe('the ingest refuses damaged input and keeps the data it has', () => {
  let dataDir: string;
  let seedDir: string;
  let servedRows: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'integrity-'));
    dataDir = join(dir, 'data');
    seedDir = join(dir, 'seeds');
    mkdirSync(seedDir);
    await runIngest({ seedPath: SEED, dataDir, embedder });
    servedRows = readFileSync(join(dataDir, 'rows.json'), 'utf8');
  });

  const damagedSeed = (kind: keyof typeof damaged) => {
    const path = join(seedDir, NAME);
    writeFileSync(path, damaged[kind]);
    return path;
  };

  it.each(['stripped', 'truncated', 'concatenated'] as const)('%s: refused, data/ unchanged', async (kind) => {
    const current = readPointer(dataDir);
    await expect(runIngest({ seedPath: damagedSeed(kind), dataDir, embedder })).rejects.toThrow(IngestRefusedError);
    expect(readPointer(dataDir)).toBe(current);
    expect(readFileSync(join(dataDir, 'rows.json'), 'utf8')).toBe(servedRows);
  });

  it('a start that would rebuild from a damaged report refuses in one line instead of serving it', async () => {
    const err = await ensureData({ seedPath: damagedSeed('truncated'), dataDir, embedder }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestRefusedError);
    expect((err as Error).message).not.toContain('\n');
    expect((err as Error).message).toMatch(/refusing to ingest .*ends mid-row.*--force/);
  });

  it('--force ingests it anyway and says what was wrong', async () => {
    const forced = await runIngest({ seedPath: damagedSeed('concatenated'), dataDir, embedder, force: true });
    expect(forced.parsed.records).toHaveLength(4440);
    expect(forced.forcedProblems.join('\n')).toMatch(/appears twice/);
    await runIngest({ seedPath: SEED, dataDir, embedder, force: true }); // back to the real report (a big drop)
    expect(readFileSync(join(dataDir, 'rows.json'), 'utf8')).toBe(servedRows);
  });

  it('npm run ingest exits non-zero with one line and keeps the data', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'ingest/cli.ts', damagedSeed('stripped')], {
      encoding: 'utf8',
      env: { ...process.env, EMBEDDER: 'local', LOCAL_EMBEDDING_DIMENSIONS: '32', DATA_DIR: dataDir },
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    const refusal = run.stderr.split('\n').filter((l) => l.includes('refusing'));
    expect(refusal).toEqual([expect.stringMatching(/refusing to ingest .*lost its trailing spaces.*data already built was kept/)]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dataDir, 'rows.json'), 'utf8')).toBe(servedRows);
  });
});
