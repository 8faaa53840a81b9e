// Sharding as Discord does it: a guild belongs to shard (guild_id >> 22) % shard_count; /gateway/bot
// recommends one shard per 1,000 guilds; a session may hold at most 2,500 guilds, beyond which IDENTIFY
// is closed with 4011 (sharding required); a shard id outside [0, count) is 4010 (invalid shard).
export const GUILDS_PER_RECOMMENDED_SHARD = 1_000;
export const MAX_GUILDS_PER_SESSION = 2_500;

export function shardFor(guildId: string, shardCount: number): number {
  if (shardCount <= 1) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export function recommendedShards(guildCount: number): number {
  return Math.max(1, Math.ceil(guildCount / GUILDS_PER_RECOMMENDED_SHARD));
}

/** [shard id, shard count] from an IDENTIFY payload; [0, 1] when absent; null when malformed. */
export function identifyShard(identify: Record<string, unknown>): [number, number] | null {
  const s = identify.shard;
  if (s === undefined) return [0, 1];
  if (!Array.isArray(s) || s.length !== 2 || !s.every((n) => Number.isInteger(n))) return null;
  return [s[0] as number, s[1] as number];
}

const DISCORD_EPOCH = 1420070400000n;
let spread = 0n;

/**
 * Guild ids with consecutive timestamps (the bits above 22), so that `% shards` deals them out evenly.
 * Snowflakes minted in the same millisecond would all land on one shard.
 */
export function spreadGuildId(): string {
  const base = BigInt(Date.now()) - DISCORD_EPOCH - 86_400_000n;
  spread++;
  return (((base + spread) << 22n) | 1n).toString();
}
