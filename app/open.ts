// The composition root: configuration -> embedder -> data/ (ingested here when missing or stale) -> engine.
// Only this folder wires stages together; retrieval never parses the report.
import { parseEmbeddingConfig } from '../embed/config.ts';
import { loadEmbedder } from '../embed/load.ts';
import type { Embedder } from '../embed/types.ts';
import { createReportQueries, type ChatEngine, type ContextStore } from '../retrieval/index.ts';
import { PARSER_VERSION } from '../ingest/build-index.ts';
import { readSeed, runIngest } from '../ingest/pipeline.ts';
import { conversationTtlSeconds, DEFAULT_DATA_DIR, DEFAULT_REPORT_PATH, resolveDataPaths } from '../config/env.ts';
import { rowsExportIsCurrent, syncRowsExport } from '../store/generations.ts';
import { loadBuilt, staleReason, type Expected, type LoadedData } from '../store/load.ts';
import { acquireLock, LockBusyError, waitForUnlock } from '../store/lock.ts';
import type { ReportQueries } from '../retrieval/index.ts';

export const DEFAULT_SEED_PATH = DEFAULT_REPORT_PATH;
export { DEFAULT_DATA_DIR };

/** How long a start waits for an ingest another process is running before giving up. */
const WAIT_FOR_OTHER_INGEST_MS = 10 * 60_000;

export interface OpenOptions {
  seedPath?: string;
  dataDir?: string;
  log?: (line: string) => void;
  /** Defaults to the embedder chosen by the EMBEDDER/EMBEDDING_MODEL… environment. */
  embedder?: Embedder;
  env?: NodeJS.ProcessEnv;
  /** Where conversations are kept (default: in memory). */
  contexts?: ContextStore;
  contextTtlSeconds?: number;
  fusion?: 'hybrid' | 'keyword';
}

export async function openReportEngine(options: OpenOptions = {}): Promise<ChatEngine> {
  const log = options.log ?? ((line: string) => console.error(line));
  const env = options.env ?? process.env;
  // Every setting is validated before the (possibly slow) embedder loads: a typo fails in milliseconds.
  const paths = resolveDataPaths(env, { seedPath: options.seedPath, dataDir: options.dataDir });
  const embeddingConfig = options.embedder ? undefined : parseEmbeddingConfig(env);
  for (const note of paths.notes) log(note);
  const embedder = options.embedder ?? (await loadEmbedder(embeddingConfig ?? parseEmbeddingConfig(env), log)).embedder;
  const data = await ensureData({ seedPath: paths.seedPath, dataDir: paths.dataDir, embedder, log });
  return createReportQueries(data, embedder, {
    ...(options.contexts ? { contexts: options.contexts } : {}),
    contextTtlSeconds: options.contextTtlSeconds ?? conversationTtlSeconds(env),
    ...(options.fusion ? { fusion: options.fusion } : {}),
    // A sentence-embedding model is calibrated enough for its nearest rows to join the candidates by
    // themselves; the built-in n-gram embedder only re-ranks what the keywords found.
    vectorCandidates: embedder.id.startsWith('local-ngram') ? null : { k: 50, minSimilarity: 0.88 },
  });
}

export async function openReportQueries(options: OpenOptions = {}): Promise<ReportQueries> {
  return openReportEngine(options);
}

export type { ReportQueries } from '../retrieval/index.ts';

interface EnsureOptions {
  seedPath: string;
  dataDir: string;
  embedder: Embedder;
  log?: (line: string) => void;
}

/** The stored data when it matches, else why not (a reason to rebuild). */
function tryLoad(dataDir: string, expected: Expected): { data: LoadedData } | { reason: string } {
  const reason = staleReason(dataDir, expected);
  if (reason !== null) return { reason };
  try {
    return { data: { ...loadBuilt(dataDir), rebuiltBecause: null } };
  } catch (err) {
    return { reason: `stored data could not be read (${err instanceof Error ? err.message.split('\n')[0] : String(err)})` };
  }
}

/** Brings data/rows.json back in line with the served generation, unless an ingest is writing (it will). */
function repairRowsExport(dataDir: string): void {
  if (rowsExportIsCurrent(dataDir)) return;
  try {
    const release = acquireLock(dataDir);
    try {
      syncRowsExport(dataDir);
    } finally {
      release();
    }
  } catch (err) {
    if (!(err instanceof LockBusyError)) throw err;
  }
}

/**
 * data/ for this seed and embedder: loaded as it is when it matches, else (re)built by the ingest stage first.
 * A damaged report is refused by the ingest (nothing is served). When another process is ingesting, this waits
 * for it and uses its result if that is what is needed.
 */
export async function ensureData(options: EnsureOptions): Promise<LoadedData> {
  const log = options.log ?? (() => {});
  const { sha256: seedSha256 } = readSeed(options.seedPath);
  const expected = { seedSha256, parserVersion: PARSER_VERSION, embedderId: options.embedder.id, dimensions: options.embedder.dimensions };
  for (let attempt = 0; ; attempt++) {
    const loaded = tryLoad(options.dataDir, expected);
    if ('data' in loaded) {
      repairRowsExport(options.dataDir);
      return loaded.data;
    }
    log(`building data/ (${loaded.reason})…`);
    try {
      await runIngest({ ...options, log });
      return { ...loadBuilt(options.dataDir), rebuiltBecause: loaded.reason };
    } catch (err) {
      if (!(err instanceof LockBusyError) || attempt > 0) throw err;
      log(`waiting for the ingest running as pid ${err.pid}…`);
      if (!(await waitForUnlock(options.dataDir, WAIT_FOR_OTHER_INGEST_MS))) throw err;
    }
  }
}
