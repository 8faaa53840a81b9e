// Redis backend (REDIS_URL): for running several bot processes (shards, a blue/green deploy) on one state.
// Expiry is Redis' own (SET … PX), so expired entries vanish without any sweep of ours.
// Key layout under the prefix (default "pkbot:"):
//   <prefix>kv:<namespace>:<key>   the value as JSON text
//   <prefix>feedback               list of entries as JSON text, oldest first (append-only)
//   <prefix>feedback:ids           set of entry ids (refuses a second entry with the same id)
//   <prefix>feedback:notes         hash id -> note set after the vote (the list itself is never rewritten)
import { Redis } from 'ioredis';
import { checkFeedbackEntry, checkFeedbackNote, readStoredFeedback } from './feedback.ts';
import { checkKey, decodeValue, encodeValue, ttlToMs } from './codec.ts';
import { stderrLog, type FeedbackEntry, type Namespace, type StateLog, type StateStore } from './types.ts';

export const DEFAULT_REDIS_PREFIX = 'pkbot:';

export interface RedisStateStoreOptions {
  /** redis:// or rediss:// URL; ignored when `client` is given. */
  url?: string;
  /** An existing client; the store then leaves it open on close(). */
  client?: Redis;
  prefix?: string;
  log?: StateLog;
  /** How long openRedisStateStore waits for the first connection. */
  connectTimeoutMs?: number;
}

// Lua runs atomically in Redis: the id check and the append cannot be split by another bot process.
const ADD_FEEDBACK = `
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[2])
return 1`;
const SET_NOTE = `
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1`;

