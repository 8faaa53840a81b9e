// Neural embedder on @huggingface/transformers (ONNX Runtime, CPU). The library itself is imported
// dynamically, and only once the model files exist or the hub has answered, so the fallback path
// stays cheap. A model whose files are all on disk is always loaded offline: the library's fetch is
// replaced by one that refuses, so no code path can reach the network. Missing files are downloaded
// only when allowed, into a staging folder that becomes part of the cache once the model has run.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import {
  DEFAULT_DOWNLOAD_TIMEOUT_SECONDS,
  DEFAULT_REMOTE_HOST,
  MIN_STALL_TIMEOUT_MS,
  fetchWithTimeouts,
  probeHub,
  progressLogger,
  type DownloadProgress,
} from './remote.ts';
import { createStagingDir, promoteStaged } from './staging.ts';
import { TransformersEmbedder, resolvePrefixes, type ConcreteDtype } from './transformers-embedder.ts';

export { TransformersEmbedder, resolvePrefixes, type TextPrefixes } from './transformers-embedder.ts';

export const DEFAULT_EMBEDDING_MODEL = 'Xenova/multilingual-e5-small';
export const DEFAULT_MODEL_CACHE_DIR = 'data/models-cache';
export const DEFAULT_BATCH_SIZE = 16;

/** transformers.js dtypes (each selects `onnx/model<suffix>.onnx`) plus `auto`, resolved from the files present. */
export const EMBEDDING_DTYPES = ['auto', 'fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'] as const;
export type EmbeddingDtype = (typeof EMBEDDING_DTYPES)[number];

// Mirrors DEFAULT_DTYPE_SUFFIX_MAPPING in transformers.js (src/utils/dtypes.js) for the local pre-check.
const DTYPE_FILE_SUFFIX: Record<ConcreteDtype, string> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};

export interface TransformersEmbedderOptions {
  /** Hub id (`owner/name`, resolved under localModelDir / cacheDir) or a path to a model folder. */
  model?: string;
  /** transformers.js file cache; downloads land in `<cacheDir>/<model>/…` and are found there offline. */
  cacheDir?: string;
  /** Folder holding `<model>/config.json, tokenizer.json, tokenizer_config.json, onnx/model*.onnx`. */
  localModelDir?: string;
  /** Download missing files from `remoteHost` into cacheDir (default false: local files only). */
  allowRemote?: boolean;
  /** Hub or mirror serving `{model}/resolve/{revision}/{file}` (default https://huggingface.co/). */
  remoteHost?: string;
  /** Reachability probe and time to first byte of each download request (default 5 s). */
  downloadTimeoutMs?: number;
  /** A download delivering no bytes for this long fails (default max(30 s, downloadTimeoutMs)). */
  stallTimeoutMs?: number;
  /** Receives the download's progress lines. */
  log?: (line: string) => void;
  /**
   * `auto` uses whichever ONNX file is present locally, preferring fp32 (onnx/model.onnx) over q8
   * (onnx/model_quantized.onnx); with nothing local and remote allowed it downloads q8 (4x smaller).
   */
  dtype?: EmbeddingDtype;
  /** E5 models are trained with `query: ` / `passage: ` prefixes; `auto` applies them when the model id matches /e5/i. */
  prefixes?: 'auto' | boolean;
  /** Passages per forward pass (default 16). */
  batchSize?: number;
}

/**
 * The model could not be loaded. `stage`: `missing` (not on disk, downloads disabled), `download`
 * (not on disk and the download failed: hub unreachable, broken off, or the files did not run), or
 * `load` (on disk but would not load or run).
 */
export class ModelUnavailableError extends Error {
  override readonly name = 'ModelUnavailableError';
  readonly stage: 'missing' | 'download' | 'load';
  /** What went wrong without the paths searched: the start-up line's few words (`reason` has it all). */
  readonly summary: string;
  constructor(
    readonly model: string,
    /** Short, single-line reason suitable for a log line. */
    readonly reason: string,
    options?: { cause?: unknown; stage?: 'missing' | 'download' | 'load'; summary?: string },
  ) {
    super(`embedding model "${model}" could not be loaded: ${reason}`, options);
    this.stage = options?.stage ?? 'load';
    this.summary = options?.summary ?? reason;
  }
}

/** Where transformers.js looks for `<model>/<file>` with local files only: its file cache, then localModelPath. */
function candidateRoots(model: string, cacheDir: string, localModelDir: string | undefined): string[] {
  if (path.isAbsolute(model) || model.startsWith('.')) return [path.resolve(model)];
  const roots = [path.join(cacheDir, model)];
  if (localModelDir !== undefined) roots.push(path.join(localModelDir, model));
  return roots;
}

function findFile(roots: readonly string[], file: string): string | null {
  for (const root of roots) {
    const full = path.join(root, file);
    if (existsSync(full)) return full;
  }
  return null;
}

