// Embeds every record with its context and writes one build — rows, glossary, an hnswlib (cosine) index and
// the manifest that ties them together — into a directory of its own (a generation, see store/generations.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import hnswlib from 'hnswlib-node';
import { DATA_FILES, ManifestSchema, sha256, type Manifest } from '../store/files.ts';
import type { Embedder } from '../embed/types.ts';
import type { Glossary, OutputRecord } from '../store/schema.ts';

/**
 * Identifies the parsing rules: a hash of the parser's own source, so any change to them rebuilds data/
 * instead of silently keeping rows parsed by older rules (no version number to forget to bump).
 */
export const PARSER_VERSION = sha256(
  ['./parse-report.ts', './row-assembler.ts', './value-tokens.ts', './status.ts', '../store/schema.ts']
    .map((f) => readFileSync(new URL(f, import.meta.url), 'utf8'))
    .join('\n'),
).slice(0, 16);

/** The text a row is embedded as: where it stands, then what was planned, delivered and explained. */
export function passageText(r: OutputRecord): string {
  const where = [r.department.name, r.office?.name, `预期成绩 ${r.accomplishment.code} ${r.accomplishment.text}`].filter(Boolean).join(' › ');
  const actual = r.actual.map((a) => (a.label ? `${a.value} ${a.label}` : a.value)).join('；');
  return `${where}\n计划产出：${r.planned}\n已完成：${actual}\n说明：${r.remarks}`;
}

/**
 * Builds and writes the vector index into `dir`; returns its file hash for the manifest. No temp file: `dir`
 * is a build directory no reader looks at until it is published whole.
 */
export async function buildVectorIndex(
  records: readonly OutputRecord[],
  embedder: Embedder,
  dir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<string> {
  const vectors = await embedder.embedPassages(records.map(passageText), onProgress);
  const index = new hnswlib.HierarchicalNSW('cosine', embedder.dimensions);
  // M=16 / ef=200 is hnswlib's usual quality setting; the report is small, so build cost is negligible.
  index.initIndex(Math.max(records.length, 1), 16, 200, 100);
  vectors.forEach((v, i) => index.addPoint(Array.from(v), i));
  mkdirSync(dir, { recursive: true });
  const target = join(dir, DATA_FILES.index);
  await index.writeIndex(target);
  return sha256(readFileSync(target));
}

export interface BuildInput {
  records: OutputRecord[];
  glossary: Glossary;
  seedPath: string;
  seedSha256: string;
  embedder: Embedder;
  onProgress?: (done: number, total: number) => void;
}

/** Writes a whole build into `dir`, the manifest last: a directory without a manifest is an unfinished build. */
export async function writeBuild(dir: string, input: BuildInput): Promise<Manifest> {
  mkdirSync(dir, { recursive: true });
  const rowsJson = `${JSON.stringify(input.records, null, 1)}\n`;
  writeFileSync(join(dir, DATA_FILES.rows), rowsJson);
  const glossaryJson = `${JSON.stringify(input.glossary, null, 1)}\n`;
  writeFileSync(join(dir, DATA_FILES.glossary), glossaryJson);
  const indexSha256 = await buildVectorIndex(input.records, input.embedder, dir, input.onProgress);
  const manifest = ManifestSchema.parse({
    formatVersion: 1,
    seedFile: basename(input.seedPath),
    seedSha256: input.seedSha256,
    parserVersion: PARSER_VERSION,
    embedderId: input.embedder.id,
    dimensions: input.embedder.dimensions,
    rowCount: input.records.length,
    rowsSha256: sha256(rowsJson),
    indexSha256,
    glossarySha256: sha256(glossaryJson),
    builtAt: new Date().toISOString(),
  } satisfies Manifest);
  writeFileSync(join(dir, DATA_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
