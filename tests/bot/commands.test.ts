// Slash commands through the dispatcher, against the fixture engine and an in-memory state store: which plan
// each command builds, what it sends, and the errors it gives.
import { describe, expect, it } from 'vitest';
import { commandList, commandPayloads } from '../../bot/commands/index.ts';
import { unitChoiceLabel, unitChoices } from '../../bot/commands/options.ts';
import { dispatchInteraction } from '../../bot/interactions/dispatch.ts';
import { hasPermission, PERMISSION } from '../../bot/interactions/types.ts';
import { replyMode } from '../../bot/settings.ts';
import type { Plan } from '../../retrieval/types.ts';
import { ALICE, CHANNEL, FakeResponder, GUILD, autocomplete, command, customIds, harness } from './harness.ts';
import { createFixtureQueries } from './fixtures.ts';

const runs = (h: ReturnType<typeof harness>) => h.queries.calls.filter((c) => c.method === 'run').map((c) => c.args as { plan: Plan; conversation?: string });

describe('registration', () => {
  it('registers one module per command, with the documented options', () => {
    expect(commandPayloads().map((c) => c.name)).toEqual(['ask', 'dept', 'postponed', 'count', 'row', 'source', 'export', 'reset', 'settings', 'help']);
    const dept = commandList.find((c) => c.data.name === 'dept')?.data;
    const opts = (dept?.options ?? []) as { name: string; autocomplete?: boolean; required?: boolean; choices?: { name: string; value: string }[] }[];
    expect(opts.map((o) => o.name)).toEqual(['department', 'status', 'office']);
    expect(opts[0]).toMatchObject({ autocomplete: true, required: true });
    expect(opts[1]?.choices?.map((c) => c.value)).toEqual(['completed', 'delivered', 'not_completed', 'above_plan', 'below_plan', 'postponed']);
    expect(opts[1]?.choices?.[5]?.name).toBe('推迟 / Postponed');
    for (const c of commandPayloads()) expect(c.description.length).toBeLessThanOrEqual(100);
  });

  it('builds autocomplete choices with both names, within 25 choices of 100 chars', () => {
    const queries = createFixtureQueries();
    expect(unitChoices(queries, { typed: '', kind: 'department' }).map((c) => c.value)).toEqual(['维持和平行动部', '外勤支助部', '法律事务厅']);
    expect(unitChoices(queries, { typed: 'legal', kind: 'department' })).toEqual([{ name: 'H. 法律事务厅 — Office of Legal Affairs', value: '法律事务厅' }]);
    expect(unitChoices(queries, { typed: '', kind: 'office', department: '外勤支助部' })).toEqual([{ name: '副秘书长办公室（B. 外勤支助部） — Office of the Under-Secretary-General', value: 'B-a' }]);
    const long = unitChoiceLabel({ kind: 'department', department: { code: 'Z', name: '部'.repeat(80) }, office: null, englishName: 'E'.repeat(80), aliases: [], rowCount: 1 });
    expect(long.length).toBe(100);
    const many = Array.from({ length: 60 }, (_, i) => ({ kind: 'department' as const, department: { code: `Q${i}`, name: `部门${i}` }, office: null, englishName: null, aliases: [], rowCount: 1 }));
    expect(unitChoices({ ...queries, units: () => many, suggestUnits: (_t, limit) => many.slice(0, limit) }, { typed: '', kind: 'department' })).toHaveLength(25);
  });
});

