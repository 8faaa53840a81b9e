// Discord signs every request to the interactions endpoint with the application's Ed25519 key:
// signature = Ed25519(timestamp + raw body). The check runs on the raw bytes before anything is parsed, so
// an unsigned body never reaches JSON.parse, and a replayed request is refused once its timestamp is stale.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

// DER header of an Ed25519 SubjectPublicKeyInfo (RFC 8410): SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING }.
// Followed by the 32 raw key bytes, it is a key node:crypto can import without a PEM round trip.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export const DEFAULT_MAX_AGE_SECONDS = 300;

/** The Developer Portal's "Public Key" (64 hex characters) as a KeyObject; throws on anything else. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('an Ed25519 public key is 64 hex characters');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

export type SignatureVerdict = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'invalid' };

export interface VerifyInput {
  key: KeyObject;
  signature: string | string[] | undefined;
  timestamp: string | string[] | undefined;
  body: Buffer;
  /** Seconds since the epoch; injectable for tests. */
  nowSeconds?: number;
  maxAgeSeconds?: number;
}

export type HeaderInput = Pick<VerifyInput, 'signature' | 'timestamp' | 'nowSeconds' | 'maxAgeSeconds'>;

/**
 * What can be refused from the headers alone — missing, malformed or stale — so that the server never reads
 * (nor holds memory for) the body of a request that could not be signed.
 */
export function checkSignatureHeaders(input: HeaderInput): SignatureVerdict {
  const parsed = signedHeaders(input);
  return parsed.ok ? { ok: true } : parsed;
}

function signedHeaders(input: HeaderInput): { ok: false; reason: 'missing' | 'malformed' | 'stale' } | { ok: true; signature: string; timestamp: string } {
  const { signature, timestamp } = input;
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || signature === '' || timestamp === '') return { ok: false, reason: 'missing' };
  if (!/^[0-9a-fA-F]{128}$/.test(signature) || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed' };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  const maxAge = input.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
  // Both directions: a timestamp far in the future is as suspicious as an old one (a clock skew of a few
  // seconds is normal, minutes are not).
  if (Math.abs(now - Number(timestamp)) > maxAge) return { ok: false, reason: 'stale' };
  return { ok: true, signature, timestamp };
}

export function verifyDiscordSignature(input: VerifyInput): SignatureVerdict {
  const headers = signedHeaders(input);
  if (!headers.ok) return headers;
  const { signature, timestamp } = headers;
  const message = Buffer.concat([Buffer.from(timestamp, 'utf8'), input.body]);
  let valid = false;
  try {
    valid = verify(null, message, input.key, Buffer.from(signature, 'hex'));
  } catch {
    valid = false;
  }
  return valid ? { ok: true } : { ok: false, reason: 'invalid' };
}
