import { describe, expect, it } from 'vitest';
import { EmbeddingConfigError, parseEmbeddingConfig } from '../../embed/config.ts';

function errorOf(env: Record<string, string>): EmbeddingConfigError {
  try {
    parseEmbeddingConfig(env);
  } catch (err) {
    if (err instanceof EmbeddingConfigError) return err;
    throw err;
  }
  throw new Error('expected parseEmbeddingConfig to throw');
}

describe('parseEmbeddingConfig', () => {
  it('applies defaults (local files only) and ignores unrelated variables', () => {
    expect(parseEmbeddingConfig({ PATH: '/usr/bin', DISCORD_TOKEN: 'x' })).toEqual({
      EMBEDDER: 'auto',
      EMBEDDING_MODEL: 'Xenova/multilingual-e5-small',
      EMBEDDING_DTYPE: 'auto',
      MODEL_CACHE_DIR: 'data/models-cache',
      LOCAL_MODEL_DIR: undefined,
      ALLOW_REMOTE_MODELS: false,
      LOCAL_EMBEDDING_DIMENSIONS: 512,
    });
  });

  it('parses explicit values; blank means unset', () => {
    const config = parseEmbeddingConfig({
      EMBEDDER: ' Transformers ',
      EMBEDDING_MODEL: 'intfloat/multilingual-e5-base',
      EMBEDDING_DTYPE: 'q8',
      MODEL_CACHE_DIR: '/var/cache/models',
      LOCAL_MODEL_DIR: '',
      ALLOW_REMOTE_MODELS: 'TRUE',
      LOCAL_EMBEDDING_DIMENSIONS: '1024',
    });
    expect(config).toMatchObject({
      EMBEDDER: 'transformers',
      EMBEDDING_MODEL: 'intfloat/multilingual-e5-base',
      EMBEDDING_DTYPE: 'q8',
      MODEL_CACHE_DIR: '/var/cache/models',
      LOCAL_MODEL_DIR: undefined,
      ALLOW_REMOTE_MODELS: true,
      LOCAL_EMBEDDING_DIMENSIONS: 1024,
    });
    expect(parseEmbeddingConfig({ ALLOW_REMOTE_MODELS: '1' }).ALLOW_REMOTE_MODELS).toBe(true);
    expect(parseEmbeddingConfig({ ALLOW_REMOTE_MODELS: '0' }).ALLOW_REMOTE_MODELS).toBe(false);
    expect(parseEmbeddingConfig({ ALLOW_REMOTE_MODELS: 'false' }).ALLOW_REMOTE_MODELS).toBe(false);
    expect(parseEmbeddingConfig({ EMBEDDING_MODEL: '  ' }).EMBEDDING_MODEL).toBe('Xenova/multilingual-e5-small');
  });

  it('names the offending variable and the accepted values', () => {
    expect(errorOf({ EMBEDDER: 'openai' }).message).toMatch(
      /EMBEDDER must be one of auto \| transformers \| local, got "openai"/,
    );
    expect(errorOf({ ALLOW_REMOTE_MODELS: 'yes' }).message).toMatch(/ALLOW_REMOTE_MODELS must be one of true \| false \| 1 \| 0, got "yes"/);
    expect(errorOf({ EMBEDDING_DTYPE: 'fp64' }).message).toMatch(/EMBEDDING_DTYPE must be one of auto \| fp32/);
    expect(errorOf({ LOCAL_EMBEDDING_DIMENSIONS: 'abc' }).message).toMatch(/LOCAL_EMBEDDING_DIMENSIONS must be a whole number, got "abc"/);
    expect(errorOf({ LOCAL_EMBEDDING_DIMENSIONS: '4' }).message).toMatch(/LOCAL_EMBEDDING_DIMENSIONS must be at least 8/);
  });

  it('reports every invalid variable at once', () => {
    const err = errorOf({ EMBEDDER: 'x', ALLOW_REMOTE_MODELS: 'maybe' });
    expect(err.problems).toHaveLength(2);
    expect(err.message).toMatch(/^Invalid embedding configuration: EMBEDDER .*; ALLOW_REMOTE_MODELS /);
  });
});
