// Chooses the embedder from config. `auto` degrades to the built-in embedder with one log line
// rather than failing, so the bot and ingest still work on a machine without model files.
import type { EmbeddingConfig } from './config.ts';
import { LocalNgramEmbedder } from './local-ngram.ts';
import type { Embedder } from './types.ts';

export interface LoadedEmbedder {
  embedder: Embedder;
  /** Why `auto` fell back to the built-in embedder; null when the configured embedder loaded. */
  fallbackReason: string | null;
}

const defaultLog = (line: string): void => console.warn(line);

export async function loadEmbedder(
  config: EmbeddingConfig,
  log: (line: string) => void = defaultLog,
): Promise<LoadedEmbedder> {
  const local = (): LocalNgramEmbedder => new LocalNgramEmbedder({ dimensions: config.LOCAL_EMBEDDING_DIMENSIONS });

  if (config.EMBEDDER === 'local') return { embedder: local(), fallbackReason: null };

  // Dynamic import: the transformers wrapper (and through it onnxruntime) is only loaded when asked for.
  const { loadTransformersEmbedder, shortReason } = await import('./transformers.ts');
  try {
    const embedder = await loadTransformersEmbedder({
      model: config.EMBEDDING_MODEL,
      cacheDir: config.MODEL_CACHE_DIR,
      localModelDir: config.LOCAL_MODEL_DIR,
      allowRemote: config.ALLOW_REMOTE_MODELS,
      dtype: config.EMBEDDING_DTYPE,
    });
    return { embedder, fallbackReason: null };
  } catch (err) {
    const reason = shortReason(err);
    if (config.EMBEDDER === 'transformers') {
      throw new Error(`EMBEDDER=transformers: embedding model "${config.EMBEDDING_MODEL}" could not be loaded: ${reason}`, {
        cause: err,
      });
    }
    const fallback = local();
    log(
      `Embedding model "${config.EMBEDDING_MODEL}" could not be loaded (${reason}); using the built-in ${fallback.id} embedder instead.`,
    );
    return { embedder: fallback, fallbackReason: reason };
  }
}
