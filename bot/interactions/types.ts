// The transport-agnostic boundary between Discord and the bot's handlers. A handler (slash command, button,
// select menu, modal, autocomplete) receives an InteractionInput — plain data, no discord.js objects — and
// answers through a Responder. The gateway adapter (bot/gateway/) builds both from a discord.js interaction;
// the HTTP interactions endpoint builds them from the request body and answers with the callback JSON /
// webhook calls. Messages are plain JSON in Discord's API shapes (snake_case where Discord uses it), so the
// same handler output can be sent by either transport and asserted on in tests without a client.
//
// This file imports nothing from discord.js.

import type { EmbedJSON } from '../../present/discord.ts';
import type { Answer } from '../../retrieval/types.ts';

export type { EmbedJSON } from '../../present/discord.ts';

// ---------------------------------------------------------------------------------------------------------------
// What came in

export type InteractionKind = 'command' | 'autocomplete' | 'button' | 'modal';

/** A value of a slash-command option as Discord sends it (strings, integers, numbers, booleans). */
export type OptionValue = string | number | boolean;

export interface InteractionInput {
  kind: InteractionKind;
  /** The interaction's snowflake (log lines, error references). */
  id: string;
  /** Slash command name (command, autocomplete); null otherwise. */
  name: string | null;
  /** Option values by name (flattened: no subcommands are used). For autocomplete, includes the focused option. */
  options: Readonly<Record<string, OptionValue>>;
  /** Autocomplete only: the option being typed and its value so far. */
  focused: { name: string; value: string } | null;
  /** Components and modals: the custom_id (ids only; see bot/interactions/custom-id.ts). */
  customId: string | null;
  /** Button kind only: 'button' or a string select menu (then `values` holds the chosen values). */
  componentType: 'button' | 'select' | null;
  /** Select menus: the selected option values. */
  values: readonly string[];
  /** Modal submits: text input values by their custom_id. */
  fields: Readonly<Record<string, string>>;
  /** Components: the message the component sits on (null for ephemeral messages the transport cannot see). */
  messageId: string | null;
  userId: string;
  /** The channel the interaction happened in (for a thread: the thread). Null only for malformed input. */
  channelId: string | null;
  /** Null in DMs (and for user-installed contexts outside a guild). */
  guildId: string | null;
  isDM: boolean;
  isThread: boolean;
  /** A thread's parent channel (settings apply per parent channel); null when not a thread. */
  parentChannelId: string | null;
  /** The user's client locale ("zh-CN", "en-US"); null when unknown. */
  locale: string | null;
  /**
   * The member's permissions in this channel as Discord's decimal bitfield string (member.permissions);
   * null in DMs. See hasPermission().
   */
  memberPermissions: string | null;
  /** The bot's permissions in this channel (app_permissions), decimal bitfield string; null when absent. */
  appPermissions: string | null;
}

/** Discord permission bits the bot reads (https://discord.com/developers/docs/topics/permissions). */
export const PERMISSION = {
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  CreatePublicThreads: 1n << 35n,
  SendMessagesInThreads: 1n << 38n,
} as const;

/** Whether a decimal permission bitfield has `bit` (Administrator implies every permission). */
export function hasPermission(bitfield: string | null | undefined, bit: bigint): boolean {
  if (bitfield === null || bitfield === undefined || !/^\d+$/.test(bitfield)) return false;
  const bits = BigInt(bitfield);
  return (bits & PERMISSION.Administrator) !== 0n || (bits & bit) !== 0n;
}

/** May change server/channel settings: Administrator, Manage Server or Manage Channels. */
export function canManageSettings(input: Pick<InteractionInput, 'memberPermissions' | 'isDM'>): boolean {
  if (input.isDM) return false;
  return hasPermission(input.memberPermissions, PERMISSION.ManageGuild) || hasPermission(input.memberPermissions, PERMISSION.ManageChannels);
}

