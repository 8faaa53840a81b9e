import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEmbeddingConfig } from '../../embed/config.ts';
import { loadEmbedder } from '../../embed/load.ts';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';
import { TransformersEmbedder } from '../../embed/transformers.ts';
import { writeTinyModel } from '../fixtures/tiny-model.ts';

// Any outbound socket (fetch/undici, https) goes through net.Socket#connect: record and refuse it.
const connectAttempts: string[] = [];
const originalConnect = net.Socket.prototype.connect;
let tmp: string;

beforeAll(async () => {
  (net.Socket.prototype as { connect: unknown }).connect = function (this: net.Socket, ...args: unknown[]) {
    connectAttempts.push(JSON.stringify(args[0]));
    this.destroy(new Error('network disabled in tests'));
    return this;
  };
  tmp = await mkdtemp(path.join(os.tmpdir(), 'embed-load-'));
});

afterAll(async () => {
  net.Socket.prototype.connect = originalConnect;
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

function config(overrides: Record<string, string>) {
  return parseEmbeddingConfig({ MODEL_CACHE_DIR: path.join(tmp, 'cache'), LOCAL_MODEL_DIR: tmp, ALLOW_REMOTE_MODELS: 'false', ...overrides });
}

describe('loadEmbedder', () => {
  it('transformers: throws a clear error naming the mode and the model instead of falling back', async () => {
    const lines: string[] = [];
    await expect(
      loadEmbedder(config({ EMBEDDER: 'transformers', EMBEDDING_MODEL: 'test/does-not-exist' }), (l) => lines.push(l)),
    ).rejects.toThrow(/EMBEDDER=transformers: embedding model "test\/does-not-exist" could not be loaded: no local copy/);
    expect(lines).toEqual([]);
    expect(connectAttempts).toEqual([]);
  });

  it('auto: falls back when the model files exist but the ONNX file is corrupt', async () => {
    await writeTinyModel(tmp, 'test/corrupt-bert');
    await writeFile(path.join(tmp, 'test', 'corrupt-bert', 'onnx', 'model.onnx'), 'this is not an onnx protobuf');
    const lines: string[] = [];
    const { embedder, fallbackReason } = await loadEmbedder(
      config({ EMBEDDER: 'auto', EMBEDDING_MODEL: 'test/corrupt-bert' }),
      (l) => lines.push(l),
    );
    expect(embedder).toBeInstanceOf(LocalNgramEmbedder);
    expect(fallbackReason).toBeTruthy();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^embedder: built-in local-ngram-v1-d512; model "test\/corrupt-bert" .+ \(docs\/embedding-model\.md\)$/);
    expect(lines[0]).not.toContain('\n');
    // This load did reach transformers.js: it must have been configured for local files only.
    const { env } = await import('@huggingface/transformers');
    expect(env.allowRemoteModels).toBe(false);
    expect(connectAttempts).toEqual([]);

    await expect(
      loadEmbedder(config({ EMBEDDER: 'transformers', EMBEDDING_MODEL: 'test/corrupt-bert' }), () => undefined),
    ).rejects.toThrow(/EMBEDDER=transformers: embedding model "test\/corrupt-bert" could not be loaded/);
  });

  it('auto: uses the transformers model when it is available, without logging', async () => {
    await writeTinyModel(tmp, 'test/auto-bert');
    const lines: string[] = [];
    const { embedder, fallbackReason } = await loadEmbedder(
      config({ EMBEDDER: 'auto', EMBEDDING_MODEL: 'test/auto-bert' }),
      (l) => lines.push(l),
    );
    try {
      expect(fallbackReason).toBeNull();
      expect(lines).toEqual([]);
      expect(embedder).toBeInstanceOf(TransformersEmbedder);
      expect(embedder.id).toBe('transformers:test/auto-bert:fp32');
    } finally {
      if (embedder instanceof TransformersEmbedder) await embedder.dispose();
    }
  });

  it('finds a model in MODEL_CACHE_DIR (the download layout) when LOCAL_MODEL_DIR is unset', async () => {
    const cacheDir = path.join(tmp, 'cache');
    await writeTinyModel(cacheDir, 'test/cached-bert');
    const { embedder, fallbackReason } = await loadEmbedder(
      // Default ALLOW_REMOTE_MODELS (auto): files on disk are loaded without any network access.
      parseEmbeddingConfig({ EMBEDDER: 'transformers', EMBEDDING_MODEL: 'test/cached-bert', MODEL_CACHE_DIR: cacheDir }),
      () => undefined,
    );
    try {
      expect(fallbackReason).toBeNull();
      expect(embedder.dimensions).toBe(32);
    } finally {
      if (embedder instanceof TransformersEmbedder) await embedder.dispose();
    }
    expect(connectAttempts).toEqual([]);
  });
});
