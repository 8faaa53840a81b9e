// Builders for Discord API objects. Field sets follow what discord.js v14 reads when it
// constructs its structures: a missing array (e.g. `entitlements`, `embeds`) makes discord.js
// throw inside its gateway handler, which surfaces as an unhandled rejection, not a test failure.
import { randomBytes } from 'node:crypto';
import type { APIEmbed, APIMessage, APIUser } from 'discord.js';

export type Json = Record<string, unknown>;
export type ApiMessage = APIMessage;

export const ChannelType = { GuildText: 0, DM: 1 } as const;
export const InteractionType = { Ping: 1, ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
export const CallbackType = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredMessageUpdate: 6,
  UpdateMessage: 7,
  ApplicationCommandAutocompleteResult: 8,
  Modal: 9,
  PremiumRequired: 10,
  LaunchActivity: 12,
} as const;
export const MessageFlag = { Ephemeral: 1 << 6, Loading: 1 << 7, IsComponentsV2: 1 << 15 } as const;
export const Intent = {
  Guilds: 1 << 0,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;
export const OptionType = { Subcommand: 1, SubcommandGroup: 2, String: 3, Integer: 4, Boolean: 5, Number: 10 } as const;

// Every permission bit Discord currently defines; interactions carry them as decimal strings.
export const ALL_PERMISSIONS = ((1n << 51n) - 1n).toString();

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;
let lastMs = 0n;

/** A real-looking snowflake: discord.js buckets REST routes by 17-19 digit ids, so short fake ids change rate-limit routing. */
export function snowflake(): string {
  const now = BigInt(Date.now());
  if (now !== lastMs) {
    lastMs = now;
    increment = 0n;
  }
  increment = (increment + 1n) & 0xfffn;
  return (((now - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

export function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`;
}

export interface UserInput {
  id?: string;
  username: string;
  globalName?: string | null;
  bot?: boolean;
}

export function apiUser(input: UserInput): APIUser {
  return {
    id: input.id ?? snowflake(),
    username: input.username,
    discriminator: '0',
    global_name: input.globalName ?? null,
    avatar: null,
    bot: input.bot ?? false,
    system: false,
    public_flags: 0 as NonNullable<APIUser['public_flags']>,
    flags: 0 as NonNullable<APIUser['flags']>,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
  };
}

export function guildMember(user: APIUser, joinedAt: string, permissions?: string): Json {
  const member: Json = {
    user,
    nick: null,
    avatar: null,
    banner: null,
    roles: [],
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
  if (permissions !== undefined) member.permissions = permissions;
  return member;
}

export interface ChannelRecord {
  id: string;
  type: number;
  name: string | null;
  guildId: string | null;
  /** DM channels only. */
  recipient?: APIUser;
  /** Threads only: the channel the thread was started in. */
  parentId?: string | null;
}

export function apiChannel(channel: ChannelRecord, position = 0): Json {
  if (channel.type === ChannelType.DM) {
    return {
      id: channel.id,
      type: ChannelType.DM,
      last_message_id: null,
      flags: 0,
      recipients: channel.recipient ? [channel.recipient] : [],
    };
  }
  return {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position,
    permission_overwrites: [],
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

export interface MessageInit {
  id?: string;
  channelId: string;
  author: APIUser;
  content?: string;
  embeds?: APIEmbed[];
  components?: unknown[];
  attachments?: unknown[];
  flags?: number;
  type?: number;
  mentions?: APIUser[];
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: Json;
  messageReference?: Json;
  referencedMessage?: ApiMessage | null;
}

export function apiMessage(init: MessageInit): ApiMessage {
  const message: Json = {
    id: init.id ?? snowflake(),
    channel_id: init.channelId,
    author: init.author,
    content: init.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: init.mentions ?? [],
    mention_roles: [],
    attachments: init.attachments ?? [],
    embeds: init.embeds ?? [],
    pinned: false,
    type: init.type ?? 0,
    flags: init.flags ?? 0,
    components: init.components ?? [],
  };
  if (init.webhookId) message.webhook_id = init.webhookId;
  if (init.applicationId) message.application_id = init.applicationId;
  if (init.interactionMetadata) message.interaction_metadata = init.interactionMetadata;
  if (init.messageReference) message.message_reference = init.messageReference;
  if (init.referencedMessage !== undefined) message.referenced_message = init.referencedMessage;
  return message as unknown as ApiMessage;
}

/** Mentions Discord would resolve from `<@id>` / `<@!id>` in the content. */
export function mentionedIds(content: string): string[] {
  return [...content.matchAll(/<@!?(\d{15,21})>/g)].map((m) => m[1] as string);
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
