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
  it('applies defaults (download once when missing, from the hub) and ignores unrelated variables', () => {
    expect(parseEmbeddingConfig({ PATH: '/usr/bin', DISCORD_TOKEN: 'x' })).toEqual({
      EMBEDDER: 'auto',
      EMBEDDING_MODEL: 'Xenova/multilingual-e5-small',
      EMBEDDING_DTYPE: 'auto',
      MODEL_CACHE_DIR: 'data/models-cache',
      LOCAL_MODEL_DIR: undefined,
      ALLOW_REMOTE_MODELS: 'auto',
      MODEL_REMOTE_HOST: 'https://huggingface.co/',
      MODEL_DOWNLOAD_TIMEOUT_SECONDS: 5,
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
      MODEL_REMOTE_HOST: ' http://127.0.0.1:8080/hf ',
      MODEL_DOWNLOAD_TIMEOUT_SECONDS: '1.5',
      LOCAL_EMBEDDING_DIMENSIONS: '1024',
    });
    expect(config).toMatchObject({
      EMBEDDER: 'transformers',
      EMBEDDING_MODEL: 'intfloat/multilingual-e5-base',
      EMBEDDING_DTYPE: 'q8',
      MODEL_CACHE_DIR: '/var/cache/models',
      LOCAL_MODEL_DIR: undefined,
      ALLOW_REMOTE_MODELS: 'true',
      // A mirror's path prefix is kept; the trailing slash is what transformers.js appends to.
      MODEL_REMOTE_HOST: 'http://127.0.0.1:8080/hf/',
      MODEL_DOWNLOAD_TIMEOUT_SECONDS: 1.5,
      LOCAL_EMBEDDING_DIMENSIONS: 1024,
    });
    // The old boolean spellings keep working.
    expect(parseEmbeddingConfig({ ALLOW_REMOTE_MODELS: '1' }).ALLOW_REMOTE_MODELS).toBe('true');
    expect(parseEmbeddingConfig({ ALLOW_REMOTE_MODELS: '0' }).ALLOW_REMOTE_MODELS).toBe('false');
    expect(parseEmbeddingConfig({ ALLOW_REMOTE_MODELS: 'false' }).ALLOW_REMOTE_MODELS).toBe('false');
    expect(parseEmbeddingConfig({ ALLOW_REMOTE_MODELS: ' Auto ' }).ALLOW_REMOTE_MODELS).toBe('auto');
    expect(parseEmbeddingConfig({ ALLOW_REMOTE_MODELS: '' }).ALLOW_REMOTE_MODELS).toBe('auto');
    expect(parseEmbeddingConfig({ MODEL_REMOTE_HOST: 'https://hf-mirror.example' }).MODEL_REMOTE_HOST).toBe('https://hf-mirror.example/');
    expect(parseEmbeddingConfig({ EMBEDDING_MODEL: '  ' }).EMBEDDING_MODEL).toBe('Xenova/multilingual-e5-small');
  });

  it('names the offending variable and the accepted values', () => {
    expect(errorOf({ EMBEDDER: 'openai' }).message).toMatch(
      /EMBEDDER must be one of auto \| transformers \| local, got "openai"/,
    );
    expect(errorOf({ ALLOW_REMOTE_MODELS: 'yes' }).message).toMatch(
      /ALLOW_REMOTE_MODELS must be one of auto \| true \| false \| 1 \| 0, got "yes"/,
    );
    expect(errorOf({ MODEL_REMOTE_HOST: 'huggingface.co' }).message).toMatch(
      /MODEL_REMOTE_HOST must be an http\(s\) URL such as https:\/\/huggingface.co\/, got "huggingface.co"/,
    );
    expect(errorOf({ MODEL_REMOTE_HOST: 'ftp://mirror/' }).message).toMatch(/MODEL_REMOTE_HOST must be an http\(s\) URL/);
    expect(errorOf({ MODEL_DOWNLOAD_TIMEOUT_SECONDS: '5s' }).message).toMatch(
      /MODEL_DOWNLOAD_TIMEOUT_SECONDS must be a number of seconds, got "5s"/,
    );
    expect(errorOf({ MODEL_DOWNLOAD_TIMEOUT_SECONDS: '0' }).message).toMatch(/MODEL_DOWNLOAD_TIMEOUT_SECONDS must be at least 0.1/);
    expect(errorOf({ EMBEDDING_DTYPE: 'fp64' }).message).toMatch(/EMBEDDING_DTYPE must be one of auto \| fp32/);
    expect(errorOf({ LOCAL_EMBEDDING_DIMENSIONS: 'abc' }).message).toMatch(/LOCAL_EMBEDDING_DIMENSIONS must be a whole number, got "abc"/);
    expect(errorOf({ LOCAL_EMBEDDING_DIMENSIONS: '4' }).message).toMatch(/LOCAL_EMBEDDING_DIMENSIONS must be at least 8/);
  });

  it('reports every invalid variable at once', () => {
    const err = errorOf({ EMBEDDER: 'x', ALLOW_REMOTE_MODELS: 'maybe', MODEL_DOWNLOAD_TIMEOUT_SECONDS: '-1' });
    expect(err.problems).toHaveLength(3);
    for (const p of err.problems) expect(p).not.toContain('\n');
    expect(err.message).toMatch(/^Invalid embedding configuration: EMBEDDER .*; ALLOW_REMOTE_MODELS /);
  });
});
