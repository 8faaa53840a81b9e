// The router against hand-made interaction and message doubles: which call each path makes, and that
// every outgoing payload carries allowedMentions { parse: [] }.
import type { Interaction, Message } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commandList, commandPayloads } from '../../bot/commands/index.ts';
import { unitChoiceLabel, unitChoices } from '../../bot/commands/types.ts';
import { createRouter, toMessage } from '../../bot/discord-bot.ts';
import { createLogger } from '../../bot/logger.ts';
import { extractQuestion } from '../../bot/mention.ts';
import { Paginator } from '../../bot/pagination.ts';
import { createFixtureQueries, syntheticRecord, type FixtureQueries } from './fixtures.ts';

const BOT_ID = '100000000000000001';
const ALICE = '200000000000000002';
const BOB = '300000000000000003';

interface Sent {
  method: string;
  payload: Record<string, unknown>;
}

function harness(queries: FixtureQueries = createFixtureQueries()) {
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => logs.push(l) });
  const paginator = new Paginator();
  const router = createRouter({ queries, logger, paginator, botUserId: () => BOT_ID });
  const sent: Sent[] = [];
  return { router, paginator, sent, logs, queries };
}

let nextId = 1;

function fakeCommand(sent: Sent[], name: string, options: Record<string, string> = {}, user = ALICE, extra: Record<string, unknown> = {}) {
  const i = {
    id: `9${String(nextId++).padStart(17, '0')}`,
    commandName: name,
    user: { id: user },
    locale: 'zh-CN',
    deferred: false,
    replied: false,
    isChatInputCommand: () => true,
    isAutocomplete: () => false,
    isButton: () => false,
    options: {
      getString: (n: string, required?: boolean) => {
        const v = options[n];
        if (v === undefined && required) throw new Error(`missing ${n}`);
        return v ?? null;
      },
    },
    async deferReply(payload?: Record<string, unknown>) {
      sent.push({ method: 'deferReply', payload: payload ?? {} });
      i.deferred = true;
    },
    async reply(payload: Record<string, unknown>) {
      sent.push({ method: 'reply', payload });
      i.replied = true;
    },
    async editReply(payload: Record<string, unknown>) {
      sent.push({ method: 'editReply', payload });
    },
    async followUp(payload: Record<string, unknown>) {
      sent.push({ method: 'followUp', payload });
    },
    ...extra,
  };
  return i;
}

function fakeButton(sent: Sent[], customId: string, user: string) {
  const b = {
    id: `8${String(nextId++).padStart(17, '0')}`,
    customId,
    user: { id: user },
    deferred: false,
    replied: false,
    isChatInputCommand: () => false,
    isAutocomplete: () => false,
    isButton: () => true,
    async reply(payload: Record<string, unknown>) {
      sent.push({ method: 'reply', payload });
      b.replied = true;
    },
    async update(payload: Record<string, unknown>) {
      sent.push({ method: 'update', payload });
    },
    async editReply(payload: Record<string, unknown>) {
      sent.push({ method: 'editReply', payload });
    },
    async followUp(payload: Record<string, unknown>) {
      sent.push({ method: 'followUp', payload });
    },
  };
  return b;
}

function fakeAutocomplete(name: string, focused: { name: string; value: string }, options: Record<string, string> = {}) {
  const responses: { name: string; value: string }[][] = [];
  const a = {
    id: '7',
    commandName: name,
    user: { id: ALICE },
    responded: false,
    isChatInputCommand: () => false,
    isAutocomplete: () => true,
    isButton: () => false,
    options: { getFocused: () => focused, getString: (n: string) => options[n] ?? null },
    async respond(choices: { name: string; value: string }[]) {
      responses.push(choices);
      a.responded = true;
    },
  };
  return { interaction: a, responses };
}

function fakeMessage(sent: Sent[], content: string, opts: { guild?: boolean; author?: string; bot?: boolean } = {}) {
  const edits: Sent[] = sent;
  return {
    id: `6${String(nextId++).padStart(17, '0')}`,
    content,
    webhookId: null,
    author: { id: opts.author ?? ALICE, bot: opts.bot ?? false },
    inGuild: () => opts.guild ?? true,
    mentions: { roles: { filter: () => ({ map: () => [] }) } },
    channel: {
      sendTyping: async () => {
        sent.push({ method: 'sendTyping', payload: {} });
      },
    },
    async reply(payload: Record<string, unknown>) {
      sent.push({ method: 'message.reply', payload });
      return {
        edit: async (p: Record<string, unknown>) => {
          edits.push({ method: 'message.edit', payload: p });
        },
      };
    },
  };
}