/** A plain InteractionInput with every field defaulted (tests, adapters filling in what they know). */
export function interactionInput(partial: Partial<InteractionInput> & Pick<InteractionInput, 'kind' | 'userId'>): InteractionInput {
  return {
    id: '0',
    name: null,
    options: {},
    focused: null,
    customId: null,
    componentType: null,
    values: [],
    fields: {},
    messageId: null,
    channelId: null,
    guildId: null,
    isDM: false,
    isThread: false,
    parentChannelId: null,
    locale: null,
    memberPermissions: null,
    appPermissions: null,
    ...partial,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// What goes out

export const ButtonStyle = { Primary: 1, Secondary: 2, Success: 3, Danger: 4 } as const;

export interface ButtonJSON {
  type: 2;
  style: 1 | 2 | 3 | 4;
  label?: string;
  emoji?: { name: string };
  /** At most 100 characters; carries ids only, never state (any process must be able to serve it). */
  custom_id: string;
  disabled?: boolean;
}

export interface SelectOptionJSON {
  label: string;
  value: string;
  description?: string;
}

export interface StringSelectJSON {
  type: 3;
  custom_id: string;
  placeholder?: string;
  options: SelectOptionJSON[];
  min_values?: number;
  max_values?: number;
  disabled?: boolean;
}

/** An action row: up to 5 buttons, or exactly one select menu. A message has at most 5 rows. */
export interface ActionRowJSON {
  type: 1;
  components: Array<ButtonJSON | StringSelectJSON>;
}

export interface FileJSON {
  name: string;
  data: Buffer;
  description?: string;
}

/**
 * One message as a handler produces it. Mentions are never allowed: every transport sends
 * allowed_mentions { parse: [] } whatever the message says (report text and user text are echoed back).
 */
export interface BotMessage {
  content?: string;
  embeds?: EmbedJSON[];
  components?: ActionRowJSON[];
  files?: FileJSON[];
  /** Only the user who interacted sees it (reply / followUp / defer only; edits keep the original's visibility). */
  ephemeral?: boolean;
}

export interface TextInputJSON {
  type: 4;
  custom_id: string;
  label: string;
  /** 1 = one line, 2 = paragraph. */
  style: 1 | 2;
  required?: boolean;
  min_length?: number;
  max_length?: number;
  placeholder?: string;
  value?: string;
}

export interface ModalJSON {
  custom_id: string;
  title: string;
  components: Array<{ type: 1; components: [TextInputJSON] }>;
}

export interface ChoiceJSON {
  name: string;
  value: string;
}

/** The state of an interaction's acknowledgement, as the responder tracks it. */
export type ResponseState = 'none' | 'deferred' | 'replied';

/**
 * How a handler answers. Each transport implements it once; handlers never see the transport.
 * Discord's rules apply: one initial response (reply, defer, update, deferUpdate, showModal or autocomplete)
 * within 3 seconds, then editReply / followUp.
 */
export interface Responder {
  readonly state: ResponseState;
  /** Acknowledge now and answer later with editReply ("thinking…"). The visibility is fixed here. */
  defer(ephemeral?: boolean): Promise<void>;
  /** Components only: acknowledge without changing the message now; editReply then edits the clicked message. */
  deferUpdate(): Promise<void>;
  reply(message: BotMessage): Promise<void>;
  /** Edits the initial response (the deferred reply, or the clicked message after update/deferUpdate). */
  editReply(message: BotMessage): Promise<void>;
  followUp(message: BotMessage): Promise<void>;
  /** Components only: replace the clicked message. */
  update(message: BotMessage): Promise<void>;
  showModal(modal: ModalJSON): Promise<void>;
  autocomplete(choices: ChoiceJSON[]): Promise<void>;
  /**
   * Text front ends only (terminal chat, `npm run ask`): they show the Answer in their own words, so an answer
   * is handed over whole, with the message Discord would get (its buttons name the stored answer's next steps).
   * Discord transports leave it undefined and get the message through reply/editReply.
   */
  showAnswer?(answer: Answer, message: BotMessage): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Wire format

/** The message as Discord's API JSON body (without files, which travel as multipart parts files[n]). */
export function toApiBody(message: BotMessage, options: { forEdit?: boolean } = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { allowed_mentions: { parse: [] } };
  if (message.content !== undefined) body.content = message.content;
  else if (options.forEdit) body.content = '';
  if (message.embeds !== undefined || options.forEdit) body.embeds = message.embeds ?? [];
  if (message.components !== undefined || options.forEdit) body.components = message.components ?? [];
  if (message.files?.length) body.attachments = message.files.map((f, i) => ({ id: i, filename: f.name, ...(f.description ? { description: f.description } : {}) }));
  if (message.ephemeral && !options.forEdit) body.flags = 64;
  return body;
}

// ---------------------------------------------------------------------------------------------------------------
// Handlers

/**
 * Every command, button, select and modal handler has this shape; `Ctx` is the bot's context (bot/context.ts:
 * queries, state store, logger, …). The one entry point both transports call is
 * `dispatchInteraction(input, responder, ctx)` in bot/interactions/dispatch.ts.
 */
export type InteractionHandler<Ctx> = (input: InteractionInput, responder: Responder, ctx: Ctx) => Promise<void>;
