import { Events } from 'discord.js';
import { mentionTransport, toMentionInput } from '../message.ts';
import { handleMention } from '../mentions.ts';
import { defineEvent } from './types.ts';

export const messageCreateEvent = defineEvent({
  name: Events.MessageCreate,
  async execute({ ctx, client }, message) {
    const botId = client.user?.id;
    // Cheap checks first: most messages in a busy server are not for the bot.
    if (!botId || message.author.bot || message.webhookId) return;
    try {
      const logger = ctx.logger.child({ shardId: message.guild?.shardId ?? 0 });
      await handleMention(toMentionInput(message, botId), mentionTransport(message), { ...ctx, logger }, botId);
    } catch (error) {
      ctx.logger.error('message handler failed', { error, messageId: message.id });
    }
  },
});
