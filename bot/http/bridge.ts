// The HTTP endpoint's dispatch: the same dispatcher (bot/interactions/dispatch.ts) and handlers the gateway
// uses, over a context whose paged answers, stored answers and settings live in the shared StateStore, so any
// replica serves the next click.
import type { SlashCommand } from '../commands/types.ts';
import { createContext, DEFAULT_ANSWER_TTL_SECONDS, defaultRenderChart, type BotServices } from '../context.ts';
import { dispatchInteraction } from '../interactions/dispatch.ts';
import type { Logger } from '../logger.ts';
import type { StateStore } from '../state.ts';
import { MemoryStateStore } from '../../state/memory.ts';
import { splitCsv } from '../../present/csv.ts';
import { namesFor } from '../../present/names.ts';
import type { ReportQueries } from '../../retrieval/types.ts';
import type { Dispatch } from './adapter.ts';

/** The store the endpoint keeps answers and pages in (a StateStore: memory, SQLite or Redis). */
export type PageStore = StateStore;

export interface BridgeOptions {
  queries: ReportQueries;
  logger: Logger;
  store: PageStore;
  commands?: ReadonlyMap<string, SlashCommand>;
  /** How long page buttons stay live after the last click. */
  pageTtlSeconds: number;
  sourceLines?: BotServices['sourceLines'];
  renderChart?: BotServices['renderChart'];
  /** Per-user caps on stored answers and votes (default: DEFAULT_STATE_LIMITS). */
  limits?: BotServices['limits'];
}

export function createBridgeDispatch(options: BridgeOptions): Dispatch {
  const ctx = createContext({
    queries: options.queries,
    store: options.store,
    logger: options.logger,
    sourceLines: options.sourceLines ?? (async () => undefined),
    renderChart: options.renderChart === undefined ? defaultRenderChart : options.renderChart,
    csvParts: (records, language, maxBytes) => splitCsv(records, language, maxBytes, { names: namesFor(options.queries) }),
    paginationTimeoutMs: options.pageTtlSeconds * 1000,
    answerTtlSeconds: DEFAULT_ANSWER_TTL_SECONDS,
    ...(options.limits ? { limits: options.limits } : {}),
    now: Date.now,
  });
  return (input, responder) => dispatchInteraction(input, responder, ctx, options.commands ? { commands: options.commands } : {});
}

/** A store in this process only (one replica, tests). */
export function memoryPageStore(now: () => number = Date.now): PageStore {
  return new MemoryStateStore({ now });
}
