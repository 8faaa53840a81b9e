// discord.js Message → MentionInput and the transport the mention handler answers through.
import { PermissionFlagsBits, type Message } from 'discord.js';
import type { BotMessage } from '../interactions/types.ts';
import type { MentionInput, MentionTransport, SentMessage } from './mentions.ts';
import { noMentions, toMessageOptions } from './adapter.ts';

export function toMentionInput(message: Message, botId: string): MentionInput {
  const channel = message.channel;
  const isThread = channel.isThread();
  const inGuild = message.inGuild();
  const me = inGuild ? message.guild.members.me : null;
  let canEmbed: boolean | null = null;
  if (inGuild && me && 'permissionsFor' in channel) {
    try {
      canEmbed = channel.permissionsFor(me)?.has(PermissionFlagsBits.EmbedLinks) ?? null;
    } catch {
      canEmbed = null;
    }
  }
  return {
    messageId: message.id,
    content: message.content ?? '',
    authorId: message.author.id,
    authorIsBot: message.author.bot,
    isWebhook: Boolean(message.webhookId),
    channelId: message.channelId,
    guildId: message.guildId ?? null,
    isDM: !inGuild,
    isThread,
    parentChannelId: isThread ? (channel.parentId ?? null) : null,
    threadOwnerId: isThread ? (channel.ownerId ?? null) : null,
    botRoleIds: inGuild ? message.mentions.roles.filter((r) => r.tags?.botId === botId).map((r) => r.id) : [],
    canEmbed: inGuild ? canEmbed : true,
  };
}

const sentHandle = (sent: Message): SentMessage => ({ edit: (m: BotMessage) => sent.edit(toMessageOptions(m, true)) });

export function mentionTransport(message: Message): MentionTransport {
  return {
    async typing() {
      if ('sendTyping' in message.channel) await message.channel.sendTyping();
    },
    async reply(m) {
      const sent = await message.reply({ ...toMessageOptions(m), allowedMentions: { ...noMentions(), repliedUser: false } });
      return sentHandle(sent);
    },
    async openThread(name) {
      const thread = await message.startThread({ name });
      return {
        threadId: thread.id,
        send: async (m: BotMessage) => sentHandle(await thread.send(toMessageOptions(m))),
      };
    },
  };
}
