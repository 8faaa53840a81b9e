// Buttons, menus and the feedback modal: only ids travel in custom_ids, everything else is looked up in the
// state store, so a second context over the same store (a restarted bot) serves them too.
import { describe, expect, it } from 'vitest';
import { feedbackId } from '../../bot/buttons/vote.ts';
import { createContext } from '../../bot/context.ts';
import { customId, parseCustomId } from '../../bot/interactions/custom-id.ts';
import { dispatchInteraction } from '../../bot/interactions/dispatch.ts';
import type { BotMessage, ButtonJSON, StringSelectJSON } from '../../bot/interactions/types.ts';
import { ALICE, BOB, FakeResponder, button, command, customIds, harness, modal, select } from './harness.ts';
import { createFixtureQueries, syntheticRecord } from './fixtures.ts';

const longRows = () => Array.from({ length: 30 }, (_, i) => syntheticRecord(i, { department: { code: 'H', name: '法律事务厅' }, office: null }));
const buttonsOf = (m: BotMessage | undefined): ButtonJSON[] => (m?.components ?? []).flatMap((r) => r.components.filter((c): c is ButtonJSON => c.type === 2));
const menuOf = (m: BotMessage | undefined): StringSelectJSON | undefined => (m?.components ?? []).flatMap((r) => r.components).find((c): c is StringSelectJSON => c.type === 3);
const next = (m: BotMessage | undefined) => buttonsOf(m).find((b) => b.custom_id.startsWith('pg:') && b.custom_id.endsWith(':n'))?.custom_id ?? '';
const indicator = (m: BotMessage | undefined) => buttonsOf(m).find((b) => b.custom_id.endsWith(':i'))?.label;

async function longAnswer(h: ReturnType<typeof harness>) {
  const r = new FakeResponder();
  await dispatchInteraction(command('dept', { department: '法律事务厅' }), r, h.ctx);
  return r.last!;
}

describe('custom ids', () => {
  it('carry only ids, stay within 100 characters and reject anything else', () => {
    const aid = '0123456789abcdef';
    for (const id of [customId.page(aid, 3, 'n'), customId.csv(aid), customId.vote(aid, 'down'), customId.source('A-a-1.1-01'), customId.sourceSelect(aid), customId.feedbackModal(aid)]) {
      expect(id.length).toBeLessThanOrEqual(100);
      expect(parseCustomId(id)).not.toBeNull();
    }
    expect(parseCustomId(customId.page(aid, 3, 'p'))).toEqual({ kind: 'page', answerId: aid, page: 3 });
    for (const bad of ['', 'pg:zz:1:n', `pg:${aid}:i`, `csv:${aid}x`, 'src:../../etc', `vote:${aid}:maybe`, 'someone-elses-button']) expect(parseCustomId(bad)).toBeNull();
  });
});

