// The whole answering path on the transformers embedder: a tiny ONNX model written by the test and
// loaded with local files only, the same code path a real multilingual model takes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEmbeddingConfig } from '../../embed/config.ts';
import { openReportEngine } from '../../app/open.ts';
import { TINY_HIDDEN_SIZE, TINY_MODEL_ID, writeTinyModel } from '../fixtures/tiny-model.ts';
import { builtPath, reportText } from '../ingest/helpers.ts';

describe('engine on a transformers model', () => {
  it('builds the index with the model and answers; switching embedder rebuilds it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tf-engine-'));
    await writeTinyModel(join(dir, 'models'));
    const seedPath = join(dir, 'report.txt');
    writeFileSync(seedPath, reportText(['出版 2 份新闻刊物$', '否 被推迟到 2015 年$', '举行 1 次首脑会议$', '2 首脑会议$']));
    const env = {
      EMBEDDER: 'transformers',
      EMBEDDING_MODEL: TINY_MODEL_ID,
      LOCAL_MODEL_DIR: join(dir, 'models'),
      MODEL_CACHE_DIR: join(dir, 'cache'),
      ALLOW_REMOTE_MODELS: 'false',
    };
    parseEmbeddingConfig(env); // the env the product would read
    const lines: string[] = [];
    const engine = await openReportEngine({ seedPath, dataDir: join(dir, 'data'), env, log: (l) => lines.push(l) });
    expect(lines.join('\n')).toContain('building data/');
    const manifest = JSON.parse(readFileSync(builtPath(join(dir, 'data'), 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ dimensions: TINY_HIDDEN_SIZE, rowCount: 2 });
    expect(manifest.embedderId).toMatch(/^transformers:test\/tiny-bert:/);
    const postponed = await engine.ask('哪些产出被推迟了？');
    expect(postponed.rows.map((r) => r.planned)).toEqual(['出版 2 份新闻刊物']);
    const lookup = await engine.ask('首脑会议举行了几次？');
    expect(lookup.rows[0]?.planned).toBe('举行 1 次首脑会议');

    const local: string[] = [];
    await openReportEngine({ seedPath, dataDir: join(dir, 'data'), env: { EMBEDDER: 'local' }, log: (l) => local.push(l) });
    expect(local.join('\n')).toMatch(new RegExp(`the embedder changed \\(transformers:${TINY_MODEL_ID}:[a-z0-9]+ -> local-ngram-v1-d512\\)`));
  });
});
