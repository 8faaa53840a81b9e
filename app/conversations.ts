// Conversations for a process that keeps them in memory only (`npm run ask -- --json`, one stdin line per
// turn, any number of conversation ids): over the memory state store, whose periodic sweep drops the ones
// idle past CONVERSATION_TTL_MINUTES. The engine's own default store forgets an expired conversation only
// when that conversation speaks again, so a stream of one-off ids would pile up for the life of the process.
import { conversationStore } from '../bot/conversation.ts';
import type { ContextStore } from '../retrieval/index.ts';
import { MemoryStateStore } from '../state/memory.ts';

export function memoryConversations(options: { now?: () => number; log?: (line: string) => void } = {}): { contexts: ContextStore; store: MemoryStateStore } {
  const store = new MemoryStateStore({ ...(options.now ? { now: options.now } : {}), log: options.log ?? ((line) => process.stderr.write(`${line}\n`)) });
  return { contexts: conversationStore(store), store };
}
