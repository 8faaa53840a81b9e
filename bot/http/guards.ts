// What keeps the endpoint's memory bounded whoever connects: a body read with a size cap and a deadline, a
// nesting limit checked on the raw bytes before JSON.parse, and the interaction ids already answered. Each is
// small and pure enough to test without a server.
import type { IncomingMessage } from 'node:http';

export class BodyTooLarge extends Error {}
export class BodyTimedOut extends Error {}

/**
 * The request body, refused (and no longer buffered) once it passes `cap` bytes or has not arrived whole within
 * `timeoutMs` — a client that trickles a body keeps a socket, never a growing buffer, for that long at most.
 */
export function readBody(req: IncomingMessage, cap: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error: Error) => {
      clearTimeout(timer);
      req.removeAllListeners('data');
      req.pause();
      chunks.length = 0;
      reject(error);
    };
    const timer = setTimeout(() => stop(new BodyTimedOut()), timeoutMs);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) return stop(new BodyTooLarge());
      chunks.push(chunk);
    });
    req.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => stop(error));
  });
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when the JSON text nests objects/arrays deeper than `max`. Scans the raw bytes (brackets inside strings
 * do not count; UTF-8 continuation bytes are all ≥ 0x80, so they never look like one). Handlers walk the
 * interaction recursively, so a body nested a million deep would overflow their stack: it is refused first.
 */
export function nestingExceeds(raw: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
  }
  return false;
}

/**
 * Interaction ids seen while their signature is still acceptable, so a captured request replayed inside the
 * timestamp window is processed once. Kept in this process, at most `capacity` ids (the oldest are forgotten
 * first): several replicas behind a load balancer each remember only what they received, so a replay sent to
 * another replica is not caught there — Discord itself never sends an interaction twice.
 */
export class RecentInteractions {
  private readonly expiries = new Map<string, number>();
  private readonly capacity: number;
  private readonly now: () => number;

  constructor(capacity: number, now: () => number = Date.now) {
    this.capacity = capacity;
    this.now = now;
  }

  /** True the first time `id` is claimed before `expiresAtMs`; false for a replay. */
  claim(id: string, expiresAtMs: number): boolean {
    const now = this.now();
    this.forgetExpired(now);
    const known = this.expiries.get(id);
    if (known !== undefined && known > now) return false;
    if (this.expiries.size >= this.capacity) {
      const oldest = this.expiries.keys().next().value;
      if (oldest !== undefined) this.expiries.delete(oldest);
    }
    this.expiries.set(id, expiresAtMs);
    return true;
  }

  get size(): number {
    return this.expiries.size;
  }

  /** Insertion order is close to expiry order (one window for all), so the expired ones are at the front. */
  private forgetExpired(now: number): void {
    for (const [id, expiresAt] of this.expiries) {
      if (expiresAt > now) break;
      this.expiries.delete(id);
    }
  }
}
