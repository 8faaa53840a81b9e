// data/ as generations: each build is a directory data/gen-<timestamp>-<pid>/ holding rows.json, glossary.json,
// index.hnsw and manifest.json, and the one-line pointer file data/CURRENT names the generation being served.
// A build is written into gen-….tmp/, renamed, then published by replacing CURRENT in one rename, so a reader
// sees either the old generation or the new one, never a mix, and a killed build leaves only *.tmp leftovers.
// data/rows.json is a copy of the current generation's rows for tools that read it directly (the scorer).
// A flat data/ from before generations (manifest.json beside the other files) is still read until replaced.
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';
import { DATA_FILES, ManifestSchema, sha256 } from './files.ts';

export const POINTER_FILE = 'CURRENT';
/** The generation CURRENT named before the last switch: kept, so a reader that just resolved it still finds it. */
export const PREVIOUS_FILE = 'PREVIOUS';
const GENERATION_NAME = /^gen-\d{8}T\d{9}Z-\d+$/;
/** Files of the flat layout that a published generation supersedes (rows.json stays: it is the export). */
const LEGACY_FILES = [DATA_FILES.manifest, DATA_FILES.index, DATA_FILES.glossary];

/** gen-20141231T235959123Z-4242: sortable by time, unique per process. */
export function generationName(now = new Date(), pid = process.pid): string {
  return `gen-${now.toISOString().replace(/[-:.]/g, '')}-${pid}`;
}

/** A generation name not yet used in `dataDir` (two builds by one process within a millisecond differ too). */
export function freshGenerationName(dataDir: string, now = Date.now()): string {
  let t = now;
  while (existsSync(join(dataDir, generationName(new Date(t)))) || existsSync(join(dataDir, `${generationName(new Date(t))}.tmp`))) t++;
  return generationName(new Date(t));
}

/** The generation a pointer file names, or null when it is absent or does not hold a generation name. */
export function readPointer(dataDir: string, file = POINTER_FILE): string | null {
  try {
    const name = readFileSync(join(dataDir, file), 'utf8').trim();
    return GENERATION_NAME.test(name) ? name : null;
  } catch {
    return null;
  }
}

export type BuildLocation =
  | { kind: 'generation'; dir: string; name: string }
  | { kind: 'legacy'; dir: string }
  | { kind: 'none'; why: string };

/** Where the data being served lives: the generation CURRENT names, else a legacy flat data/, else nowhere. */
export function locateBuild(dataDir: string): BuildLocation {
  const pointer = join(dataDir, POINTER_FILE);
  if (existsSync(pointer)) {
    const name = readPointer(dataDir);
    if (name === null) return { kind: 'none', why: `${POINTER_FILE} is corrupt` };
    const dir = join(dataDir, name);
    if (!existsSync(join(dir, DATA_FILES.manifest))) return { kind: 'none', why: `${POINTER_FILE} names ${name}, which is missing or incomplete` };
    return { kind: 'generation', dir, name };
  }
  if (existsSync(join(dataDir, DATA_FILES.manifest))) return { kind: 'legacy', dir: dataDir };
  return { kind: 'none', why: 'no built data yet' };
}

/**
 * Entries of data/ a writer holding the lock may delete: temp files and directories (from a killed writer),
 * generations other than the current and previous one, and flat-layout files once a generation is current.
 * Pure, so the rule is testable without a file system; anything else (models-cache/, rows.json) is kept.
 */
export function entriesToRemove(entries: readonly string[], current: string | null, previous: string | null): string[] {
  return entries.filter((name) => {
    if (name.endsWith('.tmp')) return true;
    if (GENERATION_NAME.test(name)) return name !== current && name !== previous;
    return current !== null && LEGACY_FILES.includes(name as (typeof LEGACY_FILES)[number]);
  });
}

/** Deletes leftovers (see entriesToRemove). Only call while holding the data/ lock. */
export function removeLeftovers(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  const current = readPointer(dataDir);
  const previous = readPointer(dataDir, PREVIOUS_FILE);
  const removed = entriesToRemove(readdirSync(dataDir), current, previous);
  for (const name of removed) rmSync(join(dataDir, name), { recursive: true, force: true });
  return removed;
}

/** Makes data/rows.json a copy of the current generation's rows when it is not (a writer killed between the two). */
export function syncRowsExport(dataDir: string): boolean {
  const build = locateBuild(dataDir);
  if (build.kind !== 'generation') return false;
  const rows = join(build.dir, DATA_FILES.rows);
  const exported = join(dataDir, DATA_FILES.rows);
  if (existsSync(exported) && sha256(readFileSync(exported)) === sha256(readFileSync(rows))) return false;
  const tmp = join(dataDir, `.${DATA_FILES.rows}.${process.pid}.export.tmp`);
  copyFileSync(rows, tmp);
  renameSync(tmp, exported);
  return true;
}

/** Whether data/rows.json matches the rows of the generation being served (always true for the flat layout). */
export function rowsExportIsCurrent(dataDir: string): boolean {
  const build = locateBuild(dataDir);
  if (build.kind !== 'generation') return true;
  const exported = join(dataDir, DATA_FILES.rows);
  if (!existsSync(exported)) return false;
  try {
    const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(build.dir, DATA_FILES.manifest), 'utf8')));
    return sha256(readFileSync(exported)) === manifest.rowsSha256;
  } catch {
    return false;
  }
}

/**
 * Publishes a finished build directory (gen-….tmp) as the current generation: rename it to its final name,
 * remember the generation it replaces, switch CURRENT (one atomic rename), refresh the rows export, and delete
 * what is no longer needed. Only call while holding the data/ lock.
 */
export function publishGeneration(dataDir: string, buildDir: string, name: string): void {
  if (!statSync(join(buildDir, DATA_FILES.manifest)).isFile()) throw new Error(`${buildDir}: no manifest, not publishing`);
  renameSync(buildDir, join(dataDir, name));
  const replaced = readPointer(dataDir);
  if (replaced !== null) writeFileAtomic(join(dataDir, PREVIOUS_FILE), `${replaced}\n`);
  writeFileAtomic(join(dataDir, POINTER_FILE), `${name}\n`);
  syncRowsExport(dataDir);
  removeLeftovers(dataDir);
}