const asInteraction = (x: unknown) => x as Interaction;
const asMessage = (x: unknown) => x as Message;

/** Every payload that could carry text must forbid all mention parsing. */
function expectNoMentions(sent: Sent[]) {
  const outgoing = sent.filter((s) => !['deferReply', 'sendTyping'].includes(s.method));
  expect(outgoing.length).toBeGreaterThan(0);
  for (const s of outgoing) {
    expect(s.payload.allowedMentions, `${s.method} lacks allowedMentions`).toBeDefined();
    expect((s.payload.allowedMentions as { parse: unknown[] }).parse).toEqual([]);
  }
}

describe('mention stripping', () => {
  it.each([
    [`<@${BOT_ID}> 法律事务厅有哪些产出被推迟？`, false, '法律事务厅有哪些产出被推迟？'],
    [`<@!${BOT_ID}>   how many   postponed?`, false, 'how many postponed?'],
    [`which were postponed, <@${BOT_ID}>?`, false, 'which were postponed, ?'],
    [`<@${BOT_ID}>`, false, ''],
    ['no mention here', false, null],
    [`<@200000000000000002> hi`, false, null],
    ['法律事务厅的产出', true, '法律事务厅的产出'],
    [`<@${BOT_ID}> DM with mention`, true, 'DM with mention'],
  ])('%s (DM %s)', (content, isDM, expected) => {
    expect(extractQuestion({ content, botId: BOT_ID, isDM })).toBe(expected);
  });

  it("counts a mention of the bot's managed role, and only that role", () => {
    const role = '500000000000000005';
    expect(extractQuestion({ content: `<@&${role}> 推迟的产出`, botId: BOT_ID, isDM: false, botRoleIds: [role] })).toBe('推迟的产出');
    expect(extractQuestion({ content: `<@&${role}> 推迟的产出`, botId: BOT_ID, isDM: false })).toBeNull();
    expect(extractQuestion({ content: '<@&600000000000000006> hi', botId: BOT_ID, isDM: false, botRoleIds: [role] })).toBeNull();
  });
});

describe('commands', () => {
  it('registers six slash commands with the documented options', () => {
    expect(commandPayloads().map((c) => c.name)).toEqual(['ask', 'dept', 'postponed', 'count', 'row', 'help']);
    const dept = commandList.find((c) => c.data.name === 'dept')?.data;
    const opts = (dept?.options ?? []) as { name: string; autocomplete?: boolean; required?: boolean; choices?: { name: string; value: string }[] }[];
    expect(opts.map((o) => o.name)).toEqual(['department', 'status', 'office']);
    expect(opts[0]).toMatchObject({ autocomplete: true, required: true });
    expect(opts[2]).toMatchObject({ autocomplete: true });
    expect(opts[1]?.choices?.map((c) => c.value)).toEqual(['completed', 'not_completed', 'above_plan', 'below_plan', 'postponed']);
    expect(opts[1]?.choices?.[4]?.name).toBe('推迟 / Postponed');
  });

  it('builds autocomplete choices with both names, within 25 choices of 100 chars', () => {
    const queries = createFixtureQueries();
    const choices = unitChoices(queries, { typed: '', kind: 'department' });
    expect(choices.map((c) => c.value)).toEqual(['维持和平行动部', '外勤支助部', '法律事务厅']);
    expect(choices[2]?.name).toBe('H. 法律事务厅 — Office of Legal Affairs');
    expect(unitChoices(queries, { typed: 'legal', kind: 'department' }).map((c) => c.value)).toEqual(['法律事务厅']);
    const offices = unitChoices(queries, { typed: '', kind: 'office', department: '外勤支助部' });
    expect(offices).toEqual([{ name: '副秘书长办公室（B. 外勤支助部） — Office of the Under-Secretary-General', value: 'B-a' }]);
    const long = unitChoiceLabel({ kind: 'department', department: { code: 'Z', name: '部'.repeat(80) }, office: null, englishName: 'E'.repeat(80), aliases: [], rowCount: 1 });
    expect(long.length).toBe(100);
    const manyUnits = Array.from({ length: 60 }, (_, i) => ({ kind: 'department' as const, department: { code: `Q${i}`, name: `部门${i}` }, office: null, englishName: null, aliases: [], rowCount: 1 }));
    const many = { ...createFixtureQueries(), units: () => manyUnits, suggestUnits: (_t: string, limit: number) => manyUnits.slice(0, limit) };
    expect(unitChoices(many, { typed: '', kind: 'department' })).toHaveLength(25);
    expect(unitChoices(many, { typed: '部门', kind: 'department' })).toHaveLength(25);
  });
});

