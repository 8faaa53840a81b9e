// Gateway close codes after which Discord will never accept this connection as configured. discord.js
// stops reconnecting on them (ShardDisconnect) but keeps the process alive and `ready`, so the bot would sit
// there answering nothing. The process exits instead, with one line saying what to fix, and a supervisor's
// restart loop is slowed down by identify-backoff.ts.
import { Events, type Client, type ClientOptions } from 'discord.js';

export const FATAL_CLOSE_CODES: Readonly<Record<number, string>> = {
  4004: 'authentication failed — DISCORD_TOKEN is wrong or was reset; copy the current token from the Developer Portal (Bot → Reset Token)',
  4010: 'invalid shard — SHARDS asks for a shard id outside the shard count',
  4011: 'sharding required — the bot is in too many guilds for one connection; set SHARDS=auto',
  4012: 'invalid API version — this discord.js is too old for the gateway',
  4013: 'invalid intents — the intents bitfield is not one Discord knows',
  4014:
    'disallowed intents — enable the Message Content intent in the Developer Portal (Bot → Privileged Gateway Intents); without it the bot cannot read mentions',
};

export function isFatalCloseCode(code: number): boolean {
  return code in FATAL_CLOSE_CODES;
}

export function fatalCloseLine(code: number): string {
  return `Discord closed the gateway: ${code} ${FATAL_CLOSE_CODES[code] ?? 'unrecoverable close'}`;
}

export interface FatalClose {
  code: number;
  shardId: number;
  line: string;
}

/** Calls `onFatal` once, for the first shard that Discord closed for good. */
export function watchFatalClose(client: Client, onFatal: (fatal: FatalClose) => void): void {
  let fired = false;
  client.on(Events.ShardDisconnect, (event, shardId) => {
    if (fired || !isFatalCloseCode(event.code)) return;
    fired = true;
    onFatal({ code: event.code, shardId, line: fatalCloseLine(event.code) });
  });
}

export type ShardSetting = 'auto' | number;

/**
 * SHARDS=auto: as many shards as /gateway/bot recommends (one per 1,000 guilds); SHARDS=N: exactly N. All
 * shards run in this process (discord.js's internal sharding): the bot is stateless per guild, so one
 * process per machine is enough until a single event loop is the limit.
 */
export function shardingOptions(shards: ShardSetting | undefined): Partial<ClientOptions> {
  if (shards === undefined) return {};
  if (shards === 'auto') return { shards: 'auto' };
  return { shards: Array.from({ length: shards }, (_, i) => i), shardCount: shards };
}
