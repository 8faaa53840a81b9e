// `npm start`: configuration → report engine → Discord bot (token set) or terminal chat (no token).
import { createBot, type Bot } from '../bot/discord-bot.ts';
import { loadConfigOrExit } from '../bot/config.ts';
import { createLogger, redact } from '../bot/logger.ts';
import { runTerminalChat } from '../bot/terminal-chat.ts';
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
  resolveDataPaths(process.env);
  parseEmbeddingConfig(process.env);
  const logger = createLogger({ level: config.logLevel, secrets: [config.token] });

  // A stray rejection (a failed button edit, a network blip) is logged; the bot keeps serving.
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { error: reason }));
  // State after an uncaught exception is unknown: log it (redacted) and exit for the supervisor to restart.
  process.on('uncaughtException', (error) => {
    logger.error('uncaught exception', { error });
    process.exit(1);
  });

  const openReportQueries = await loadEngine();
  const started = Date.now();
  const queries = await openReportQueries({ log: (line) => logger.info(line) });
  logger.info('report loaded', { units: queries.units().length, ms: Date.now() - started });

  if (!config.token) {
    logger.info('DISCORD_TOKEN not set: terminal chat');
    process.on('SIGTERM', () => process.exit(0));
    await runTerminalChat({ queries });
    return;
  }

  const bot: Bot = createBot({ queries, config, logger });
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
      .catch((error: unknown) => logger.error('error while stopping', { error }))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  await bot.start();
}

main().catch(async (error: unknown) => {
  // A setting or report problem is one line; anything else is a bug, and its stack helps.
  const { isExpectedFailure } = await import('./errors.ts');
  const text = isExpectedFailure(error) ? oneLine(error) : error instanceof Error ? (error.stack ?? error.message) : String(error);
  const token = process.env.DISCORD_TOKEN;
  process.stderr.write(`fatal: ${token && token.length >= 6 ? redact(text, [token]) : text}\n`);
  await exitWhenFlushed(1);
});