describe('router', () => {
  it('/ask defers, then edits the reply with the answer', async () => {
    const h = harness();
    const i = fakeCommand(h.sent, 'ask', { question: '法律事务厅有哪些产出被推迟？' });
    await h.router.handleInteraction(asInteraction(i));
    expect(h.sent.map((s) => s.method)).toEqual(['deferReply', 'editReply']);
    const embeds = h.sent[1]?.payload.embeds as { title?: string }[];
    expect(embeds[0]?.title).toBe('找到 1 项产出');
    expect(embeds[1]?.title).toBe('H. 法律事务厅 › 预期成绩 1.1');
    expectNoMentions(h.sent);
  });

  it('/dept passes department, office and status to overview', async () => {
    const h = harness();
    await h.router.handleInteraction(asInteraction(fakeCommand(h.sent, 'dept', { department: '维持和平行动部', office: '联合国驻非洲联盟办事处', status: 'postponed' })));
    expect(h.queries.calls).toEqual([{ method: 'overview', args: { kind: 'dept', unit: '维持和平行动部', office: '联合国驻非洲联盟办事处', status: 'postponed' } }]);
    // An office picked from autocomplete arrives as its code and is the unit; the labels stay Chinese.
    await h.router.handleInteraction(asInteraction(fakeCommand(h.sent, 'dept', { department: '维持和平行动部', office: 'A-b' })));
    expect(h.queries.calls.at(-1)).toEqual({ method: 'overview', args: { kind: 'dept', unit: 'A-b' } });
    const embeds = h.sent.at(-1)?.payload.embeds as { title: string; fields?: { name: string }[] }[];
    expect(embeds[1]?.title).toBe('A. 维持和平行动部 › (b) 副秘书长办公室 › 预期成绩 1.1');
    expect(embeds[1]?.fields?.[0]?.name).toBe('计划');
    expectNoMentions(h.sent);
  });

  it('/row answers an unknown id ephemerally, without deferring', async () => {
    const h = harness();
    await h.router.handleInteraction(asInteraction(fakeCommand(h.sent, 'row', { id: 'Z-9.9-99' })));
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.method).toBe('reply');
    expect(h.sent[0]?.payload.flags).toBe(64);
    expect(h.sent[0]?.payload.content).toContain('Z-9.9-99');
    await h.router.handleInteraction(asInteraction(fakeCommand(h.sent, 'row', { id: 'H-1.1-02' })));
    expect((h.sent[1]?.payload.embeds as { title: string }[])[0]?.title).toBe('H. 法律事务厅 › 预期成绩 1.1');
    expectNoMentions(h.sent);
  });

  it('/count and /postponed and /help reply', async () => {
    const h = harness();
    await h.router.handleInteraction(asInteraction(fakeCommand(h.sent, 'count', { status: 'postponed' })));
    await h.router.handleInteraction(asInteraction(fakeCommand(h.sent, 'postponed', { department: '法律事务厅' })));
    await h.router.handleInteraction(asInteraction(fakeCommand(h.sent, 'help')));
    expect(h.queries.calls).toEqual([
      { method: 'count', args: { kind: 'count', status: 'postponed' } },
      { method: 'postponed', args: { kind: 'postponed', unit: '法律事务厅' } },
    ]);
    const count = h.sent.find((s) => s.method === 'editReply')?.payload.embeds as { title: string; description: string }[];
    expect(count).toHaveLength(1);
    expect(count[0]?.title).toBe('共 2 项产出');
    expect(h.sent.at(-1)?.payload.flags).toBe(64);
    expectNoMentions(h.sent);
  });

  it('pages long answers: the asker pages, others are refused, expired clicks are told', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => syntheticRecord(i, { department: { code: 'H', name: '法律事务厅' }, office: null }));
    const h = harness(createFixtureQueries({ records: rows }));
    await h.router.handleInteraction(asInteraction(fakeCommand(h.sent, 'dept', { department: '法律事务厅' })));
    const first = h.sent[1]?.payload as { components: { components: { custom_id: string; label: string }[] }[] };
    const row = first.components[0]?.components ?? [];
    expect(row[1]?.label).toMatch(/^第 1\/\d+ 页$/);
    const next = row[2]?.custom_id ?? '';

    await h.router.handleInteraction(asInteraction(fakeButton(h.sent, next, BOB)));
    expect(h.sent.at(-1)?.method).toBe('reply');
    expect(h.sent.at(-1)?.payload.flags).toBe(64);
    expect(h.sent.at(-1)?.payload.content).toContain('只有提问的人可以翻页');

    await h.router.handleInteraction(asInteraction(fakeButton(h.sent, next, ALICE)));
    expect(h.sent.at(-1)?.method).toBe('update');
    const updated = h.sent.at(-1)?.payload as { components: { components: { label: string }[] }[] };
    expect(updated.components[0]?.components[1]?.label).toMatch(/^第 2\/\d+ 页$/);

    h.paginator.clear();
    await h.router.handleInteraction(asInteraction(fakeButton(h.sent, next, ALICE)));
    expect(h.sent.at(-1)?.payload.content).toContain('已过期');
    expect(h.sent.at(-1)?.payload.flags).toBe(64);
    expectNoMentions(h.sent);
  });

  it('disables the buttons by editing the message when a session expires', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => syntheticRecord(i));
    const queries = createFixtureQueries({ records: rows });
    const sent: Sent[] = [];
    let now = 0;
    const paginator = new Paginator({
      ttlMs: 1000,
      now: () => now,
      onExpire: (s) => void s.edit?.({ embeds: [], components: [] }),
    });
    const router = createRouter({ queries, logger: createLogger({ write: () => {} }), paginator, botUserId: () => BOT_ID });
    await router.handleInteraction(asInteraction(fakeCommand(sent, 'postponed')));
    const [session] = [...(paginator as unknown as { sessions: Map<string, unknown> }).sessions.keys()];
    now = 2000;
    expect(paginator.get(session ?? '')).toBeUndefined();
    await Promise.resolve();
    expect(sent.at(-1)?.method).toBe('editReply');
    expect(sent.at(-1)?.payload.components).toEqual([]);
    expectNoMentions(sent);
  });

  it('a failing handler gets a short ephemeral error (or an edited deferral) and a log line; the router keeps serving', async () => {
    const h = harness(createFixtureQueries({ failOn: '爆炸' }));
    const i = fakeCommand(h.sent, 'ask', { question: '爆炸' });
    await h.router.handleInteraction(asInteraction(i));
    expect(h.sent.map((s) => s.method)).toEqual(['deferReply', 'editReply']);
    expect(h.sent[1]?.payload.content).toContain('出错了');
    expect(h.logs.some((l) => l.includes('command failed') && l.includes('"command":"ask"') && l.includes(`"userId":"${ALICE}"`) && l.includes(`"interactionId":"${i.id}"`))).toBe(true);

    const failingReply = fakeCommand(h.sent, 'help', {}, ALICE, {
      reply: async (payload: Record<string, unknown>) => {
        h.sent.push({ method: 'reply-attempt', payload });
        throw new Error('HTTP 500');
      },
    });
    await h.router.handleInteraction(asInteraction(failingReply));
    expect(h.logs.some((l) => l.includes('could not send the error reply'))).toBe(true);

    await h.router.handleInteraction(asInteraction(fakeCommand(h.sent, 'ask', { question: '法律事务厅有哪些产出被推迟？' })));
    expect(h.sent.at(-1)?.method).toBe('editReply');
    expect((h.sent.at(-1)?.payload.embeds as unknown[]).length).toBeGreaterThan(0);
    expectNoMentions(h.sent);
  });

  it('ignores unknown interaction kinds and malformed payloads without throwing', async () => {
    const h = harness();
    await expect(h.router.handleInteraction(asInteraction({ id: '1', type: 5, isChatInputCommand: () => false, isAutocomplete: () => false, isButton: () => false }))).resolves.toBeUndefined();
    await expect(h.router.handleInteraction(asInteraction({}))).resolves.toBeUndefined();
    await h.router.handleInteraction(asInteraction(fakeButton(h.sent, 'someone-elses-button', ALICE)));
    expect(h.sent).toEqual([]);
    await h.router.handleInteraction(asInteraction(fakeCommand(h.sent, 'nonexistent')));
    expect(h.sent[0]?.payload.flags).toBe(64);
    expectNoMentions(h.sent);
  });

  it('answers autocomplete for department and office', async () => {
    const h = harness();
    const a = fakeAutocomplete('dept', { name: 'department', value: '法律' });
    await h.router.handleInteraction(asInteraction(a.interaction));
    expect(a.responses).toEqual([[{ name: 'H. 法律事务厅 — Office of Legal Affairs', value: '法律事务厅' }]]);
    const o = fakeAutocomplete('dept', { name: 'office', value: '' }, { department: '维持和平行动部' });
    await h.router.handleInteraction(asInteraction(o.interaction));
    expect(o.responses[0]?.map((c) => c.value)).toEqual(['A-a', 'A-b']);
    const none = fakeAutocomplete('ask', { name: 'question', value: 'x' });
    await h.router.handleInteraction(asInteraction(none.interaction));
    expect(none.responses).toEqual([[]]);
  });

  it('answers a guild mention and a DM like /ask; ignores bots, itself and unaddressed messages', async () => {
    const h = harness();
    await h.router.handleMessage(asMessage(fakeMessage(h.sent, `<@${BOT_ID}> 法律事务厅有哪些产出被推迟？`)));
    expect(h.queries.calls).toEqual([{ method: 'ask', args: '法律事务厅有哪些产出被推迟？' }]);
    const reply = h.sent.find((s) => s.method === 'message.reply')?.payload as { allowedMentions: unknown; embeds: unknown[] };
    expect(reply.allowedMentions).toEqual({ parse: [], repliedUser: false });
    expect(reply.embeds.length).toBe(2);

    await h.router.handleMessage(asMessage(fakeMessage(h.sent, 'how many outputs did the Office of Legal Affairs have?', { guild: false })));
    expect(h.queries.calls.at(-1)).toEqual({ method: 'ask', args: 'how many outputs did the Office of Legal Affairs have?' });

    const before = h.queries.calls.length;
    await h.router.handleMessage(asMessage(fakeMessage(h.sent, `<@${BOT_ID}> hi`, { bot: true, author: '400000000000000004' })));
    await h.router.handleMessage(asMessage(fakeMessage(h.sent, `<@${BOT_ID}> hi`, { author: BOT_ID })));
    await h.router.handleMessage(asMessage(fakeMessage(h.sent, '法律事务厅有哪些产出被推迟？')));
    expect(h.queries.calls.length).toBe(before);

    await h.router.handleMessage(asMessage(fakeMessage(h.sent, `<@${BOT_ID}>`)));
    expect(h.sent.at(-1)?.payload.content).toContain('请在提及后写上问题');
    expectNoMentions(h.sent);
  });

  it('pages mention answers by editing the bot message', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => syntheticRecord(i, { department: { code: 'H', name: '法律事务厅' }, office: null }));
    const h = harness(createFixtureQueries({ records: rows }));
    await h.router.handleMessage(asMessage(fakeMessage(h.sent, `<@${BOT_ID}> 法律事务厅的产出`)));
    const reply = h.sent.find((s) => s.method === 'message.reply')?.payload as { components: { components: { custom_id: string }[] }[] };
    const next = reply.components[0]?.components[2]?.custom_id ?? '';
    await h.router.handleInteraction(asInteraction(fakeButton(h.sent, next, ALICE)));
    expect(h.sent.at(-1)?.method).toBe('update');
    expectNoMentions(h.sent);
  });

  it('toMessage always forbids mentions and clears old text on edits', () => {
    expect(toMessage({ content: '@everyone', embeds: [] }).allowedMentions).toEqual({ parse: [] });
    expect(toMessage({ embeds: [] }, true).content).toBe('');
  });
});
