// The handlers over a state store that is down (issue 15): an @mention and /ask still get their answer,
// with the outage said once per conversation in the asker's language and no buttons that need the stored
// answer; a vote is told it could not be recorded instead of "Something went wrong".
import { describe, expect, it } from 'vitest';
import { handleMention, type MentionInput, type MentionTransport } from '../../bot/gateway/mentions.ts';
import { dispatchInteraction } from '../../bot/interactions/dispatch.ts';
import { PERMISSION, type BotMessage } from '../../bot/interactions/types.ts';
import { MemoryStateStore } from '../../state/memory.ts';
import { ResilientStateStore } from '../../state/resilient.ts';
import { UI } from '../../present/labels.ts';
import { ALICE, BOT_ID, CHANNEL, FakeResponder, GUILD, button, command, customIds, harness } from './harness.ts';

/** Every call fails, as Redis does once killed. */
class DownStore extends MemoryStateStore {
  down = true;
  override async get<T>(ns: 'paging', key: string): Promise<T | undefined> {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    return super.get<T>(ns, key);
  }
  override async set(ns: 'paging', key: string, value: unknown, ttl?: number): Promise<void> {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    return super.set(ns, key, value, ttl);
  }
}

async function downHarness() {
  const inner = new DownStore({ log: () => {} });
  const store = await new ResilientStateStore(async () => inner, { backend: 'redis', log: () => {}, timeoutMs: 200, retryIntervalMs: 60_000 }).start();
  return { h: harness({ store }), store };
}

function mention(content: string): MentionInput {
  return { messageId: '600000000000000006', content, authorId: ALICE, authorIsBot: false, isWebhook: false, channelId: CHANNEL, guildId: GUILD, isDM: false, isThread: false, parentChannelId: null, threadOwnerId: null, botRoleIds: [], canEmbed: true };
}

function replies(): { t: MentionTransport; sent: BotMessage[] } {
  const sent: BotMessage[] = [];
  const handle = { edit: async () => {} };
  return {
    sent,
    t: {
      typing: async () => {},
      reply: async (m) => (sent.push(m), handle),
      openThread: async () => ({ threadId: '700000000000000007', send: async (m) => (sent.push(m), handle) }),
    },
  };
}

describe('answers while the state store is down', () => {
  it('an @mention is answered, the outage said once in the asker’s language, no paging or vote buttons', async () => {
    const { h, store } = await downHarness();
    const { t, sent } = replies();
    expect(await handleMention(mention(`<@${BOT_ID}> 法律事务厅有哪些产出被推迟？`), t, h.ctx, BOT_ID)).toBe('answered');
    expect(sent[0]?.embeds?.length).toBeGreaterThan(0);
    expect(sent[0]?.content).toContain('状态存储暂时不可用');
    expect(customIds(sent[0]).some((id) => id.startsWith('vote') || id.includes(':up'))).toBe(false);
    await handleMention(mention(`<@${BOT_ID}> what about the Office of Legal Affairs?`), t, h.ctx, BOT_ID);
    expect(sent[1]?.content ?? '').not.toContain('状态存储暂时不可用');
    expect(store.status().state).toBe('degraded');
    await store.close();
  });

  it('/ask is answered with the notice in English for an English question', async () => {
    const { h, store } = await downHarness();
    const r = new FakeResponder();
    await dispatchInteraction(command('ask', { question: 'Which outputs of the Office of Legal Affairs were postponed?' }), r, h.ctx);
    expect(r.last?.content).toContain("state store is unavailable");
    expect(JSON.stringify(r.sent)).not.toContain('Something went wrong');
    await store.close();
  });

  it('/settings says the setting could not be saved instead of confirming it', async () => {
    const { h, store } = await downHarness();
    const r = new FakeResponder();
    await dispatchInteraction(command('settings', { replies: 'threads' }, { memberPermissions: PERMISSION.ManageChannels.toString() }), r, h.ctx);
    expect(r.last?.content).toBe(UI.zh.settingsUnavailable);
    await store.close();
  });

  it('a vote on an earlier answer says it could not be recorded', async () => {
    const { h, store } = await downHarness();
    const r = new FakeResponder();
    await dispatchInteraction(button('vote:0123456789abcdef:up'), r, h.ctx);
    expect(r.last?.content).toBe(UI.zh.feedbackUnavailable);
    await store.close();
  });
});
