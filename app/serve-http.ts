// `npm run serve:http`: the HTTP interactions endpoint. Configuration → listen (healthz says 503 until the
// engine is loaded, so a load balancer sends nothing yet) → engine → serve. SIGTERM drains: no new
// connections, in-flight requests answered, their follow-ups sent, then exit 0.
import { loadDotEnv } from '../bot/gateway/config.ts';
import { commands } from '../bot/commands/index.ts';
import { createHttpInteractionHandler } from '../bot/http/adapter.ts';
import { createBridgeDispatch, type PageStore } from '../bot/http/bridge.ts';
import { conversationStore } from '../bot/conversation.ts';
import { openStateStoreFromEnv } from '../state/open.ts';
import { seedPath, seedSourceLines } from './source-lines.ts';
import { parseHttpConfig, type HttpConfig } from '../bot/http/config.ts';
import { UserError } from '../config/errors.ts';
import { webhookRest } from '../bot/http/rest.ts';
import { createInteractionsServer } from '../bot/http/server.ts';
import { publicKeyFromHex } from '../bot/http/signature.ts';
import { createLogger, type Logger } from '../bot/logger.ts';
import type { ReportQueries } from '../retrieval/types.ts';

const PAGE_TTL_SECONDS = 600;

function configOrExit(): HttpConfig {
  try {
    return parseHttpConfig(process.env);
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(error.message + '\n');
      process.exit(1);
    }
    throw error;
  }
}

/** The configured StateStore (STATE_BACKEND): Redis for several replicas, SQLite for one. */
async function openPageStore(_config: HttpConfig, logger: Logger): Promise<PageStore> {
  const store = await openStateStoreFromEnv(process.env, { log: (line) => logger.warn(line) });
  if (store.backend !== 'redis') logger.warn(`state is kept by this process (${store.backend}): run one replica, or set STATE_BACKEND=redis`);
  return store;
}

async function main(): Promise<void> {
  loadDotEnv('.env', (line) => process.stderr.write(line + '\n'));
  const config = configOrExit();
  const logger = createLogger({ level: config.logLevel, secrets: [config.token] });
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { error: reason }));

  let queries: ReportQueries | undefined;
  const store = await openPageStore(config, logger);
  const engine = (async () => {
    const { openReportQueries } = await import('./open.ts');
    const started = Date.now();
    queries = await openReportQueries({ log: (line) => logger.info(line), contexts: conversationStore(store) });
    logger.info('report loaded', { units: queries.units().length, ms: Date.now() - started });
    return queries;
  })();

  const rest = webhookRest(config, logger);
  const dispatch = engine.then((q) =>
    createBridgeDispatch({ queries: q, logger, store, commands, pageTtlSeconds: PAGE_TTL_SECONDS, sourceLines: seedSourceLines(seedPath(), (id) => q.row(id)) }),
  );
  const handler = createHttpInteractionHandler({
    rest,
    applicationId: config.applicationId,
    logger,
    // Interactions that arrive while the engine loads wait for it (the adapter defers them meanwhile).
    dispatch: async (input, responder) => (await dispatch)(input, responder),
  });
  const server = createInteractionsServer({
    publicKey: publicKeyFromHex(config.publicKey),
    handler,
    logger,
    isReady: () => queries !== undefined,
    maxAgeSeconds: config.signatureMaxAgeSeconds,
  });
  const port = await server.listen(config.port, config.host);
  logger.info('interactions endpoint listening', { host: config.host, port });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info('draining', { signal, inFlight: server.inFlight });
    void server.shutdown(config.shutdownGraceMs).then(async ({ drained }) => {
      // SQLite checkpoints and Redis quits cleanly only when closed; the follow-ups are done by now.
      await store.close().catch((error: unknown) => logger.warn('could not close the state store', { error }));
      if (drained) {
        logger.info('stopped');
        process.exit(0);
      }
      logger.error('stopped before every follow-up was sent', { graceMs: config.shutdownGraceMs });
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await engine;
}

main().catch((error: unknown) => {
  process.stderr.write(`serve:http failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