describe('paging', () => {
  it('the asker pages, another user is refused, an expired session is told', async () => {
    const h = harness({ queries: createFixtureQueries({ records: longRows() }) });
    const first = await longAnswer(h);
    expect(indicator(first)).toMatch(/^第 1\/\d+ 页$/);
    const pages = Number(/\/(\d+)/.exec(indicator(first) ?? '')?.[1]);
    expect(pages).toBeGreaterThan(2);
    const prev = buttonsOf(first)[0];
    expect(prev?.disabled).toBe(true);

    const bob = new FakeResponder();
    await dispatchInteraction(button(next(first), { userId: BOB }), bob, h.ctx);
    expect(bob.sent[0]).toMatchObject({ method: 'reply', message: { ephemeral: true } });
    expect(bob.last?.content).toContain('只有提问的人可以翻页');

    const alice = new FakeResponder();
    await dispatchInteraction(button(next(first)), alice, h.ctx);
    expect(alice.sent[0]?.method).toBe('update');
    expect(indicator(alice.last)).toBe(`第 2/${pages} 页`);
    expect(JSON.stringify(alice.last?.embeds)).not.toBe(JSON.stringify(first.embeds));

    h.clock.now += 61_000;
    const late = new FakeResponder();
    await dispatchInteraction(button(next(alice.last)), late, h.ctx);
    expect(late.last?.content).toContain('已过期');
    expect(late.last?.ephemeral).toBe(true);
  });

  it('a restarted bot (a new context over the same store) pages on and keeps the owner check', async () => {
    const queries = createFixtureQueries({ records: longRows() });
    const h = harness({ queries });
    const first = await longAnswer(h);
    // Nothing in memory survives: a fresh context, fresh timers, a fresh engine double; only the store is kept.
    const restarted = createContext({ ...h.ctx, queries: createFixtureQueries({ records: longRows() }) });
    const r = new FakeResponder();
    await dispatchInteraction(button(next(first)), r, restarted);
    expect(r.sent[0]?.method).toBe('update');
    expect(indicator(r.last)).toMatch(/^第 2\/\d+ 页$/);
    const bob = new FakeResponder();
    await dispatchInteraction(button(next(first), { userId: BOB }), bob, restarted);
    expect(bob.last?.content).toContain('只有提问的人可以翻页');
  });

  it('greys out the page buttons when the session times out, through the last handle', async () => {
    const h = harness({ queries: createFixtureQueries({ records: longRows() }), paginationTimeoutMs: 30, realClock: true });
    const r = new FakeResponder();
    await dispatchInteraction(command('dept', { department: '法律事务厅' }), r, h.ctx);
    await new Promise<void>((resolve) => {
      const poll = () => (r.sent.filter((s) => s.method === 'editReply').length >= 2 ? resolve() : setTimeout(poll, 5));
      poll();
    });
    const greyed = r.last!;
    const paging = buttonsOf(greyed).filter((b) => b.custom_id.startsWith('pg:'));
    expect(paging.every((b) => b.disabled)).toBe(true);
    // The other buttons stay usable: the answer itself has not expired.
    expect(buttonsOf(greyed).filter((b) => !b.custom_id.startsWith('pg:')).every((b) => !b.disabled)).toBe(true);
  });
});

describe('Export CSV', () => {
  it('exports every matching row of the answer, not just the page', async () => {
    const h = harness({ queries: createFixtureQueries({ records: longRows() }) });
    const first = await longAnswer(h);
    const csvId = customIds(first).find((id) => id.startsWith('csv:')) ?? '';
    const r = new FakeResponder();
    await dispatchInteraction(button(csvId, { userId: BOB }), r, h.ctx);
    expect(r.sent.map((s) => s.method)).toEqual(['defer', 'editReply']);
    expect(r.sent[0]?.ephemeral).toBe(true);
    const csv = r.last?.files?.[0]?.data.toString() ?? '';
    expect(csv.split('\n').slice(1).map((l) => l.split(',')[0])).toEqual(longRows().map((x) => x.id));
    // A list has no table; every export carries its note (question, reading, report).
    expect(r.last?.files?.map((f) => f.name)).toEqual([expect.stringMatching(/\.csv$/), expect.stringMatching(/-note\.txt$/)]);
    const gone = new FakeResponder();
    await dispatchInteraction(button('csv:ffffffffffffffff'), gone, h.ctx);
    expect(gone.last?.content).toContain('已过期');
  });
});

describe('Export CSV of a table answer', () => {
  it('a breakdown exports its table beside its rows', async () => {
    const h = harness();
    const asked = new FakeResponder();
    await dispatchInteraction(command('count', {}), asked, h.ctx);
    const csvId = customIds(asked.last).find((id) => id.startsWith('csv:')) ?? '';
    expect(csvId).not.toBe('');
    const r = new FakeResponder();
    await dispatchInteraction(button(csvId), r, h.ctx);
    const names = r.last?.files?.map((f) => f.name) ?? [];
    expect(names).toEqual([expect.stringMatching(/\.csv$/), expect.stringMatching(/-table\.csv$/), expect.stringMatching(/-note\.txt$/)]);
    const table = r.last!.files![1]!.data.toString();
    expect(table.split('\n').length).toBeLessThan(20);
  });
});

