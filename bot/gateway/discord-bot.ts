// The Discord bot: a discord.js client whose events (bot/events/) hand plain inputs to transport-agnostic
// handlers (bot/interactions/, bot/mentions.ts). Every outgoing payload carries allowedMentions { parse: [] }:
// a row containing "@everyone" or a question naming a role must never ping anyone.
import { Client, Events, GatewayIntentBits, Partials, type ClientOptions } from 'discord.js';
import { commands as defaultCommands, type SlashCommand } from '../commands/index.ts';
import type { BotConfig } from './config.ts';
import { createContext, DEFAULT_ANSWER_TTL_SECONDS, defaultRenderChart, type BotContext, type BotServices } from '../context.ts';
import { registerEvents } from './events/index.ts';
import { noMentions } from './adapter.ts';
import { guardPacketHandling } from './packet-guard.ts';
import { watchFatalClose, type FatalClose } from './fatal.ts';
import type { Logger } from '../logger.ts';
import type { StateStore } from '../state.ts';
import type { ReportQueries } from '../../retrieval/types.ts';
import { splitCsv } from '../../present/csv.ts';
import { namesFor } from '../../present/names.ts';

export { noMentions, toMessageOptions } from './adapter.ts';
export { guardPacketHandling } from './packet-guard.ts';

export interface CreateBotOptions {
  queries: ReportQueries;
  store: StateStore;
  config: Pick<BotConfig, 'token' | 'paginationTimeoutMs'>;
  logger: Logger;
  /** The report's lines of a row (from app/: the seed file at REPORT_PATH). */
  sourceLines?: BotServices['sourceLines'];
  /** Default: present/chart.ts; null sends answers without charts. */
  renderChart?: BotServices['renderChart'];
  /** Default: present/csv.ts splitCsv. */
  csvParts?: BotServices['csvParts'];
  answerTtlSeconds?: number;
  /** Per-user caps on stored answers and votes (default: DEFAULT_STATE_LIMITS). */
  limits?: BotServices['limits'];
  now?: () => number;
  /** Overrides merged over the defaults (tests point `rest.api` and the gateway at an emulator). */
  clientOptions?: Partial<ClientOptions>;
  commands?: ReadonlyMap<string, SlashCommand>;
  /** A gateway close Discord will not let us recover from (4004, 4010-4014); the caller should exit. */
  onFatal?: (fatal: FatalClose) => void;
}

export interface Bot {
  client: Client;
  ctx: BotContext;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Called once the gateway session is ready (so app/ needs no discord.js types). */
  onceReady(listener: () => void): void;
}

export function createBot(options: CreateBotOptions): Bot {
  const { config, logger } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages, GatewayIntentBits.MessageContent],
    // DM channels are not cached before their first message; without this partial, DMs are dropped.
    partials: [Partials.Channel],
    allowedMentions: noMentions(),
    ...options.clientOptions,
  });

  const ctx = createContext({
    queries: options.queries,
    store: options.store,
    logger,
    sourceLines: options.sourceLines ?? (async () => undefined),
    renderChart: options.renderChart === undefined ? defaultRenderChart : options.renderChart,
    csvParts: options.csvParts ?? ((records, language, maxBytes) => splitCsv(records, language, maxBytes, { names: namesFor(options.queries) })),
    paginationTimeoutMs: config.paginationTimeoutMs,
    answerTtlSeconds: options.answerTtlSeconds ?? DEFAULT_ANSWER_TTL_SECONDS,
    ...(options.limits ? { limits: options.limits } : {}),
    now: options.now ?? Date.now,
  });

  guardPacketHandling(client, logger);
  registerEvents(client, { client, ctx, commands: options.commands ?? defaultCommands });
  if (options.onFatal) watchFatalClose(client, options.onFatal);
  client.rest.on('rateLimited', (info) =>
    logger.warn('REST rate limited', { route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global }),
  );

  return {
    client,
    ctx,
    async start() {
      if (!config.token) throw new Error('createBot.start needs DISCORD_TOKEN');
      await client.login(config.token);
    },
    async stop() {
      ctx.timers.clear();
      await client.destroy();
    },
    onceReady(listener) {
      client.once(Events.ClientReady, () => listener());
    },
  };
}
