// Reads data/ for answering and says whether it can be used as it is — never a silent mismatch between the
// seed, the records, the embedder and the vector index. Deciding to rebuild is the caller's (app/open.ts).
// Files are read from the generation data/CURRENT names (or a legacy flat data/), see generations.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import { DATA_FILES, ManifestSchema, sha256, type Manifest } from './files.ts';
import { locateBuild } from './generations.ts';
import { GlossarySchema, RowsFileSchema, type Glossary, type OutputRecord } from './schema.ts';

export type VectorIndex = InstanceType<typeof hnswlib.HierarchicalNSW>;

export interface LoadedData {
  records: OutputRecord[];
  glossary: Glossary;
  index: VectorIndex;
  manifest: Manifest;
  /** Why data/ was (re)built on this start, or null when it was loaded as it was. */
  rebuiltBecause: string | null;
}

/** What the data must have been built from to be served. */
export interface Expected {
  seedSha256: string;
  parserVersion: string;
  embedderId: string;
  dimensions: number;
}

/** Why the stored data cannot be used as is for this seed, parser and embedder, or null when it can. */
export function staleReason(dataDir: string, expected: Expected): string | null {
  const build = locateBuild(dataDir);
  if (build.kind === 'none') return build.why;
  const dir = build.dir;
  const manifestPath = join(dir, DATA_FILES.manifest);
  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  } catch {
    return `${DATA_FILES.manifest} is corrupt`;
  }
  if (manifest.seedSha256 !== expected.seedSha256) return 'the report changed';
  if (manifest.parserVersion !== expected.parserVersion) return 'the parser changed';
  if (manifest.embedderId !== expected.embedderId || manifest.dimensions !== expected.dimensions) {
    return `the embedder changed (${manifest.embedderId} -> ${expected.embedderId})`;
  }
  // The glossary feeds unit names and English questions as much as the rows feed answers: an edit to it
  // must not be served unnoticed either.
  if (manifest.glossarySha256 === undefined) return 'the manifest predates glossary hashing';
  for (const [file, hash, damaged] of [
    [DATA_FILES.rows, manifest.rowsSha256, 'is corrupt or partial'],
    [DATA_FILES.index, manifest.indexSha256, 'is corrupt or partial'],
    [DATA_FILES.glossary, manifest.glossarySha256, 'does not match the manifest (edited, corrupt or partial)'],
  ] as const) {
    const path = join(dir, file);
    if (!existsSync(path)) return `${file} is missing`;
    if (sha256(readFileSync(path)) !== hash) return `${file} ${damaged}`;
  }
  return null;
}

/** Loads built data (validated by the record schema); throws when a file is unreadable or inconsistent. */
export function loadBuilt(dataDir: string): Omit<LoadedData, 'rebuiltBecause'> {
  const build = locateBuild(dataDir);
  if (build.kind === 'none') throw new Error(`${dataDir}: ${build.why}`);
  const dir = build.dir;
  const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(dir, DATA_FILES.manifest), 'utf8')));
  const records = RowsFileSchema.parse(JSON.parse(readFileSync(join(dir, DATA_FILES.rows), 'utf8')));
  const glossaryPath = join(dir, DATA_FILES.glossary);
  const glossary = existsSync(glossaryPath) ? GlossarySchema.parse(JSON.parse(readFileSync(glossaryPath, 'utf8'))) : [];
  const index = new hnswlib.HierarchicalNSW('cosine', manifest.dimensions);
  index.readIndexSync(join(dir, DATA_FILES.index));
  index.setEf(Math.min(Math.max(records.length, 10), 400));
  if (index.getCurrentCount() !== records.length) throw new Error(`${DATA_FILES.index} holds ${index.getCurrentCount()} vectors for ${records.length} rows`);
  return { manifest, records, glossary, index };
}

/** The manifest of the data being served, or null when there is none or it cannot be read. */
export function currentManifest(dataDir: string): Manifest | null {
  const build = locateBuild(dataDir);
  if (build.kind === 'none') return null;
  try {
    return ManifestSchema.parse(JSON.parse(readFileSync(join(build.dir, DATA_FILES.manifest), 'utf8')));
  } catch {
    return null;
  }
}
