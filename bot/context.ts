// What every handler gets: the report, the state store, logging and the few functions app/ injects (the
// report's own lines for /source, charts, CSV). Plain interfaces, no discord.js, so the HTTP endpoint and the
// gateway share one context and tests pass fakes.
import type { OutputRecord } from '../store/schema.ts';
import type { Language, ReportQueries } from '../retrieval/types.ts';
import type { ChartSpec } from '../present/chart-spec.ts';
import type { Logger } from './logger.ts';
import { PagingTimers } from './answers/paging.ts';
import type { StateStore } from './state.ts';
import { DEFAULT_STATE_LIMITS, type StateLimits } from '../state/quota.ts';

export interface BotServices {
  queries: ReportQueries;
  store: StateStore;
  logger: Logger;
  /** The seed file's lines `line..lineEnd` of a row, verbatim (injected from app/: bot/ never reads the report). */
  sourceLines(id: string): Promise<string[] | undefined>;
  /** PNG of a bar chart (present/chart.ts renders off the main thread); null: answers go without charts. */
  renderChart: ((spec: ChartSpec) => Promise<Buffer>) | null;
  /** CSV of records in the answer's language, in parts of at most maxBytes each with the header row (present/csv.ts splitCsv). */
  csvParts(records: OutputRecord[], language: Language, maxBytes: number): Buffer[];
  /** How long page buttons stay live after the last click. */
  paginationTimeoutMs: number;
  /** How long an answer's Export / Source / 👍👎 buttons keep working. */
  answerTtlSeconds: number;
  /** Per-user caps on stored answers and votes (STATE_MAX_…_PER_USER); the defaults when absent. */
  limits?: StateLimits;
  now(): number;
}

export interface BotContext extends BotServices {
  limits: StateLimits;
  /** In-process timers that grey out page buttons when a paging session times out. */
  timers: PagingTimers;
}

export const DEFAULT_ANSWER_TTL_SECONDS = 7 * 24 * 3600;
/** Discord's upload limit for bots without boosts: 25 MiB per message. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/** present/chart.ts, loaded on the first chart: echarts and resvg are not needed to start answering. */
export const defaultRenderChart: NonNullable<BotServices['renderChart']> = async (spec) => (await import('../present/chart.ts')).renderChartPng(spec).then((r) => r.png);

export function createContext(services: BotServices, timers?: PagingTimers): BotContext {
  return { ...services, limits: services.limits ?? DEFAULT_STATE_LIMITS, timers: timers ?? new PagingTimers(services.store, services.now, (error, answerId) => services.logger.warn('could not grey out page buttons', { answerId, error })) };
}
