// The ingest stage end to end: seed file -> records, glossary, vector index and manifest in data/.
// Every file is written atomically and the manifest last, so a failed run leaves the previous data usable
// and a half-written one is recognisable (its manifest does not match).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../store/atomic-write.ts';
import { DATA_FILES, sha256, type Manifest } from '../store/files.ts';
import { buildVectorIndex, PARSER_VERSION, writeManifest } from './build-index.ts';
import type { Embedder } from '../embed/types.ts';
import { parseReport, ReportFormatError, type ParsedReport } from './parse-report.ts';

export class SeedFileError extends Error {}

/** Reads a report file, with a clear error for missing, empty or non-text input. */
export function readSeed(path: string): { text: string; sha256: string } {
  if (!existsSync(path)) throw new SeedFileError(`${path}: file not found (expected the report as UTF-8 text)`);
  if (!statSync(path).isFile()) throw new SeedFileError(`${path}: not a file (expected the report as UTF-8 text)`);
  const bytes = readFileSync(path);
  if (bytes.length === 0 || bytes.toString('utf8').trim() === '') throw new SeedFileError(`${path}: file is empty (expected the report as UTF-8 text)`);
  if (bytes.includes(0)) throw new SeedFileError(`${path}: binary file (expected the report as UTF-8 text)`);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) throw new SeedFileError(`${path}: not valid UTF-8 text (expected the report as UTF-8 text)`);
  return { text, sha256: sha256(bytes) };
}

export interface IngestResult {
  parsed: ParsedReport;
  manifest: Manifest;
  timingsMs: { parse: number; embedAndIndex: number };
}

export async function runIngest(options: {
  seedPath: string;
  dataDir: string;
  embedder: Embedder;
  log?: (line: string) => void;
}): Promise<IngestResult> {
  const { seedPath, dataDir, embedder } = options;
  const log = options.log ?? (() => {});
  const seed = readSeed(seedPath);
  const t0 = performance.now();
  const parsed = parseReport(seed.text, seedPath);
  if (parsed.records.length === 0) {
    throw new ReportFormatError(`${seedPath}: no output rows found (expected 计划产出 | 已完成 | 说明 tables)`);
  }
  const t1 = performance.now();
  let lastShown = 0;
  const indexSha256 = await buildVectorIndex(parsed.records, embedder, dataDir, (done, total) => {
    // One progress line per ~10 %: the transformers embedder can take minutes on 2 cores.
    if (done === total || done - lastShown >= Math.max(1, Math.ceil(total / 10))) {
      lastShown = done;
      log(`embedding rows ${done}/${total}`);
    }
  });
  // Rows are written after the (slow, fallible) embedding, so a failed run leaves the previous rows in place.
  const rowsJson = `${JSON.stringify(parsed.records, null, 1)}\n`;
  writeFileAtomic(join(dataDir, DATA_FILES.rows), rowsJson);
  writeFileAtomic(join(dataDir, DATA_FILES.glossary), `${JSON.stringify(parsed.glossary, null, 1)}\n`);
  const t2 = performance.now();
  const manifest: Manifest = {
    formatVersion: 1,
    seedFile: basename(seedPath),
    seedSha256: seed.sha256,
    parserVersion: PARSER_VERSION,
    embedderId: embedder.id,
    dimensions: embedder.dimensions,
    rowCount: parsed.records.length,
    rowsSha256: sha256(rowsJson),
    indexSha256,
    builtAt: new Date().toISOString(),
  };
  writeManifest(dataDir, manifest);
  return { parsed, manifest, timingsMs: { parse: t1 - t0, embedAndIndex: t2 - t1 } };
}

/** A human summary: rows per department, counts per status flag, anomalies with line numbers. */
export function summarise(result: IngestResult): string {
  const { records, anomalies, glossary } = result.parsed;
  const perDept = new Map<string, { name: string; n: number }>();
  const perStatus = new Map<string, number>();
  for (const r of records) {
    const d = perDept.get(r.department.code) ?? { name: r.department.name, n: 0 };
    d.n++;
    perDept.set(r.department.code, d);
    for (const s of r.status) perStatus.set(s, (perStatus.get(s) ?? 0) + 1);
  }
  const lines = [`${records.length} output rows, ${glossary.length} glossary entries`, 'rows per department:'];
  for (const [code, { name, n }] of perDept) lines.push(`  ${code}. ${name}: ${n}`);
  lines.push('rows per status flag:');
  for (const flag of ['completed', 'not_completed', 'above_plan', 'below_plan', 'postponed']) lines.push(`  ${flag}: ${perStatus.get(flag) ?? 0}`);
  lines.push(`anomalies: ${anomalies.length}`);
  for (const a of anomalies) lines.push(`  line ${a.line} [${a.kind}] ${a.message}`);
  lines.push(
    `embedder ${result.manifest.embedderId} (${result.manifest.dimensions} dims); parse ${result.timingsMs.parse.toFixed(0)} ms, embed+index ${result.timingsMs.embedAndIndex.toFixed(0)} ms`,
  );
  return lines.join('\n');
}
