// Chooses the embedder from config. `auto` degrades to the built-in embedder with one log line
// rather than failing, so the bot and ingest still work on a machine without model files or network.
import type { EmbeddingConfig } from './config.ts';
import { LocalNgramEmbedder } from './local-ngram.ts';
import type { Embedder } from './types.ts';

export interface LoadedEmbedder {
  embedder: Embedder;
  /** Why `auto` fell back to the built-in embedder; null when the configured embedder loaded. */
  fallbackReason: string | null;
}

const defaultLog = (line: string): void => console.warn(line);

/** EMBEDDER=transformers and the model cannot be loaded: a setting to fix, said in one line. */
export class EmbedderUnavailableError extends Error {
  override readonly name = 'EmbedderUnavailableError';
}

export async function loadEmbedder(
  config: EmbeddingConfig,
  log: (line: string) => void = defaultLog,
): Promise<LoadedEmbedder> {
  const local = (): LocalNgramEmbedder => new LocalNgramEmbedder({ dimensions: config.LOCAL_EMBEDDING_DIMENSIONS });

  if (config.EMBEDDER === 'local') return { embedder: local(), fallbackReason: null };

  // Dynamic import: the loader is only evaluated when asked for (it imports the library itself only
  // once the model files are on disk or the hub has answered).
  const { loadTransformersEmbedder, shortReason, ModelUnavailableError } = await import('./transformers.ts');
  const remote = config.ALLOW_REMOTE_MODELS;
  try {
    const embedder = await loadTransformersEmbedder({
      model: config.EMBEDDING_MODEL,
      cacheDir: config.MODEL_CACHE_DIR,
      localModelDir: config.LOCAL_MODEL_DIR,
      allowRemote: remote !== 'false',
      remoteHost: config.MODEL_REMOTE_HOST,
      downloadTimeoutMs: config.MODEL_DOWNLOAD_TIMEOUT_SECONDS * 1000,
      dtype: config.EMBEDDING_DTYPE,
      log,
    });
    return { embedder, fallbackReason: null };
  } catch (err) {
    const reason = shortReason(err);
    const downloadFailed = err instanceof ModelUnavailableError && err.stage === 'download';
    if (config.EMBEDDER === 'transformers') {
      throw new EmbedderUnavailableError(`EMBEDDER=transformers: embedding model "${config.EMBEDDING_MODEL}" could not be loaded: ${reason}`, {
        cause: err,
      });
    }
    // `true` says the deployment counts on the model: a failed download stops the start instead of degrading.
    if (downloadFailed && remote === 'true') {
      throw new Error(`ALLOW_REMOTE_MODELS=true: embedding model "${config.EMBEDDING_MODEL}" could not be downloaded: ${reason}`, {
        cause: err,
      });
    }
    const fallback = local();
    // Said on every start without the model, so one short line that reads as the state it is, not as an error;
    // fallbackReason keeps the whole story (paths searched, host tried).
    const summary = err instanceof ModelUnavailableError ? err.summary : reason;
    log(`embedder: built-in ${fallback.id}; model "${config.EMBEDDING_MODEL}" ${summary} (docs/embedding-model.md)`);
    return { embedder: fallback, fallbackReason: reason };
  }
}