function onnxFile(dtype: ConcreteDtype): string {
  return `onnx/model${DTYPE_FILE_SUFFIX[dtype]}.onnx`;
}

function resolveDtype(dtype: EmbeddingDtype, roots: readonly string[]): ConcreteDtype {
  if (dtype !== 'auto') return dtype;
  if (findFile(roots, onnxFile('fp32'))) return 'fp32';
  if (findFile(roots, onnxFile('q8'))) return 'q8';
  return 'q8';
}

/** First line of an error, bounded, so fallback logs stay one short line. */
export function shortReason(err: unknown): string {
  if (err instanceof ModelUnavailableError) return err.reason;
  const message = err instanceof Error ? err.message : String(err);
  const firstLine = message.split('\n').find((l) => l.trim() !== '') ?? 'unknown error';
  const oneLine = firstLine.trim().replace(/\s+/g, ' ');
  return oneLine.length > 200 ? `${oneLine.slice(0, 197)}...` : oneLine;
}

// transformers.js' `env` is process-global; keep the library's own fetch so a later load that
// allows remote downloads can restore it after an offline load replaced it.
let libraryFetch: ((input: string | URL, init?: unknown) => Promise<unknown>) | undefined;

async function blockedFetch(input: string | URL): Promise<never> {
  throw new Error(`network access is disabled for embedding models (attempted ${String(input)})`);
}

type Transformers = typeof import('@huggingface/transformers');

async function importLibrary(model: string): Promise<Transformers> {
  try {
    const transformers = await import('@huggingface/transformers');
    libraryFetch ??= transformers.env.fetch;
    return transformers;
  } catch (err) {
    throw new ModelUnavailableError(model, `@huggingface/transformers failed to load: ${shortReason(err)}`, { cause: err });
  }
}

/** Points transformers.js' process-global env at this load; `remote` null means offline. */
function configureLibrary(
  transformers: Transformers,
  dirs: { localModelPath: string; cacheDir: string },
  remote: { host: string; fetch: (input: string | URL, init?: RequestInit) => Promise<Response> } | null,
): void {
  const { env, LogLevel } = transformers;
  env.allowRemoteModels = remote !== null;
  env.allowLocalModels = true;
  env.localModelPath = `${dirs.localModelPath}${path.sep}`;
  env.cacheDir = dirs.cacheDir;
  env.useFSCache = true;
  env.useBrowserCache = false;
  // Node uses the native onnxruntime; the WASM cache would only ever fetch runtime files from a CDN.
  env.useWasmCache = false;
  if (remote !== null) env.remoteHost = remote.host;
  env.fetch = remote?.fetch ?? blockedFetch;
  // Missing optional files are reported as console warnings; callers get one summary line instead.
  env.logLevel = LogLevel.ERROR;
}

/** Loads the pipeline and proves it runs (one embedding), which also gives the model's dimensions. */
async function createEmbedder(
  transformers: Transformers,
  load: { model: string; dtype: ConcreteDtype; cacheDir: string; remote: boolean; onProgress?: (info: DownloadProgress) => void },
  options: TransformersEmbedderOptions,
  batchSize: number,
): Promise<TransformersEmbedder> {
  const { model, dtype } = load;
  let extractor: FeatureExtractionPipeline;
  try {
    extractor = await transformers.pipeline('feature-extraction', model, {
      dtype,
      device: 'cpu',
      cache_dir: load.cacheDir,
      local_files_only: !load.remote,
      ...(load.onProgress ? { progress_callback: load.onProgress } : {}),
    });
  } catch (err) {
    throw new ModelUnavailableError(model, shortReason(err), { cause: err });
  }

  try {
    const probe = await extractor('dimension probe', { pooling: 'mean', normalize: true });
    const dims = [...probe.dims];
    const finite = probe.data instanceof Float32Array && probe.data.every(Number.isFinite);
    probe.dispose();
    const dimensions = dims[1];
    if (dims.length !== 2 || dims[0] !== 1 || dimensions === undefined || dimensions < 1) {
      throw new Error(`probe returned dims [${dims.join(', ')}], expected [1, hidden]`);
    }
    if (!finite) throw new Error('probe embedding is not a finite float32 vector');
    const prefixOption = options.prefixes ?? 'auto';
    return new TransformersEmbedder({
      extractor,
      model,
      dtype,
      dimensions,
      prefixes: resolvePrefixes(model, prefixOption),
      prefixOption,
      batchSize,
    });
  } catch (err) {
    await extractor.dispose().catch(() => undefined);
    throw new ModelUnavailableError(model, `model loaded but failed to run: ${shortReason(err)}`, { cause: err });
  }
}

