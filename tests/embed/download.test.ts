// The first-start download, for real: transformers.js fetches the tiny model from a stand-in hub on
// 127.0.0.1 into an empty cache, and the fallbacks when the hub refuses, never answers or lacks the
// model. Every test points MODEL_REMOTE_HOST at loopback; nothing here can reach the internet.
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEmbeddingConfig } from '../../embed/config.ts';
import { loadEmbedder } from '../../embed/load.ts';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';
import { TransformersEmbedder } from '../../embed/transformers.ts';
import type { Embedder } from '../../embed/types.ts';
import { closedPortUrl, startHubStandIn, startSilentServer, writeHubModel, type HubStandIn } from '../fixtures/hub-stand-in.ts';
import { TINY_HIDDEN_SIZE } from '../fixtures/tiny-model.ts';

let tmp: string;
let hubRoot: string;
const MODELS = ['test/dl-bert', 'test/dl-offline', 'test/dl-missing-file'];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'embed-download-'));
  hubRoot = path.join(tmp, 'hub');
  for (const id of MODELS) await writeHubModel(hubRoot, id);
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

// A generous timeout where the stand-in answers (a loaded 2-core machine must not turn success into a
// fallback); 1 s only where the point is that no answer comes.
function config(cacheName: string, overrides: Record<string, string>) {
  return parseEmbeddingConfig({ MODEL_CACHE_DIR: path.join(tmp, cacheName), MODEL_DOWNLOAD_TIMEOUT_SECONDS: '10', ...overrides });
}

async function dispose(embedder: Embedder): Promise<void> {
  if (embedder instanceof TransformersEmbedder) await embedder.dispose();
}

