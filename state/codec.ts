// Argument checks and the value encoding shared by the backends, so that all three accept and refuse the
// same things (the contract tests hold them to it).
import { NAMESPACES, type Namespace, type StateLog } from './types.ts';

const KNOWN = new Set<string>(NAMESPACES);

// Types say Namespace, but a value from an untyped place (a custom id, a JSON file) could still slip through;
// an unknown namespace would silently create a key space nothing else reads.
export function checkKey(ns: Namespace, key: string): void {
  if (!KNOWN.has(ns)) throw new TypeError(`unknown state namespace ${JSON.stringify(ns)} (known: ${NAMESPACES.join(', ')})`);
  if (typeof key !== 'string' || key.length === 0) throw new TypeError(`state key must be a non-empty string (namespace ${ns})`);
}

/** The TTL in milliseconds, or null for no expiry. */
export function ttlToMs(ttlSeconds: number | undefined): number | null {
  if (ttlSeconds === undefined) return null;
  if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError(`ttlSeconds must be a positive number of seconds (got ${String(ttlSeconds)})`);
  }
  // Whole milliseconds, at least one: Redis' PX takes an integer, and a TTL must never round to "no expiry".
  return Math.max(1, Math.ceil(ttlSeconds * 1000));
}

/**
 * The stored text of a value. Every backend stores text (memory too) so a value read back is always a copy,
 * never the caller's object, and behaves the same whichever backend is in use.
 */
export function encodeValue(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (err) {
    throw new TypeError(`state value is not JSON-serialisable: ${err instanceof Error ? err.message : String(err)}`);
  }
  // JSON.stringify returns undefined for undefined, functions and symbols: there would be nothing to store.
  if (typeof text !== 'string') throw new TypeError(`state value is not JSON-serialisable (${typeof value})`);
  return text;
}

/** The value of stored text, or undefined when the text is damaged (reported, never thrown). */
export function decodeValue(raw: string, ns: Namespace, key: string, log: StateLog): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    log(`ignoring unreadable stored value ${ns}/${key} (not JSON, ${raw.length} characters)`);
    return undefined;
  }
}
