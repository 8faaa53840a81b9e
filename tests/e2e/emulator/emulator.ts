import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayIntentBits, Partials, type APIEmbed, type APIUser, type ClientOptions } from 'discord.js';
import { Gateway, shardCountOf, shardIdOf, type DispatchRecord, type GatewayPayload, type GatewaySession } from './gateway.ts';
import { MAX_GUILDS_PER_SESSION, identifyShard, recommendedShards, shardFor, spreadGuildId } from './shards.ts';
import {
  ALL_PERMISSIONS,
  ChannelType,
  Intent,
  InteractionType,
  MessageFlag,
  OptionType,
  apiChannel,
  apiMessage,
  apiUser,
  clone,
  guildMember,
  interactionToken,
  mentionedIds,
  snowflake,
  type ApiMessage,
  type ChannelRecord,
  type PermissionOverwrite,
  type Json,
  type UserInput,
} from './payloads.ts';
import { HttpInteractions } from './http-interactions.ts';
import { bitsOf, RateLimiter, type PermissionName, type RateLimitModel } from './limits.ts';
import { handleHttp, type FaultRule, type RecordedRequest } from './rest.ts';
import { Waiters } from './waiters.ts';

export interface GuildInput {
  id?: string;
  name?: string;
  /** Text channels; defaults to a single `#general`. `permissionOverwrites` as Discord sends them (role id `'@everyone'` = the guild id). */
  channels?: { id?: string; name: string; permissionOverwrites?: PermissionOverwrite[] }[];
}

export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  joinedAt: string;
  channels: ChannelRecord[];
}

export interface EmulatorOptions {
  applicationId?: string;
  botUser?: UserInput;
  /** Token the client must present (REST `Authorization: Bot …` and IDENTIFY). */
  token?: string;
  /** `null` for a bot that is in no guild. */
  guild?: GuildInput | null;
  /** HELLO heartbeat_interval. Discord uses ~41s; keep it short in tests. */
  heartbeatIntervalMs?: number;
  /** Discord rejects the first callback after 3s with 10062 Unknown interaction. `null` disables. */
  interactionAckDeadlineMs?: number | null;
  /** Drop MESSAGE_CREATE / GUILD_CREATE the identified intents would not receive, and blank message content without MESSAGE_CONTENT. */
  strictIntents?: boolean;
  /**
   * Total guilds the bot is in (default 1: `guild` alone). The others are generated, one #general each, with
   * ids spread over shards; /gateway/bot recommends ceil(guildCount / 1000) shards.
   */
  guildCount?: number;
  /** Webhook calls with an interaction token older than this get 401 Invalid Webhook Token (Discord: 15 min). */
  interactionTokenTtlMs?: number;
  /** Rate-limit buckets to enforce (none by default); see setRateLimits. */
  rateLimits?: RateLimitModel;
  /** Enforce Discord's message/embed/component/choice limits with 400 Invalid Form Body. */
  validatePayloads?: boolean;
  /** Dispatch MESSAGE_CREATE for messages the bot itself creates, as Discord does. */
  echoOwnMessages?: boolean;
  log?: (line: string) => void;
}

export interface ClientOptionsInput {
  intents?: ClientOptions['intents'];
  partials?: Partials[];
  /** @discordjs/rest retries after a 5xx or network error; each 5xx costs one attempt. */
  restRetries?: number;
  restTimeoutMs?: number;
}

export type SlashOptions = Record<string, string | number | boolean> | Json[];

interface InteractionTarget {
  user?: UserInput | APIUser;
  channelId?: string;
  /** Omit for the configured guild; `null` (or `dm: true`) for a DM with the bot. */
  guildId?: string | null;
  dm?: boolean;
  locale?: string;
}

export interface SlashCommandInput extends InteractionTarget {
  name: string;
  options?: SlashOptions;
}

export interface AutocompleteInput extends InteractionTarget {
  name: string;
  focusedOption: string;
  value: string;
  /** Other, already-filled options. */
  options?: SlashOptions;
}

export interface ButtonClickInput {
  customId: string;
  messageId: string;
  user?: UserInput | APIUser;
  /** 2 = button (default); 3 = string select (then pass `values`). */
  componentType?: number;
  values?: string[];
  locale?: string;
}

export interface MessageInput {
  content: string;
  author?: UserInput | APIUser;
  channelId?: string;
  guildId?: string | null;
  /** Send as a DM to the bot (channel created on demand). */
  dm?: boolean;
  /** User ids to list in `mentions`; default: parsed from `<@id>` in content. */
  mentions?: string[];
  replyTo?: string;
}

export interface InteractionHandle {
  id: string;
  token: string;
  type: number;
  payload: Json;
  /** Sequence number of the INTERACTION_CREATE dispatch (-1 when delivered over HTTP). */
  s: number;
  /** The shard whose connection carried it; null when delivered over HTTP. */
  shard: number | null;
}

export interface MessageHandle {
  id: string;
  channelId: string;
  guildId: string | null;
  /** False when the identified intents mean Discord would not have sent it. */
  delivered: boolean;
  s: number | null;
  /** The shard whose connection carried it (null when not delivered). */
  shard: number | null;
  message: ApiMessage;
}

export interface CallbackRecord {
  type: number;
  data: unknown;
  at: number;
  withResponse: boolean;
}

/** @internal mutable state behind {@link InteractionView}. */
export interface InteractionState {
  id: string;
  token: string;
  type: number;
  payload: Json;
  createdAt: number;
  commandName: string | null;
  customId: string | null;
  guildId: string | null;
  channelId: string;
  user: APIUser;
  componentMessageId: string | null;
  callbacks: CallbackRecord[];
  callbackType: number | null;
  originalMessageId: string | null;
  /** PATCHes of @original after the callback. */
  originalEdits: number;
  originalDeleted: boolean;
  followUpIds: string[];
  autocompleteChoices: Json[] | null;
  modal: Json | null;
  rejectedCallbacks: number;
}

