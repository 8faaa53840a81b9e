// Next steps under an answer (its other readings and suggested follow-ups): one row of buttons whose custom_ids
// carry an index only; the plans stay with the stored answer and are read back through PlanSchema; a click is a
// turn of the same conversation. And /ask private:true answers only to the asker, next steps included.
import { describe, expect, it } from 'vitest';
import { customId, parseCustomId } from '../../bot/interactions/custom-id.ts';
import { dispatchInteraction } from '../../bot/interactions/dispatch.ts';
import type { BotMessage, ButtonJSON } from '../../bot/interactions/types.ts';
import { commandPayloads } from '../../bot/commands/index.ts';
import { commandPlan } from '../../retrieval/plan.ts';
import type { Alternative } from '../../retrieval/types.ts';
import { ALICE, BOB, FakeResponder, button, command, harness } from './harness.ts';
import { createFixtureQueries, type FixtureQueries } from './fixtures.ts';

const nextButtons = (m: BotMessage | undefined): ButtonJSON[] =>
  (m?.components ?? []).flatMap((r) => r.components).filter((c): c is ButtonJSON => c.type === 2 && parseCustomId(c.custom_id)?.kind === 'next');

const byOffice = (): Alternative => ({ description: '维和部各办事处分别有多少项？', plan: commandPlan({ language: 'zh', unit: { department: 'A', office: null }, measure: 'count', groupBy: 'office' }) });
const postponedOla = (): Alternative => ({ description: '法律事务厅被推迟的产出', plan: commandPlan({ language: 'zh', unit: { department: 'H', office: null }, status: 'postponed', measure: 'rows' }) });

/** The fixture engine whose answers to questions carry the next steps given (as the real engine's will). */
function withNextSteps(steps: { alternatives?: Alternative[]; suggestions?: Alternative[] }): FixtureQueries {
  const queries = createFixtureQueries();
  const ask = queries.ask.bind(queries);
  queries.ask = async (question, options) => ({ ...(await ask(question, options)), alternatives: steps.alternatives ?? [], suggestions: steps.suggestions ?? [] });
  return queries;
}

async function askAs(h: ReturnType<typeof harness>, options: Record<string, string | boolean> = {}, extra = {}) {
  const r = new FakeResponder();
  await dispatchInteraction({ ...command('ask', { question: '维和部有哪些产出？' }, extra), options: { question: '维和部有哪些产出？', ...options } }, r, h.ctx);
  return r;
}

describe('next steps as buttons', () => {
  it('render as one row of at most 3 buttons, other readings first, labels within 80 characters', async () => {
    const long: Alternative = { ...byOffice(), description: '按办事处分列'.repeat(20) };
    const h = harness({ queries: withNextSteps({ alternatives: [postponedOla()], suggestions: [long, byOffice(), byOffice()] }) });
    const reply = (await askAs(h)).last;
    const buttons = nextButtons(reply);
    expect(buttons.map((b) => parseCustomId(b.custom_id))).toEqual([0, 1, 2].map((index) => ({ kind: 'next', answerId: expect.stringMatching(/^[0-9a-f]{16}$/), index })));
    expect(buttons[0]?.label).toBe('法律事务厅被推迟的产出');
    expect(buttons[1]?.label?.length).toBe(80);
    // One action row of their own; the message stays within Discord's 5 rows.
    const rows = reply?.components ?? [];
    expect(rows.filter((row) => row.components.some((c) => parseCustomId(c.custom_id)?.kind === 'next'))).toHaveLength(1);
    expect(rows.length).toBeLessThanOrEqual(5);
  });

  it('an answer without next steps has no such row', async () => {
    const h = harness();
    expect(nextButtons((await askAs(h)).last)).toEqual([]);
  });

  it("a click runs the step's stored plan as a turn of the asker's conversation and answers like any answer", async () => {
    const h = harness({ queries: withNextSteps({ suggestions: [byOffice()] }) });
    const asked = await askAs(h);
    const [step] = nextButtons(asked.last);
    const clicked = new FakeResponder();
    await dispatchInteraction(button(step!.custom_id), clicked, h.ctx);
    const run = h.queries.calls.filter((c) => c.method === 'run').at(-1);
    const conversation = (h.queries.calls.find((c) => c.method === 'ask')?.args as { conversation: string }).conversation;
    expect(run?.args).toEqual({ plan: byOffice().plan, conversation });
    expect(clicked.sent.map((s) => s.method)).toEqual(['defer', 'editReply']);
    expect(clicked.sent[0]).toMatchObject({ ephemeral: false });
    expect(clicked.last?.embeds?.[0]?.title).toMatch(/4 项产出/);
  });

  it('a bystander clicking runs the step in their own conversation, not the asker’s', async () => {
    const h = harness({ queries: withNextSteps({ suggestions: [byOffice()] }) });
    const [step] = nextButtons((await askAs(h)).last);
    await dispatchInteraction(button(step!.custom_id, { userId: BOB }), new FakeResponder(), h.ctx);
    const run = h.queries.calls.filter((c) => c.method === 'run').at(-1)?.args as { conversation: string };
    expect(run.conversation).toContain(BOB);
    expect(run.conversation).not.toContain(ALICE);
  });

  it('a stored plan that no longer parses, an unknown answer or a missing index is refused, never run', async () => {
    const h = harness({ queries: withNextSteps({ suggestions: [byOffice()] }) });
    const [step] = nextButtons((await askAs(h)).last);
    const ref = parseCustomId(step!.custom_id) as { answerId: string };
    const stored = (await h.store.get('answers', ref.answerId)) as { answer: { suggestions: { plan: Record<string, unknown> }[] } };
    stored.answer.suggestions[0]!.plan = { ...stored.answer.suggestions[0]!.plan, measure: 'delete everything' };
    await h.store.set('answers', ref.answerId, stored);
    for (const id of [step!.custom_id, customId.next(ref.answerId, 2), customId.next('0123456789abcdef', 0)]) {
      const r = new FakeResponder();
      await dispatchInteraction(button(id), r, h.ctx);
      expect(r.last).toMatchObject({ ephemeral: true });
      expect(r.last?.content).toContain('已过期');
    }
    expect(h.queries.calls.some((c) => c.method === 'run')).toBe(false);
  });
});

describe('/ask private', () => {
  it('is registered as a boolean option', () => {
    const ask = commandPayloads().find((c) => c.name === 'ask');
    expect(ask?.options?.find((o) => o.name === 'private')).toMatchObject({ type: 5 });
  });

  it('defers ephemerally, and its next steps answer privately too', async () => {
    const h = harness({ queries: withNextSteps({ suggestions: [byOffice()] }) });
    const asked = await askAs(h, { private: true });
    expect(asked.sent[0]).toEqual({ method: 'defer', ephemeral: true });
    const publicAsk = await askAs(h);
    expect(publicAsk.sent[0]).toEqual({ method: 'defer', ephemeral: false });
    const clicked = new FakeResponder();
    await dispatchInteraction(button(nextButtons(asked.last)[0]!.custom_id), clicked, h.ctx);
    expect(clicked.sent[0]).toEqual({ method: 'defer', ephemeral: true });
  });
});
