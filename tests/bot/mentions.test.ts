// @mentions and DMs: when the bot answers, where (a reply or a new thread), in which conversation, and as
// embeds or plain text.
import { describe, expect, it } from 'vitest';
import { extractQuestion, handleMention, threadName, type MentionInput, type MentionTransport } from '../../bot/gateway/mentions.ts';
import type { BotMessage } from '../../bot/interactions/types.ts';
import { setReplyMode } from '../../bot/settings.ts';
import { ALICE, BOT_ID, CHANNEL, GUILD, harness } from './harness.ts';

function input(content: string, extra: Partial<MentionInput> = {}): MentionInput {
  return {
    messageId: '600000000000000006',
    content,
    authorId: ALICE,
    authorIsBot: false,
    isWebhook: false,
    channelId: CHANNEL,
    guildId: GUILD,
    isDM: false,
    isThread: false,
    parentChannelId: null,
    threadOwnerId: null,
    botRoleIds: [],
    canEmbed: true,
    ...extra,
  };
}

function transport(options: { failEmbeds?: boolean } = {}) {
  const log: { where: string; message: BotMessage }[] = [];
  const threads: string[] = [];
  const edits: BotMessage[] = [];
  const sent = { edit: async (m: BotMessage) => void edits.push(m) };
  const check = (m: BotMessage) => {
    if (options.failEmbeds && m.embeds?.length) throw Object.assign(new Error('Missing Permissions'), { code: 50013 });
  };
  const t: MentionTransport = {
    typing: async () => {},
    reply: async (message) => {
      check(message);
      log.push({ where: 'reply', message });
      return sent;
    },
    openThread: async (name) => {
      threads.push(name);
      return {
        threadId: '700000000000000007',
        send: async (message) => {
          check(message);
          log.push({ where: 'thread', message });
          return sent;
        },
      };
    },
  };
  return { t, log, threads, edits };
}

describe('mention stripping', () => {
  it.each([
    [`<@${BOT_ID}> 法律事务厅有哪些产出被推迟？`, false, '法律事务厅有哪些产出被推迟？'],
    [`<@!${BOT_ID}>   how many   postponed?`, false, 'how many postponed?'],
    [`<@${BOT_ID}>`, false, ''],
    ['no mention here', false, null],
    [`<@200000000000000002> hi`, false, null],
    ['法律事务厅的产出', true, '法律事务厅的产出'],
  ])('%s (DM %s)', (content, isDM, expected) => {
    expect(extractQuestion({ content, botId: BOT_ID, isDM })).toBe(expected);
  });

  it("counts a mention of the bot's managed role, and only that role", () => {
    const role = '500000000000000009';
    expect(extractQuestion({ content: `<@&${role}> 推迟的产出`, botId: BOT_ID, isDM: false, botRoleIds: [role] })).toBe('推迟的产出');
    expect(extractQuestion({ content: `<@&${role}> 推迟的产出`, botId: BOT_ID, isDM: false })).toBeNull();
  });
});

