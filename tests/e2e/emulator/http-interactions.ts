// Discord's other transport: instead of INTERACTION_CREATE on the gateway, Discord POSTs the interaction to
// the application's "Interactions Endpoint URL", signed with the application's Ed25519 key, and takes the
// HTTP response as the callback. The emulator holds its own key pair (publicKeyHex is what the Developer
// Portal would show) and applies the response through the same code as POST …/callback, so webhook edits,
// follow-ups and the 3-second deadline behave identically for both transports.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { DiscordEmulator, InteractionState } from './emulator.ts';
import type { Json } from './payloads.ts';
import { applyInteractionCallback } from './rest.ts';

export interface HttpDelivery {
  interactionId: string;
  at: number;
  /** HTTP status of the endpoint's answer; null when it did not answer in time or the connection failed. */
  status: number | null;
  /** The parsed JSON the endpoint answered (the callback), or its raw text. */
  response: unknown;
  /** Status the emulator gave the callback (204 applied; 4xx as POST …/callback would have answered). */
  callbackStatus: number | null;
  ms: number;
  error: string | null;
}

export class HttpInteractions {
  readonly deliveries: HttpDelivery[] = [];
  endpoint: string | null = null;
  private readonly privateKey: KeyObject;
  readonly publicKeyHex: string;
  private readonly inFlight = new Map<string, { done: Promise<void>; abort: AbortController }>();

  constructor(private readonly host: DiscordEmulator) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    this.privateKey = privateKey;
    // The raw key is the last 32 bytes of the SPKI DER encoding.
    this.publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  }

  /** Signature headers for `body` at `timestamp` (seconds), exactly as Discord computes them. */
  signatureHeaders(body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
    const ts = String(timestamp);
    const signature = sign(null, Buffer.from(ts + body, 'utf8'), this.privateKey).toString('hex');
    return { 'x-signature-ed25519': signature, 'x-signature-timestamp': ts };
  }

  /** Resolves once the endpoint answered (or failed) for this interaction; undefined if none is pending. */
  pending(interactionId: string): Promise<void> | undefined {
    return this.inFlight.get(interactionId)?.done;
  }

  /** Webhook calls carry the token, not the id: find the delivery still pending for it. */
  pendingForToken(token: string): Promise<void> | undefined {
    for (const [id, entry] of this.inFlight) {
      if (this.host.interactionStates.get(id)?.token === token) return entry.done;
    }
    return undefined;
  }

  deliver(payload: Json, state: InteractionState): void {
    const url = this.endpoint;
    if (!url) throw new Error('Discord emulator: no interactions endpoint set');
    const abort = new AbortController();
    const deadline = this.host.options.interactionAckDeadlineMs;
    const timer = deadline === null ? null : setTimeout(() => abort.abort(), deadline);
    const started = Date.now();
    const record: HttpDelivery = { interactionId: state.id, at: started, status: null, response: null, callbackStatus: null, ms: 0, error: null };
    const done = (async () => {
      const body = JSON.stringify(payload);
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)', ...this.signatureHeaders(body) },
          body,
          signal: abort.signal,
        });
        const text = await res.text();
        record.status = res.status;
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Left as text; a non-JSON 200 is not a callback.
        }
        record.response = parsed;
        if (res.status === 200 && parsed && typeof parsed === 'object') {
          const reply = applyInteractionCallback(this.host, state, { body: parsed, files: [], query: { with_response: 'false' } });
          record.callbackStatus = reply.status;
        }
      } catch (error) {
        record.error = abort.signal.aborted ? `no answer within ${deadline} ms` : String(error);
      } finally {
        if (timer) clearTimeout(timer);
        record.ms = Date.now() - started;
        this.deliveries.push(record);
        this.inFlight.delete(state.id);
        this.host.options.log(`http-interactions: ${state.id} → ${record.status ?? record.error} (${record.ms} ms)`);
        this.host.notify();
      }
    })();
    this.inFlight.set(state.id, { done, abort });
  }

  close(): void {
    for (const { abort } of this.inFlight.values()) abort.abort();
  }
}
