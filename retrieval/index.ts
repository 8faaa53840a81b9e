// The retrieval stage's entry point for its consumers (CLI, bot): data/ ensured, engine ready.
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseEmbeddingConfig } from '../ingest/embed/config.ts';
import { loadEmbedder } from '../ingest/embed/load.ts';
import type { Embedder } from '../ingest/embed/types.ts';
import { ReportEngine } from './engine.ts';
import { loadLexiconHooks } from './lexicon-hooks.ts';
import { ensureData } from './store.ts';
import type { ReportQueries } from './types.ts';

export const DEFAULT_SEED_PATH = 'seeds/a-69-653-budget-performance-2013-14.zh.txt';
export const DEFAULT_DATA_DIR = 'data';

export interface OpenOptions {
  seedPath?: string;
  dataDir?: string;
  log?: (line: string) => void;
  /** Defaults to the embedder chosen by the EMBEDDER/EMBEDDING_MODEL… environment. */
  embedder?: Embedder;
  env?: NodeJS.ProcessEnv;
}

const PathsSchema = z.object({
  REPORT_PATH: z.string().trim().min(1).optional(),
  DATA_DIR: z.string().trim().min(1).optional(),
});

export async function openReportEngine(options: OpenOptions = {}): Promise<ReportEngine> {
  const log = options.log ?? ((line: string) => console.error(line));
  const env = options.env ?? process.env;
  const paths = PathsSchema.safeParse({ REPORT_PATH: env.REPORT_PATH || undefined, DATA_DIR: env.DATA_DIR || undefined });
  if (!paths.success) throw new Error(`invalid ${paths.error.issues[0]?.path.join('.')}: ${paths.error.issues[0]?.message}`);
  const embedder = options.embedder ?? (await loadEmbedder(parseEmbeddingConfig(env), log)).embedder;
  const data = await ensureData({
    seedPath: resolve(options.seedPath ?? paths.data.REPORT_PATH ?? DEFAULT_SEED_PATH),
    dataDir: resolve(options.dataDir ?? paths.data.DATA_DIR ?? DEFAULT_DATA_DIR),
    embedder,
    log,
  });
  return new ReportEngine({ data, embedder, ...loadLexiconHooks() });
}

export async function openReportQueries(options: OpenOptions = {}): Promise<ReportQueries> {
  return openReportEngine(options);
}

export type { ReportQueries } from './types.ts';
