import { Events } from 'discord.js';
import { defineEvent } from './types.ts';

export const readyEvent = defineEvent({
  name: Events.ClientReady,
  once: true,
  execute({ ctx }, client) {
    ctx.logger.info('connected to Discord', { user: client.user.tag, userId: client.user.id, guilds: client.guilds.cache.size, shards: client.ws.shards.size });
  },
});