describe('answering mentions', () => {
  it('answers a mention inline in the user+channel conversation; ignores bots, itself and unaddressed messages', async () => {
    const h = harness();
    const { t, log } = transport();
    expect(await handleMention(input(`<@${BOT_ID}> 法律事务厅有哪些产出被推迟？`), t, h.ctx, BOT_ID)).toBe('answered');
    expect(h.queries.calls[0]).toEqual({ method: 'ask', args: { question: '法律事务厅有哪些产出被推迟？', conversation: `ch:${CHANNEL}:u:${ALICE}` } });
    expect(log[0]?.where).toBe('reply');
    expect(log[0]?.message.embeds?.length).toBe(2);
    expect(await handleMention(input(`<@${BOT_ID}> hi`, { authorIsBot: true }), t, h.ctx, BOT_ID)).toBe('ignored');
    expect(await handleMention(input(`<@${BOT_ID}> hi`, { authorId: BOT_ID }), t, h.ctx, BOT_ID)).toBe('ignored');
    expect(await handleMention(input('法律事务厅有哪些产出被推迟？'), t, h.ctx, BOT_ID)).toBe('ignored');
    expect(await handleMention(input(`<@${BOT_ID}>`), t, h.ctx, BOT_ID)).toBe('empty');
    expect(log.at(-1)?.message.content).toContain('请在提及后写上问题');
    // A DM needs no mention and is its own conversation.
    await handleMention(input('how many outputs did the Office of Legal Affairs have?', { isDM: true, guildId: null, channelId: '42' }), t, h.ctx, BOT_ID);
    expect(h.queries.calls.at(-1)?.args).toEqual({ question: 'how many outputs did the Office of Legal Affairs have?', conversation: 'dm:42' });
  });

  it('in a channel set to threads opens a thread named after the question; a follow-up there continues it', async () => {
    const h = harness();
    await setReplyMode(h.store, 'channel', CHANNEL, 'threads');
    const { t, log, threads } = transport();
    const long = `<@${BOT_ID}> 法律事务厅有哪些产出被推迟？` + '请详细说明'.repeat(30);
    await handleMention(input(long), t, h.ctx, BOT_ID);
    expect(threads).toHaveLength(1);
    expect(threads[0]?.length).toBe(100);
    expect(threads[0]?.startsWith('法律事务厅有哪些产出被推迟？')).toBe(true);
    expect(log[0]?.where).toBe('thread');
    expect((h.queries.calls[0]?.args as { conversation: string }).conversation).toBe('thread:700000000000000007');
    // In the bot's own thread no mention is needed, and the conversation is the thread's.
    const inThread = { isThread: true, channelId: '700000000000000007', parentChannelId: CHANNEL, threadOwnerId: BOT_ID };
    expect(await handleMention(input('那维和部呢？', { ...inThread, authorId: '300000000000000003' }), t, h.ctx, BOT_ID)).toBe('answered');
    expect((h.queries.calls.at(-1)?.args as { conversation: string }).conversation).toBe('thread:700000000000000007');
    expect(threads).toHaveLength(1);
    // In someone else's thread, a mention is still needed.
    expect(await handleMention(input('推迟的产出', { ...inThread, threadOwnerId: ALICE }), t, h.ctx, BOT_ID)).toBe('ignored');
    expect(threadName('  a\nb  ')).toBe('a b');
  });

  it("a channel set to off ignores mentions", async () => {
    const h = harness();
    await setReplyMode(h.store, 'server', GUILD, 'off');
    const { t, log } = transport();
    expect(await handleMention(input(`<@${BOT_ID}> 推迟的产出`), t, h.ctx, BOT_ID)).toBe('ignored');
    expect(log).toEqual([]);
  });

  it('answers in plain text where the bot may not embed, or after a 50013', async () => {
    const h = harness();
    const known = transport();
    await handleMention(input(`<@${BOT_ID}> 法律事务厅有哪些产出被推迟？`, { canEmbed: false }), known.t, h.ctx, BOT_ID);
    const m = known.log[0]?.message;
    expect(m?.embeds).toEqual([]);
    expect(m?.content).toContain('**H. 法律事务厅 › 预期成绩 1.1**');
    expect(m?.content).toContain('为维和行动编写 4 份关于法律问题的指导材料');
    expect(m?.content?.length).toBeLessThanOrEqual(2000);

    const unknown = transport({ failEmbeds: true });
    expect(await handleMention(input(`<@${BOT_ID}> 法律事务厅有哪些产出被推迟？`, { canEmbed: null }), unknown.t, h.ctx, BOT_ID)).toBe('answered');
    expect(unknown.log).toHaveLength(1);
    expect(unknown.log[0]?.message.content).toContain('为维和行动编写 4 份关于法律问题的指导材料');
    expect(h.logs.some((l) => l.includes('missing permissions for embeds'))).toBe(true);
  });
});
