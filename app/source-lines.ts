// The report's own lines of a row, for /source and the "原文 / Source" buttons: read from the seed file at
// REPORT_PATH (the file the rows were parsed from), once, on first use. bot/ gets this function, not the file.
import { readFileSync } from 'node:fs';
import type { OutputRecord } from '../store/schema.ts';
import { resolveDataPaths } from '../config/env.ts';

/** The report file the bot serves (REPORT_PATH, or the default report), as the engine resolves it. */
export function seedPath(env: NodeJS.ProcessEnv = process.env): string {
  return resolveDataPaths(env).seedPath;
}

/**
 * The text extraction doubled every line break (a line, a blank, a line…), and a paragraph break became two or
 * more blanks. Undoubled: a lone blank line between two lines goes, a run of blanks becomes one; the text of
 * every line stays verbatim.
 */
export function undoubleBlankLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  let blanks = 0;
  for (const line of lines) {
    if (line.trim() === '') {
      blanks++;
      continue;
    }
    if (out.length > 0 && blanks >= 2) out.push('');
    blanks = 0;
    out.push(line);
  }
  return out;
}

/** `sourceLines(id)`: the seed's lines `line..lineEnd` of the row, verbatim less the doubled blank lines; undefined for an unknown id. */
export function seedSourceLines(path: string, row: (id: string) => Pick<OutputRecord, 'line' | 'lineEnd'> | undefined): (id: string) => Promise<string[] | undefined> {
  let lines: string[] | undefined;
  return async (id) => {
    const r = row(id);
    if (!r) return undefined;
    lines ??= readFileSync(path, 'utf8').split(/\r?\n/);
    return undoubleBlankLines(lines.slice(r.line - 1, r.lineEnd));
  };
}
