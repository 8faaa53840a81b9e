// `npm run serve:http`: the HTTP interactions endpoint. Configuration → listen (healthz says 503 until the
// engine is loaded, so a load balancer sends nothing yet) → engine → serve. SIGTERM: /healthz fails at once,
// requests are still served for HTTP_SHUTDOWN_GRACE_SECONDS (the load balancer takes the replica out), then no
// new connections, in-flight requests answered, their follow-ups sent, exit 0.
import { loadDotEnv } from '../bot/gateway/config.ts';
import { commands } from '../bot/commands/index.ts';
import { createHttpInteractionHandler } from '../bot/http/adapter.ts';
import { createBridgeDispatch, type PageStore } from '../bot/http/bridge.ts';
import { conversationStore } from '../bot/conversation.ts';
import { openResilientStateStore, parseStateConfig, StateConfigError } from '../state/open.ts';
import type { ResilientStateStore } from '../state/resilient.ts';
import { parseStateLimits } from '../state/quota.ts';
import { resolveDataPaths } from '../config/env.ts';
import { seedPath, seedSourceLines } from './source-lines.ts';
import { parseHttpConfig, type HttpConfig } from '../bot/http/config.ts';
import { UserError } from '../config/errors.ts';
import { webhookRest } from '../bot/http/rest.ts';
import { createInteractionsServer } from '../bot/http/server.ts';
import { publicKeyFromHex } from '../bot/http/signature.ts';
import { createLogger, type Logger } from '../bot/logger.ts';
import type { ReportQueries } from '../retrieval/types.ts';

const PAGE_TTL_SECONDS = 600;

/** The message of a configuration error (one line or several), or rethrows anything else. */
function configProblem(check: () => unknown): string[] {
  try {
    check();
    return [];
  } catch (error) {
    if (error instanceof UserError || error instanceof StateConfigError) return [error.message];
    throw error;
  }
}

/** Every setting is checked before anything starts, and every problem is named in this one run. */
function configOrExit(): HttpConfig {
  const problems = [
    ...configProblem(() => parseHttpConfig(process.env)),
    ...configProblem(() => parseStateConfig(process.env)),
    ...configProblem(() => resolveDataPaths(process.env)),
  ];
  if (problems.length > 0) {
    process.stderr.write(problems.join('\n') + '\n');
    process.exit(1);
  }
  return parseHttpConfig(process.env);
}

/**
 * The configured StateStore (STATE_BACKEND): Redis for several replicas, SQLite for one; behind the wrapper
 * that keeps answering when it fails (state/resilient.ts) and tells /healthz.
 */
async function openPageStore(_config: HttpConfig, logger: Logger): Promise<PageStore & ResilientStateStore> {
  const store = await openResilientStateStore(parseStateConfig(process.env), { log: (line) => logger.warn(line) });
  if (store.backend !== 'redis') logger.warn(`state is kept by this process (${store.backend}): run one replica, or set STATE_BACKEND=redis`);
  return store;
}

async function main(): Promise<void> {
  loadDotEnv('.env', (line) => process.stderr.write(line + '\n'));
  const config = configOrExit();
  const logger = createLogger({ level: config.logLevel, secrets: [config.token] });
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { error: reason }));

  let queries: ReportQueries | undefined;
  const limits = parseStateLimits(process.env);
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
    createBridgeDispatch({ queries: q, logger, store, limits, commands, pageTtlSeconds: PAGE_TTL_SECONDS, sourceLines: seedSourceLines(seedPath(), (id) => q.row(id)) }),
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
    degraded: () => (store.status().state === 'degraded' ? ['state'] : []),
    maxAgeSeconds: config.signatureMaxAgeSeconds,
    limits: { maxConnections: config.maxConnections },
  });
  const port = await server.listen(config.port, config.host);
  logger.info('interactions endpoint listening', { host: config.host, port });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    // SIGTERM comes from a supervisor or orchestrator: give the load balancer its window. Ctrl-C does not wait.
    const serveForMs = signal === 'SIGTERM' ? config.serveAfterSigtermMs : 0;
    logger.info('draining: /healthz fails from now on', { signal, servingForMs: serveForMs, inFlight: server.inFlight });
    void server.stop({ serveForMs, drainTimeoutMs: config.shutdownGraceMs }).then(async ({ drained }) => {
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