export interface InteractionView {
  id: string;
  token: string;
  type: number;
  commandName: string | null;
  customId: string | null;
  callbacks: CallbackRecord[];
  callbackType: number | null;
  acknowledged: boolean;
  deferred: boolean;
  /** Current state of the reply (after edits); for component interactions after 6/7, the clicked message. */
  original: ApiMessage | null;
  originalEdits: number;
  originalDeleted: boolean;
  followUps: ApiMessage[];
  autocompleteChoices: Json[] | null;
  modal: Json | null;
}

export interface InteractionReply {
  content: string;
  embeds: APIEmbed[];
  components: unknown[];
  flags: number;
  ephemeral: boolean;
  callbackType: number;
  deferred: boolean;
  edits: number;
  message: ApiMessage;
  followUps: ApiMessage[];
}

export interface WaitOptions {
  timeoutMs?: number;
}

const DEFAULT_WAIT_MS = 5_000;
// View, send, embed, attach, read history, reactions, external emoji, app commands, create public threads, thread messages.
const EVERYONE_PERMISSIONS = [6, 10, 11, 14, 15, 16, 18, 31, 35, 38].reduce((acc, bit) => acc | (1n << BigInt(bit)), 0n).toString();

export class DiscordEmulator {
  readonly applicationId: string;
  readonly token: string;
  readonly botUser: APIUser;
  readonly defaultUser: APIUser;
  readonly guild: GuildRecord | null;
  /** Every HTTP request that reached the emulator, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  readonly gateway: Gateway;
  /** Interactions delivered to an HTTP interactions endpoint instead of the gateway (see setInteractionsEndpoint). */
  readonly http: HttpInteractions;
  /** Dispatches withheld because the client's intents exclude them. */
  readonly droppedDispatches: { t: string; d: unknown; reason: string }[] = [];

  /** @internal */ readonly options: Required<Omit<EmulatorOptions, 'guild' | 'botUser' | 'applicationId' | 'token' | 'guildCount' | 'rateLimits'>>;
  /** @internal */ rateLimiter: RateLimiter | null = null;
  /** Every guild the bot is in: `guild` first, then the generated ones (guildCount). */
  readonly guilds: GuildRecord[] = [];
  /** @internal IDENTIFYs still to refuse with a fatal close code (failIdentify). */
  identifyFaults: { code: number; reason: string; remaining: number }[] = [];
  /** @internal */ readonly users = new Map<string, APIUser>();
  /** @internal */ readonly channels = new Map<string, ChannelRecord>();
  /** @internal */ readonly dmChannelByUser = new Map<string, string>();
  /** @internal */ readonly messages = new Map<string, ApiMessage>();
  /** @internal */ readonly deletedMessages = new Set<string>();
  /** @internal */ readonly interactionStates = new Map<string, InteractionState>();
  /** @internal */ readonly commands = new Map<string, Map<string, Json>>();
  /** @internal */ readonly commandIds = new Map<string, string>();
  /** @internal */ readonly faults: FaultRule[] = [];
  /** @internal */ readonly pendingTimers = new Set<NodeJS.Timeout>();
  /** @internal ids of messages the bot created via POST /channels/:id/messages */ readonly channelMessageIds: string[] = [];

  private readonly server: Server;
  private readonly waiters = new Waiters();
  private portNumber = 0;
  private closed = false;
  private requestSeq = 0;
  private notificationHolds = 0;

  constructor(opts: EmulatorOptions = {}) {
    this.applicationId = opts.applicationId ?? snowflake();
    this.token = opts.token ?? 'emulator-bot-token.not-a-real-token';
    this.botUser = apiUser({ username: 'report-bot', ...opts.botUser, bot: true, id: opts.botUser?.id ?? this.applicationId });
    this.defaultUser = apiUser({ username: 'tester', globalName: 'Tester' });
    const envLog = process.env.DISCORD_EMULATOR_DEBUG ? (line: string) => process.stderr.write(`[discord-emulator] ${line}\n`) : () => {};
    this.options = {
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 2_000,
      interactionAckDeadlineMs: opts.interactionAckDeadlineMs === undefined ? 3_000 : opts.interactionAckDeadlineMs,
      strictIntents: opts.strictIntents ?? true,
      validatePayloads: opts.validatePayloads ?? true,
      echoOwnMessages: opts.echoOwnMessages ?? true,
      interactionTokenTtlMs: opts.interactionTokenTtlMs ?? 15 * 60_000,
      log: opts.log ?? envLog,
    };
    this.users.set(this.botUser.id, this.botUser);
    this.users.set(this.defaultUser.id, this.defaultUser);

    if (opts.guild === null) {
      this.guild = null;
    } else {
      const g = opts.guild ?? {};
      const guildId = g.id ?? snowflake();
      const channels: ChannelRecord[] = (g.channels ?? [{ name: 'general' }]).map((c) => ({
        id: c.id ?? snowflake(),
        type: ChannelType.GuildText,
        name: c.name,
        guildId,
        // '@everyone' stands for the guild id (the @everyone role's id), unknown to the caller beforehand.
        ...(c.permissionOverwrites ? { permissionOverwrites: c.permissionOverwrites.map((o) => ({ ...o, id: o.id === '@everyone' ? guildId : o.id })) } : {}),
      }));
      this.guild = { id: guildId, name: g.name ?? 'Emulated Guild', ownerId: snowflake(), joinedAt: new Date().toISOString(), channels };
      for (const c of channels) this.channels.set(c.id, c);
      this.guilds.push(this.guild);
      for (let i = 1; i < (opts.guildCount ?? 1); i++) {
        const id = spreadGuildId();
        const channel: ChannelRecord = { id: snowflake(), type: ChannelType.GuildText, name: 'general', guildId: id };
        this.channels.set(channel.id, channel);
        this.guilds.push({ id, name: `Guild ${i + 1}`, ownerId: this.guild.ownerId, joinedAt: this.guild.joinedAt, channels: [channel] });
      }
    }

    this.server = createServer({ keepAlive: true }, (req, res) => {
      // A client that aborts mid-body (discord.js REST timeout) must not surface as an unhandled rejection.
      handleHttp(this, req, res).catch((error: unknown) => {
        this.options.log(`rest: request failed ${String(error)}`);
        if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
      });
    });
    this.gateway = new Gateway({
      token: this.token,
      heartbeatIntervalMs: this.options.heartbeatIntervalMs,
      resumeGatewayUrl: () => `ws://127.0.0.1:${this.portNumber}/gateway/resume`,
      buildReady: (session) => this.buildReady(session),
      afterReady: (session) => this.afterReady(session),
      refuseIdentify: (identify) => this.refuseIdentify(identify),
      notify: () => this.notify(),
      log: (line) => this.options.log(line),
    });
    this.gateway.attach(this.server);
    this.http = new HttpInteractions(this);
    if (opts.rateLimits) this.setRateLimits(opts.rateLimits);
  }

