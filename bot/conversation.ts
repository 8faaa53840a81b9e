// Which conversation a turn belongs to, and where conversations are kept. A conversation is one user in one
// channel, a DM channel, or a thread (everyone in a thread shares it); the engine keeps each one's context
// (the last plan and answer) in a ContextStore, which here is the state store's 'conversation' namespace, so
// a restarted bot, or another process, continues the same conversations.
import { ConversationContextSchema, type ContextStore } from '../retrieval/index.ts';
import type { StateStore } from './state.ts';

export type { ContextStore } from '../retrieval/index.ts';

export interface ConversationPlace {
  userId: string;
  channelId: string | null;
  isDM: boolean;
  isThread: boolean;
}

export function conversationId(place: ConversationPlace): string {
  if (place.isDM) return `dm:${place.channelId ?? place.userId}`;
  if (place.isThread && place.channelId) return `thread:${place.channelId}`;
  return `ch:${place.channelId ?? 'none'}:u:${place.userId}`;
}


/** The engine's ContextStore over the state store's 'conversation' namespace. */
export function conversationStore(store: Pick<StateStore, 'get' | 'set' | 'delete'>): ContextStore {
  return {
    get: async (id) => {
      // What the engine wrote; anything else (a damaged or older entry) reads as no context.
      const parsed = ConversationContextSchema.safeParse(await store.get('conversation', id));
      return parsed.success ? parsed.data : undefined;
    },
    set: (id, value, ttlSeconds) => store.set('conversation', id, value, ttlSeconds),
    delete: (id) => store.delete('conversation', id),
  };
}
