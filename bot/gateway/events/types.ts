// One module per client event (discord.js guide style): its name, whether it fires once, and its handler.
import type { Client, ClientEvents } from 'discord.js';
import type { BotContext } from '../../context.ts';
import type { SlashCommand } from '../../commands/types.ts';

export interface BotRuntime {
  client: Client;
  ctx: BotContext;
  commands: ReadonlyMap<string, SlashCommand>;
}

export interface BotEvent<K extends keyof ClientEvents = keyof ClientEvents> {
  name: K;
  once?: boolean;
  execute(runtime: BotRuntime, ...args: ClientEvents[K]): void | Promise<void>;
}

/** Keeps each module's argument types while listing them together. */
export const defineEvent = <K extends keyof ClientEvents>(event: BotEvent<K>): BotEvent<K> => event;
