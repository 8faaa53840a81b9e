// What the bot needs of the persistent state store (state/: memory, SQLite or Redis behind one interface).
// The bot only ever sees this interface; app/ opens the real store and hands it over.
// (Mirrors state/types.ts until that branch lands; then this re-exports it.)

export type Namespace = 'paging' | 'conversation' | 'settings' | 'answers';

export interface FeedbackEntry {
  id: string;
  at: string;
  vote: 'up' | 'down';
  note?: string;
  question: string;
  plan: unknown;
  rowIds: string[];
  answerText?: string;
  user?: string;
  guild?: string | null;
  channel?: string;
}

export interface StateStore {
  readonly backend: 'memory' | 'sqlite' | 'redis';
  get<T = unknown>(ns: Namespace, key: string): Promise<T | undefined>;
  set(ns: Namespace, key: string, value: unknown, ttlSeconds?: number): Promise<void>;
  delete(ns: Namespace, key: string): Promise<void>;
  addFeedback(entry: FeedbackEntry): Promise<boolean>;
  listFeedback(): Promise<FeedbackEntry[]>;
  setFeedbackNote(id: string, note: string): Promise<boolean>;
  close(): Promise<void>;
}
