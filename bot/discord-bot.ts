// The Discord side: a discord.js client, the interaction router and the mention/DM handler.
// Everything the report says and everything a user typed is echoed back, so every outgoing payload
// carries allowedMentions { parse: [] }: a row containing "@everyone" or a question naming a role
// must never ping anyone.
import {
  ButtonStyle,
  Client,
  ComponentType,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Partials,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ClientOptions,
  type Interaction,
  type Message,
} from 'discord.js';
import { commands as defaultCommands, type BotCommand, type CommandContext, type Presentation } from './commands/index.ts';
import type { BotConfig } from './config.ts';
import type { Logger } from './logger.ts';
import { watchFatalClose, type FatalClose } from './gateway-fatal.ts';
import { extractQuestion } from './mention.ts';
import { PAGE_PREFIX, Paginator, pagePayload, type PagePayload, type PageSession } from './pagination.ts';
import { limitViolations, renderAnswer, type Page } from '../present/discord.ts';
import type { Language, ReportQueries } from '../retrieval/types.ts';

/** Spread into every outgoing payload. A fresh object each time: discord.js may hold on to it. */
export function noMentions(): { parse: [] } {
  return { parse: [] };
}

export interface OutgoingMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: { parse: []; repliedUser?: boolean };
}

/**
 * Page (plain JSON) → discord.js message options. `forEdit` sends an empty content so that moving from a
 * page with text to one without clears the old text instead of leaving it above the new embeds.
 */
export function toMessage(page: Page | PagePayload, forEdit = false): OutgoingMessage {
  const components = 'components' in page ? page.components : [];
  const out: OutgoingMessage = {
    embeds: page.embeds.map((e) => ({ ...e, ...(e.fields ? { fields: e.fields.map((f) => ({ ...f })) } : {}) })),
    components: components.map((row) => ({
      type: ComponentType.ActionRow,
      components: row.components.map(
        (b): APIButtonComponent => ({
          type: ComponentType.Button,
          style: b.style === 1 ? ButtonStyle.Primary : ButtonStyle.Secondary,
          label: b.label,
          custom_id: b.custom_id,
          disabled: b.disabled,
        }),
      ),
    })),
    allowedMentions: noMentions(),
  };
  if (page.content !== undefined) out.content = page.content;
  else if (forEdit) out.content = '';
  return out;
}

const TEXT = {
  error: (ref: string) => `出错了，请稍后再试。/ Something went wrong, please try again. (ref ${ref})`,
  unknownCommand: '未知命令。/ Unknown command — the command list may be out of date.',
  notOwner: (lang: Language) =>
    lang === 'zh' ? '只有提问的人可以翻页。/ Only the person who asked can page through these results.' : 'Only the person who asked can page through these results. / 只有提问的人可以翻页。',
  expired: '这些结果已过期，请重新提问。/ These results have expired; please ask again.',
  emptyMention: '请在提及后写上问题，例如：@我 维和部有哪些产出被推迟？/ Ask after the mention, e.g. “@me which outputs were postponed?” — /help lists everything.',
} as const;

export interface RouterOptions {
  queries: ReportQueries;
  logger: Logger;
  paginator: Paginator;
  commands?: ReadonlyMap<string, BotCommand>;
  /** The bot's own user id once logged in (mentions are matched against it). */
  botUserId: () => string | undefined;
}

export interface Router {
  handleInteraction(interaction: Interaction): Promise<void>;
  handleMessage(message: Message): Promise<void>;
  context: CommandContext;
}

