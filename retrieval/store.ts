// Loads data/ for answering, rebuilding it when it is missing, stale or damaged — never a silent mismatch
// between the seed, the records, the embedder and the vector index.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import { DATA_FILES, ManifestSchema, PARSER_VERSION, sha256, type Manifest } from '../ingest/build-index.ts';
import type { Embedder } from '../ingest/embed/types.ts';
import { readSeed, runIngest } from '../ingest/pipeline.ts';
import { GlossarySchema, RowsFileSchema, type Glossary, type OutputRecord } from '../ingest/schema.ts';

export interface LoadedData {
  records: OutputRecord[];
  glossary: Glossary;
  index: InstanceType<typeof hnswlib.HierarchicalNSW>;
  manifest: Manifest;
  /** Why data/ was (re)built on this start, or null when it was loaded as it was. */
  rebuiltBecause: string | null;
}

/** Why the stored data cannot be used as is for this seed and embedder, or null when it can. */
export function staleReason(dataDir: string, seedSha256: string, embedder: Embedder): string | null {
  const manifestPath = join(dataDir, DATA_FILES.manifest);
  if (!existsSync(manifestPath)) return 'no built data yet';
  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  } catch {
    return `${DATA_FILES.manifest} is corrupt`;
  }
  if (manifest.seedSha256 !== seedSha256) return 'the report changed';
  if (manifest.parserVersion !== PARSER_VERSION) return 'the parser changed';
  if (manifest.embedderId !== embedder.id || manifest.dimensions !== embedder.dimensions) {
    return `the embedder changed (${manifest.embedderId} -> ${embedder.id})`;
  }
  for (const [file, expected] of [
    [DATA_FILES.rows, manifest.rowsSha256],
    [DATA_FILES.index, manifest.indexSha256],
  ] as const) {
    const path = join(dataDir, file);
    if (!existsSync(path)) return `${file} is missing`;
    if (sha256(readFileSync(path)) !== expected) return `${file} is corrupt or partial`;
  }
  return null;
}

function loadBuilt(dataDir: string): Omit<LoadedData, 'rebuiltBecause'> {
  const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(dataDir, DATA_FILES.manifest), 'utf8')));
  const records = RowsFileSchema.parse(JSON.parse(readFileSync(join(dataDir, DATA_FILES.rows), 'utf8')));
  const glossaryPath = join(dataDir, DATA_FILES.glossary);
  const glossary = existsSync(glossaryPath) ? GlossarySchema.parse(JSON.parse(readFileSync(glossaryPath, 'utf8'))) : [];
  const index = new hnswlib.HierarchicalNSW('cosine', manifest.dimensions);
  index.readIndexSync(join(dataDir, DATA_FILES.index));
  index.setEf(Math.min(Math.max(records.length, 10), 400));
  if (index.getCurrentCount() !== records.length) throw new Error(`${DATA_FILES.index} holds ${index.getCurrentCount()} vectors for ${records.length} rows`);
  return { manifest, records, glossary, index };
}

export async function ensureData(options: {
  seedPath: string;
  dataDir: string;
  embedder: Embedder;
  log?: (line: string) => void;
}): Promise<LoadedData> {
  const log = options.log ?? (() => {});
  const { sha256: seedSha } = readSeed(options.seedPath);
  let reason = staleReason(options.dataDir, seedSha, options.embedder);
  if (reason === null) {
    try {
      return { ...loadBuilt(options.dataDir), rebuiltBecause: null };
    } catch (err) {
      reason = `stored data could not be read (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
    }
  }
  log(`building data/ (${reason})…`);
  await runIngest({ ...options, log });
  return { ...loadBuilt(options.dataDir), rebuiltBecause: reason };
}
