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
  // The report's own character pairs, so colloquial replacements never cut into its words.
  const pairs = new Map<string, number>();
  for (const r of data.records) {
    const text = `${r.planned}${r.remarks}${r.actual.map((a) => a.label ?? '').join('')}`;
    for (let i = 0; i + 1 < text.length; i++) pairs.set(text.slice(i, i + 2), (pairs.get(text.slice(i, i + 2)) ?? 0) + 1);
  }
  const engine = new ReportEngine({
    data,
    embedder,
    ...loadLexiconHooks({ pairCount: (pair) => pairs.get(pair) ?? 0 }),
    ...(options.fusion ? { fusion: options.fusion } : {}),
    vectorCandidates: options.vectorCandidates ?? null,
  });
  return new ChatEngine(engine, options);
}

export { ChatEngine, MemoryContextStore, type ContextStore } from './conversation.ts';
export { ConversationContextSchema, type ConversationContext } from './follow-up.ts';
export { commandPlan } from './plan.ts';
export type * from './types.ts';
