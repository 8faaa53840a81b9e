// The files of data/ and the manifest that ties them to the report, the parser and the embedder they were built from.
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

export const ManifestSchema = z.object({
  formatVersion: z.literal(1),
  seedFile: z.string(),
  seedSha256: z.string().regex(/^[0-9a-f]{64}$/),
  parserVersion: z.string(),
  embedderId: z.string(),
  dimensions: z.number().int().positive(),
  rowCount: z.number().int().nonnegative(),
  rowsSha256: z.string().regex(/^[0-9a-f]{64}$/),
  indexSha256: z.string().regex(/^[0-9a-f]{64}$/),
  // Optional only so that a manifest written before it was added still parses: it is then rebuilt once.
  glossarySha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  builtAt: z.string(),
});
export type Manifest = z.infer<typeof ManifestSchema>;


export const DATA_FILES = {
  rows: 'rows.json',
  glossary: 'glossary.json',
  index: 'index.hnsw',
  manifest: 'manifest.json',
} as const;
