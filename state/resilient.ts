// The bot answers from the report, not from its state: conversations, paging, settings and the stored answers
// behind the buttons are extras. This wrapper keeps a failing store (Redis killed, a full disk, a SQLite file
// that cannot be opened) from stopping answers: every call gets a short deadline; the first failure opens an
// outage, during which calls skip the store at once (reads: nothing stored; writes: dropped) instead of each
// waiting for it; a background probe retries the store and closes the outage when it answers again.
// Feedback is the one thing a user asked us to keep, so its calls throw StateUnavailableError rather than
// pretend: the vote handler tells the voter.
import { stderrLog, type FeedbackEntry, type Namespace, type StateBackend, type StateLog, type StateStatus, type StateStore } from './types.ts';

export type { StateStatus } from './types.ts';

export class StateUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`state store unavailable: ${reason}`);
    this.name = 'StateUnavailableError';
  }
}

export interface ResilientOptions {
  backend: StateBackend;
  log?: StateLog;
  /** Deadline per call on the request path: a slow store must not hold an answer for long. */
  timeoutMs?: number;
  /** How often the store is retried during an outage. */
  retryIntervalMs?: number;
  now?: () => number;
}

export const DEFAULT_STATE_TIMEOUT_MS = 400;
export const DEFAULT_STATE_RETRY_MS = 1_000;
/** Conversations told about the current outage; bounded so a long outage with heavy traffic cannot grow it. */
const MAX_TOLD = 10_000;
const PROBE_KEY = 'state-health-probe';

/** Errors that are the caller's bug (a bad key, an unserialisable value, an invalid feedback entry), not an outage. */
const isCallerError = (err: unknown): boolean => err instanceof TypeError || err instanceof RangeError;

const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'unknown error';

export class ResilientStateStore implements StateStore {
  readonly backend: StateBackend;
  private inner: StateStore | undefined;
  private readonly open: () => Promise<StateStore>;
  private readonly log: StateLog;
  private readonly timeoutMs: number;
  private readonly retryIntervalMs: number;
  private readonly now: () => number;
  private current: StateStatus;
  private probeTimer: NodeJS.Timeout | undefined;
  private probing = false;
  private closed = false;
  private readonly told = new Set<string>();

  /** `open` (re)creates the backend: called at start and, when that failed, again by each retry. */
  constructor(open: () => Promise<StateStore>, options: ResilientOptions) {
    this.open = open;
    this.backend = options.backend;
    this.log = options.log ?? stderrLog;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_STATE_TIMEOUT_MS;
    this.retryIntervalMs = options.retryIntervalMs ?? DEFAULT_STATE_RETRY_MS;
    this.now = options.now ?? Date.now;
    this.current = { state: 'ok', backend: this.backend, outage: 0, since: null, reason: null };
  }

  /** Opens the backend; when that fails the store starts degraded (said in one line) and keeps retrying. */
  async start(): Promise<this> {
    try {
      this.inner = await this.open();
    } catch (err) {
      if (isCallerError(err)) throw err;
      this.markDown(`cannot open the state store: ${describe(err)}`);
    }
    return this;
  }

  status(): StateStatus {
    return this.current;
  }

  /**
   * True the first time `key` (a conversation) asks during the current outage, false after and while ok:
   * the "answered without context" note is said once per outage and conversation, not on every answer.
   */
  noticeOnce(key: string): boolean {
    if (this.current.state === 'ok' || this.told.has(key)) return false;
    if (this.told.size >= MAX_TOLD) this.told.clear();
    this.told.add(key);
    return true;
  }

  async get<T = unknown>(ns: Namespace, key: string): Promise<T | undefined> {
    return this.call((s) => s.get<T>(ns, key), () => undefined);
  }

  async set(ns: Namespace, key: string, value: unknown, ttlSeconds?: number): Promise<void> {
    return this.call((s) => s.set(ns, key, value, ttlSeconds), () => undefined);
  }

  async delete(ns: Namespace, key: string): Promise<void> {
    return this.call((s) => s.delete(ns, key), () => undefined);
  }

  async addFeedback(entry: FeedbackEntry): Promise<boolean> {
    return this.call((s) => s.addFeedback(entry), this.unavailable);
  }

  async listFeedback(): Promise<FeedbackEntry[]> {
    return this.call((s) => s.listFeedback(), this.unavailable);
  }

  async setFeedbackNote(id: string, note: string): Promise<boolean> {
    return this.call((s) => s.setFeedbackNote(id, note), this.unavailable);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopProbe();
    await this.inner?.close().catch((err: unknown) => this.log(`closing the state store failed: ${describe(err)}`));
  }

  private readonly unavailable = (): never => {
    throw new StateUnavailableError(this.current.reason ?? 'unknown');
  };

  private async call<R>(op: (s: StateStore) => Promise<R>, fallback: () => R): Promise<R> {
    const inner = this.inner;
    // During an outage nothing waits for the store: the probe finds out when it is back.
    if (this.current.state === 'degraded' || inner === undefined) return fallback();
    try {
      return await withDeadline(op(inner), this.timeoutMs);
    } catch (err) {
      if (isCallerError(err)) throw err;
      this.markDown(describe(err));
      return fallback();
    }
  }

  private markDown(reason: string): void {
    if (this.current.state === 'degraded' || this.closed) return;
    this.current = { state: 'degraded', backend: this.backend, outage: this.current.outage + 1, since: this.now(), reason };
    this.told.clear();
    this.log(`state store unavailable (${reason}): answering without conversation context or paging; retrying every ${this.retryIntervalMs} ms`);
    this.probeTimer = setInterval(() => void this.probe(), this.retryIntervalMs);
    this.probeTimer.unref(); // retrying must never keep a finished process alive
  }

  /** One retry: reopen the backend if it never opened, then a real write and read (a full disk fails the write). */
  private async probe(): Promise<void> {
    if (this.probing || this.closed) return;
    this.probing = true;
    try {
      // No deadline on the open itself: an open abandoned half-way would leak its file or connection.
      this.inner ??= await this.open();
      const stamp = String(this.now());
      await withDeadline(this.inner.set('settings', PROBE_KEY, stamp, 60), this.timeoutMs);
      if ((await withDeadline(this.inner.get('settings', PROBE_KEY), this.timeoutMs)) !== stamp) throw new Error('probe read back a different value');
      const lasted = this.current.since === null ? 0 : this.now() - this.current.since;
      this.stopProbe();
      this.current = { state: 'ok', backend: this.backend, outage: this.current.outage, since: null, reason: null };
      this.told.clear();
      this.log(`state store available again after ${Math.round(lasted / 1000)} s`);
    } catch {
      // Still down: the outage line was said once; the next tick tries again.
    } finally {
      this.probing = false;
    }
  }

  private stopProbe(): void {
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.probeTimer = undefined;
  }
}

/** `work`, or a rejection after `ms`; a late settlement of `work` is swallowed (nobody waits for it any more). */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  work.catch(() => {});
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** A store, wrapped and started: what the long-running processes (npm start, serve:http) use. */
export async function openResilient(open: () => Promise<StateStore>, options: ResilientOptions): Promise<ResilientStateStore> {
  return new ResilientStateStore(open, options).start();
}
