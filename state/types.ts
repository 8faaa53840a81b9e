// The bot's persistent state behind one small interface, so the Discord layer never knows whether it runs
// on a SQLite file, Redis or plain memory. Every method is async so that a networked backend fits as is.
// This folder is a leaf: it imports nothing from ingest/, retrieval/, present/, bot/ or app/.

/** The namespaces the bot uses; each is a separate key space (the same key in two namespaces is two entries). */
export const NAMESPACES = ['paging', 'conversation', 'settings', 'answers', 'quota'] as const;
export type Namespace = (typeof NAMESPACES)[number];
// paging       — paged answer sessions (which page a message shows, its rows)
// conversation — chat context per user/channel, for follow-up questions
// settings     — per guild/channel settings
// answers      — the last answer per conversation, for the CSV export and source buttons
// quota        — per-user bookkeeping that bounds the rest (which answers a user has stored, votes cast)

/**
 * Anything JSON.stringify turns into JSON (checked at run time: a TypeError otherwise). Kept `unknown` rather
 * than a recursive JSON type on purpose: TypeScript refuses interfaces (the bot's PageSession) and `unknown`
 * fields (a query plan) for such a type, which would force casts at every call site.
 */
export type JsonSerialisable = unknown;

/** One 👍/👎 on an answer. Validated by FeedbackEntrySchema (state/feedback.ts), which must match this type. */
export interface FeedbackEntry {
  id: string;
  /** ISO 8601 time of the vote. */
  at: string;
  vote: 'up' | 'down';
  /** What the user typed in the modal that follows a 👎. */
  note?: string;
  question: string;
  /** The query plan the answer came from, as the retrieval stage produced it. */
  plan: unknown;
  rowIds: string[];
  answerText?: string;
  user?: string;
  /** null for a DM. */
  guild?: string | null;
  channel?: string;
}

export type StateBackend = 'memory' | 'sqlite' | 'redis';

export interface StateStore {
  readonly backend: StateBackend;
  /**
   * The stored value, or undefined when absent, expired or unreadable (a corrupt stored value is reported
   * through the store's log and treated as absent). `T` is not checked: callers validate what they read.
   */
  get<T = unknown>(ns: Namespace, key: string): Promise<T | undefined>;
  /** Stores a copy of `value`. `ttlSeconds` absent = no expiry; a later set replaces the value and its expiry. */
  set(ns: Namespace, key: string, value: JsonSerialisable, ttlSeconds?: number): Promise<void>;
  delete(ns: Namespace, key: string): Promise<void>;

  /**
   * Appends to the feedback log after validating `entry` (throws on an invalid one). Returns false, and keeps
   * the first entry, when one with the same id is already there: a retried write is then harmless.
   */
  addFeedback(entry: FeedbackEntry): Promise<boolean>;
  /** The whole log, oldest first; unreadable entries are skipped (and logged). */
  listFeedback(): Promise<FeedbackEntry[]>;
  /** Sets the note of an existing entry (the modal after a 👎). Returns false when no entry has this id. */
  setFeedbackNote(id: string, note: string): Promise<boolean>;

  /** Releases the file or connection. Idempotent. */
  close(): Promise<void>;

  /** Only the resilient wrapper (state/resilient.ts) has these: whether the store answers right now… */
  status?(): StateStatus;
  /** …and whether `key` (a conversation) is yet to be told about the current outage (true once per outage). */
  noticeOnce?(key: string): boolean;
}

/** What the bot and /healthz need to know about the store: a small typed snapshot, no log text. */
export interface StateStatus {
  readonly state: 'ok' | 'degraded';
  readonly backend: StateBackend;
  /** Counts outages since start. */
  readonly outage: number;
  /** Epoch ms when the current outage began; null while ok. */
  readonly since: number | null;
  /** Why the store is unavailable (names the file or host); null while ok. */
  readonly reason: string | null;
}

/** Where stores report what they survived (a corrupt value, a lost connection); never fatal. */
export type StateLog = (line: string) => void;

export const stderrLog: StateLog = (line) => {
  process.stderr.write(`[state] ${line}\n`);
};
