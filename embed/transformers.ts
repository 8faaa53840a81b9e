// Neural embedder on @huggingface/transformers (ONNX Runtime, CPU). The library itself is imported
// dynamically, and only once the model files are known to exist, so the fallback path stays cheap.
// Loads are local-files-only unless remote downloads are explicitly allowed; when they are not, the
// library's fetch is replaced by one that refuses, so no code path can reach the network.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import type { Embedder } from './types.ts';

export const DEFAULT_EMBEDDING_MODEL = 'Xenova/multilingual-e5-small';
export const DEFAULT_MODEL_CACHE_DIR = 'data/models-cache';
export const DEFAULT_BATCH_SIZE = 16;

/** transformers.js dtypes (each selects `onnx/model<suffix>.onnx`) plus `auto`, resolved from the files present. */
export const EMBEDDING_DTYPES = ['auto', 'fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'] as const;
export type EmbeddingDtype = (typeof EMBEDDING_DTYPES)[number];
type ConcreteDtype = Exclude<EmbeddingDtype, 'auto'>;

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
  /** Allow downloads from the Hugging Face hub (default false: local files only). */
  allowRemote?: boolean;
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

export interface TextPrefixes {
  query: string;
  passage: string;
}

const E5_PREFIXES: TextPrefixes = { query: 'query: ', passage: 'passage: ' };
const NO_PREFIXES: TextPrefixes = { query: '', passage: '' };

export function resolvePrefixes(model: string, option: 'auto' | boolean = 'auto'): TextPrefixes {
  const use = option === 'auto' ? /e5/i.test(model) : option;
  return use ? E5_PREFIXES : NO_PREFIXES;
}

/** The model could not be loaded (missing/corrupt files, downloads disabled, runtime failure). */
export class ModelUnavailableError extends Error {
  override readonly name = 'ModelUnavailableError';
  constructor(
    readonly model: string,
    /** Short, single-line reason suitable for a log line. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`embedding model "${model}" could not be loaded: ${reason}`, options);
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

export class TransformersEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  readonly model: string;
  readonly dtype: ConcreteDtype;
  readonly prefixes: TextPrefixes;
  private readonly batchSize: number;
  private readonly extractor: FeatureExtractionPipeline;

  constructor(args: {
    extractor: FeatureExtractionPipeline;
    model: string;
    dtype: ConcreteDtype;
    dimensions: number;
    prefixes: TextPrefixes;
    prefixOption: 'auto' | boolean;
    batchSize: number;
  }) {
    this.extractor = args.extractor;
    this.model = args.model;
    this.dtype = args.dtype;
    this.dimensions = args.dimensions;
    this.prefixes = args.prefixes;
    this.batchSize = args.batchSize;
    // Forcing prefixes on/off changes the vectors, so it must change the id too.
    const prefixTag = args.prefixOption === 'auto' ? '' : args.prefixes.query ? ':prefixed' : ':unprefixed';
    this.id = `transformers:${args.model}:${args.dtype}${prefixTag}`;
  }

  private async run(texts: string[]): Promise<Float32Array[]> {
    const output = await this.extractor(texts, { pooling: 'mean', normalize: true });
    const [rows, dim] = output.dims;
    if (rows !== texts.length || dim !== this.dimensions || !(output.data instanceof Float32Array)) {
      throw new Error(`unexpected embedding output dims [${output.dims.join(', ')}] (${output.type})`);
    }
    const data = output.data;
    const vectors: Float32Array[] = [];
    for (let i = 0; i < rows; i++) vectors.push(data.slice(i * dim, (i + 1) * dim));
    output.dispose();
    return vectors;
  }

  async embedPassages(
    texts: readonly string[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<Float32Array[]> {
    // Batching texts of similar length cuts padding, which dominates CPU time for short rows.
    const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
    const out = new Array<Float32Array>(texts.length);
    for (let start = 0; start < order.length; start += this.batchSize) {
      const idx = order.slice(start, start + this.batchSize);
      const vectors = await this.run(idx.map((i) => this.prefixes.passage + texts[i]!));
      idx.forEach((i, k) => (out[i] = vectors[k]!));
      onProgress?.(Math.min(start + this.batchSize, order.length), texts.length);
    }
    return out;
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [vector] = await this.run([this.prefixes.query + text]);
    return vector!;
  }

  /** Releases the ONNX Runtime session. */
  async dispose(): Promise<void> {
    await this.extractor.dispose();
  }
}

/**
 * Loads a feature-extraction pipeline with mean pooling + L2 normalisation. Throws
 * ModelUnavailableError (with a one-line `reason`) if the model cannot be loaded or run.
 */
export async function loadTransformersEmbedder(options: TransformersEmbedderOptions = {}): Promise<TransformersEmbedder> {
  const model = options.model ?? DEFAULT_EMBEDDING_MODEL;
  const allowRemote = options.allowRemote ?? false;
  const cacheDir = path.resolve(options.cacheDir ?? DEFAULT_MODEL_CACHE_DIR);
  const localModelDir = options.localModelDir === undefined ? undefined : path.resolve(options.localModelDir);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);

  const roots = candidateRoots(model, cacheDir, localModelDir);
  const dtype = resolveDtype(options.dtype ?? 'auto', roots);

  if (!allowRemote) {
    // Checked before importing the library: a missing model then costs no start-up time or memory
    // (~250 ms, ~40 MB for transformers.js + onnxruntime), and transformers.js memoises file lookups per
    // model id for the life of the process (a missing tokenizer is remembered as "no tokenizer").
    const needed = ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnxFile(dtype)];
    const missing = needed.filter((f) => findFile(roots, f) === null);
    if (missing.length > 0) {
      const what = missing.length === needed.length ? 'no local copy' : `missing ${missing.join(', ')}`;
      throw new ModelUnavailableError(model, `${what} in ${roots.join(' or ')}, and remote downloads are disabled`);
    }
  }

  let transformers: typeof import('@huggingface/transformers');
  try {
    transformers = await import('@huggingface/transformers');
  } catch (err) {
    throw new ModelUnavailableError(model, `@huggingface/transformers failed to load: ${shortReason(err)}`, { cause: err });
  }
  const { env, LogLevel } = transformers;

  libraryFetch ??= env.fetch;
  env.allowRemoteModels = allowRemote;
  env.allowLocalModels = true;
  // Without LOCAL_MODEL_DIR the cache doubles as the local folder; it has the same <model>/<file> layout.
  env.localModelPath = `${localModelDir ?? cacheDir}${path.sep}`;
  env.cacheDir = cacheDir;
  env.useFSCache = true;
  env.useBrowserCache = false;
  // Node uses the native onnxruntime; the WASM cache would only ever fetch runtime files from a CDN.
  env.useWasmCache = false;
  env.fetch = allowRemote ? libraryFetch : blockedFetch;
  // Missing optional files are reported as console warnings; callers get one summary line instead.
  env.logLevel = LogLevel.ERROR;

  let extractor: FeatureExtractionPipeline;
  try {
    extractor = await transformers.pipeline('feature-extraction', model, {
      dtype,
      device: 'cpu',
      cache_dir: cacheDir,
      local_files_only: !allowRemote,
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
