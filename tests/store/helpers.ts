// Checks shared by the data/ layout tests: what "a consistent data/" means, in one place.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DATA_FILES, ManifestSchema, sha256 } from '../../store/files.ts';
import { readPointer } from '../../store/generations.ts';
import { loadBuilt } from '../../store/load.ts';
import { LOCK_FILE } from '../../store/lock.ts';

/** The served generation's files match its manifest, rows.json is its copy, and nothing half-done is left. */
export function expectConsistent(dataDir: string): void {
  const name = readPointer(dataDir);
  expect(name).not.toBeNull();
  const dir = join(dataDir, name!);
  const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(dir, DATA_FILES.manifest), 'utf8')));
  expect(sha256(readFileSync(join(dir, DATA_FILES.rows)))).toBe(manifest.rowsSha256);
  expect(sha256(readFileSync(join(dir, DATA_FILES.index)))).toBe(manifest.indexSha256);
  expect(sha256(readFileSync(join(dataDir, DATA_FILES.rows)))).toBe(manifest.rowsSha256);
  const loaded = loadBuilt(dataDir);
  expect(loaded.records).toHaveLength(manifest.rowCount);
  expect(loaded.index.getCurrentCount()).toBe(manifest.rowCount);
  expect(leftovers(dataDir)).toEqual([]);
}

/** Entries of data/ an interrupted writer leaves: temp files and directories, a lock. */
export function leftovers(dataDir: string): string[] {
  return readdirSync(dataDir).filter((n) => n.endsWith('.tmp') || n === LOCK_FILE || n.startsWith(`${LOCK_FILE}.`));
}

export function generations(dataDir: string): string[] {
  return readdirSync(dataDir).filter((n) => /^gen-[^.]+$/.test(n)).sort();
}

export const exists = (dataDir: string, name: string) => existsSync(join(dataDir, name));
