// Connection and client diagnostics: each a log line, none fatal (discord.js reconnects and resumes itself).
import { Events } from 'discord.js';
import { defineEvent } from './types.ts';

export const errorEvent = defineEvent({ name: Events.Error, execute: ({ ctx }, error) => ctx.logger.error('client error', { error }) });
export const warnEvent = defineEvent({ name: Events.Warn, execute: ({ ctx }, message) => ctx.logger.warn('client warning', { message }) });
export const shardErrorEvent = defineEvent({ name: Events.ShardError, execute: ({ ctx }, error, shardId) => ctx.logger.error('gateway connection error', { shardId, error }) });
export const shardDisconnectEvent = defineEvent({
  name: Events.ShardDisconnect,
  execute: ({ ctx }, event, shardId) => ctx.logger.warn('gateway disconnected', { shardId, code: event.code }),
});
export const shardReconnectingEvent = defineEvent({ name: Events.ShardReconnecting, execute: ({ ctx }, shardId) => ctx.logger.info('gateway reconnecting', { shardId }) });
export const shardResumeEvent = defineEvent({
  name: Events.ShardResume,
  execute: ({ ctx }, shardId, replayed) => ctx.logger.info('gateway resumed', { shardId, replayed }),
});
