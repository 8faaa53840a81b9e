// In-memory backend: for tests and for runs where nothing should outlive the process (STATE_BACKEND=memory).
// Behaves like the persistent backends (values stored as JSON text, same checks, same expiry rule).
import { checkFeedbackEntry, checkFeedbackNote, readStoredFeedback } from './feedback.ts';
import { checkKey, decodeValue, encodeValue, ttlToMs } from './codec.ts';
import { stderrLog, type FeedbackEntry, type Namespace, type StateLog, type StateStore } from './types.ts';

export interface MemoryEntry {
  /** The value as JSON text. */
  raw: string;
  /** Epoch milliseconds; null = never expires. */
  expiresAt: number | null;
}

/** What a MemoryStateStore keeps; pass one to several stores to make them share state like Redis clients do. */
export interface MemoryData {
  entries: Map<string, MemoryEntry>;
  feedback: { id: string; raw: string; note?: string }[];
}

export interface MemoryStateStoreOptions {
  /** Clock in epoch milliseconds; injectable so tests can expire entries without sleeping. */
  now?: () => number;
  log?: StateLog;
  data?: MemoryData;
}

// Expired entries are dropped when read; this bounds what entries nobody reads again can pile up to.
const SWEEP_EVERY_WRITES = 256;

export function emptyMemoryData(): MemoryData {
  return { entries: new Map(), feedback: [] };
}

export class MemoryStateStore implements StateStore {
  readonly backend = 'memory' as const;
  readonly data: MemoryData;
  private readonly now: () => number;
  private readonly log: StateLog;
  private writes = 0;
  private closed = false;

  constructor(options: MemoryStateStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? stderrLog;
    this.data = options.data ?? emptyMemoryData();
  }

  async get<T = unknown>(ns: Namespace, key: string): Promise<T | undefined> {
    this.checkOpen();
    checkKey(ns, key);
    const id = entryKey(ns, key);
    const entry = this.data.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt !== null && entry.expiresAt <= this.now()) {
      this.data.entries.delete(id);
      return undefined;
    }
    return decodeValue(entry.raw, ns, key, this.log) as T | undefined;
  }

  async set(ns: Namespace, key: string, value: unknown, ttlSeconds?: number): Promise<void> {
    this.checkOpen();
    checkKey(ns, key);
    const ttlMs = ttlToMs(ttlSeconds);
    const raw = encodeValue(value);
    this.data.entries.set(entryKey(ns, key), { raw, expiresAt: ttlMs === null ? null : this.now() + ttlMs });
    if (++this.writes % SWEEP_EVERY_WRITES === 0) this.sweep();
  }

  async delete(ns: Namespace, key: string): Promise<void> {
    this.checkOpen();
    checkKey(ns, key);
    this.data.entries.delete(entryKey(ns, key));
  }

  /** Drops every expired entry; returns how many. */
  sweep(): number {
    const now = this.now();
    let removed = 0;
    for (const [id, entry] of this.data.entries) {
      if (entry.expiresAt !== null && entry.expiresAt <= now) {
        this.data.entries.delete(id);
        removed++;
      }
    }
    return removed;
  }

  async addFeedback(entry: FeedbackEntry): Promise<boolean> {
    this.checkOpen();
    const valid = checkFeedbackEntry(entry);
    if (this.data.feedback.some((f) => f.id === valid.id)) return false;
    this.data.feedback.push({ id: valid.id, raw: encodeValue(valid) });
    return true;
  }

  async listFeedback(): Promise<FeedbackEntry[]> {
    this.checkOpen();
    const out: FeedbackEntry[] = [];
    this.data.feedback.forEach((f, i) => {
      const entry = readStoredFeedback(f.raw, `#${i + 1}`, this.log);
      if (entry) out.push(f.note === undefined ? entry : { ...entry, note: f.note });
    });
    return out;
  }

  async setFeedbackNote(id: string, note: string): Promise<boolean> {
    this.checkOpen();
    const valid = checkFeedbackNote(note);
    const found = this.data.feedback.find((f) => f.id === id);
    if (!found) return false;
    found.note = valid;
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('state store is closed');
  }
}

// Namespaces never contain a NUL, so `ns\0key` cannot collide across namespaces whatever the key holds.
function entryKey(ns: Namespace, key: string): string {
  return `${ns}\u0000${key}`;
}