export function createRouter(options: RouterOptions): Router {
  const { queries, logger, paginator } = options;
  const commands = options.commands ?? defaultCommands;
  // Interactions whose answer has been sent: a later failure must not overwrite it with an error.
  const answered = new WeakSet<object>();

  const checkLimits = (pages: readonly Page[], where: Record<string, unknown>) => {
    for (const [i, p] of pages.entries()) {
      const v = limitViolations(p);
      if (v.length) logger.error('page exceeds Discord limits', { ...where, page: i, violations: v });
    }
  };

  const present = async (interaction: ChatInputCommandInteraction, presentation: Presentation): Promise<void> => {
    const { pages, language, ephemeral } = presentation;
    checkLimits(pages, { command: interaction.commandName, interactionId: interaction.id });
    const session = pages.length > 1 ? paginator.create(interaction.user.id, pages, language) : undefined;
    const payload: Page | PagePayload = session ? pagePayload(session, 0) : (pages[0] ?? { content: '—', embeds: [] });
    if (interaction.deferred) {
      await interaction.editReply(toMessage(payload, true));
    } else {
      await interaction.reply({ ...toMessage(payload), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
    }
    answered.add(interaction);
    if (session) session.edit = (p) => interaction.editReply(toMessage(p, true));
  };

  const context: CommandContext = { queries, logger, present };

  const replyError = async (interaction: ChatInputCommandInteraction | ButtonInteraction, log: Logger) => {
    const content = TEXT.error(interaction.id);
    try {
      if (answered.has(interaction) || interaction.replied) {
        await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
      } else if (interaction.deferred) {
        await interaction.editReply({ content, embeds: [], components: [], allowedMentions: noMentions() });
      } else {
        await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
      }
    } catch (error) {
      log.error('could not send the error reply', { error });
    }
  };

  const handleCommand = async (interaction: ChatInputCommandInteraction) => {
    // shardId: which gateway connection carried it (a guild's events travel on the shard that owns it).
    const log = logger.child({ command: interaction.commandName, userId: interaction.user.id, interactionId: interaction.id, shardId: interaction.guild?.shardId ?? 0 });
    const command = commands.get(interaction.commandName);
    if (!command) {
      log.warn('unknown command');
      await interaction.reply({ content: TEXT.unknownCommand, flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
      return;
    }
    const started = Date.now();
    try {
      if (command.defer) await interaction.deferReply();
      await command.execute(interaction, { ...context, logger: log });
      log.info('command answered', { ms: Date.now() - started });
    } catch (error) {
      log.error('command failed', { error, ms: Date.now() - started });
      await replyError(interaction, log);
    }
  };

  const handleAutocomplete = async (interaction: AutocompleteInteraction) => {
    const log = logger.child({ command: interaction.commandName, userId: interaction.user.id, interactionId: interaction.id, autocomplete: true });
    const command = commands.get(interaction.commandName);
    try {
      if (!command?.autocomplete) {
        await interaction.respond([]);
        return;
      }
      await command.autocomplete(interaction, { ...context, logger: log });
    } catch (error) {
      log.error('autocomplete failed', { error });
      if (!interaction.responded) await interaction.respond([]).catch(() => {});
    }
  };

  const handleButton = async (interaction: ButtonInteraction) => {
    if (!interaction.customId.startsWith(PAGE_PREFIX + ':')) return;
    const log = logger.child({ button: interaction.customId, userId: interaction.user.id, interactionId: interaction.id });
    try {
      const result = paginator.turn(interaction.customId, interaction.user.id);
      if (result === null || result.kind === 'expired') {
        await interaction.reply({ content: TEXT.expired, flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
        return;
      }
      if (result.kind === 'not-owner') {
        await interaction.reply({ content: TEXT.notOwner(result.language), flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
        return;
      }
      await interaction.update(toMessage(result.payload, true));
      answered.add(interaction);
      result.session.edit = (p) => interaction.editReply(toMessage(p, true));
    } catch (error) {
      log.error('page button failed', { error });
      await replyError(interaction, log);
    }
  };

  const handleInteraction = async (interaction: Interaction): Promise<void> => {
    try {
      if (interaction.isChatInputCommand()) await handleCommand(interaction);
      else if (interaction.isAutocomplete()) await handleAutocomplete(interaction);
      else if (interaction.isButton()) await handleButton(interaction);
      else logger.debug('ignored interaction', { type: interaction.type, interactionId: interaction.id });
    } catch (error) {
      // Last line of defence: a malformed interaction must cost a log line, not the process.
      logger.error('interaction handler failed', { error, interactionId: (interaction as { id?: unknown }).id });
    }
  };

  const handleMessage = async (message: Message): Promise<void> => {
    const botId = options.botUserId();
    if (!botId || message.author.bot || message.author.id === botId || message.webhookId) return;
    const botRoleIds = message.inGuild() ? message.mentions.roles.filter((r) => r.tags?.botId === botId).map((r) => r.id) : [];
    const question = extractQuestion({ content: message.content ?? '', botId, isDM: !message.inGuild(), botRoleIds });
    if (question === null) return;
    const log = logger.child({ source: message.inGuild() ? 'mention' : 'dm', userId: message.author.id, messageId: message.id, shardId: message.guild?.shardId ?? 0 });
    const started = Date.now();
    try {
      if (question === '') {
        await message.reply({ content: TEXT.emptyMention, allowedMentions: { ...noMentions(), repliedUser: false } });
        return;
      }
      // Typing is cosmetic; a channel that refuses it must not block the answer.
      if ('sendTyping' in message.channel) await message.channel.sendTyping().catch(() => {});
      const answer = await queries.ask(question);
      const pages = renderAnswer(answer);
      checkLimits(pages, { messageId: message.id });
      const session = pages.length > 1 ? paginator.create(message.author.id, pages, answer.language) : undefined;
      const payload = session ? pagePayload(session, 0) : (pages[0] ?? { content: '—', embeds: [] });
      const sent = await message.reply({ ...toMessage(payload), allowedMentions: { ...noMentions(), repliedUser: false } });
      if (session) session.edit = (p) => sent.edit(toMessage(p, true));
      log.info('message answered', { ms: Date.now() - started });
    } catch (error) {
      log.error('message answer failed', { error, ms: Date.now() - started });
      await message
        .reply({ content: TEXT.error(message.id), allowedMentions: { ...noMentions(), repliedUser: false } })
        .catch((e: unknown) => log.error('could not send the error reply', { error: e }));
    }
  };

  return { handleInteraction, handleMessage, context };
}

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

export interface CreateBotOptions {
  queries: ReportQueries;
  config: Pick<BotConfig, 'token' | 'paginationTimeoutMs'>;
  logger: Logger;
  /** Overrides merged over the defaults (tests point `rest.api` and the gateway at an emulator). */
  clientOptions?: Partial<ClientOptions>;
  commands?: ReadonlyMap<string, BotCommand>;
  /** Bounds on the paged answers kept in memory (defaults 500 sessions, 5,000 pages). */
  maxSessions?: number;
  maxPages?: number;
  /** A gateway close Discord will not let us recover from (4004, 4010-4014); the caller should exit. */
  onFatal?: (fatal: FatalClose) => void;
}

export interface Bot {
  client: Client;
  paginator: Paginator;
  router: Router;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createBot(options: CreateBotOptions): Bot {
  const { queries, config, logger } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages, GatewayIntentBits.MessageContent],
    // DM channels are not cached before their first message; without this partial, DMs are dropped.
    partials: [Partials.Channel],
    allowedMentions: noMentions(),
    ...options.clientOptions,
  });

  const paginator = new Paginator({
    ttlMs: config.paginationTimeoutMs,
    ...(options.maxSessions ? { maxSessions: options.maxSessions } : {}),
    ...(options.maxPages ? { maxPages: options.maxPages } : {}),
    onExpire: (session: PageSession, reason) => {
      if (!session.edit) return;
      session.edit(pagePayload(session, session.page, true)).catch((error: unknown) => {
        logger.warn('could not disable page buttons', { sessionId: session.id, reason, error });
      });
    },
  });

  const router = createRouter({
    queries,
    logger,
    paginator,
    ...(options.commands ? { commands: options.commands } : {}),
    botUserId: () => client.user?.id,
  });

  guardPacketHandling(client, logger);
  if (options.onFatal) watchFatalClose(client, options.onFatal);
  client.on(Events.InteractionCreate, (interaction) => void router.handleInteraction(interaction));
  client.on(Events.MessageCreate, (message) => void router.handleMessage(message));
  client.once(Events.ClientReady, (c) => logger.info('connected to Discord', { user: c.user.tag, userId: c.user.id, guilds: c.guilds.cache.size, shards: c.ws.shards.size }));
  client.on(Events.Error, (error) => logger.error('client error', { error }));
  client.on(Events.Warn, (message) => logger.warn('client warning', { message }));
  client.on(Events.ShardError, (error, shardId) => logger.error('gateway connection error', { shardId, error }));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn('gateway disconnected', { shardId, code: event.code }));
  client.on(Events.ShardReconnecting, (shardId) => logger.info('gateway reconnecting', { shardId }));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info('gateway resumed', { shardId, replayed }));
  client.rest.on('rateLimited', (info) =>
    logger.warn('REST rate limited', { route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global }),
  );

  return {
    client,
    paginator,
    router,
    async start() {
      if (!config.token) throw new Error('createBot.start needs DISCORD_TOKEN');
      await client.login(config.token);
    },
    async stop() {
      paginator.clear();
      await client.destroy();
    },
  };
}
