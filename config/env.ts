// Settings every entry point shares: `.env` loading and where the report and data/ are. A leaf: it imports no
// stage, so ingest/ and app/ (and bot/) read the environment the same way.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { configError } from './errors.ts';

export const DEFAULT_REPORT_PATH = 'seeds/a-69-653-budget-performance-2013-14.zh.txt';
export const DEFAULT_DATA_DIR = 'data';

export { UserError } from './errors.ts';

/**
 * Loads `.env` into process.env if the file exists. Variables already set in the real environment win
 * (process.loadEnvFile never overrides). Node < 20.12 lacks loadEnvFile: then `.env` is skipped with a note.
 */
export function loadDotEnv(path = '.env', warn: (line: string) => void = () => {}): boolean {
  if (!existsSync(path)) return false;
  const loader = (process as { loadEnvFile?: (path?: string) => void }).loadEnvFile;
  if (typeof loader !== 'function') {
    warn(`${path} found but this Node.js has no process.loadEnvFile (needs 20.12+); set variables in the environment`);
    return false;
  }
  try {
    loader.call(process, path);
  } catch (err) {
    throw configError(path, `could not be read: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  return true;
}

// `DATA_DIR=` in .env means "not set" (the default), never "the current directory": an empty path resolves to
// the project root, where an ingest would scatter its files.
const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const PathsSchema = z.object({
  REPORT_PATH: z.preprocess(blankToUndefined, z.string().trim().optional()),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().trim().optional()),
});

export interface DataPaths {
  seedPath: string;
  dataDir: string;
  /** Notes worth one log line (a blank variable taken as unset). */
  notes: string[];
}

/** Why `seedPath` cannot be the report, or null when it is a file (its content is checked by the ingest). */
function seedProblem(seedPath: string): string | null {
  if (!existsSync(seedPath)) return `${seedPath}: file not found`;
  if (!statSync(seedPath).isFile()) return `${seedPath}: not a file`;
  return null;
}

/**
 * The report and data/ locations from the environment, resolved against `cwd`. An explicit `seedPath` or
 * `dataDir` (a command-line argument, a test) wins over the variables. Throws a UserError naming the variable.
 */
export function resolveDataPaths(
  env: Readonly<Record<string, string | undefined>>,
  explicit: { seedPath?: string | undefined; dataDir?: string | undefined } = {},
  cwd = process.cwd(),
): DataPaths {
  const parsed = PathsSchema.parse({ REPORT_PATH: env.REPORT_PATH, DATA_DIR: env.DATA_DIR });
  const notes: string[] = [];
  if (explicit.dataDir === undefined && env.DATA_DIR !== undefined && parsed.DATA_DIR === undefined) {
    notes.push(`DATA_DIR is empty: using the default ${DEFAULT_DATA_DIR}/`);
  }
  const seedPath = resolve(cwd, explicit.seedPath ?? parsed.REPORT_PATH ?? DEFAULT_REPORT_PATH);
  const dataDir = resolve(cwd, explicit.dataDir ?? parsed.DATA_DIR ?? DEFAULT_DATA_DIR);
  if (dataDir === resolve(cwd) && explicit.dataDir === undefined) {
    throw configError('DATA_DIR', `must not be the project directory itself (${dataDir}); use a folder such as ${DEFAULT_DATA_DIR}`);
  }
  // A path given explicitly (a command-line argument) is checked by whoever reads it, naming the file itself.
  const problem = explicit.seedPath === undefined ? seedProblem(seedPath) : null;
  if (problem !== null) throw configError('REPORT_PATH', `${problem}${parsed.REPORT_PATH === undefined ? ' (the default report)' : ''}`);
  return { seedPath, dataDir, notes };
}

/** CONVERSATION_TTL_MINUTES: idle minutes after which a conversation's context is forgotten (default 15). */
export function conversationTtlSeconds(env: Readonly<Record<string, string | undefined>>): number {
  const parsed = z
    .preprocess(blankToUndefined, z.coerce.number().int().min(1).max(24 * 60).default(15))
    .safeParse(env.CONVERSATION_TTL_MINUTES);
  if (!parsed.success) throw configError('CONVERSATION_TTL_MINUTES', 'must be a whole number of minutes between 1 and 1440');
  return parsed.data * 60;
}
