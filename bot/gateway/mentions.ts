// @mentions, DMs and messages in the bot's own threads (only the gateway delivers messages): when to answer, where (a reply, or a new thread in a
// channel set to threads), in which conversation, and in which form (embeds, or plain text where the bot may
// not embed). Plain data in, a small transport out, so the rules are testable without discord.js.
import { clip } from '../../present/discord.ts';
import type { BotContext } from '../context.ts';
import { conversationId } from '../conversation.ts';
import type { BotMessage } from '../interactions/types.ts';
import { presentAnswer } from '../answers/present.ts';
import { replyMode } from '../settings.ts';

export interface MessageInput {
  content: string;
  /** The bot's own user id. */
  botId: string;
  /** Direct messages need no mention. */
  isDM: boolean;
  /**
   * The bot's managed role(s) in this guild. Discord's @-picker often inserts the integration role
   * (<@&role>) instead of the bot user, and users mean the bot either way.
   */
  botRoleIds?: readonly string[];
}

/**
 * The question in a message, or null when the bot was not addressed. In guild channels only an explicit
 * <@bot> / <@!bot> mention counts (a reply to the bot pings it without naming it; answering every reply
 * in a busy channel would be noise). An empty string means "addressed but nothing asked".
 */
export function extractQuestion(input: MessageInput): string | null {
  if (!/^\d+$/.test(input.botId)) return null;
  const roles = (input.botRoleIds ?? []).filter((id) => /^\d+$/.test(id));
  const alternatives = [`<@!?${input.botId}>`, ...roles.map((id) => `<@&${id}>`)];
  const mention = new RegExp(alternatives.join('|'), 'g');
  const addressed = mention.test(input.content);
  if (!addressed && !input.isDM) return null;
  return input.content.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}

export interface MentionInput {
  messageId: string;
  content: string;
  authorId: string;
  authorIsBot: boolean;
  isWebhook: boolean;
  channelId: string;
  guildId: string | null;
  isDM: boolean;
  isThread: boolean;
  parentChannelId: string | null;
  /** Who created the thread the message is in (the bot answers every message in its own threads). */
  threadOwnerId: string | null;
  /** The bot's managed role(s) in this guild (Discord's @-picker often inserts the role). */
  botRoleIds: readonly string[];
  /** Whether the bot may embed links here; null when it cannot be told (then a 50013 falls back to text). */
  canEmbed: boolean | null;
}

export interface SentMessage {
  edit(message: BotMessage): Promise<unknown>;
}

export interface MentionTransport {
  typing(): Promise<void>;
  /** A reply to the user's message, where it was posted (no ping of the author). */
  reply(message: BotMessage): Promise<SentMessage>;
  /** Opens a thread on the user's message and returns how to post in it. */
  openThread(name: string): Promise<{ threadId: string; send(message: BotMessage): Promise<SentMessage> }>;
}

export const MENTION_TEXT = {
  empty: '请在提及后写上问题，例如：@我 维和部有哪些产出被推迟？/ Ask after the mention, e.g. “@me which outputs were postponed?” — /help lists everything.',
  error: (ref: string) => `出错了，请稍后再试。/ Something went wrong, please try again. (ref ${ref})`,
} as const;

/** Discord's "Missing Permissions" (e.g. embeds without Embed Links). */
export const isMissingPermissions = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 50013;

/** A thread name from the question: one line, at most 100 characters. */
export function threadName(question: string): string {
  const line = question.replace(/\s+/g, ' ').trim();
  return clip(line || 'question', 100);
}

export type MentionOutcome = 'ignored' | 'answered' | 'empty' | 'failed';

export async function handleMention(input: MentionInput, transport: MentionTransport, ctx: BotContext, botId: string | undefined): Promise<MentionOutcome> {
  if (!botId || input.authorIsBot || input.authorId === botId || input.isWebhook) return 'ignored';
  const inOwnThread = input.isThread && input.threadOwnerId === botId;
  const question = extractQuestion({ content: input.content, botId, isDM: input.isDM || inOwnThread, botRoleIds: input.botRoleIds });
  if (question === null) return 'ignored';
  const settingsChannel = input.isThread ? input.parentChannelId : input.channelId;
  const mode = input.guildId ? (await replyMode(ctx.store, input.guildId, settingsChannel)).mode : 'inline';
  if (mode === 'off') return 'ignored';
  const log = ctx.logger.child({ source: input.isDM ? 'dm' : inOwnThread ? 'thread' : 'mention', userId: input.authorId, messageId: input.messageId });
  const started = ctx.now();
  try {
    if (question === '') {
      await transport.reply({ content: MENTION_TEXT.empty });
      return 'empty';
    }
    // A question in a channel set to threads opens a thread; a thread (any thread) is one conversation.
    let send = (m: BotMessage) => transport.reply(m);
    let conversation = conversationId({ userId: input.authorId, channelId: input.channelId, isDM: input.isDM, isThread: input.isThread });
    if (mode === 'threads' && !input.isThread && !input.isDM) {
      const thread = await transport.openThread(threadName(question));
      send = (m) => thread.send(m);
      conversation = conversationId({ userId: input.authorId, channelId: thread.threadId, isDM: false, isThread: true });
    }
    // Typing is cosmetic; a channel that refuses it must not block the answer.
    await transport.typing().catch(() => {});
    const answer = await ctx.queries.ask(question, { conversation });
    const origin = { ownerId: input.authorId, conversation, guildId: input.guildId, channelId: input.channelId };
    let presented = await presentAnswer(ctx, answer, { ...origin, plain: input.canEmbed === false });
    let sent: SentMessage;
    try {
      sent = await send(presented.message);
    } catch (error) {
      if (!isMissingPermissions(error) || input.canEmbed === false) throw error;
      // The permissions could not be told in advance: answer again as plain text.
      log.warn('missing permissions for embeds; answering as text', { channelId: input.channelId });
      presented = await presentAnswer(ctx, answer, { ...origin, plain: true });
      // Attach Files may be what is missing too.
      delete presented.message.files;
      sent = await send(presented.message);
    }
    presented.armPaging((m) => sent.edit(m));
    log.info('message answered', { ms: ctx.now() - started, conversation });
    return 'answered';
  } catch (error) {
    log.error('message answer failed', { error, ms: ctx.now() - started });
    await transport.reply({ content: MENTION_TEXT.error(input.messageId) }).catch((e: unknown) => log.error('could not send the error reply', { error: e }));
    return 'failed';
  }
}