describe('commands', () => {
  it('/ask defers, asks in the user+channel conversation, and edits in the answer with its buttons', async () => {
    const h = harness();
    const r = new FakeResponder();
    await dispatchInteraction(command('ask', { question: '法律事务厅有哪些产出被推迟？' }), r, h.ctx);
    expect(r.sent.map((s) => s.method)).toEqual(['defer', 'editReply']);
    expect(h.queries.calls[0]).toEqual({ method: 'ask', args: { question: '法律事务厅有哪些产出被推迟？', conversation: `ch:${CHANNEL}:u:${ALICE}` } });
    const m = r.last!;
    expect(m.embeds?.[0]?.title).toBe('法律事务厅有 1 项产出被推迟。');
    expect(m.embeds?.[0]?.description).toContain('理解为：法律事务厅；推迟');
    expect(m.embeds?.[1]?.title).toBe('H. 法律事务厅 › 预期成绩 1.1');
    // One row: Export CSV, Source, 👍, 👎.
    expect(customIds(m).map((id) => id.split(':')[0])).toEqual(['csv', 'src', 'vote', 'vote']);
    expect(customIds(m)).toContain('src:H-1.1-01');
  });

  it('DMs and threads are conversations of their own', async () => {
    const h = harness();
    await dispatchInteraction(command('ask', { question: '法律事务厅的产出' }, { isDM: true, guildId: null, channelId: '77' }), new FakeResponder(), h.ctx);
    await dispatchInteraction(command('ask', { question: '法律事务厅的产出' }, { isThread: true, channelId: '88', parentChannelId: CHANNEL }), new FakeResponder(), h.ctx);
    expect(h.queries.calls.map((c) => (c.args as { conversation: string }).conversation)).toEqual(['dm:77', 'thread:88']);
  });

  it('/dept resolves the unit and runs a plan; an office code from autocomplete is the unit', async () => {
    const h = harness();
    await dispatchInteraction(command('dept', { department: '维持和平行动部', office: '联合国驻非洲联盟办事处', status: 'postponed' }), new FakeResponder(), h.ctx);
    const [first] = runs(h);
    expect(first?.plan.where).toEqual({ op: 'and', args: [{ op: 'unit', unit: { department: 'A', office: 'a' } }, { op: 'status', flag: 'postponed' }] });
    expect(first?.plan.language).toBe('zh');
    expect(first?.conversation).toBe(`ch:${CHANNEL}:u:${ALICE}`);
    const r = new FakeResponder();
    await dispatchInteraction(command('dept', { department: '维持和平行动部', office: 'A-b' }), r, h.ctx);
    expect(runs(h)[1]?.plan.where).toEqual({ op: 'unit', unit: { department: 'A', office: 'b' } });
    expect(r.last?.embeds?.[1]?.title).toBe('A. 维持和平行动部 › (b) 副秘书长办公室 › 预期成绩 1.1');
    // An English name answers in English.
    await dispatchInteraction(command('dept', { department: 'Office of Legal Affairs' }), new FakeResponder(), h.ctx);
    expect(runs(h)[2]?.plan.language).toBe('en');
  });

  it('/dept with a name that matches nothing says so ephemerally, runs nothing and does not defer', async () => {
    const h = harness();
    const r = new FakeResponder();
    await dispatchInteraction(command('dept', { department: 'x' }), r, h.ctx);
    expect(r.sent).toHaveLength(1);
    expect(r.sent[0]).toMatchObject({ method: 'reply', message: { ephemeral: true } });
    expect(r.sent[0]?.message?.content).toContain('“x”不是报告中的部门或办事处');
    expect(runs(h)).toEqual([]);
    const r2 = new FakeResponder();
    await dispatchInteraction(command('count', { department: 'nowhere' }, { locale: 'en-US' }), r2, h.ctx);
    expect(r2.sent[0]?.message?.content).toContain('“nowhere” is not a department or office');
  });

  it('/count is a compact breakdown with a chart attached; /postponed lists postponed rows', async () => {
    const h = harness();
    const r = new FakeResponder();
    await dispatchInteraction(command('count', { status: 'postponed' }), r, h.ctx);
    const plan = runs(h)[0]?.plan;
    expect(plan).toMatchObject({ measure: 'count', groupBy: 'department', where: { op: 'status', flag: 'postponed' } });
    const m = r.last!;
    expect(m.embeds).toHaveLength(1);
    expect(m.embeds?.[0]?.title).toBe('报告中有 2 项产出被推迟。');
    expect(m.embeds?.[0]?.description).toMatch(/```[\s\S]*1 {2}A\. 维持和平行动部[\s\S]*1 {2}H\. 法律事务厅/);
    expect(m.files?.map((f) => f.name)).toEqual(['chart.png']);
    expect(h.charts).toHaveLength(1);

    const p = new FakeResponder();
    await dispatchInteraction(command('postponed', { department: '法律事务厅' }), p, h.ctx);
    expect(runs(h)[1]?.plan.where).toEqual({ op: 'and', args: [{ op: 'unit', unit: { department: 'H', office: null } }, { op: 'status', flag: 'postponed' }] });
    expect(p.last?.embeds?.[1]?.title).toBe('H. 法律事务厅 › 预期成绩 1.1');
    expect(p.last?.files).toBeUndefined();
  });

  it('/row shows a row with its Source button; an unknown id is ephemeral', async () => {
    const h = harness();
    const r = new FakeResponder();
    await dispatchInteraction(command('row', { id: 'Z-9.9-99' }), r, h.ctx);
    expect(r.sent[0]).toMatchObject({ method: 'reply', message: { ephemeral: true } });
    const ok = new FakeResponder();
    await dispatchInteraction(command('row', { id: 'H-1.1-02' }), ok, h.ctx);
    expect(ok.last?.embeds?.[0]?.title).toBe('H. 法律事务厅 › 预期成绩 1.1');
    expect(customIds(ok.last)).toEqual(['src:H-1.1-02']);
    // An id typed in another case names the same row (the report writes "A-a-…": department upper, office lower).
    const lower = new FakeResponder();
    await dispatchInteraction(command('row', { id: ' h-1.1-02 ' }), lower, h.ctx);
    expect(lower.last?.embeds).toEqual(ok.last?.embeds);
    const upper = new FakeResponder();
    await dispatchInteraction(command('row', { id: 'A-A-1.1-01' }), upper, h.ctx);
    expect(customIds(upper.last)).toEqual(['src:A-a-1.1-01']);
  });

  it("/source shows the row's report lines verbatim in a code block", async () => {
    const h = harness();
    const r = new FakeResponder();
    await dispatchInteraction(command('source', { id: 'H-1.1-02' }), r, h.ctx);
    const content = r.last?.content ?? '';
    expect(content).toContain('```\nline 5220 of H-1.1-02\nline 5221 of H-1.1-02\nline 5222 of H-1.1-02\n```');
    expect(content).toContain('第 5220–5222 行');
    const missing = new FakeResponder();
    await dispatchInteraction(command('source', { id: 'nope' }), missing, h.ctx);
    expect(missing.sent[0]?.message?.ephemeral).toBe(true);
  });

  it("/export sends the conversation's last answer as CSV; /reset forgets it", async () => {
    const h = harness();
    const none = new FakeResponder();
    await dispatchInteraction(command('export'), none, h.ctx);
    expect(none.sent[0]?.message?.content).toContain('还没有可导出的答案');
    await dispatchInteraction(command('ask', { question: '维和部的产出' }), new FakeResponder(), h.ctx);
    const r = new FakeResponder();
    await dispatchInteraction(command('export'), r, h.ctx);
    expect(r.sent.map((s) => s.method)).toEqual(['defer', 'editReply']);
    expect(r.sent[0]?.ephemeral).toBe(true);
    const csv = r.last?.files?.[0]?.data.toString('utf8') ?? '';
    expect(csv.split('\n').slice(1).map((l) => l.split(',')[0])).toEqual(['A-a-1.1-01', 'A-a-1.1-02', 'A-a-1.1-03', 'A-b-1.1-01']);
    // Another user in the same channel has a conversation of their own.
    const bob = new FakeResponder();
    await dispatchInteraction(command('export', {}, { userId: '300000000000000003' }), bob, h.ctx);
    expect(bob.sent[0]?.message?.content).toContain('还没有可导出的答案');

    const reset = new FakeResponder();
    await dispatchInteraction(command('reset'), reset, h.ctx);
    expect(reset.sent[0]?.message).toMatchObject({ ephemeral: true });
    expect(h.queries.calls.at(-1)).toEqual({ method: 'reset', args: `ch:${CHANNEL}:u:${ALICE}` });
    const after = new FakeResponder();
    await dispatchInteraction(command('export'), after, h.ctx);
    expect(after.sent[0]?.message?.content).toContain('还没有可导出的答案');
  });

  it('/export splits a CSV beyond the upload limit into parts, one per message', async () => {
    const h = harness();
    await dispatchInteraction(command('ask', { question: '维和部的产出' }), new FakeResponder(), h.ctx);
    const { csvMessages } = await import('../../bot/buttons/export.ts');
    const last = await h.queries.lastAnswer(`ch:${CHANNEL}:u:${ALICE}`);
    const parts = csvMessages(h.ctx, last!.rows, 'zh', 'outputs', 120);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.files?.[0]?.name)).toEqual(parts.map((_, i) => `outputs-part${i + 1}.csv`));
    const ids = parts.flatMap((p) => (p.files?.[0]?.data.toString() ?? '').split('\n').slice(1).map((l) => l.split(',')[0]));
    expect(ids).toEqual(last!.rows.map((r) => r.id));
  });

  it('/settings: only Manage Server / Manage Channels / Administrator may change the reply mode', async () => {
    const h = harness();
    const plain = (1n << 11n).toString();
    const refused = new FakeResponder();
    await dispatchInteraction(command('settings', { replies: 'threads' }, { memberPermissions: plain }), refused, h.ctx);
    expect(refused.sent[0]?.message?.content).toContain('只有拥有');
    expect((await replyMode(h.store, GUILD, CHANNEL)).mode).toBe('inline');

    const ok = new FakeResponder();
    await dispatchInteraction(command('settings', { replies: 'threads' }, { memberPermissions: PERMISSION.ManageChannels.toString() }), ok, h.ctx);
    expect(ok.sent[0]?.message).toMatchObject({ ephemeral: true });
    expect(ok.sent[0]?.message?.content).toContain('**threads**');
    expect(await replyMode(h.store, GUILD, CHANNEL)).toEqual({ mode: 'threads', from: 'channel' });

    await dispatchInteraction(command('settings', { replies: 'off', scope: 'server' }, { memberPermissions: PERMISSION.Administrator.toString() }), new FakeResponder(), h.ctx);
    expect(await replyMode(h.store, GUILD, 'other-channel')).toEqual({ mode: 'off', from: 'server' });
    expect((await replyMode(h.store, GUILD, CHANNEL)).mode).toBe('threads');
    // In a thread the parent channel's setting is changed.
    await dispatchInteraction(command('settings', { replies: 'inline' }, { memberPermissions: PERMISSION.ManageGuild.toString(), isThread: true, channelId: '99', parentChannelId: CHANNEL }), new FakeResponder(), h.ctx);
    expect((await replyMode(h.store, GUILD, CHANNEL)).mode).toBe('inline');
    expect(hasPermission('8', PERMISSION.EmbedLinks)).toBe(true);
    expect(hasPermission(null, PERMISSION.EmbedLinks)).toBe(false);
  });

  it('/help is ephemeral; autocomplete answers; an unknown command is ephemeral', async () => {
    const h = harness();
    const help = new FakeResponder();
    await dispatchInteraction(command('help'), help, h.ctx);
    expect(help.last?.ephemeral).toBe(true);
    expect(JSON.stringify(help.last?.embeds)).toContain('/export');
    const ac = new FakeResponder();
    await dispatchInteraction(autocomplete('dept', { name: 'department', value: '法律' }), ac, h.ctx);
    expect(ac.sent[0]?.choices).toEqual([{ name: 'H. 法律事务厅 — Office of Legal Affairs', value: '法律事务厅' }]);
    const office = new FakeResponder();
    await dispatchInteraction(autocomplete('dept', { name: 'office', value: '' }, { department: '维持和平行动部' }), office, h.ctx);
    expect(office.sent[0]?.choices?.map((c) => c.value)).toEqual(['A-a', 'A-b']);
    const none = new FakeResponder();
    await dispatchInteraction(autocomplete('ask', { name: 'question', value: 'x' }), none, h.ctx);
    expect(none.sent[0]?.choices).toEqual([]);
    const unknown = new FakeResponder();
    await dispatchInteraction(command('nonexistent'), unknown, h.ctx);
    expect(unknown.sent[0]?.message?.ephemeral).toBe(true);
  });

  it('a failing handler gets a short error (an edit of the deferral) and a log line; the next one works', async () => {
    const h = harness({ queries: createFixtureQueries({ failOn: '爆炸' }) });
    const r = new FakeResponder();
    const input = command('ask', { question: '爆炸' });
    await dispatchInteraction(input, r, h.ctx);
    expect(r.sent.map((s) => s.method)).toEqual(['defer', 'editReply']);
    expect(r.last?.content).toContain(`出错了`);
    expect(r.last?.content).toContain(input.id);
    expect(h.logs.some((l) => l.includes('command failed') && l.includes('"command":"ask"') && l.includes(`"interactionId":"${input.id}"`))).toBe(true);
    const failing = new FakeResponder(['reply']);
    await dispatchInteraction(command('help'), failing, h.ctx);
    expect(h.logs.some((l) => l.includes('could not send the error reply'))).toBe(true);
    const next = new FakeResponder();
    await dispatchInteraction(command('ask', { question: '法律事务厅有哪些产出被推迟？' }), next, h.ctx);
    expect(next.last?.embeds?.length).toBeGreaterThan(0);
  });
});