/** Connects (failing with one clear line when Redis cannot be reached), then returns the store. */
export async function openRedisStateStore(options: RedisStateStoreOptions): Promise<RedisStateStore> {
  const store = new RedisStateStore(options);
  try {
    await store.connect(options.connectTimeoutMs ?? 10_000);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

export class RedisStateStore implements StateStore {
  readonly backend = 'redis' as const;
  readonly client: Redis;
  readonly prefix: string;
  private readonly ownsClient: boolean;
  private readonly log: StateLog;
  private lastError: Error | undefined;
  private reportedOutage = false;
  // Before the first connection, openRedisStateStore reports failures itself (and gives up).
  private everReady = false;
  private closed = false;

  constructor(options: RedisStateStoreOptions) {
    this.prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
    this.log = options.log ?? stderrLog;
    this.ownsClient = options.client === undefined;
    if (options.client) {
      this.client = options.client;
    } else {
      if (!options.url) throw new Error('RedisStateStore needs a url or a client');
      // lazyConnect: connect() below reports a wrong URL at start-up instead of retrying in the background.
      // On the request path a command must fail fast while Redis is away: one retry, not ioredis' 20 (about
      // 10 s per command). Reconnects keep going in the background, at most a second apart, so a restarted
      // Redis is found again quickly (state/resilient.ts retries the store meanwhile).
      this.client = new Redis(options.url, {
        lazyConnect: true,
        maxRetriesPerRequest: 1,
        retryStrategy: (times) => Math.min(times * 100, 1_000),
      });
    }
    // Without an 'error' listener ioredis prints every failed reconnect; one line per outage is enough.
    this.client.on('error', (err: Error) => {
      this.lastError = err;
      if (this.everReady && !this.reportedOutage && !this.closed) {
        this.reportedOutage = true;
        this.log(`redis connection problem (${err.message}); reconnecting`);
      }
    });
    this.client.on('ready', () => {
      this.everReady = true;
      if (this.reportedOutage) this.log('redis connection restored');
      this.reportedOutage = false;
    });
  }

  async connect(timeoutMs: number): Promise<void> {
    if (this.client.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      if (this.client.status === 'wait') await Promise.race([this.client.connect(), timeout]);
      await Promise.race([this.client.ping(), timeout]);
    } catch (err) {
      const cause = this.lastError?.message ?? (err instanceof Error ? err.message : String(err));
      throw new Error(`cannot connect to Redis at ${describeTarget(this.client)} (REDIS_URL): ${cause}`);
    } finally {
      clearTimeout(timer);
    }
  }

  async get<T = unknown>(ns: Namespace, key: string): Promise<T | undefined> {
    checkKey(ns, key);
    let raw: string | null;
    try {
      raw = await this.client.get(this.kvKey(ns, key));
    } catch (err) {
      // Someone stored a hash or list under our key: as unreadable as bad JSON, and as harmless.
      if (err instanceof Error && err.message.startsWith('WRONGTYPE')) {
        this.log(`ignoring unreadable stored value ${ns}/${key} (not a string key)`);
        return undefined;
      }
      throw err;
    }
    return raw === null ? undefined : (decodeValue(raw, ns, key, this.log) as T | undefined);
  }

  async set(ns: Namespace, key: string, value: unknown, ttlSeconds?: number): Promise<void> {
    checkKey(ns, key);
    const ttlMs = ttlToMs(ttlSeconds);
    const raw = encodeValue(value);
    // A plain SET drops any earlier expiry, as the other backends do; PX keeps fractional-second TTLs exact.
    if (ttlMs === null) await this.client.set(this.kvKey(ns, key), raw);
    else await this.client.set(this.kvKey(ns, key), raw, 'PX', ttlMs);
  }

  async delete(ns: Namespace, key: string): Promise<void> {
    checkKey(ns, key);
    await this.client.del(this.kvKey(ns, key));
  }

  async addFeedback(entry: FeedbackEntry): Promise<boolean> {
    const valid = checkFeedbackEntry(entry);
    const added = await this.client.eval(ADD_FEEDBACK, 2, this.key('feedback:ids'), this.key('feedback'), valid.id, encodeValue(valid));
    return added === 1;
  }

  async listFeedback(): Promise<FeedbackEntry[]> {
    // One MULTI: the list and the notes are read at the same instant.
    const replies = await this.client.multi().lrange(this.key('feedback'), 0, -1).hgetall(this.key('feedback:notes')).exec();
    const [listReply, notesReply] = replies ?? [];
    if (!listReply || listReply[0]) throw listReply?.[0] ?? new Error('redis returned no reply for the feedback list');
    const lines = listReply[1] as string[];
    // A damaged notes hash costs the notes, not the votes.
    const notes = !notesReply || notesReply[0] ? {} : (notesReply[1] as Record<string, string>);
    const out: FeedbackEntry[] = [];
    lines.forEach((line, i) => {
      const entry = readStoredFeedback(line, `#${i + 1}`, this.log);
      if (!entry) return;
      const note = Object.hasOwn(notes, entry.id) ? notes[entry.id] : undefined;
      out.push(note === undefined ? entry : { ...entry, note });
    });
    return out;
  }

  async setFeedbackNote(id: string, note: string): Promise<boolean> {
    const valid = checkFeedbackNote(note);
    const set = await this.client.eval(SET_NOTE, 2, this.key('feedback:ids'), this.key('feedback:notes'), id, valid);
    return set === 1;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.ownsClient) return;
    if (this.client.status === 'ready') {
      // QUIT lets commands already sent finish first; a failure here just means the link is gone already.
      await this.client.quit().catch(() => this.client.disconnect());
    } else {
      this.client.disconnect();
    }
  }

  /** The full Redis key of an entry (tests read and damage keys through it). */
  kvKey(ns: Namespace, key: string): string {
    return `${this.prefix}kv:${ns}:${key}`;
  }

  key(suffix: 'feedback' | 'feedback:ids' | 'feedback:notes'): string {
    return this.prefix + suffix;
  }
}

// Host and port only: a REDIS_URL may carry a password, which must never reach a log line.
function describeTarget(client: Redis): string {
  const { host, port, path } = client.options;
  return path ? String(path) : `${host ?? '?'}:${port ?? '?'}`;
}
