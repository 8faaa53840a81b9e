// The product path across starts: a first start without the hub builds data/ with the built-in
// embedder; a start that can download the model rebuilds it (the embedder id changed); the start
// after that loads model and index from disk with the hub gone. Stand-in hub on 127.0.0.1 only.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openReportEngine } from '../../app/open.ts';
import { closedPortUrl, startHubStandIn, writeHubModel } from '../fixtures/hub-stand-in.ts';
import { builtPath, reportText } from '../ingest/helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'download-engine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('engine across starts: fallback, then the downloaded model', () => {
  it('rebuilds data/ once the model arrives, and later starts need neither the hub nor a rebuild', async () => {
    await writeHubModel(join(dir, 'hub'), 'test/engine-bert');
    const seedPath = join(dir, 'report.txt');
    writeFileSync(seedPath, reportText(['出版 2 份新闻刊物$', '否 被推迟到 2015 年$', '举行 1 次首脑会议$', '2 首脑会议$']));
    const dataDir = join(dir, 'data');
    const env = (host: string) => ({
      EMBEDDING_MODEL: 'test/engine-bert',
      MODEL_CACHE_DIR: join(dir, 'cache'),
      MODEL_REMOTE_HOST: host,
      MODEL_DOWNLOAD_TIMEOUT_SECONDS: '10',
      ALLOW_REMOTE_MODELS: 'auto',
    });
    const manifest = () => JSON.parse(readFileSync(builtPath(dataDir, 'manifest.json'), 'utf8')) as { embedderId: string };

    const first: string[] = [];
    await openReportEngine({ seedPath, dataDir, env: env(await closedPortUrl()), log: (l) => first.push(l) });
    expect(first.join('\n')).toMatch(/embedder: built-in local-ngram-v1-d512; model "test\/engine-bert" not on disk, download failed: .*refused/);
    expect(manifest().embedderId).toBe('local-ngram-v1-d512');

    const hub = await startHubStandIn(join(dir, 'hub'));
    const second: string[] = [];
    try {
      await openReportEngine({ seedPath, dataDir, env: env(hub.url), log: (l) => second.push(l) });
    } finally {
      await hub.close();
    }
    expect(second.join('\n')).toContain('building data/ (the embedder changed (local-ngram-v1-d512 -> transformers:test/engine-bert:q8))');
    expect(manifest().embedderId).toBe('transformers:test/engine-bert:q8');

    const third: string[] = [];
    const engine = await openReportEngine({ seedPath, dataDir, env: env(hub.url), log: (l) => third.push(l) });
    expect(third).toEqual([]);
    const postponed = await engine.ask('哪些产出被推迟了？');
    expect(postponed.rows.map((r) => r.planned)).toEqual(['出版 2 份新闻刊物']);
  });
});
