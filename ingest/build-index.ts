// Embeds every record with its context and stores an hnswlib (cosine) index plus a manifest in data/.
import { mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import { writeFileAtomic } from '../store/atomic-write.ts';
import { DATA_FILES, ManifestSchema, sha256, type Manifest } from '../store/files.ts';
import type { Embedder } from '../embed/types.ts';
import type { OutputRecord } from '../store/schema.ts';

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

/** Builds and writes the vector index; returns its file hash for the manifest. */
export async function buildVectorIndex(
  records: readonly OutputRecord[],
  embedder: Embedder,
  dataDir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<string> {
  const vectors = await embedder.embedPassages(records.map(passageText), onProgress);
  const index = new hnswlib.HierarchicalNSW('cosine', embedder.dimensions);
  // M=16 / ef=200 is hnswlib's usual quality setting; the report is small, so build cost is negligible.
  index.initIndex(Math.max(records.length, 1), 16, 200, 100);
  vectors.forEach((v, i) => index.addPoint(Array.from(v), i));
  mkdirSync(dataDir, { recursive: true });
  const target = join(dataDir, DATA_FILES.index);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await index.writeIndex(tmp);
    const hash = sha256(readFileSync(tmp));
    renameSync(tmp, target);
    return hash;
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

export function writeManifest(dataDir: string, manifest: Manifest): void {
  writeFileAtomic(join(dataDir, DATA_FILES.manifest), `${JSON.stringify(ManifestSchema.parse(manifest), null, 2)}\n`);
}
