// The interactions endpoint on plain node:http. Order matters: size cap, then the Ed25519 check on the raw
// bytes, then JSON. Nothing unsigned is parsed, and nothing a handler needs later lives here: the server
// only turns a verified body into the initial response and keeps track of the work still running after it
// (follow-ups) so that a SIGTERM can wait for it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyObject } from 'node:crypto';
import type { Logger } from '../logger.ts';
import { verifyDiscordSignature } from './signature.ts';

export const MAX_BODY_BYTES = 1024 * 1024;
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
  maxBodyBytes?: number;
  maxAgeSeconds?: number;
  now?: () => number;
}

export interface InteractionsServer {
  server: Server;
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting, answers what is in flight, waits for follow-ups (at most `graceMs`). */
  shutdown(graceMs: number): Promise<{ drained: boolean }>;
  readonly inFlight: number;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, cap: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        // Stop buffering at once; the 413 is sent by the caller and the socket is closed after it.
        req.removeAllListeners('data');
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function createInteractionsServer(options: InteractionsServerOptions): InteractionsServer {
  const { logger, handler } = options;
  const cap = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const pending = new Set<Promise<void>>();
  let activeRequests = 0;
  let draining = false;

  const track = (p: Promise<void>) => {
    const t = p.catch((error: unknown) => logger.error('interaction follow-up failed', { error })).finally(() => pending.delete(t));
    pending.add(t);
  };

  const onInteraction = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > cap) {
      sendJson(res, 413, { error: 'body too large' }, { connection: 'close' });
      req.destroy();
      return;
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, cap);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        sendJson(res, 413, { error: 'body too large' }, { connection: 'close' });
        res.on('finish', () => req.destroy());
        return;
      }
      throw error;
    }
    const verdict = verifyDiscordSignature({
      key: options.publicKey,
      signature: req.headers['x-signature-ed25519'],
      timestamp: req.headers['x-signature-timestamp'],
      body: raw,
      ...(options.now ? { nowSeconds: Math.floor(options.now() / 1000) } : {}),
      ...(options.maxAgeSeconds !== undefined ? { maxAgeSeconds: options.maxAgeSeconds } : {}),
    });
    if (!verdict.ok) {
      // Discord itself probes the endpoint with bad signatures and expects 401; debug level keeps it quiet.
      logger.debug('refused an unsigned interaction request', { reason: verdict.reason });
      sendJson(res, 401, { error: 'invalid request signature' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      sendJson(res, 400, { error: 'body is not JSON' });
      return;
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'number') {
      sendJson(res, 400, { error: 'not an interaction' });
      return;
    }
    const interaction = body as Record<string, unknown>;
    if (interaction.type === 1) {
      sendJson(res, 200, { type: 1 });
      return;
    }
    const handled = handler.handle(interaction);
    track(handled.done);
    res.on('close', () => handled.markSent?.());
    const initial = await handled.initial;
    sendJson(res, 200, initial);
  };

  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
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
  });
  // A client that drops mid-request must cost nothing but its socket.
  server.on('clientError', (_error, socket) => socket.destroy());

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
    async shutdown(graceMs) {
      draining = true;
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
