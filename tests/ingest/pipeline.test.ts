import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';
import { readSeed, runIngest, SeedFileError, summarise } from '../../ingest/pipeline.ts';
import { RowsFileSchema } from '../../store/schema.ts';
import { builtPath, reportText } from './helpers.ts';

const embedder = new LocalNgramEmbedder({ dimensions: 64 });
const tmp = () => mkdtempSync(join(tmpdir(), 'ingest-'));

describe('ingest pipeline', () => {
  it('writes rows, glossary, index and a manifest that describes them, and summarises', async () => {
    const dir = tmp();
    const seed = join(dir, 'report.txt');
    writeFileSync(seed, reportText(['出版 2 份新闻刊物$', '否 被推迟到 2015 年$', '举行 1 次会议$', '2 会议$', '产出高于计划，原因是请求增多$']));
    const result = await runIngest({ seedPath: seed, dataDir: join(dir, 'data'), embedder });
    const rows = RowsFileSchema.parse(JSON.parse(readFileSync(join(dir, 'data', 'rows.json'), 'utf8')));
    expect(rows.map((r) => r.id)).toEqual(['A-a-1.1-01', 'A-a-1.1-02']);
    const manifest = JSON.parse(readFileSync(builtPath(join(dir, 'data'), 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ rowCount: 2, embedderId: embedder.id, dimensions: 64, seedFile: 'report.txt' });
    expect(existsSync(builtPath(join(dir, 'data'), 'index.hnsw'))).toBe(true);
    const summary = summarise(result);
    expect(summary).toContain('A. 维持和平行动部: 2');
    expect(summary).toMatch(/postponed: 1/);
    expect(summary).toMatch(/above_plan: 1/);
  });

  it('a failed ingest leaves the previous data intact', async () => {
    const dir = tmp();
    const seed = join(dir, 'report.txt');
    writeFileSync(seed, reportText(['出版 2 份新闻刊物$', '否 被推迟到 2015 年$']));
    await runIngest({ seedPath: seed, dataDir: join(dir, 'data'), embedder });
    const before = readFileSync(join(dir, 'data', 'rows.json'), 'utf8');
    const failing = { ...embedder, id: embedder.id, dimensions: 64, embedQuery: embedder.embedQuery.bind(embedder), embedPassages: async () => { throw new Error('disk full'); } };
    writeFileSync(seed, reportText(['举行 1 次会议$', '2 会议$']));
    await expect(runIngest({ seedPath: seed, dataDir: join(dir, 'data'), embedder: failing })).rejects.toThrow('disk full');
    expect(readFileSync(join(dir, 'data', 'rows.json'), 'utf8')).toBe(before);
    const manifest = JSON.parse(readFileSync(builtPath(join(dir, 'data'), 'manifest.json'), 'utf8'));
    expect(manifest.rowCount).toBe(1);
    expect(existsSync(builtPath(join(dir, 'data'), 'index.hnsw'))).toBe(true);
    expect(before).toContain('出版 2 份新闻刊物');
  });

  it('names the file and what was expected for missing, empty, binary and foreign input', async () => {
    const dir = tmp();
    expect(() => readSeed(join(dir, 'nope.txt'))).toThrow(SeedFileError);
    expect(() => readSeed(join(dir, 'nope.txt'))).toThrow(/nope\.txt: file not found \(expected the report as UTF-8 text\)/);
    writeFileSync(join(dir, 'empty.txt'), '  \n');
    expect(() => readSeed(join(dir, 'empty.txt'))).toThrow(/empty\.txt: file is empty/);
    writeFileSync(join(dir, 'bin.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]));
    expect(() => readSeed(join(dir, 'bin.txt'))).toThrow(/bin\.txt: binary file/);
    writeFileSync(join(dir, 'other.txt'), 'just some notes\n');
    await expect(runIngest({ seedPath: join(dir, 'other.txt'), dataDir: join(dir, 'data'), embedder })).rejects.toThrow(/other\.txt: not a budget-performance report/);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });
});
