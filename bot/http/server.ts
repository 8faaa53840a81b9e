// The interactions endpoint on plain node:http. Order matters: the signature headers (missing, malformed or
// stale ones are refused before a byte of the body is read), the size cap and the body deadline, the Ed25519
// check on the raw bytes, the nesting limit, then JSON, then the replay check. Nothing unsigned is parsed or
// buffered, and nothing a handler needs later lives here: the server only turns a verified body into the
// initial response and keeps track of the work still running after it (follow-ups) so that a SIGTERM can wait.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyObject } from 'node:crypto';
import type { Logger } from '../logger.ts';
import { BodyTimedOut, BodyTooLarge, nestingExceeds, readBody, RecentInteractions } from './guards.ts';
import { checkSignatureHeaders, DEFAULT_MAX_AGE_SECONDS, verifyDiscordSignature } from './signature.ts';

// Discord's largest interactions (a button on a message with embeds and components) stay far below this; an
// attacker with well-formed but false signature headers can make each connection hold this much for at most
// bodyTimeoutMs, so maxConnections × MAX_BODY_BYTES (64 MiB by default) bounds what the bodies can cost.
export const MAX_BODY_BYTES = 256 * 1024;

/** What one client may cost. Discord sends a whole interaction at once, far below every one of these. */
export interface EndpointLimits {
  /** Bytes of one body. */
  maxBodyBytes: number;
  /** From connection to the end of the headers (node's headersTimeout; a slow-headers client is cut off). */
  headersTimeoutMs: number;
  /** From the end of the headers to the end of the body. */
  bodyTimeoutMs: number;
  /** Open sockets at once; connections beyond it are closed as they arrive. */
  maxConnections: number;
  /** Nesting of objects/arrays in the JSON (Discord's deepest payloads stay below 20). */
  maxJsonDepth: number;
  /** Interaction ids remembered against replays. */
  rememberedInteractions: number;
}

export const DEFAULT_LIMITS: EndpointLimits = {
  maxBodyBytes: MAX_BODY_BYTES,
  headersTimeoutMs: 5_000,
  bodyTimeoutMs: 5_000,
  maxConnections: 256,
  maxJsonDepth: 64,
  rememberedInteractions: 100_000,
};
const INTERACTION_PATHS = new Set(['/', '/interactions']);

/** What Discord expects as the HTTP response body: an interaction callback ({type, data?}). */
export interface InitialResponse {
  type: number;
  data?: unknown;
}

export interface HandledInteraction {
  /** The initial response; must settle well inside Discord's 3 seconds. */
  initial: Promise<InitialResponse>;
  /** Everything after it (webhook edits and follow-ups); awaited on shutdown. Must not reject. */
  done: Promise<void>;
  /** Told when the initial response has left (or could not be sent): webhook calls wait for it. */
  markSent?(): void;
}

export interface InteractionHandler {
  handle(body: Record<string, unknown>): HandledInteraction;
}

export interface InteractionsServerOptions {
  publicKey: KeyObject;
  handler: InteractionHandler;
  logger: Logger;
  /** /healthz answers 200 only while this is true (the engine is loaded). */
  isReady: () => boolean;
  /**
   * The parts that are failing while the endpoint still answers (['state'] when the state store is down).
   * /healthz then says 200 {"status":"degraded"}: every replica shares the store, so a 503 would take them
   * all out of rotation at once, when each one can still answer from the report.
   */
  degraded?: () => string[];
  limits?: Partial<EndpointLimits>;
  maxAgeSeconds?: number;
  now?: () => number;
}

