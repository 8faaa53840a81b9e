import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';
import type { Embedder } from '../../embed/types.ts';
import { ensureData } from '../../app/open.ts';
import { builtPath, reportText } from '../ingest/helpers.ts';

/** Counts passage embeddings, so a test can tell a load from a rebuild. */
function counting(inner: Embedder): Embedder & { passages: number } {
  const e = {
    passages: 0,
    id: inner.id,
    dimensions: inner.dimensions,
    embedQuery: (t: string) => inner.embedQuery(t),
    embedPassages: (texts: readonly string[]) => {
      e.passages += texts.length;
      return inner.embedPassages(texts);
    },
  };
  return e;
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'store-'));
  const seedPath = join(dir, 'report.txt');
  writeFileSync(seedPath, reportText(['出版 2 份新闻刊物$', '否 被推迟到 2015 年$', '举行 1 次会议$', '2 会议$']));
  return { dir, seedPath, dataDir: join(dir, 'data') };
}

describe('data/ lifecycle', () => {
  it('builds once, then loads without re-embedding', async () => {
    const { seedPath, dataDir } = setup();
    const embedder = counting(new LocalNgramEmbedder({ dimensions: 64 }));
    const first = await ensureData({ seedPath, dataDir, embedder });
    expect(first.rebuiltBecause).toBe('no built data yet');
    expect(embedder.passages).toBe(2);
    const second = await ensureData({ seedPath, dataDir, embedder });
    expect(second.rebuiltBecause).toBeNull();
    expect(embedder.passages).toBe(2);
    expect(second.records.map((r) => r.id)).toEqual(['A-a-1.1-01', 'A-a-1.1-02']);
    expect(second.index.getCurrentCount()).toBe(2);
  });

  it('rebuilds when the report or the embedder changes', async () => {
    const { seedPath, dataDir } = setup();
    await ensureData({ seedPath, dataDir, embedder: new LocalNgramEmbedder({ dimensions: 64 }) });
    const other = await ensureData({ seedPath, dataDir, embedder: new LocalNgramEmbedder({ dimensions: 32 }) });
    expect(other.rebuiltBecause).toMatch(/the embedder changed \(local-ngram-v1-d64 -> local-ngram-v1-d32\)/);
    expect(other.manifest.dimensions).toBe(32);
    writeFileSync(seedPath, reportText(['出版 3 份新闻刊物$', '3 刊物$']));
    const changed = await ensureData({ seedPath, dataDir, embedder: new LocalNgramEmbedder({ dimensions: 32 }) });
    expect(changed.rebuiltBecause).toBe('the report changed');
    expect(changed.records.map((r) => r.planned)).toEqual(['出版 3 份新闻刊物']);
  });

  it('reports corrupt or partial files and rebuilds them', async () => {
    const { seedPath, dataDir } = setup();
    const embedder = new LocalNgramEmbedder({ dimensions: 64 });
    await ensureData({ seedPath, dataDir, embedder });
    truncateSync(builtPath(dataDir, 'index.hnsw'), 10);
    const lines: string[] = [];
    const afterIndex = await ensureData({ seedPath, dataDir, embedder, log: (l) => lines.push(l) });
    expect(afterIndex.rebuiltBecause).toBe('index.hnsw is corrupt or partial');
    expect(lines.join('\n')).toContain('index.hnsw is corrupt or partial');
    expect(afterIndex.index.getCurrentCount()).toBe(2);

    writeFileSync(builtPath(dataDir, 'rows.json'), readFileSync(builtPath(dataDir, 'rows.json'), 'utf8').replace('出版', '出板'));
    expect((await ensureData({ seedPath, dataDir, embedder })).rebuiltBecause).toBe('rows.json is corrupt or partial');

    writeFileSync(builtPath(dataDir, 'manifest.json'), '{"formatVersion": 1, ');
    const afterManifest = await ensureData({ seedPath, dataDir, embedder });
    expect(afterManifest.rebuiltBecause).toBe('manifest.json is corrupt');
    expect(afterManifest.records).toHaveLength(2);
  });
});