  /**
   * Enforce these buckets from now on (null: none). Route buckets count per route and major parameter
   * (channel, guild, webhook) and put X-RateLimit-* headers on every answer; the global limit counts
   * bot-token requests only. Over a limit: 429 with retry_after, as Discord answers.
   */
  setRateLimits(model: RateLimitModel | null): void {
    this.rateLimiter = model ? new RateLimiter(model, (model.routes ?? []).map((r) => toPathRegExp(r.pathPattern))) : null;
  }

  /**
   * Take permissions from the bot in a guild text channel (its threads inherit them): the denied bits go into the
   * channel's member overwrite for the bot, the same `permissionOverwrites` a GuildInput channel can start with.
   * `announce` (default) sends CHANNEL_UPDATE with the overwrites, so discord.js knows in advance; false models
   * a change the client has not seen yet, which the bot then only learns from a 50013.
   */
  denyChannelPermissions(channelId: string, names: PermissionName[], opts: { announce?: boolean } = {}): void {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`Discord emulator: unknown channel ${channelId}`);
    if (!channel.guildId || channel.type !== ChannelType.GuildText) {
      throw new Error(`Discord emulator: ${channelId} is not a guild text channel (threads take their parent's permissions)`);
    }
    const bits = bitsOf(names);
    const others = (channel.permissionOverwrites ?? []).filter((o) => !(o.type === 1 && o.id === this.botUser.id));
    const own = channel.permissionOverwrites?.find((o) => o.type === 1 && o.id === this.botUser.id);
    const allow = (BigInt(own?.allow ?? '0') & ~bits).toString();
    const deny = (BigInt(own?.deny ?? '0') | bits).toString();
    channel.permissionOverwrites = [...others, { id: this.botUser.id, type: 1, allow, deny }];
    if ((opts.announce ?? true) && this.gateway.activeSession) {
      this.gateway.dispatchTo(this.sessionForGuild(channel.guildId), 'CHANNEL_UPDATE', { ...this.channelPayload(channel), guild_id: channel.guildId });
    }
  }

  /** Interaction tokens older than this are refused on webhook routes (401 50027); Discord: 15 minutes. */
  setInteractionTokenTtl(ms: number): void {
    this.options.interactionTokenTtlMs = ms;
  }

  /**
   * A public thread a user (the default user) started in `parentId`, not on a message: THREAD_CREATE is
   * dispatched without a thread member (the bot has not joined); returns its id. Threads the bot starts come
   * from POST /channels/:id/messages/:mid/threads. Both are listed by threads(parentId).
   */
  createThread(parentId: string, name = 'thread'): string {
    const parent = this.channels.get(parentId);
    if (!parent?.guildId || parent.type !== ChannelType.GuildText) throw new Error(`Discord emulator: ${parentId} is not a guild text channel`);
    return this.openThread(parent, snowflake(), name, this.defaultUser.id).id;
  }

  /** @internal the bot's permissions in a channel as a decimal bitfield (interactions' app_permissions). */
  appPermissions(channelId: string): string {
    return this.botPermissions(channelId).toString();
  }

  /**
   * Deliver later interactions by signed POST to `url` (an HTTP-interactions bot) instead of the gateway;
   * `null` goes back to the gateway. The endpoint must verify `publicKeyHex`.
   */
  setInteractionsEndpoint(url: string | null): void {
    this.http.endpoint = url;
  }

  /** The application's public key (hex), as the Developer Portal shows it: the endpoint verifies with it. */
  get publicKeyHex(): string {
    return this.http.publicKeyHex;
  }

  /** @internal */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.portNumber = (this.server.address() as AddressInfo).port;
  }

  get port(): number {
    return this.portNumber;
  }
  get baseUrl(): string {
    return `http://127.0.0.1:${this.portNumber}`;
  }
  /** Value for discord.js `rest.api` (discord.js appends `/v10`). */
  get restBase(): string {
    return `${this.baseUrl}/api`;
  }
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.portNumber}/gateway`;
  }
  get textChannelId(): string {
    const id = this.guild?.channels[0]?.id;
    if (!id) throw new Error('Discord emulator: no guild text channel configured');
    return id;
  }

  /**
   * Options for `new Client(...)` pointing every REST/CDN/gateway URL at this emulator. The identify
   * throttler is replaced because the default one sleeps up to 6.5s between identifies, which makes
   * reconnect tests slow; nothing else about discord.js is stubbed.
   */
  clientOptions(input: ClientOptionsInput = {}): ClientOptions {
    return {
      intents: input.intents ?? [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
      partials: input.partials ?? [Partials.Channel],
      waitGuildTimeout: 1_000,
      rest: {
        api: this.restBase,
        cdn: `${this.baseUrl}/cdn`,
        mediaProxy: `${this.baseUrl}/media`,
        retries: input.restRetries ?? 1,
        timeout: input.restTimeoutMs ?? 2_000,
        offset: 10,
      },
      ws: {
        buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }),
      },
    };
  }

  // ---------------------------------------------------------------- state helpers

  /** @internal */
  notify(): void {
    if (this.notificationHolds > 0) return;
    this.waiters.notify();
  }

  /** @internal */
  holdNotifications(): void {
    this.notificationHolds++;
  }

  /** @internal */
  releaseNotifications(): void {
    this.notificationHolds = Math.max(0, this.notificationHolds - 1);
    if (this.notificationHolds === 0) this.waiters.notify();
  }

  /** @internal */
  nextRequestSeq(): number {
    return ++this.requestSeq;
  }

  /** @internal */
  resolveUser(input: UserInput | APIUser | undefined): APIUser {
    if (!input) return this.defaultUser;
    if ('discriminator' in input) {
      this.users.set(input.id, input);
      return input;
    }
    const existing = input.id ? this.users.get(input.id) : undefined;
    if (existing && existing.username === input.username) return existing;
    const user = apiUser(input);
    this.users.set(user.id, user);
    return user;
  }

  /** @internal DM channel between the bot and `user`, created on first use (also by POST /users/@me/channels). */
  dmChannelFor(user: APIUser): ChannelRecord {
    const existingId = this.dmChannelByUser.get(user.id);
    const existing = existingId ? this.channels.get(existingId) : undefined;
    if (existing) return existing;
    const channel: ChannelRecord = { id: snowflake(), type: ChannelType.DM, name: null, guildId: null, recipient: user };
    this.channels.set(channel.id, channel);
    this.dmChannelByUser.set(user.id, channel.id);
    return channel;
  }

  /** @internal */
  channelPayload(channel: ChannelRecord): Json {
    const position = this.guild?.channels.findIndex((c) => c.id === channel.id) ?? 0;
    return apiChannel(channel, Math.max(position, 0));
  }

  /** Threads started in a guild (all of them stay active here: no archiving is emulated). */
  threadsOf(guildId: string): ChannelRecord[] {
    return [...this.channels.values()].filter((c) => c.type === ChannelType.PublicThread && c.guildId === guildId);
  }

  /** A channel's threads, oldest first. */
  threads(parentId?: string): ChannelRecord[] {
    return [...this.channels.values()].filter((c) => c.type === ChannelType.PublicThread && (parentId === undefined || c.parentId === parentId)).map(clone);
  }

  /** @internal The bot's permissions in a guild channel: @everyone, then the channel's role and member overwrites (a thread uses its parent's). */
  botPermissions(channelId: string): bigint {
    let channel = this.channels.get(channelId);
    if (channel?.type === ChannelType.PublicThread && channel.parentId) channel = this.channels.get(channel.parentId);
    if (!channel || !channel.guildId) return (1n << 51n) - 1n;
    let bits = BigInt(EVERYONE_PERMISSIONS);
    const apply = (o: PermissionOverwrite | undefined) => {
      if (o) bits = (bits & ~BigInt(o.deny)) | BigInt(o.allow);
    };
    apply(channel.permissionOverwrites?.find((o) => o.type === 0 && o.id === channel.guildId));
    apply(channel.permissionOverwrites?.find((o) => o.type === 1 && o.id === this.botUser.id));
    return bits;
  }

  /** @internal POST /channels/:id/messages/:mid/threads: a public thread on a message, owned by the bot. */
  startThreadOnMessage(parent: ChannelRecord, message: ApiMessage, name: string): ChannelRecord {
    // Discord gives a thread started from a message the message's id.
    const thread = this.openThread(parent, message.id, name, this.botUser.id);
    const m = message as unknown as Json;
    m.thread = apiChannel(thread);
    m.flags = ((m.flags as number | undefined) ?? 0) | 32; // HAS_THREAD
    return thread;
  }

  /** A public thread (type 11) in `parent`, a channel like any other; THREAD_CREATE carries the bot's thread member when the bot owns it. */
  private openThread(parent: ChannelRecord, id: string, name: string, ownerId: string): ChannelRecord {
    const thread: ChannelRecord = { id, type: ChannelType.PublicThread, name, guildId: parent.guildId, parentId: parent.id, ownerId, createdAt: new Date().toISOString() };
    this.channels.set(thread.id, thread);
    if (this.gateway.activeSession && parent.guildId) {
      const member = ownerId === this.botUser.id ? { member: { id: thread.id, user_id: this.botUser.id, join_timestamp: thread.createdAt, flags: 0 } } : {};
      this.gateway.dispatchTo(this.sessionForGuild(parent.guildId), 'THREAD_CREATE', { ...apiChannel(thread), newly_created: true, ...member });
    }
    return thread;
  }

  /** @internal */
  storeMessage(message: ApiMessage): ApiMessage {
    this.messages.set(message.id, message);
    return message;
  }

  /** @internal */
  liveMessage(id: string): ApiMessage | undefined {
    return this.deletedMessages.has(id) ? undefined : this.messages.get(id);
  }

  private botMember(): Json {
    return guildMember(this.botUser, this.guild?.joinedAt ?? new Date().toISOString());
  }

  private memberWithoutUser(user: APIUser): Json {
    const { user: _omit, ...rest } = guildMember(user, this.guild?.joinedAt ?? new Date().toISOString());
    return rest;
  }

  private buildReady(session: GatewaySession): Json {
    return {
      v: 10,
      user_settings: {},
      user: { ...this.botUser, verified: true, mfa_enabled: false, email: null },
      // discord.js waits for a GUILD_CREATE for every id listed here before emitting `ready`.
      guilds: this.guildsOfShard(session).map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.gateway.resumeUrl(),
      shard: Array.isArray(session.identify.shard) ? session.identify.shard : [0, 1],
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      auth: {},
    };
  }

  /** The guilds a session's shard owns ((guild_id >> 22) % shard_count). */
  guildsOfShard(session: GatewaySession): GuildRecord[] {
    const count = shardCountOf(session);
    const id = shardIdOf(session);
    return this.guilds.filter((g) => shardFor(g.id, count) === id);
  }

  /** The shard (and its session) that owns a guild; DMs go to shard 0, as on Discord. */
  sessionForGuild(guildId: string | null): GatewaySession {
    const any = this.gateway.activeSession;
    if (!any) throw new Error('Discord emulator: no client has identified yet');
    const shard = guildId ? shardFor(guildId, shardCountOf(any)) : 0;
    return this.gateway.shardSessions.get(shard) ?? any;
  }

  /** The next `times` IDENTIFYs (default: all) are closed with `code`, e.g. 4014 disallowed intents or 4004. */
  failIdentify(code: number, opts: { times?: number; reason?: string } = {}): void {
    this.identifyFaults.push({ code, reason: opts.reason ?? `Emulated close ${code}`, remaining: opts.times ?? Infinity });
  }

  private refuseIdentify(identify: Json): { code: number; reason: string } | null {
    const fault = this.identifyFaults[0];
    if (fault) {
      if (--fault.remaining <= 0) this.identifyFaults.shift();
      return { code: fault.code, reason: fault.reason };
    }
    const shard = identifyShard(identify);
    if (!shard || shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1]) return { code: 4010, reason: 'Invalid shard.' };
    const owned = this.guilds.filter((g) => shardFor(g.id, shard[1]) === shard[0]).length;
    if (owned > MAX_GUILDS_PER_SESSION) return { code: 4011, reason: 'Sharding required.' };
    return null;
  }

  /** /gateway/bot's `shards`: one per 1,000 guilds. */
  get recommendedShards(): number {
    return recommendedShards(this.guilds.length);
  }

  private afterReady(session: GatewaySession): void {
    const guilds = this.guildsOfShard(session);
    if (guilds.length === 0) return;
    if (this.options.strictIntents && !(session.intents & Intent.Guilds)) {
      for (const g of guilds) this.droppedDispatches.push({ t: 'GUILD_CREATE', d: { id: g.id }, reason: 'GUILDS intent not identified' });
      return;
    }
    for (const g of guilds) this.gateway.dispatchTo(session, 'GUILD_CREATE', this.guildCreatePayload(g));
  }

  private guildCreatePayload(g: GuildRecord): Json {
    return {
      id: g.id,
      name: g.name,
      icon: null,
      icon_hash: null,
      splash: null,
      discovery_splash: null,
      owner_id: g.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [
        {
          id: g.id,
          name: '@everyone',
          color: 0,
          colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
          hoist: false,
          icon: null,
          unicode_emoji: null,
          position: 0,
          permissions: EVERYONE_PERMISSIONS,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      max_members: 500000,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      nsfw_level: 0,
      stickers: [],
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      joined_at: g.joinedAt,
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [this.botMember()],
      // Discord omits guild_id on channels inside GUILD_CREATE; discord.js takes it from the guild.
      channels: g.channels.map((c, i) => {
        const { guild_id: _omit, ...rest } = apiChannel(c, i);
        return rest;
      }),
      // Active threads the bot can see, as Discord sends them on (re)connect.
      threads: this.threadsOf(g.id).map((t) => apiChannel(t)),
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // ---------------------------------------------------------------- gateway dispatch helpers

  private resolveTarget(t: InteractionTarget): { user: APIUser; channel: ChannelRecord; guildId: string | null } {
    const user = this.resolveUser(t.user);
    if (t.dm || t.guildId === null) return { user, channel: this.dmChannelFor(user), guildId: null };
    const guildId = t.guildId ?? this.guild?.id;
    if (!guildId) throw new Error('Discord emulator: no guild configured; pass dm: true');
    const channelId = t.channelId ?? this.guilds.find((g) => g.id === guildId)?.channels[0]?.id ?? this.textChannelId;
    const channel = this.channels.get(channelId) ?? { id: channelId, type: ChannelType.GuildText, name: 'unknown', guildId };
    return { user, channel, guildId };
  }

  private interactionBase(type: number, t: InteractionTarget, data: Json | undefined): { payload: Json; state: InteractionState } {
    const { user, channel, guildId } = this.resolveTarget(t);
    const id = snowflake();
    const token = interactionToken();
    const locale = t.locale ?? 'en-US';
    const payload: Json = {
      id,
      application_id: this.applicationId,
      type,
      token,
      version: 1,
      app_permissions: this.appPermissions(channel.id),
      locale,
      entitlements: [],
      // "0" is Discord's owner value for a guild-installed app used in a DM with its bot.
      authorizing_integration_owners: { '0': guildId ?? '0' },
      context: guildId ? 0 : 1,
      attachment_size_limit: 10 * 1024 * 1024,
      channel: { ...this.channelPayload(channel), permissions: ALL_PERMISSIONS },
      channel_id: channel.id,
    };
    if (data) payload.data = data;
    if (guildId) {
      payload.guild_id = guildId;
      payload.guild = { id: guildId, locale: 'en-US', features: [] };
      payload.guild_locale = 'en-US';
      payload.member = guildMember(user, this.guild?.joinedAt ?? new Date().toISOString(), ALL_PERMISSIONS);
    } else {
      payload.user = user;
    }
    const state: InteractionState = {
      id,
      token,
      type,
      payload,
      createdAt: Date.now(),
      commandName: null,
      customId: null,
      guildId,
      channelId: channel.id,
      user,
      componentMessageId: null,
      callbacks: [],
      callbackType: null,
      originalMessageId: null,
      originalEdits: 0,
      originalDeleted: false,
      followUpIds: [],
      autocompleteChoices: null,
      modal: null,
      rejectedCallbacks: 0,
    };
    return { payload, state };
  }

  private commandId(name: string, guildId: string | null): { id: string; guildId?: string } {
    const guildCmd = guildId ? this.commands.get(`guild:${guildId}`)?.get(name) : undefined;
    if (guildCmd) return { id: String(guildCmd.id), guildId: guildId ?? undefined };
    const globalCmd = this.commands.get('global')?.get(name);
    if (globalCmd) return { id: String(globalCmd.id) };
    return { id: this.stableCommandId(`unregistered:${name}`) };
  }

  /** @internal same name → same id, like Discord's bulk overwrite. */
  stableCommandId(key: string): string {
    let id = this.commandIds.get(key);
    if (!id) {
      id = snowflake();
      this.commandIds.set(key, id);
    }
    return id;
  }

  private normalizeOptions(options: SlashOptions | undefined): Json[] {
    if (!options) return [];
    if (Array.isArray(options)) return clone(options);
    return Object.entries(options).map(([name, value]) => ({
      name,
      type:
        typeof value === 'boolean'
          ? OptionType.Boolean
          : typeof value === 'number'
            ? Number.isInteger(value)
              ? OptionType.Integer
              : OptionType.Number
            : OptionType.String,
      value,
    }));
  }

  private dispatchInteraction(payload: Json, state: InteractionState): InteractionHandle {
    this.interactionStates.set(state.id, state);
    if (this.http.endpoint) {
      this.http.deliver(payload, state);
      return { id: state.id, token: state.token, type: state.type, payload, s: -1, shard: null };
    }
    // Like Discord: a guild's events travel on the connection of the shard that owns the guild.
    const session = this.sessionForGuild(state.guildId);
    const entry = this.gateway.dispatchTo(session, 'INTERACTION_CREATE', payload);
    return { id: state.id, token: state.token, type: state.type, payload, s: entry.s, shard: shardIdOf(session) };
  }

  /** INTERACTION_CREATE type 2 (chat input command). */
  sendSlashCommand(input: SlashCommandInput): InteractionHandle {
    const target = { ...input };
    const guildId = input.dm || input.guildId === null ? null : (input.guildId ?? this.guild?.id ?? null);
    const cmd = this.commandId(input.name, guildId);
    const data: Json = { id: cmd.id, name: input.name, type: 1 };
    const options = this.normalizeOptions(input.options);
    if (options.length) data.options = options;
    if (cmd.guildId) data.guild_id = cmd.guildId;
    const { payload, state } = this.interactionBase(InteractionType.ApplicationCommand, target, data);
    state.commandName = input.name;
    return this.dispatchInteraction(payload, state);
  }

  /** INTERACTION_CREATE type 4. Discord sends the focused value as typed so far (a string). */
  sendAutocomplete(input: AutocompleteInput): InteractionHandle {
    const guildId = input.dm || input.guildId === null ? null : (input.guildId ?? this.guild?.id ?? null);
    const cmd = this.commandId(input.name, guildId);
    const options = this.normalizeOptions(input.options).filter((o) => o.name !== input.focusedOption);
    options.push({ name: input.focusedOption, type: OptionType.String, value: input.value, focused: true });
    const data: Json = { id: cmd.id, name: input.name, type: 1, options };
    if (cmd.guildId) data.guild_id = cmd.guildId;
    const { payload, state } = this.interactionBase(InteractionType.Autocomplete, input, data);
    state.commandName = input.name;
    return this.dispatchInteraction(payload, state);
  }

  /** INTERACTION_CREATE type 3 on a message the emulator knows (e.g. a reply the bot sent). */
  clickButton(input: ButtonClickInput): InteractionHandle {
    const message = this.liveMessage(input.messageId);
    if (!message) throw new Error(`Discord emulator: clickButton on unknown message ${input.messageId}`);
    const channel = this.channels.get(message.channel_id);
    const target: InteractionTarget = { user: input.user, channelId: message.channel_id, locale: input.locale };
    if (!channel || channel.type === ChannelType.DM) target.dm = true;
    else target.guildId = channel.guildId;
    const componentType = input.componentType ?? 2;
    const data: Json = { custom_id: input.customId, component_type: componentType };
    if (componentType !== 2) data.values = input.values ?? [];
    const { payload, state } = this.interactionBase(InteractionType.MessageComponent, target, data);
    payload.message = clone(message);
    state.customId = input.customId;
    state.componentMessageId = message.id;
    return this.dispatchInteraction(payload, state);
  }

  /** INTERACTION_CREATE type 5: a modal the bot showed, submitted with `fields` (text input custom_id → value). */
  submitModal(input: { customId: string; fields: Record<string, string>; messageId?: string; user?: UserInput | APIUser; guildId?: string | null; channelId?: string; locale?: string }): InteractionHandle {
    const message = input.messageId ? this.liveMessage(input.messageId) : undefined;
    const target: InteractionTarget = { user: input.user, locale: input.locale, channelId: message?.channel_id ?? input.channelId };
    if (input.guildId === null) target.dm = true;
    else if (input.guildId !== undefined) target.guildId = input.guildId;
    const data: Json = {
      custom_id: input.customId,
      components: Object.entries(input.fields).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] })),
    };
    const { payload, state } = this.interactionBase(InteractionType.ModalSubmit, target, data);
    if (message) {
      payload.message = clone(message);
      state.componentMessageId = message.id;
    }
    state.customId = input.customId;
    return this.dispatchInteraction(payload, state);
  }

  /** MESSAGE_CREATE from a user, in a guild channel (default) or a DM (`dm: true`). */
  sendMessage(input: MessageInput): MessageHandle {
    const author = this.resolveUser(input.author);
    const isDm = input.dm === true || input.guildId === null;
    const guildChannel = input.guildId ? this.guilds.find((g) => g.id === input.guildId)?.channels[0]?.id : undefined;
    const channel = isDm ? this.dmChannelFor(author) : this.channels.get(input.channelId ?? guildChannel ?? this.textChannelId);
    if (!channel) throw new Error(`Discord emulator: unknown channel ${input.channelId}`);
    const guildId = isDm ? null : (input.guildId ?? channel.guildId);
    const mentionIds = input.mentions ?? mentionedIds(input.content);
    const mentions = mentionIds.map((id) => this.users.get(id)).filter((u): u is APIUser => u !== undefined);
    const referenced = input.replyTo ? this.liveMessage(input.replyTo) : undefined;
    const message = this.storeMessage(
      apiMessage({
        channelId: channel.id,
        author,
        content: input.content,
        mentions,
        type: referenced ? 19 : 0,
        messageReference: referenced ? { type: 0, message_id: referenced.id, channel_id: channel.id, ...(guildId ? { guild_id: guildId } : {}) } : undefined,
        referencedMessage: referenced ? clone(referenced) : undefined,
      }),
    );
    const entry = this.dispatchMessageCreate(message, guildId);
    const shard = entry ? shardIdOf(this.sessionForGuild(guildId)) : null;
    return { id: message.id, channelId: channel.id, guildId, delivered: entry !== null, s: entry?.s ?? null, shard, message };
  }

  /** @internal MESSAGE_CREATE with intent filtering and MESSAGE_CONTENT redaction. */
  dispatchMessageCreate(message: ApiMessage, guildId: string | null): DispatchRecord | null {
    const session = this.sessionForGuild(guildId);
    const intents = session.intents;
    const strict = this.options.strictIntents;
    const d: Json = { ...clone(message), channel_type: guildId ? (this.channels.get(message.channel_id)?.type ?? ChannelType.GuildText) : ChannelType.DM };
    if (guildId) {
      if (strict && !(intents & Intent.GuildMessages)) {
        this.droppedDispatches.push({ t: 'MESSAGE_CREATE', d, reason: 'GUILD_MESSAGES intent not identified' });
        return null;
      }
      d.guild_id = guildId;
      d.member = this.memberWithoutUser(message.author);
      d.mentions = message.mentions.map((u) => ({ ...u, member: this.memberWithoutUser(u) }));
      const mentionsBot = message.mentions.some((u) => u.id === this.botUser.id);
      // Without MESSAGE_CONTENT Discord still delivers content for DMs, mentions of the bot and the bot's own messages.
      if (strict && !(intents & Intent.MessageContent) && !mentionsBot && message.author.id !== this.botUser.id) {
        d.content = '';
        d.embeds = [];
        d.attachments = [];
        d.components = [];
        delete d.poll;
      }
    } else if (strict && !(intents & Intent.DirectMessages)) {
      this.droppedDispatches.push({ t: 'MESSAGE_CREATE', d, reason: 'DIRECT_MESSAGES intent not identified' });
      return null;
    }
    return this.gateway.dispatchTo(session, 'MESSAGE_CREATE', d);
  }

  /** @internal called by REST handlers for messages the bot created. */
  echoOwnMessage(message: ApiMessage): void {
    if (!this.options.echoOwnMessages || !this.gateway.activeSession) return;
    if ((message.flags ?? 0) & MessageFlag.Ephemeral) return;
    const channel = this.channels.get(message.channel_id);
    this.dispatchMessageCreate(message, channel?.guildId ?? null);
  }

  /** A well-formed dispatch with the next sequence number. */
  sendDispatch(t: string, d: unknown): DispatchRecord {
    return this.gateway.dispatch(t, d);
  }

  /** Exactly this frame on the live socket: no sequence number is assigned unless you include one. */
  sendRaw(payload: GatewayPayload | Json | string): void {
    this.gateway.sendRaw(payload);
  }

  dropConnection(opts: { code?: number; abrupt?: boolean; shard?: number } = {}): Promise<void> {
    return this.gateway.dropConnection(opts);
  }

  invalidateSession(opts: { resumable?: boolean } = {}): void {
    this.gateway.invalidateSession(opts.resumable ?? false);
  }

  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** Stop answering heartbeats: @discordjs/ws treats the socket as a zombie and resumes on a new one. */
  setHeartbeatAcks(enabled: boolean): void {
    this.gateway.ackHeartbeats = enabled;
  }

  // ---------------------------------------------------------------- REST fault injection

  /**
   * The next `times` (default 1) requests matching `method` + `pathPattern` get this response
   * instead of the real one. `pathPattern` is a RegExp or a Discord-style route relative to
   * /api/v10, e.g. `/webhooks/:id/:token/messages/@original` (`:x` = one segment, `*` = anything).
   */
  failNext(rule: {
    method?: string;
    pathPattern: string | RegExp;
    status: number;
    retryAfter?: number;
    global?: boolean;
    body?: Json;
    times?: number;
    delayMs?: number;
  }): void {
    this.faults.push({ ...rule, remaining: rule.times ?? 1, pattern: toPathRegExp(rule.pathPattern) });
  }

  /** Holds matching requests for `ms` before handling them normally (exercises REST timeouts). */
  delayNext(rule: { method?: string; pathPattern: string | RegExp; ms: number; times?: number }): void {
    this.faults.push({
      method: rule.method,
      pathPattern: rule.pathPattern,
      delayMs: rule.ms,
      remaining: rule.times ?? 1,
      pattern: toPathRegExp(rule.pathPattern),
    });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  // ---------------------------------------------------------------- queries

  /** Requests no route matched (answered 404); a clean run leaves this empty. */
  get unexpectedRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.route === null);
  }

  requestsTo(method: string, pathPattern: string | RegExp): RecordedRequest[] {
    const re = toPathRegExp(pathPattern);
    return this.requests.filter((r) => r.method === method.toUpperCase() && re.test(r.path));
  }

  interaction(handle: InteractionHandle | string): InteractionView {
    const id = typeof handle === 'string' ? handle : handle.id;
    const s = this.interactionStates.get(id);
    if (!s) throw new Error(`Discord emulator: unknown interaction ${id}`);
    const original = s.originalMessageId && !s.originalDeleted ? (this.liveMessage(s.originalMessageId) ?? null) : null;
    return {
      id: s.id,
      token: s.token,
      type: s.type,
      commandName: s.commandName,
      customId: s.customId,
      callbacks: clone(s.callbacks),
      callbackType: s.callbackType,
      acknowledged: s.callbackType !== null,
      deferred: s.callbackType === 5 || s.callbackType === 6,
      original: original ? clone(original) : null,
      originalEdits: s.originalEdits,
      originalDeleted: s.originalDeleted,
      followUps: s.followUpIds.map((fid) => this.liveMessage(fid)).filter((m): m is ApiMessage => m !== undefined).map(clone),
      autocompleteChoices: s.autocompleteChoices ? clone(s.autocompleteChoices) : null,
      modal: s.modal ? clone(s.modal) : null,
    };
  }

  /** Messages the bot posted with POST /channels/:id/messages (current state). */
  channelMessages(channelId?: string): ApiMessage[] {
    return this.channelMessageIds
      .map((id) => this.liveMessage(id))
      .filter((m): m is ApiMessage => m !== undefined && (channelId === undefined || m.channel_id === channelId))
      .map(clone);
  }

  // ---------------------------------------------------------------- waiting

  /** Resolves with the first truthy value `probe` returns; re-checked after every recorded request or gateway event. */
  waitFor<T>(probe: (emu: this) => T | undefined | null | false, timeoutMs = DEFAULT_WAIT_MS, what = 'condition'): Promise<T> {
    return this.waiters.waitFor(() => probe(this), timeoutMs, () => what);
  }

  waitForRequest(method: string, pathPattern: string | RegExp, opts: WaitOptions & { after?: number } = {}): Promise<RecordedRequest> {
    const re = toPathRegExp(pathPattern);
    const after = opts.after ?? 0;
    return this.waiters.waitFor(
      () => this.requests.find((r) => r.seq > after && r.status !== null && r.method === method.toUpperCase() && re.test(r.path)),
      opts.timeoutMs ?? DEFAULT_WAIT_MS,
      () => `${method} ${String(pathPattern)} (seen: ${this.describeRequests()})`,
    );
  }

  /**
   * The reply as the user would finally see it: resolves after a type 4/7 callback, or after a
   * deferral (5/6) once @original has been edited. `until` waits for a later edit (e.g. streaming).
   */
  waitForInteractionResponse(handle: InteractionHandle, opts: WaitOptions & { until?: (reply: InteractionReply) => boolean } = {}): Promise<InteractionReply> {
    return this.waiters.waitFor(
      () => {
        const view = this.interaction(handle);
        if (view.callbackType === 8) throw new Error('Discord emulator: interaction was answered with autocomplete choices; use waitForAutocomplete');
        if (view.originalDeleted) throw new Error('Discord emulator: the original response was deleted');
        if (!view.original || view.callbackType === null) return undefined;
        if (view.deferred && view.originalEdits === 0) return undefined;
        const reply: InteractionReply = {
          content: view.original.content,
          embeds: view.original.embeds,
          components: view.original.components ?? [],
          flags: view.original.flags ?? 0,
          ephemeral: ((view.original.flags ?? 0) & MessageFlag.Ephemeral) !== 0,
          callbackType: view.callbackType,
          deferred: view.deferred,
          edits: view.originalEdits,
          message: view.original,
          followUps: view.followUps,
        };
        if (opts.until && !opts.until(reply)) return undefined;
        return reply;
      },
      opts.timeoutMs ?? DEFAULT_WAIT_MS,
      () => `a response to interaction ${handle.id} (${JSON.stringify(this.interaction(handle).callbacks.map((c) => c.type))}; requests: ${this.describeRequests()})`,
    );
  }

  waitForAutocomplete(handle: InteractionHandle, opts: WaitOptions = {}): Promise<Json[]> {
    return this.waiters.waitFor(
      () => this.interaction(handle).autocompleteChoices,
      opts.timeoutMs ?? DEFAULT_WAIT_MS,
      () => `autocomplete choices for ${handle.id}`,
    );
  }

  waitForFollowUp(handle: InteractionHandle, opts: WaitOptions & { index?: number } = {}): Promise<ApiMessage> {
    const index = opts.index ?? 0;
    return this.waiters.waitFor(
      () => this.interaction(handle).followUps[index],
      opts.timeoutMs ?? DEFAULT_WAIT_MS,
      () => `follow-up #${index} of ${handle.id}`,
    );
  }

  /** A bot message posted via POST /channels/:id/messages, optionally replying to `replyTo`. */
  waitForChannelMessage(opts: WaitOptions & { channelId?: string; replyTo?: string; predicate?: (m: ApiMessage) => boolean } = {}): Promise<ApiMessage> {
    return this.waiters.waitFor(
      () =>
        this.channelMessages(opts.channelId).find(
          (m) => (opts.replyTo === undefined || m.message_reference?.message_id === opts.replyTo) && (!opts.predicate || opts.predicate(m)),
        ),
      opts.timeoutMs ?? DEFAULT_WAIT_MS,
      () => `a bot message${opts.channelId ? ` in ${opts.channelId}` : ''}${opts.replyTo ? ` replying to ${opts.replyTo}` : ''} (requests: ${this.describeRequests()})`,
    );
  }

  /** Resolves once a client is identified or resumed on an open socket (after `afterConnection`, if given). */
  waitForGatewayReady(opts: WaitOptions & { afterConnection?: number } = {}): Promise<{ connectionId: number; kind: 'identify' | 'resume' }> {
    const after = opts.afterConnection ?? 0;
    return this.waiters.waitFor(
      () => {
        const conn = this.gateway.liveConnection;
        return conn && conn.id > after && conn.kind ? { connectionId: conn.id, kind: conn.kind } : undefined;
      },
      opts.timeoutMs ?? DEFAULT_WAIT_MS,
      () => `a ready gateway connection (connections: ${this.gateway.connections.map((c) => `#${c.id}:${c.state}/${c.closeCode ?? '-'}`).join(', ')})`,
    );
  }

  private describeRequests(): string {
    const list = this.requests.slice(-8).map((r) => `${r.method} ${r.path} → ${r.status ?? '…'}`);
    return list.length ? list.join('; ') : 'none';
  }

  // ---------------------------------------------------------------- lifecycle

  /** @internal */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pendingTimers.delete(timer);
        resolve();
      }, ms);
      this.pendingTimers.add(timer);
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Closes sockets, server and timers; pending waits reject. Call after `client.destroy()` for a clean close handshake. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.pendingTimers) clearTimeout(timer);
    this.pendingTimers.clear();
    this.waiters.rejectAll(new Error('Discord emulator closed'));
    this.http.close();
    await this.gateway.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** @internal */
export function toPathRegExp(pattern: string | RegExp): RegExp {
  if (pattern instanceof RegExp) return pattern;
  const source = pattern
    .split(/(:[A-Za-z_]+|\*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

export async function startDiscordEmulator(opts: EmulatorOptions = {}): Promise<DiscordEmulator> {
  const emu = new DiscordEmulator(opts);
  await emu.listen();
  return emu;
}
