// The embedding boundary shared by ingest (passages) and retrieval (queries).
export interface Embedder {
  /** Identifies the embedding space: a changed id means stored vectors are incompatible (index rebuild). */
  readonly id: string;
  readonly dimensions: number;
  /** Embeds documents (rows). Vectors are L2-normalised. */
  embedPassages(texts: readonly string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]>;
  /** Embeds a user question. The vector is L2-normalised. */
  embedQuery(text: string): Promise<Float32Array>;
}