export interface InteractionsServer {
  server: Server;
  listen(port: number, host: string): Promise<number>;
  /** From now on /healthz answers 503 "draining"; requests are still served (the load balancer moves away). */
  startDraining(): void;
  /** Stops accepting, answers what is in flight, waits for follow-ups (at most `graceMs`). */
  shutdown(graceMs: number): Promise<{ drained: boolean }>;
  /** SIGTERM: fail /healthz at once, keep serving for `serveForMs`, then shut down (at most `drainTimeoutMs`). */
  stop(timing: { serveForMs: number; drainTimeoutMs: number }): Promise<{ drained: boolean }>;
  readonly inFlight: number;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** An answer after which the connection is closed: node then drops whatever body is still unread. */
function refuse(res: ServerResponse, status: number, error: string): void {
  sendJson(res, status, { error }, { connection: 'close' });
}

export function createInteractionsServer(options: InteractionsServerOptions): InteractionsServer {
  const { logger, handler } = options;
  const limits: EndpointLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const maxAgeSeconds = options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
  const nowMs = options.now ?? Date.now;
  const seen = new RecentInteractions(limits.rememberedInteractions, nowMs);
  const pending = new Set<Promise<void>>();
  let activeRequests = 0;
  let draining = false;

  const track = (p: Promise<void>) => {
    const t = p.catch((error: unknown) => logger.error('interaction follow-up failed', { error })).finally(() => pending.delete(t));
    pending.add(t);
  };

  /** The verified body, or undefined once a refusal has been sent. */
  const verifiedBody = async (req: IncomingMessage, res: ServerResponse): Promise<Buffer | undefined> => {
    const signature = req.headers['x-signature-ed25519'];
    const timestamp = req.headers['x-signature-timestamp'];
    const nowSeconds = Math.floor(nowMs() / 1000);
    // Discord itself probes the endpoint with bad signatures and expects 401; debug level keeps it quiet.
    const unsigned = (reason: string) => {
      logger.debug('refused an unsigned interaction request', { reason });
      refuse(res, 401, 'invalid request signature');
    };
    const headers = checkSignatureHeaders({ signature, timestamp, nowSeconds, maxAgeSeconds });
    if (!headers.ok) return void unsigned(headers.reason);
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limits.maxBodyBytes) return void refuse(res, 413, 'body too large');
    let raw: Buffer;
    try {
      raw = await readBody(req, limits.maxBodyBytes, limits.bodyTimeoutMs);
    } catch (error) {
      if (error instanceof BodyTooLarge) return void refuse(res, 413, 'body too large');
      if (error instanceof BodyTimedOut) return void refuse(res, 408, 'body not received in time');
      throw error;
    }
    const verdict = verifyDiscordSignature({ key: options.publicKey, signature, timestamp, body: raw, nowSeconds, maxAgeSeconds });
    if (!verdict.ok) return void unsigned(verdict.reason);
    return raw;
  };

  const onInteraction = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await verifiedBody(req, res);
    if (raw === undefined) return;
    if (nestingExceeds(raw, limits.maxJsonDepth)) return sendJson(res, 400, { error: 'body nests too deeply' });
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'body is not JSON' });
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'number') {
      return sendJson(res, 400, { error: 'not an interaction' });
    }
    const interaction = body as Record<string, unknown>;
    if (interaction.type === 1) return sendJson(res, 200, { type: 1 });
    if (typeof interaction.id !== 'string' || interaction.id === '') return sendJson(res, 400, { error: 'not an interaction' });
    // Remembered until its signature goes stale; after that the timestamp check refuses it anyway.
    const staleAtMs = (Number(req.headers['x-signature-timestamp']) + maxAgeSeconds) * 1000;
    if (!seen.claim(interaction.id, staleAtMs)) {
      logger.warn('refused a replayed interaction', { interactionId: interaction.id });
      return sendJson(res, 409, { error: 'interaction already received' });
    }
    const handled = handler.handle(interaction);
    track(handled.done);
    res.on('close', () => handled.markSent?.());
    const initial = await handled.initial;
    sendJson(res, 200, initial);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    activeRequests++;
    res.on('close', () => activeRequests--);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    if (path === '/healthz') {
      if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
      // 503 while loading and while draining, so the load balancer moves traffic away before we stop.
      const ok = options.isReady() && !draining;
      if (!ok) return sendJson(res, 503, { status: draining ? 'draining' : 'starting' });
      const failing = options.degraded?.() ?? [];
      return sendJson(res, 200, failing.length ? { status: 'degraded', failing } : { status: 'ok' });
    }
    if (!INTERACTION_PATHS.has(path)) return sendJson(res, 404, { error: 'not found' });
    if (method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' }, { allow: 'POST' });
    if (draining) res.setHeader('connection', 'close');
    onInteraction(req, res).catch((error: unknown) => {
      logger.error('interaction request failed', { error });
      sendJson(res, 500, { error: 'internal error' });
    });
  };

  const server = createServer(
    {
      keepAliveTimeout: 5_000,
      headersTimeout: limits.headersTimeoutMs,
      // The body has its own deadline (readBody); this is node's backstop for the whole request.
      requestTimeout: limits.headersTimeoutMs + limits.bodyTimeoutMs + 1_000,
      // How often node checks those two: its default (30 s) would let a slow client hold on far longer.
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    onRequest,
  );
  server.maxConnections = limits.maxConnections;
  // A client that drops mid-request must cost nothing but its socket.
  server.on('clientError', (_error, socket) => socket.destroy());

  const startDraining = () => {
    draining = true;
  };

  return {
    server,
    get inFlight() {
      return activeRequests + pending.size;
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    startDraining,
    async stop({ serveForMs, drainTimeoutMs }) {
      startDraining();
      await new Promise((resolve) => setTimeout(resolve, serveForMs));
      return this.shutdown(drainTimeoutMs);
    },
    async shutdown(graceMs) {
      startDraining();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive sockets would hold close() open; busy ones finish their request first.
      server.closeIdleConnections();
      const deadline = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
      const work = (async () => {
        await closed;
        while (pending.size > 0) await Promise.all([...pending]);
      })();
      const outcome = await Promise.race([work.then(() => 'done' as const), deadline]);
      if (outcome === 'timeout') server.closeAllConnections();
      return { drained: outcome === 'done' };
    },
  };
}
