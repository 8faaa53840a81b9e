// Loads the hand-built tiny model through the production code path (local files only).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEmbeddingConfig } from '../../embed/config.ts';
import { loadEmbedder } from '../../embed/load.ts';
import {
  ModelUnavailableError,
  TransformersEmbedder,
  loadTransformersEmbedder,
  resolvePrefixes,
} from '../../embed/transformers.ts';
import type { Embedder } from '../../embed/types.ts';
import { TINY_HIDDEN_SIZE, writeTinyModel } from '../fixtures/tiny-model.ts';

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function expectClose(a: Float32Array, b: Float32Array): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(a[i]!).toBeCloseTo(b[i]!, 5);
}

let tmp: string;
let embedder: Embedder;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'embed-tiny-'));
  // Two copies of the same weights under different ids: one is "e5" by name, so only it gets prefixes.
  await writeTinyModel(tmp, 'test/tiny-bert');
  await writeTinyModel(tmp, 'test/tiny-e5');
  const loaded = await loadEmbedder(
    parseEmbeddingConfig({
      EMBEDDER: 'transformers',
      EMBEDDING_MODEL: 'test/tiny-bert',
      LOCAL_MODEL_DIR: tmp,
      MODEL_CACHE_DIR: path.join(tmp, 'cache'),
      ALLOW_REMOTE_MODELS: 'false',
    }),
    (line) => {
      throw new Error(`unexpected log: ${line}`);
    },
  );
  expect(loaded.fallbackReason).toBeNull();
  embedder = loaded.embedder;
});

afterAll(async () => {
  if (embedder instanceof TransformersEmbedder) await embedder.dispose();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('TransformersEmbedder on the tiny local model', () => {
  it('loads through loadEmbedder with local files only and reports the model hidden size', async () => {
    expect(embedder).toBeInstanceOf(TransformersEmbedder);
    expect(embedder.id).toBe('transformers:test/tiny-bert:fp32');
    expect(embedder.dimensions).toBe(TINY_HIDDEN_SIZE);

    const { env } = await import('@huggingface/transformers');
    expect(env.allowRemoteModels).toBe(false);
    await expect(env.fetch('https://huggingface.co/')).rejects.toThrow(/network access is disabled/);
  });

  it('returns normalised vectors that differ for different texts and repeat for identical texts', async () => {
    const a = await embedder.embedQuery('联合国维持和平行动预算');
    const b = await embedder.embedQuery('peacekeeping budget 2013');
    const a2 = await embedder.embedQuery('联合国维持和平行动预算');
    for (const v of [a, b]) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(TINY_HIDDEN_SIZE);
      expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 5);
    }
    expect(Array.from(a2)).toEqual(Array.from(a));
    expect(dot(a, b)).toBeLessThan(0.99);
  });

  it('batches passages, reports progress, and keeps input order', async () => {
    // Mixed lengths so length-sorted batching reorders them internally.
    const texts = Array.from({ length: 40 }, (_, i) => `${'预算'.repeat((i * 7) % 11)} row ${i} ${'x'.repeat(i % 5)}`);
    const progress: Array<[number, number]> = [];
    const vectors = await embedder.embedPassages(texts, (done, total) => progress.push([done, total]));
    expect(progress).toEqual([
      [16, 40],
      [32, 40],
      [40, 40],
    ]);
    expect(vectors).toHaveLength(40);
    // No prefixes for a non-e5 model, so each passage must equal the same text embedded alone.
    for (const i of [0, 5, 17, 39]) expectClose(vectors[i]!, await embedder.embedQuery(texts[i]!));
    expect(await embedder.embedPassages([])).toEqual([]);
  });

  it('applies query:/passage: prefixes for e5 model ids only', async () => {
    expect(resolvePrefixes('Xenova/multilingual-e5-small')).toEqual({ query: 'query: ', passage: 'passage: ' });
    expect(resolvePrefixes('intfloat/E5-base')).toEqual({ query: 'query: ', passage: 'passage: ' });
    expect(resolvePrefixes('test/tiny-bert')).toEqual({ query: '', passage: '' });
    expect(resolvePrefixes('test/tiny-bert', true)).toEqual({ query: 'query: ', passage: 'passage: ' });
    expect(resolvePrefixes('Xenova/multilingual-e5-small', false)).toEqual({ query: '', passage: '' });

    // Same weights as tiny-bert, so e5(x) must equal tiny-bert("query: " + x) if the prefix is really applied.
    const e5 = await loadTransformersEmbedder({ model: 'test/tiny-e5', localModelDir: tmp, cacheDir: path.join(tmp, 'cache') });
    try {
      expect(e5.prefixes).toEqual({ query: 'query: ', passage: 'passage: ' });
      const text = 'budget 预算';
      expectClose(await e5.embedQuery(text), await embedder.embedQuery(`query: ${text}`));
      const [passage] = await e5.embedPassages([text]);
      expectClose(passage!, await embedder.embedQuery(`passage: ${text}`));
      expect(dot(await e5.embedQuery(text), await embedder.embedQuery(text))).toBeLessThan(0.999);
    } finally {
      await e5.dispose();
    }

    const forcedOff = await loadTransformersEmbedder({
      model: 'test/tiny-e5',
      localModelDir: tmp,
      cacheDir: path.join(tmp, 'cache'),
      prefixes: false,
    });
    try {
      expect(forcedOff.id).toBe('transformers:test/tiny-e5:fp32:unprefixed');
      expectClose(await forcedOff.embedQuery('budget'), await embedder.embedQuery('budget'));
    } finally {
      await forcedOff.dispose();
    }
  });

  it('refuses a dtype whose ONNX file is not present instead of trying to download it', async () => {
    const err = await loadTransformersEmbedder({
      model: 'test/tiny-bert',
      localModelDir: tmp,
      cacheDir: path.join(tmp, 'cache'),
      dtype: 'q8',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelUnavailableError);
    expect((err as ModelUnavailableError).reason).toMatch(/missing onnx\/model_quantized\.onnx.*remote downloads are disabled/);
  });
});