describe('first start with the model missing and the hub reachable', () => {
  let hub: HubStandIn;
  beforeAll(async () => {
    hub = await startHubStandIn(hubRoot);
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('downloads the q8 model into the cache with progress lines, uses it, and the next start needs no network', async () => {
    const lines: string[] = [];
    const first = await loadEmbedder(config('cache-a', { EMBEDDING_MODEL: 'test/dl-bert', MODEL_REMOTE_HOST: hub.url }), (l) =>
      lines.push(l),
    );
    try {
      expect(first.fallbackReason).toBeNull();
      expect(first.embedder).toBeInstanceOf(TransformersEmbedder);
      expect(first.embedder.id).toBe('transformers:test/dl-bert:q8');
      expect(first.embedder.dimensions).toBe(TINY_HIDDEN_SIZE);
      expect((await first.embedder.embedQuery('预算 budget')).length).toBe(TINY_HIDDEN_SIZE);
    } finally {
      await dispose(first.embedder);
    }
    expect(lines[0]).toMatch(/^Embedding model "test\/dl-bert" is not in \S+cache-a: downloading it once from http:\/\/127\.0\.0\.1:\d+\//);
    expect(lines).toContain('downloading test/dl-bert: onnx/model_quantized.onnx 100 % of 19 KB');
    expect(lines.at(-1)).toMatch(/^Downloaded test\/dl-bert \(4 files\) into \S+cache-a in \d+ s; later starts load it from there, offline\.$/);
    for (const l of lines) expect(l).not.toContain('\n');
    // The hub was asked for the q8 file, never for the fp32 one.
    const asked = hub.requests.map((r) => r.url);
    expect(asked).toContain('/test/dl-bert/resolve/main/onnx/model_quantized.onnx');
    expect(asked.some((u) => u.endsWith('/onnx/model.onnx'))).toBe(false);

    const model = path.join(tmp, 'cache-a', 'test', 'dl-bert');
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx']) {
      expect(existsSync(path.join(model, f)), f).toBe(true);
    }
    // The staging folder is gone once the files are promoted.
    expect(readdirSync(path.join(tmp, 'cache-a', '.partial'))).toEqual([]);

    // Second start: hub gone; the cache alone serves the model, and the library is left offline.
    await hub.close();
    const before = hub.requests.length;
    const second: string[] = [];
    const again = await loadEmbedder(config('cache-a', { EMBEDDING_MODEL: 'test/dl-bert', MODEL_REMOTE_HOST: hub.url }), (l) =>
      second.push(l),
    );
    try {
      expect(again.fallbackReason).toBeNull();
      expect(again.embedder.id).toBe('transformers:test/dl-bert:q8');
      expect(second).toEqual([]);
    } finally {
      await dispose(again.embedder);
    }
    expect(hub.requests.length).toBe(before);
    const { env } = await import('@huggingface/transformers');
    expect(env.allowRemoteModels).toBe(false);
    await expect(env.fetch(`${hub.url}test/dl-bert/resolve/main/config.json`)).rejects.toThrow(/network access is disabled/);
  });
});

describe('ALLOW_REMOTE_MODELS=false', () => {
  it('never contacts the hub, and says downloads are disabled', async () => {
    const hub = await startHubStandIn(hubRoot);
    try {
      const lines: string[] = [];
      const { embedder, fallbackReason } = await loadEmbedder(
        config('cache-off', { EMBEDDING_MODEL: 'test/dl-offline', MODEL_REMOTE_HOST: hub.url, ALLOW_REMOTE_MODELS: 'false' }),
        (l) => lines.push(l),
      );
      expect(embedder).toBeInstanceOf(LocalNgramEmbedder);
      expect(fallbackReason).toMatch(/no local copy in .*, and remote downloads are disabled$/);
      expect(lines).toHaveLength(1);
      expect(hub.requests).toEqual([]);
    } finally {
      await hub.close();
    }
  });
});

describe('hub not usable: falls back to the built-in embedder with one line', () => {
  it('connection refused', async () => {
    const host = await closedPortUrl();
    const lines: string[] = [];
    const { embedder, fallbackReason } = await loadEmbedder(config('cache-refused', { EMBEDDING_MODEL: 'test/dl-bert', MODEL_REMOTE_HOST: host }), (l) =>
      lines.push(l),
    );
    expect(embedder).toBeInstanceOf(LocalNgramEmbedder);
    expect(fallbackReason).toMatch(/the download from http:\/\/127\.0\.0\.1:\d+\/ failed: connection to 127\.0\.0\.1:\d+ refused$/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    // What was tried, what is used instead, and how to get the model without network access.
    // What is used instead, what was tried, and where to read how to get the model: one short line.
    expect(lines[0]).toMatch(
      /^embedder: built-in local-ngram-v1-d512; model "test\/dl-bert" not on disk, download failed: connection to 127\.0\.0\.1:\d+ refused \(docs\/embedding-model\.md\)$/,
    );
    expect(existsSync(path.join(tmp, 'cache-refused', 'test'))).toBe(false);
  });

  it('a server that accepts the connection but never answers', async () => {
    const silent = await startSilentServer();
    try {
      const lines: string[] = [];
      const { embedder, fallbackReason } = await loadEmbedder(
        config('cache-silent', { EMBEDDING_MODEL: 'test/dl-bert', MODEL_REMOTE_HOST: silent.url, MODEL_DOWNLOAD_TIMEOUT_SECONDS: '1' }),
        (l) => lines.push(l),
      );
      expect(embedder).toBeInstanceOf(LocalNgramEmbedder);
      expect(fallbackReason).toMatch(/failed: no answer from 127\.0\.0\.1:\d+ within 1 s$/);
      expect(lines).toHaveLength(1);
      expect(silent.connections()).toBeGreaterThan(0);
    } finally {
      await silent.close();
    }
  });

  it('a hub that does not have the model (404)', async () => {
    const hub = await startHubStandIn(hubRoot);
    try {
      const { embedder, fallbackReason } = await loadEmbedder(
        config('cache-404', { EMBEDDING_MODEL: 'test/not-on-the-hub', MODEL_REMOTE_HOST: hub.url }),
        () => undefined,
      );
      expect(embedder).toBeInstanceOf(LocalNgramEmbedder);
      expect(fallbackReason).toMatch(/failed: test\/not-on-the-hub was not found on 127\.0\.0\.1:\d+ \(HTTP 404\)$/);
      // Only the probe: the library was not even asked to try.
      expect(hub.requests.map((r) => r.url)).toEqual(['/test/not-on-the-hub/resolve/main/config.json']);
    } finally {
      await hub.close();
    }
  });

  it('a hub that lacks one of the files: nothing half-downloaded is left in the cache', async () => {
    const hub = await startHubStandIn(hubRoot, ({ file, res }) => {
      if (file !== 'onnx/model_quantized.onnx') return false;
      res.writeHead(404).end('Entry not found');
      return true;
    });
    try {
      const { embedder, fallbackReason } = await loadEmbedder(
        config('cache-partial', { EMBEDDING_MODEL: 'test/dl-missing-file', MODEL_REMOTE_HOST: hub.url }),
        () => undefined,
      );
      expect(embedder).toBeInstanceOf(LocalNgramEmbedder);
      expect(fallbackReason).toMatch(/the download from .* failed: .*model_quantized\.onnx/);
      // config.json and the tokenizer did arrive, but only in the staging folder, which is removed.
      expect(existsSync(path.join(tmp, 'cache-partial', 'test', 'dl-missing-file'))).toBe(false);
      expect(readdirSync(path.join(tmp, 'cache-partial', '.partial'))).toEqual([]);
    } finally {
      await hub.close();
    }
  });
});

describe('failed downloads that the configuration does not allow to degrade', () => {
  it('ALLOW_REMOTE_MODELS=true: the download is required, so its failure stops the start', async () => {
    const host = await closedPortUrl();
    await expect(
      loadEmbedder(config('cache-true', { EMBEDDING_MODEL: 'test/dl-bert', MODEL_REMOTE_HOST: host, ALLOW_REMOTE_MODELS: 'true' }), () => undefined),
    ).rejects.toThrow(/^ALLOW_REMOTE_MODELS=true: embedding model "test\/dl-bert" could not be downloaded: .*refused$/);
  });

  it('EMBEDDER=transformers: fails instead of falling back', async () => {
    const host = await closedPortUrl();
    await expect(
      loadEmbedder(config('cache-tf', { EMBEDDING_MODEL: 'test/dl-bert', MODEL_REMOTE_HOST: host, EMBEDDER: 'transformers' }), () => undefined),
    ).rejects.toThrow(/^EMBEDDER=transformers: embedding model "test\/dl-bert" could not be loaded: no local copy .*refused$/);
  });
});
