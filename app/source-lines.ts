// The report's own lines of a row, for /source and the "原文 / Source" buttons: read from the seed file at
// REPORT_PATH (the file the rows were parsed from), once, on first use. bot/ gets this function, not the file.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OutputRecord } from '../store/schema.ts';
import { DEFAULT_SEED_PATH } from './open.ts';

export function seedPath(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.REPORT_PATH?.trim() || DEFAULT_SEED_PATH);
}

/** `sourceLines(id)`: the seed's lines `line..lineEnd` of the row, verbatim; undefined for an unknown id. */
export function seedSourceLines(path: string, row: (id: string) => Pick<OutputRecord, 'line' | 'lineEnd'> | undefined): (id: string) => Promise<string[] | undefined> {
  let lines: string[] | undefined;
  return async (id) => {
    const r = row(id);
    if (!r) return undefined;
    lines ??= readFileSync(path, 'utf8').split(/\r?\n/);
    return lines.slice(r.line - 1, r.lineEnd);
  };
}
