// What Discord enforces beyond payload shapes, so the bot's handling of it can be tested: rate-limit buckets
// (per route + major parameter, and the bot-wide global limit), the bot's channel permissions (Send Messages,
// Embed Links, Attach Files, threads), and the 15-minute life of interaction tokens.
import type { DiscordEmulator } from './emulator.ts';
import { ChannelType, type ChannelRecord, type Json } from './payloads.ts';
import type { RecordedRequest, Reply } from './rest.ts';

// ---------------------------------------------------------------------------------------------- rate limits

export interface RouteLimit {
  method?: string;
  /** RegExp or route pattern as for failNext (`/channels/:id/messages`). */
  pathPattern: string | RegExp;
  limit: number;
  windowMs: number;
}

export interface RateLimitModel {
  routes?: RouteLimit[];
  /** Bot-token requests only: Discord exempts interaction and webhook-token routes from the global limit. */
  global?: { limit: number; windowMs: number };
}

interface Window {
  start: number;
  used: number;
}

const majorParameter = (path: string): string => /^\/(channels|guilds)\/(\d+)/.exec(path)?.[2] ?? /^\/webhooks\/(\d+\/[^/]+)/.exec(path)?.[1] ?? '';

export class RateLimiter {
  private readonly buckets = new Map<string, Window>();
  private globalWindow: Window = { start: 0, used: 0 };

  constructor(
    private readonly model: RateLimitModel,
    private readonly patterns: RegExp[],
  ) {}

  private take(key: string, limit: number, windowMs: number, now: number): { remaining: number; resetAfterMs: number; limited: boolean } {
    const w = this.buckets.get(key) ?? { start: now, used: 0 };
    if (now - w.start >= windowMs) {
      w.start = now;
      w.used = 0;
    }
    this.buckets.set(key, w);
    const resetAfterMs = Math.max(1, w.start + windowMs - now);
    if (w.used >= limit) return { remaining: 0, resetAfterMs, limited: true };
    w.used++;
    return { remaining: limit - w.used, resetAfterMs, limited: false };
  }

  /** A 429 to answer instead of handling the request, and the headers to put on whatever is answered. */
  check(rec: Pick<RecordedRequest, 'method' | 'path' | 'authorization'>, now = Date.now()): { limited: Reply | null; headers: Record<string, string> } {
    const g = this.model.global;
    if (g && rec.authorization) {
      if (now - this.globalWindow.start >= g.windowMs) this.globalWindow = { start: now, used: 0 };
      if (this.globalWindow.used >= g.limit) {
        const retry = Math.max(1, this.globalWindow.start + g.windowMs - now) / 1000;
        return {
          limited: {
            status: 429,
            headers: { 'retry-after': String(retry), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
            body: { message: 'You are being rate limited.', retry_after: retry, global: true },
          },
          headers: {},
        };
      }
      this.globalWindow.used++;
    }
    const index = (this.model.routes ?? []).findIndex((r, i) => (!r.method || r.method.toUpperCase() === rec.method) && this.patterns[i]?.test(rec.path));
    const rule = this.model.routes?.[index];
    if (!rule) return { limited: null, headers: {} };
    const bucket = `bucket-${index}`;
    const t = this.take(`${index}:${majorParameter(rec.path)}`, rule.limit, rule.windowMs, now);
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(rule.limit),
      'x-ratelimit-remaining': String(t.remaining),
      'x-ratelimit-reset': String((now + t.resetAfterMs) / 1000),
      'x-ratelimit-reset-after': String(t.resetAfterMs / 1000),
      'x-ratelimit-bucket': bucket,
    };
    if (!t.limited) return { limited: null, headers };
    const retry = t.resetAfterMs / 1000;
    return {
      limited: { status: 429, headers: { ...headers, 'retry-after': String(retry), 'x-ratelimit-scope': 'user' }, body: { message: 'You are being rate limited.', retry_after: retry, global: false } },
      headers: {},
    };
  }
}

// ---------------------------------------------------------------------------------------------- permissions
// One permission model: @everyone's permissions, then the channel's permission overwrites (role, then the bot's
// member overwrite; a thread uses its parent's), computed by DiscordEmulator#botPermissions. Tests set overwrites
// up front (GuildInput channels[].permissionOverwrites) or later (denyChannelPermissions, which adds to the
// bot's member overwrite); these checks answer the REST routes from it.

export const PERMISSION_BITS = {
  ViewChannel: 10,
  SendMessages: 11,
  EmbedLinks: 14,
  AttachFiles: 15,
  ReadMessageHistory: 16,
  CreatePublicThreads: 35,
  SendMessagesInThreads: 38,
} as const;
export type PermissionName = keyof typeof PERMISSION_BITS;

export const bitsOf = (names: readonly PermissionName[]): bigint => names.reduce((acc, n) => acc | (1n << BigInt(PERMISSION_BITS[n])), 0n);
const lacks = (perms: bigint, name: PermissionName) => (perms & (1n << BigInt(PERMISSION_BITS[name]))) === 0n;

const missingPermissions = (): Reply => ({ status: 403, body: { message: 'Missing Permissions', code: 50013 } });

/** POST /channels/:id/messages as Discord checks it: 50001/50013 for what the bot may not do in this guild channel. */
export function sendPermissionError(emu: DiscordEmulator, channel: ChannelRecord, body: Json, fileCount: number): Reply | null {
  if (!channel.guildId) return null;
  const perms = emu.botPermissions(channel.id);
  if (lacks(perms, 'ViewChannel')) return { status: 403, body: { message: 'Missing Access', code: 50001 } };
  if (lacks(perms, channel.type === ChannelType.PublicThread ? 'SendMessagesInThreads' : 'SendMessages')) return missingPermissions();
  if (Array.isArray(body.embeds) && body.embeds.length > 0 && lacks(perms, 'EmbedLinks')) return missingPermissions();
  if (fileCount > 0 && lacks(perms, 'AttachFiles')) return missingPermissions();
  return null;
}

/** POST /channels/:id/messages/:mid/threads: 50013 without Create Public Threads in the parent. */
export function threadPermissionError(emu: DiscordEmulator, parent: ChannelRecord): Reply | null {
  return lacks(emu.botPermissions(parent.id), 'CreatePublicThreads') ? missingPermissions() : null;
}

// ---------------------------------------------------------------------------------------------- token expiry

/** 401 Invalid Webhook Token once the interaction's token has outlived `interactionTokenTtlMs` (15 min on Discord). */
export function expiredTokenError(emu: DiscordEmulator, path: string, now = Date.now()): Reply | null {
  const token = /^\/webhooks\/[^/]+\/([^/]+)/.exec(path)?.[1];
  if (!token) return null;
  for (const it of emu.interactionStates.values()) {
    if (it.token !== token) continue;
    return now - it.createdAt > emu.options.interactionTokenTtlMs ? { status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } } : null;
  }
  return null;
}
