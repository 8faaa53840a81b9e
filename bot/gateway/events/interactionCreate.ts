import { Events } from 'discord.js';
import { GatewayResponder, toInteractionInput } from '../adapter.ts';
import { dispatchInteraction } from '../../interactions/dispatch.ts';
import { defineEvent } from './types.ts';

export const interactionCreateEvent = defineEvent({
  name: Events.InteractionCreate,
  async execute({ ctx, commands }, interaction) {
    try {
      const input = toInteractionInput(interaction);
      if (!input) {
        ctx.logger.debug('ignored interaction', { type: interaction.type, interactionId: interaction.id });
        return;
      }
      // shardId: which gateway connection carried it (a guild's events travel on the shard that owns it).
      const logger = ctx.logger.child({ shardId: interaction.guild?.shardId ?? 0 });
      await dispatchInteraction(input, new GatewayResponder(interaction), { ...ctx, logger }, { commands });
    } catch (error) {
      // Last line of defence: a malformed interaction must cost a log line, not the process.
      ctx.logger.error('interaction handler failed', { error, interactionId: (interaction as { id?: unknown }).id });
    }
  },
});