describe('Source', () => {
  it('the menu lists the rows on the page; choosing one shows its lines', async () => {
    const h = harness();
    const r = new FakeResponder();
    await dispatchInteraction(command('dept', { department: '维持和平行动部' }), r, h.ctx);
    const menu = menuOf(r.last);
    expect(menu?.options.map((o) => o.value)).toEqual(['A-a-1.1-01', 'A-a-1.1-02', 'A-a-1.1-03', 'A-b-1.1-01']);
    for (const o of menu?.options ?? []) expect(o.label.length).toBeLessThanOrEqual(100);
    const s = new FakeResponder();
    await dispatchInteraction(select(menu?.custom_id ?? '', ['A-a-1.1-02']), s, h.ctx);
    expect(s.last?.ephemeral).toBe(true);
    expect(s.last?.content).toContain('```\nline 90 of A-a-1.1-02');
    expect(s.last?.content).toContain('line 96 of A-a-1.1-02\n```');
  });

  it('the button on a one-row answer shows that row', async () => {
    const h = harness();
    const r = new FakeResponder();
    await dispatchInteraction(button('src:H-1.1-01'), r, h.ctx);
    expect(r.last?.content).toContain('line 5215 of H-1.1-01');
    const bad = new FakeResponder();
    await dispatchInteraction(select(customId.sourceSelect('0123456789abcdef'), ['not an id']), bad, h.ctx);
    expect(bad.last?.content).toContain('没有编号为');
  });
});

describe('👍 / 👎', () => {
  it('stores each vote with question, plan, rows and time; 👎 opens a modal whose text becomes the note', async () => {
    const h = harness();
    const r = new FakeResponder();
    await dispatchInteraction(command('ask', { question: '法律事务厅有哪些产出被推迟？' }), r, h.ctx);
    const up = customIds(r.last).find((id) => id.endsWith(':up')) ?? '';
    const down = customIds(r.last).find((id) => id.endsWith(':down')) ?? '';
    const answerId = parseCustomId(up)?.kind === 'vote' ? (parseCustomId(up) as { answerId: string }).answerId : '';

    const u = new FakeResponder();
    await dispatchInteraction(button(up, { userId: BOB }), u, h.ctx);
    expect(u.last).toMatchObject({ ephemeral: true, content: '谢谢反馈！' });

    const d = new FakeResponder();
    await dispatchInteraction(button(down), d, h.ctx);
    expect(d.sent[0]?.method).toBe('showModal');
    const m = d.sent[0]?.modal;
    expect(m?.custom_id).toBe(customId.feedbackModal(answerId));
    expect(m?.title.length).toBeLessThanOrEqual(45);
    expect(m?.components[0]?.components[0]?.label.length).toBeLessThanOrEqual(45);

    const submit = new FakeResponder();
    await dispatchInteraction(modal(m?.custom_id ?? '', { note: '应该还有维和部的一项' }), submit, h.ctx);
    expect(submit.last?.ephemeral).toBe(true);

    const log = await h.store.listFeedback();
    expect(log.map((e) => [e.vote, e.user])).toEqual([
      ['up', BOB],
      ['down', ALICE],
    ]);
    const entry = log[1]!;
    expect(entry.id).toBe(feedbackId(answerId, ALICE, 'down'));
    expect(entry.question).toBe('法律事务厅有哪些产出被推迟？');
    expect(entry.rowIds).toEqual(['H-1.1-01']);
    expect(entry.note).toBe('应该还有维和部的一项');
    expect(entry.at).toBe(new Date(h.clock.now).toISOString());
    expect(entry.plan).toMatchObject({ measure: 'rows', answered: { intent: 'list', total: 1, lines: [5215] } });
    // A retried click stores nothing twice.
    await dispatchInteraction(button(down), new FakeResponder(), h.ctx);
    expect(await h.store.listFeedback()).toHaveLength(2);
  });
});
