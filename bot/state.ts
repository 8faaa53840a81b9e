// What the bot needs of the persistent state store (state/: memory, SQLite or Redis behind one interface).
// The bot only ever sees this interface; app/ opens the real store and hands it over.
export type { FeedbackEntry, Namespace, StateStore } from '../state/types.ts';
