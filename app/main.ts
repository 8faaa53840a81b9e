// `npm start`: configuration → report engine → Discord bot (token set) or terminal chat (no token).
import { setTimeout as sleep } from 'node:timers/promises';
import { createBot, type Bot } from '../bot/gateway/discord-bot.ts';
import { shardingOptions } from '../bot/gateway/fatal.ts';
import { clearBackoff, DEFAULT_BACKOFF, identifyDelayMs, readBackoff, recordFatalClose } from '../bot/gateway/identify-backoff.ts';
import { loadConfigOrExit } from '../bot/gateway/config.ts';
import { createLogger, redact } from '../bot/logger.ts';
import { runTerminalChat } from '../bot/terminal/chat.ts';
import { conversationStore } from '../bot/conversation.ts';
import { parseStateConfig, StateConfigError, openResilientStateStore } from '../state/open.ts';
import { parseStateLimits, StateLimitsError } from '../state/quota.ts';
import { seedPath, seedSourceLines } from './source-lines.ts';
import { exitWhenFlushed, oneLine } from '../config/cli.ts';
import { loadDotEnv, resolveDataPaths } from '../config/env.ts';
import { parseEmbeddingConfig } from '../embed/config.ts';

async function loadEngine() {
  // Imported only after the configuration is valid: the engine pulls in the embedding runtime, and a typo
  // in .env should fail in milliseconds, not after loading a model.
  const { openReportQueries } = await import('./open.ts');
  return openReportQueries;
}

async function main(): Promise<void> {
  loadDotEnv('.env', (line) => process.stderr.write(line + '\n'));
  const config = loadConfigOrExit();
  // The report, data/ and embedder settings too, before anything slow: a bad value is one line at once.
  const { dataDir } = resolveDataPaths(process.env);
  parseEmbeddingConfig(process.env);
  const logger = createLogger({ level: config.logLevel, secrets: [config.token] });

  // A stray rejection (a failed button edit, a network blip) is logged; the bot keeps serving.
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { error: reason }));
  // State after an uncaught exception is unknown: log it (redacted) and exit for the supervisor to restart.
  process.on('uncaughtException', (error) => {
    logger.error('uncaught exception', { error });
    process.exit(1);
  });

  // Paged answers, conversations, settings and feedback survive restarts (STATE_BACKEND, default SQLite).
  let stateConfig;
  let limits;
  try {
    stateConfig = parseStateConfig(process.env);
    limits = parseStateLimits(process.env);
  } catch (error) {
    if (error instanceof StateConfigError || error instanceof StateLimitsError) {
      process.stderr.write(error.message + '\n');
      process.exit(1);
    }
    throw error;
  }
  // A store that fails (now or later) costs context and paging, never answers: see state/resilient.ts.
  const state = await openResilientStateStore(stateConfig, { log: (line) => logger.warn(line) });

  const openReportQueries = await loadEngine();
  const started = Date.now();
  const queries = await openReportQueries({ log: (line) => logger.info(line), contexts: conversationStore(state) });
  logger.info('report loaded', { units: queries.units().length, ms: Date.now() - started, state: state.backend });
  const sourceLines = seedSourceLines(seedPath(), (id) => queries.row(id));

  if (!config.token) {
    logger.info('DISCORD_TOKEN not set: terminal chat');
    process.on('SIGTERM', () => process.exit(0));
    const { defaultRenderChart } = await import('../bot/context.ts');
    // Stored answers (the next steps' plans) stay in memory: a terminal session needs nothing of them after it ends.
    await runTerminalChat({ queries, sourceLines, renderChart: defaultRenderChart });
    await state.close();
    return;
  }

  const bot: Bot = createBot({
    queries,
    store: state,
    limits,
    sourceLines,
    config,
    logger,
    clientOptions: { ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}), ...shardingOptions(config.shards) },
    onFatal: ({ code, shardId, line }) => {
      // One line that says what to fix; the supervisor's restart then waits (identify-backoff.ts).
      logger.error(line, { code, shardId });
      recordFatalClose(dataDir, code);
      process.exit(1);
    },
  });
  bot.onceReady(() => clearBackoff(dataDir));
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      // A second Ctrl+C means "now".
      process.exit(1);
    }
    stopping = true;
    logger.info('shutting down', { signal });
    bot
      .stop()
      .then(() => state.close())
      .catch((error: unknown) => logger.error('error while stopping', { error }))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  const previous = readBackoff(dataDir);
  const wait = identifyDelayMs(previous, Date.now(), { ...DEFAULT_BACKOFF, baseMs: config.identifyBackoffMs ?? DEFAULT_BACKOFF.baseMs });
  if (wait > 0 && previous) {
    logger.warn(`waiting ${Math.ceil(wait / 1000)} s before identifying: the gateway refused the last ${previous.failures} start(s)`, { lastCode: previous.lastCode });
    await sleep(wait);
  }
  await bot.start();
}

main().catch(async (error: unknown) => {
  // /gateway/bot answered 401 before any gateway connection: the same fix as a 4004 close, in one line.
  if ((error as { code?: unknown } | null)?.code === 'TokenInvalid') {
    process.stderr.write('Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the current token from the Developer Portal (Bot → Reset Token)\n');
    await exitWhenFlushed(1);
  }
  // A setting or report problem is one line; anything else is a bug, and its stack helps.
  const { isExpectedFailure } = await import('./errors.ts');
  const text = isExpectedFailure(error) ? oneLine(error) : error instanceof Error ? (error.stack ?? error.message) : String(error);
  const token = process.env.DISCORD_TOKEN;
  process.stderr.write(`fatal: ${token && token.length >= 6 ? redact(text, [token]) : text}\n`);
  await exitWhenFlushed(1);
});