/**
 * Probes the host (before the library is even imported), downloads the missing files into a staging
 * folder, loads and runs the model from there, and only then moves the files into the cache.
 */
async function downloadAndLoad(
  args: { model: string; dtype: ConcreteDtype; cacheDir: string; notLocal: string },
  options: TransformersEmbedderOptions,
  batchSize: number,
): Promise<TransformersEmbedder> {
  const { model, dtype, cacheDir } = args;
  const host = options.remoteHost ?? DEFAULT_REMOTE_HOST;
  const timeoutMs = options.downloadTimeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_SECONDS * 1000;
  const log = options.log ?? (() => undefined);
  const failed = (reason: string, cause?: unknown) =>
    new ModelUnavailableError(model, `${args.notLocal}, and the download from ${host} failed: ${reason}`, {
      cause,
      stage: 'download',
      summary: `not on disk, download failed: ${reason}`,
    });

  const reachable = await probeHub({ host, model, timeoutMs });
  if (!reachable.ok) throw failed(reachable.reason);

  const transformers = await importLibrary(model);
  const started = Date.now();
  log(`Embedding model "${model}" is not in ${cacheDir}: downloading it once from ${host} (${onnxFile(dtype)})`);
  const staging = await createStagingDir(cacheDir);
  try {
    const fetch = fetchWithTimeouts(libraryFetch as typeof globalThis.fetch, {
      firstByteMs: timeoutMs,
      stallMs: options.stallTimeoutMs ?? Math.max(MIN_STALL_TIMEOUT_MS, timeoutMs),
    });
    // Files already in the cache (an earlier, interrupted promotion) are read from there, not fetched again.
    configureLibrary(transformers, { localModelPath: cacheDir, cacheDir: staging }, { host, fetch });
    const onProgress = progressLogger(model, log);
    let embedder: TransformersEmbedder;
    try {
      embedder = await createEmbedder(transformers, { model, dtype, cacheDir: staging, remote: true, onProgress }, options, batchSize);
    } catch (err) {
      throw failed(shortReason(err), err);
    }
    let moved: string[];
    try {
      moved = await promoteStaged(staging, cacheDir, model);
    } catch (err) {
      await embedder.dispose().catch(() => undefined);
      throw failed(`the files could not be moved into the cache: ${shortReason(err)}`, err);
    }
    log(`Downloaded ${model} (${moved.length} files) into ${cacheDir} in ${Math.round((Date.now() - started) / 1000)} s; later starts load it from there, offline.`);
    return embedder;
  } finally {
    // From here on nothing in this process may reach the network through the library.
    configureLibrary(transformers, { localModelPath: cacheDir, cacheDir }, null);
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Loads a feature-extraction pipeline with mean pooling + L2 normalisation. Throws
 * ModelUnavailableError (with a one-line `reason`) if the model cannot be loaded or run.
 */
export async function loadTransformersEmbedder(options: TransformersEmbedderOptions = {}): Promise<TransformersEmbedder> {
  const model = options.model ?? DEFAULT_EMBEDDING_MODEL;
  const cacheDir = path.resolve(options.cacheDir ?? DEFAULT_MODEL_CACHE_DIR);
  const localModelDir = options.localModelDir === undefined ? undefined : path.resolve(options.localModelDir);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);

  const roots = candidateRoots(model, cacheDir, localModelDir);
  const dtype = resolveDtype(options.dtype ?? 'auto', roots);

  // Checked before importing the library: a missing model then costs no start-up time or memory
  // (~250 ms, ~40 MB for transformers.js + onnxruntime), and transformers.js memoises file lookups per
  // model id for the life of the process (a missing tokenizer is remembered as "no tokenizer").
  const needed = ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnxFile(dtype)];
  const missing = needed.filter((f) => findFile(roots, f) === null);
  if (missing.length > 0) {
    const notLocal = `${missing.length === needed.length ? 'no local copy' : `missing ${missing.join(', ')}`} in ${roots.join(' or ')}`;
    if (!options.allowRemote) {
      throw new ModelUnavailableError(model, `${notLocal}, and remote downloads are disabled`, { stage: 'missing', summary: 'not on disk (downloads off)' });
    }
    if (path.isAbsolute(model) || model.startsWith('.')) {
      throw new ModelUnavailableError(model, `${notLocal}, and a model folder cannot be downloaded`, { stage: 'missing', summary: 'folder not found' });
    }
    return downloadAndLoad({ model, dtype, cacheDir, notLocal }, options, batchSize);
  }

  const transformers = await importLibrary(model);
  // Without LOCAL_MODEL_DIR the cache doubles as the local folder; it has the same <model>/<file> layout.
  configureLibrary(transformers, { localModelPath: localModelDir ?? cacheDir, cacheDir }, null);
  return createEmbedder(transformers, { model, dtype, cacheDir, remote: false }, options, batchSize);
}
