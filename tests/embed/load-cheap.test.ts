// The cheap paths must not load transformers.js/onnxruntime at all (start-up time, memory, and no
// chance of a network attempt). Kept in its own file so no other test imports the library first.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseEmbeddingConfig } from '../../embed/config.ts';
import { loadEmbedder } from '../../embed/load.ts';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';

const library = vi.hoisted(() => ({ imports: 0 }));
vi.mock('@huggingface/transformers', async (importOriginal) => {
  library.imports++;
  return await importOriginal();
});

const connectAttempts: string[] = [];
const originalConnect = net.Socket.prototype.connect;

beforeAll(() => {
  (net.Socket.prototype as { connect: unknown }).connect = function (this: net.Socket, ...args: unknown[]) {
    connectAttempts.push(JSON.stringify(args[0]));
    this.destroy(new Error('network disabled in tests'));
    return this;
  };
});

afterAll(() => {
  net.Socket.prototype.connect = originalConnect;
});

describe('loadEmbedder without a model', () => {
  it('local: returns the built-in embedder without importing transformers', async () => {
    const lines: string[] = [];
    const { embedder, fallbackReason } = await loadEmbedder(
      parseEmbeddingConfig({ EMBEDDER: 'local', LOCAL_EMBEDDING_DIMENSIONS: '64' }),
      (l) => lines.push(l),
    );
    expect(embedder).toBeInstanceOf(LocalNgramEmbedder);
    expect(embedder.id).toBe('local-ngram-v1-d64');
    expect(fallbackReason).toBeNull();
    expect(lines).toEqual([]);
    expect(library.imports).toBe(0);
  });

  it('auto, offline: falls back with exactly one log line, without network or loading the library', async () => {
    const lines: string[] = [];
    const { embedder, fallbackReason } = await loadEmbedder(
      parseEmbeddingConfig({
        EMBEDDER: 'auto',
        EMBEDDING_MODEL: 'test/does-not-exist',
        MODEL_CACHE_DIR: '/nonexistent/models-cache',
        ALLOW_REMOTE_MODELS: 'false',
        LOCAL_EMBEDDING_DIMENSIONS: '256',
      }),
      (line) => lines.push(line),
    );

    expect(embedder).toBeInstanceOf(LocalNgramEmbedder);
    expect(embedder.id).toBe('local-ngram-v1-d256');
    expect(embedder.dimensions).toBe(256);
    expect(fallbackReason).toMatch(/no local copy/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(lines[0]).toBe('embedder: built-in local-ngram-v1-d256; model "test/does-not-exist" not on disk (downloads off) (docs/embedding-model.md)');
    expect(library.imports).toBe(0);
    expect(connectAttempts).toEqual([]);
  });

  it('auto, hub unreachable: one connection attempt (the probe), then the fallback without loading the library', async () => {
    const lines: string[] = [];
    const { embedder, fallbackReason } = await loadEmbedder(
      parseEmbeddingConfig({
        EMBEDDER: 'auto',
        EMBEDDING_MODEL: 'test/does-not-exist',
        MODEL_CACHE_DIR: '/nonexistent/models-cache',
        ALLOW_REMOTE_MODELS: 'auto',
        MODEL_REMOTE_HOST: 'http://127.0.0.1:39999/',
      }),
      (line) => lines.push(line),
    );
    expect(embedder).toBeInstanceOf(LocalNgramEmbedder);
    expect(fallbackReason).toMatch(/no local copy .*, and the download from http:\/\/127\.0\.0\.1:39999\/ failed/);
    expect(lines).toHaveLength(1);
    expect(library.imports).toBe(0);
    expect(connectAttempts).toHaveLength(1);
    expect(connectAttempts[0]).toContain('127.0.0.1');
    connectAttempts.length = 0;
  });

  it('transformers: throws a clear error for a missing model', async () => {
    await expect(
      loadEmbedder(
        parseEmbeddingConfig({
          EMBEDDER: 'transformers',
          EMBEDDING_MODEL: 'test/does-not-exist',
          MODEL_CACHE_DIR: '/nonexistent',
          ALLOW_REMOTE_MODELS: 'false',
        }),
        () => undefined,
      ),
    ).rejects.toThrow(/^EMBEDDER=transformers: embedding model "test\/does-not-exist" could not be loaded: no local copy/);
    expect(connectAttempts).toEqual([]);
  });
});
