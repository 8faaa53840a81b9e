// Every client event the bot listens to; createBot registers exactly these.
import type { Client } from 'discord.js';
import { errorEvent, shardDisconnectEvent, shardErrorEvent, shardReconnectingEvent, shardResumeEvent, warnEvent } from './diagnostics.ts';
import { interactionCreateEvent } from './interactionCreate.ts';
import { messageCreateEvent } from './messageCreate.ts';
import { readyEvent } from './ready.ts';
import type { BotEvent, BotRuntime } from './types.ts';

export const events: readonly BotEvent<never>[] = [
  readyEvent,
  interactionCreateEvent,
  messageCreateEvent,
  errorEvent,
  warnEvent,
  shardErrorEvent,
  shardDisconnectEvent,
  shardReconnectingEvent,
  shardResumeEvent,
] as unknown as readonly BotEvent<never>[];

export function registerEvents(client: Client, runtime: BotRuntime): void {
  for (const event of events as unknown as BotEvent[]) {
    const execute = event.execute as (r: BotRuntime, ...a: unknown[]) => unknown;
    // A throwing or rejecting handler costs a log line, never an unhandled rejection.
    const listener = (...args: unknown[]) =>
      void Promise.resolve()
        .then(() => execute(runtime, ...args))
        .catch((error: unknown) => runtime.ctx.logger.error('event handler failed', { event: event.name, error }));
    if (event.once) client.once(event.name, listener);
    else client.on(event.name, listener);
  }
}
