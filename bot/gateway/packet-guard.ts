import type { Client } from 'discord.js';
import type { Logger } from '../logger.ts';

/**
 * discord.js builds interaction and message objects inside its gateway dispatch handler, before any of
 * our listeners run. A malformed payload (say, a component interaction without its message) throws
 * there, inside a socket listener, where it would become an uncaught exception and end the process.
 * Such a packet is logged and dropped instead; the connection and every later event are unaffected.
 */
export function guardPacketHandling(client: Client, logger: Logger): void {
  const ws = client.ws as unknown as { handlePacket?: (packet: unknown, shard: unknown) => boolean };
  const original = ws.handlePacket;
  if (typeof original !== 'function') return;
  ws.handlePacket = function guardedHandlePacket(this: unknown, packet: unknown, shard: unknown): boolean {
    try {
      return original.call(this, packet, shard);
    } catch (error) {
      const p = packet as { t?: unknown; d?: { id?: unknown } } | null;
      logger.error('dropped a gateway event discord.js could not handle', { event: p?.t, id: p?.d?.id, error });
      return true;
    }
  };
}
