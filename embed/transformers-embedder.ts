// The embedder over a loaded transformers.js feature-extraction pipeline: prefixes, batching, and the
// id that names its embedding space. Loading (and downloading) lives in transformers.ts.
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import type { Embedder } from './types.ts';

/** A transformers.js dtype, each selecting `onnx/model<suffix>.onnx`. */
export type ConcreteDtype = 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'q4f16' | 'bnb4';

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
