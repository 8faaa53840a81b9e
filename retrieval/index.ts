// The retrieval stage's one entry: loaded data + embedder -> the ReportQueries its consumers use.
import type { Embedder } from '../embed/types.ts';
import type { LoadedData } from '../store/load.ts';
import { ChatEngine, type ChatOptions } from './conversation.ts';
import { ReportEngine, type VectorCandidates } from './engine.ts';
import { loadLexiconHooks } from './lexicon-hooks.ts';

export interface RetrievalOptions extends ChatOptions {
  fusion?: 'hybrid' | 'keyword';
  vectorCandidates?: VectorCandidates | null;
}

export function createReportQueries(data: Pick<LoadedData, 'records' | 'glossary' | 'index'>, embedder: Embedder, options: RetrievalOptions = {}): ChatEngine {
  const engine = new ReportEngine({
    data,
    embedder,
    ...loadLexiconHooks(),
    ...(options.fusion ? { fusion: options.fusion } : {}),
    vectorCandidates: options.vectorCandidates ?? null,
  });
  return new ChatEngine(engine, options);
}

export { ChatEngine, MemoryContextStore, type ContextStore } from './conversation.ts';
export type { ConversationContext } from './follow-up.ts';
export { commandPlan } from './plan.ts';
export type * from './types.ts';
