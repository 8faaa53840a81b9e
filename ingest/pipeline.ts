// The ingest stage end to end: seed file -> records, glossary, vector index and manifest in data/.
// A run refuses a report that looks damaged (ingest/integrity.ts) unless forced, holds the data/ lock while it
// writes, and builds a new generation that replaces the served one in a single atomic step
// (store/generations.ts): a failed or killed run leaves the previous data being served, and its leftovers
// are removed by the next run.
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sha256, type Manifest } from '../store/files.ts';
import { freshGenerationName, publishGeneration, removeLeftovers, syncRowsExport } from '../store/generations.ts';
import { currentManifest } from '../store/load.ts';
import { acquireLock } from '../store/lock.ts';
import { writeBuild } from './build-index.ts';
import type { Embedder } from '../embed/types.ts';
import { IngestRefusedError, integrityProblems } from './integrity.ts';
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
  /** The generation directory (under data/) now being served. */
  generation: string;
  /** Problems found in the report and ingested anyway because of `force`. */
  forcedProblems: string[];
  timingsMs: { parse: number; embedAndIndex: number };
}

export interface IngestOptions {
  seedPath: string;
  dataDir: string;
  embedder: Embedder;
  log?: (line: string) => void;
  /** Ingest even when the report looks damaged (the problems are logged). */
  force?: boolean;
}

/** Parses the seed; refuses a file without any output row. Pure apart from reading the file. */
export function parseSeed(seedPath: string): { parsed: ParsedReport; seedSha256: string } {
  const seed = readSeed(seedPath);
  const parsed = parseReport(seed.text, seedPath);
  if (parsed.records.length === 0) {
    throw new ReportFormatError(`${seedPath}: no output rows found (expected 计划产出 | 已完成 | 说明 tables)`);
  }
  return { parsed, seedSha256: seed.sha256 };
}

/** The problems that make this parse unfit to replace the data in `dataDir`; throws unless forced. */
function checkIntegrity(parsed: ParsedReport, options: IngestOptions, log: (line: string) => void): string[] {
  const previous = currentManifest(options.dataDir);
  const problems = integrityProblems(parsed, basename(options.seedPath), previous);
  if (problems.length > 0 && !options.force) throw new IngestRefusedError(options.seedPath, problems);
  for (const p of problems) log(`warning: ${p} (ingesting anyway: --force)`);
  return problems;
}

export async function runIngest(options: IngestOptions): Promise<IngestResult> {
  const { seedPath, dataDir, embedder } = options;
  const log = options.log ?? (() => {});
  const t0 = performance.now();
  const { parsed, seedSha256 } = parseSeed(seedPath);
  const t1 = performance.now();
  const release = acquireLock(dataDir);
  try {
    const removed = removeLeftovers(dataDir);
    if (removed.length > 0) log(`removed leftovers of earlier ingests: ${removed.join(', ')}`);
    syncRowsExport(dataDir);
    const forcedProblems = checkIntegrity(parsed, options, log);
    const generation = freshGenerationName(dataDir);
    const buildDir = join(dataDir, `${generation}.tmp`);
    let lastShown = 0;
    const onProgress = (done: number, total: number) => {
      // One progress line per ~10 %: the transformers embedder can take minutes on 2 cores.
      if (done === total || done - lastShown >= Math.max(1, Math.ceil(total / 10))) {
        lastShown = done;
        log(`embedding rows ${done}/${total}`);
      }
    };
    let manifest: Manifest;
    try {
      manifest = await writeBuild(buildDir, { records: parsed.records, glossary: parsed.glossary, seedPath, seedSha256, embedder, onProgress });
    } catch (err) {
      rmSync(buildDir, { recursive: true, force: true });
      throw err;
    }
    const t2 = performance.now();
    publishGeneration(dataDir, buildDir, generation);
    return { parsed, manifest, generation, forcedProblems, timingsMs: { parse: t1 - t0, embedAndIndex: t2 - t1 } };
  } finally {
    release();
  }
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
  if (result.forcedProblems.length > 0) lines.push(`ingested despite: ${result.forcedProblems.join('; ')}`);
  lines.push(`anomalies: ${anomalies.length}`);
  for (const a of anomalies) lines.push(`  line ${a.line} [${a.kind}] ${a.message}`);
  lines.push(
    `embedder ${result.manifest.embedderId} (${result.manifest.dimensions} dims); parse ${result.timingsMs.parse.toFixed(0)} ms, embed+index ${result.timingsMs.embedAndIndex.toFixed(0)} ms`,
  );
  return lines.join('\n');
}
