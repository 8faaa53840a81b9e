// `npm run ask -- --json` with many conversation ids (issue 15): conversations idle past their TTL are dropped
// from memory as turns go on, not kept for the life of the process.
import { describe, expect, it } from 'vitest';
import { memoryConversations } from '../../app/conversations.ts';
import type { ConversationContext } from '../../retrieval/index.ts';
import { basePlan } from '../../retrieval/plan.ts';

const context = (): ConversationContext =>
  ({ plan: basePlan('zh'), history: [], shownRowIds: ['A-a-1.1-01'], shownUnits: [], language: 'zh' });

describe('npm run ask --json conversations', () => {
  it('drops expired conversations while later turns arrive', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { contexts, store } = memoryConversations({ now: () => now, log: () => {} });
    for (let i = 0; i < 300; i++) await contexts.set(`old-${i}`, context(), 60);
    expect(await contexts.get('old-0')).toBeDefined();
    now += 61_000;
    for (let i = 0; i < 300; i++) await contexts.set(`new-${i}`, context(), 60);
    const held = [...store.data.entries.keys()];
    expect(held.filter((k) => k.includes('old-'))).toEqual([]);
    expect(held.filter((k) => k.includes('new-'))).toHaveLength(300);
    expect(await contexts.get('new-299')).toBeDefined();
  });
});
