// State bounded per user, not only by TTL (issue 15): a user's stored answers are capped (the oldest is
// dropped, its buttons then say "expired"), and so are the votes a user can store.
import { describe, expect, it } from 'vitest';
import { dispatchInteraction } from '../../bot/interactions/dispatch.ts';
import { UI } from '../../present/labels.ts';
import { MemoryStateStore } from '../../state/memory.ts';
import { DEFAULT_STATE_LIMITS, parseStateLimits } from '../../state/quota.ts';
import { BOB, FakeResponder, button, command, customIds, harness } from './harness.ts';

const answerIdOf = (r: FakeResponder): string => {
  const csv = customIds(r.last).find((id) => id.startsWith('vote:'));
  if (!csv) throw new Error('no vote button on the answer');
  return csv.split(':')[1]!;
};

const storedAnswers = (store: MemoryStateStore) => [...store.data.entries.keys()].filter((k) => k.startsWith('answers\u0000')).length;

async function ask(h: ReturnType<typeof harness>, question: string, user?: string): Promise<string> {
  const r = new FakeResponder();
  await dispatchInteraction(command('ask', { question }, user ? { userId: user } : {}), r, h.ctx);
  return answerIdOf(r);
}

describe('per-user caps on stored state', () => {
  it("keeps a user's newest answers only: the oldest one's buttons then say expired", async () => {
    const store = new MemoryStateStore({ log: () => {} });
    const h = harness({ store, services: { limits: { answersPerUser: 3, feedbackPerUser: 10 } } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await ask(h, '法律事务厅有哪些产出被推迟？'));
    expect(storedAnswers(store)).toBe(3);
    const oldest = new FakeResponder();
    await dispatchInteraction(button(`csv:${ids[0]}`), oldest, h.ctx);
    expect(oldest.last?.content).toBe(UI.zh.expired);
    const newest = new FakeResponder();
    await dispatchInteraction(button(`csv:${ids[4]}`), newest, h.ctx);
    expect(newest.last?.content).not.toBe(UI.zh.expired);
    // Another user's answers count against their own cap, not this one.
    await ask(h, '法律事务厅有哪些产出被推迟？', BOB);
    expect(storedAnswers(store)).toBe(4);
  });

  it('declines votes past the per-user cap, saying so, and stores none of them', async () => {
    const store = new MemoryStateStore({ log: () => {} });
    const h = harness({ store, services: { limits: { answersPerUser: 10, feedbackPerUser: 2 } } });
    const replies: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await ask(h, '法律事务厅有哪些产出被推迟？');
      const r = new FakeResponder();
      await dispatchInteraction(button(`vote:${id}:up`), r, h.ctx);
      replies.push(r.last?.content);
    }
    expect(replies).toEqual([UI.zh.thanks, UI.zh.thanks, UI.zh.feedbackLimit]);
    expect(await store.listFeedback()).toHaveLength(2);
  });

  it('reads the caps from the environment, one line naming a bad variable', () => {
    expect(parseStateLimits({})).toEqual(DEFAULT_STATE_LIMITS);
    expect(parseStateLimits({ STATE_MAX_ANSWERS_PER_USER: '50', STATE_MAX_FEEDBACK_PER_USER: ' ' })).toEqual({ answersPerUser: 50, feedbackPerUser: DEFAULT_STATE_LIMITS.feedbackPerUser });
    expect(() => parseStateLimits({ STATE_MAX_FEEDBACK_PER_USER: '0' })).toThrow('Invalid configuration: STATE_MAX_FEEDBACK_PER_USER must be at least 1');
    expect(() => parseStateLimits({ STATE_MAX_ANSWERS_PER_USER: 'lots' })).toThrow(/^Invalid configuration: STATE_MAX_ANSWERS_PER_USER /);
  });
});
