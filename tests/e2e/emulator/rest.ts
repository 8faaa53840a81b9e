import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIUser } from 'discord.js';
import type { DiscordEmulator, InteractionState } from './emulator.ts';
import { CallbackType, InteractionType, MessageFlag, apiMessage, clone, snowflake, type ApiMessage, type Json } from './payloads.ts';
import { expiredTokenError, sendPermissionError, threadPermissionError } from './limits.ts';
import { formBodyError, validateChoices, validateMessageBody } from './validate.ts';

export interface RecordedFile {
  field: string;
  name: string;
  contentType: string;
  size: number;
  data: Buffer;
}

export interface RecordedRequest {
  seq: number;
  at: number;
  method: string;
  /** Path relative to /api/v10, without the query string (e.g. `/channels/123/messages`). */
  path: string;
  /** Raw request URL as received. */
  url: string;
  query: Record<string, string>;
  /** The `Authorization` header, verbatim; null when discord.js sent none (interaction/webhook routes). */
  authorization: string | null;
  contentType: string | null;
  userAgent: string | null;
  /** Parsed JSON body, or multipart `payload_json`. */
  body: unknown;
  files: RecordedFile[];
  /** Matched route template, e.g. `POST /interactions/:id/:token/callback`; null → unknown route (404). */
  route: string | null;
  /** null while the response is pending (e.g. a delayNext). */
  status: number | null;
  response: unknown;
  injected: boolean;
}

export interface FaultRule {
  method?: string;
  pathPattern: string | RegExp;
  pattern: RegExp;
  status?: number;
  retryAfter?: number;
  global?: boolean;
  body?: Json;
  delayMs?: number;
  remaining: number;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Ctx {
  emu: DiscordEmulator;
  rec: RecordedRequest;
  params: Record<string, string>;
}

type Handler = (ctx: Ctx) => Reply;

interface Route {
  method: string;
  template: string;
  regex: RegExp;
  keys: string[];
  auth: boolean;
  handler: Handler;
}

const API_PREFIX = '/api/v10';

const err = (status: number, code: number, message: string): Reply => ({ status, body: { message, code } });
const unknownInteraction = (): Reply => err(404, 10062, 'Unknown interaction');
const unknownWebhook = (): Reply => err(404, 10015, 'Unknown Webhook');
const unknownMessage = (): Reply => err(404, 10008, 'Unknown Message');
const unknownChannel = (): Reply => err(404, 10003, 'Unknown Channel');
const missingAccess = (): Reply => err(403, 50001, 'Missing Access');

const routes: Route[] = [];
function route(method: string, template: string, auth: boolean, handler: Handler): void {
  const keys: string[] = [];
  const source = template
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) {
        keys.push(seg.slice(1));
        return '([^/]+)';
      }
      return seg.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  routes.push({ method, template, regex: new RegExp(`^${source}$`), keys, auth, handler });
}

// ------------------------------------------------------------------ message helpers

const EDITABLE_FLAGS = 4 /* SuppressEmbeds */ | MessageFlag.IsComponentsV2;
const CREATE_FLAGS = EDITABLE_FLAGS | MessageFlag.Ephemeral | 4096; /* SuppressNotifications */

/** `prefix` nests error paths the way Discord reports them for callbacks (`data.content`). */
function validationError(emu: DiscordEmulator, body: unknown, files: number, isEdit: boolean, prefix: string[] = []): Reply | null {
  if (!emu.options.validatePayloads) return null;
  const { emptyMessage, errors } = validateMessageBody(body, { isEdit, fileCount: files });
  if (errors.length) return { status: 400, body: formBodyError(errors.map((e) => ({ ...e, path: [...prefix, ...e.path] }))) };
  if (emptyMessage) return err(400, 50006, 'Cannot send an empty message');
  return null;
}

function attachmentsFor(emu: DiscordEmulator, rec: Pick<RecordedRequest, 'files'>, body: Json): Json[] {
  const described = Array.isArray(body.attachments) ? (body.attachments as Json[]) : [];
  return rec.files.map((file, index) => {
    const id = snowflake();
    const meta = described.find((a) => String(a.id) === String(index));
    return {
      id,
      filename: file.name,
      size: file.size,
      content_type: file.contentType,
      url: `${emu.baseUrl}/cdn/attachments/${id}/${encodeURIComponent(file.name)}`,
      proxy_url: `${emu.baseUrl}/media/attachments/${id}/${encodeURIComponent(file.name)}`,
      ...(meta?.description ? { description: meta.description } : {}),
    };
  });
}

function createBotMessage(emu: DiscordEmulator, rec: Pick<RecordedRequest, 'files'>, body: Json, init: { channelId: string; type: number; allowedFlags: number; interaction?: InteractionState; forcedFlags?: number }): ApiMessage {
  const flags = ((typeof body.flags === 'number' ? body.flags : 0) & init.allowedFlags) | (init.forcedFlags ?? 0);
  const it = init.interaction;
  const message = apiMessage({
    channelId: init.channelId,
    author: emu.botUser,
    content: typeof body.content === 'string' ? body.content : '',
    embeds: Array.isArray(body.embeds) ? clone(body.embeds) : [],
    components: Array.isArray(body.components) ? clone(body.components) : [],
    attachments: attachmentsFor(emu, rec, body),
    flags,
    type: init.type,
    ...(it
      ? {
          webhookId: emu.applicationId,
          applicationId: emu.applicationId,
          interactionMetadata: {
            id: it.id,
            type: it.type,
            user: it.user,
            authorizing_integration_owners: clone(it.payload.authorizing_integration_owners),
            ...(it.commandName ? { name: it.commandName } : {}),
            ...(it.componentMessageId ? { interacted_message_id: it.componentMessageId } : {}),
          },
        }
      : {}),
  });
  return emu.storeMessage(message);
}

function editMessage(emu: DiscordEmulator, rec: Pick<RecordedRequest, 'files'>, message: ApiMessage, body: Json): ApiMessage {
  const m = message as unknown as Json;
  if (typeof body.content === 'string' || body.content === null) m.content = body.content ?? '';
  if (Array.isArray(body.embeds) || body.embeds === null) m.embeds = clone(body.embeds ?? []);
  if (Array.isArray(body.components) || body.components === null) m.components = clone(body.components ?? []);
  const current = typeof m.flags === 'number' ? m.flags : 0;
  // Editing a deferred ("thinking…") message clears LOADING, as Discord does.
  let flags = current & ~MessageFlag.Loading;
  if (typeof body.flags === 'number') flags = (flags & ~EDITABLE_FLAGS) | (body.flags & EDITABLE_FLAGS);
  m.flags = flags;
  const existing = Array.isArray(m.attachments) ? (m.attachments as Json[]) : [];
  const kept = Array.isArray(body.attachments) ? existing.filter((a) => (body.attachments as Json[]).some((b) => String(b.id) === String(a.id))) : existing;
  m.attachments = [...kept, ...attachmentsFor(emu, rec, body)];
  m.edited_timestamp = new Date().toISOString();
  return message;
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

// ------------------------------------------------------------------ gateway info

route('GET', '/gateway', false, ({ emu }) => ({ status: 200, body: { url: emu.gatewayUrl } }));
route('GET', '/gateway/bot', true, ({ emu }) => ({
  status: 200,
  body: {
    url: emu.gatewayUrl,
    shards: emu.recommendedShards,
    session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
  },
}));

// ------------------------------------------------------------------ interactions

const ALLOWED_CALLBACKS: Record<number, number[]> = {
  [InteractionType.ApplicationCommand]: [4, 5, 9, 10, 12],
  [InteractionType.MessageComponent]: [4, 5, 6, 7, 9, 10, 12],
  [InteractionType.Autocomplete]: [8],
  [InteractionType.ModalSubmit]: [4, 5, 6, 7],
};

route('POST', '/interactions/:id/:token/callback', false, ({ emu, rec, params }) => {
  const it = emu.interactionStates.get(params.id ?? '');
  if (!it || it.token !== params.token) return unknownInteraction();
  return applyInteractionCallback(emu, it, rec);
});

/**
 * @internal One callback, whichever way it arrived: POST /interactions/:id/:token/callback (gateway bots) or
 * the HTTP response of an interactions endpoint (http-interactions.ts passes a request-shaped record).
 */
export function applyInteractionCallback(emu: DiscordEmulator, it: InteractionState, rec: Pick<RecordedRequest, 'body' | 'files' | 'query'>): Reply {
  const deadline = emu.options.interactionAckDeadlineMs;
  if (it.callbackType === null && deadline !== null && Date.now() - it.createdAt > deadline) {
    it.rejectedCallbacks++;
    return unknownInteraction();
  }
  if (it.callbackType !== null) {
    it.rejectedCallbacks++;
    return err(400, 40060, 'Interaction has already been acknowledged.');
  }
  const body = isObj(rec.body) ? rec.body : {};
  const type = typeof body.type === 'number' ? body.type : -1;
  if (!(ALLOWED_CALLBACKS[it.type] ?? []).includes(type)) {
    return { status: 400, body: formBodyError([{ path: ['type'], code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Callback type ${type} is not valid for interaction type ${it.type}` }]) };
  }
  const data = isObj(body.data) ? body.data : {};
  let message: ApiMessage | null = null;
  switch (type) {
    case CallbackType.ChannelMessageWithSource: {
      const invalid = validationError(emu, data, rec.files.length, false, ['data']);
      if (invalid) return invalid;
      message = createBotMessage(emu, rec, data, {
        channelId: it.channelId,
        type: it.type === InteractionType.ApplicationCommand ? 20 : 0,
        allowedFlags: CREATE_FLAGS,
        interaction: it,
      });
      it.originalMessageId = message.id;
      break;
    }
    case CallbackType.DeferredChannelMessageWithSource: {
      message = createBotMessage(emu, rec, {}, {
        channelId: it.channelId,
        type: it.type === InteractionType.ApplicationCommand ? 20 : 0,
        allowedFlags: 0,
        forcedFlags: MessageFlag.Loading | ((typeof data.flags === 'number' ? data.flags : 0) & MessageFlag.Ephemeral),
        interaction: it,
      });
      it.originalMessageId = message.id;
      break;
    }
    case CallbackType.DeferredMessageUpdate:
    case CallbackType.UpdateMessage: {
      const target = it.componentMessageId ? emu.liveMessage(it.componentMessageId) : undefined;
      if (!target) return unknownMessage();
      if (type === CallbackType.UpdateMessage) {
        const invalid = validationError(emu, data, rec.files.length, true, ['data']);
        if (invalid) return invalid;
        editMessage(emu, rec, target, data);
      }
      it.originalMessageId = target.id;
      message = target;
      break;
    }
    case CallbackType.ApplicationCommandAutocompleteResult: {
      const errors = emu.options.validatePayloads ? validateChoices(data.choices) : [];
      if (errors.length) return { status: 400, body: formBodyError(errors) };
      it.autocompleteChoices = Array.isArray(data.choices) ? clone(data.choices as Json[]) : [];
      break;
    }
    case CallbackType.Modal:
      it.modal = clone(data);
      break;
    default:
      break;
  }
  const withResponse = rec.query.with_response === 'true';
  it.callbacks.push({ type, data: clone(body.data ?? null), at: Date.now(), withResponse });
  it.callbackType = type;
  if (message && (type === CallbackType.ChannelMessageWithSource || type === CallbackType.DeferredChannelMessageWithSource)) {
    emu.echoOwnMessage(message);
  }
  if (!withResponse) return { status: 204 };
  const flags = message?.flags ?? 0;
  return {
    status: 200,
    body: {
      interaction: {
        id: it.id,
        type: it.type,
        activity_instance_id: null,
        response_message_id: message?.id ?? null,
        response_message_loading: (flags & MessageFlag.Loading) !== 0,
        response_message_ephemeral: (flags & MessageFlag.Ephemeral) !== 0,
      },
      resource: message ? { type, message: clone(message) } : { type },
    },
  };
}

/** Webhook routes only work for an acknowledged interaction whose token matches the application. */
function webhookInteraction(emu: DiscordEmulator, params: Record<string, string>): InteractionState | null {
  if (params.appId !== emu.applicationId) return null;
  for (const it of emu.interactionStates.values()) {
    if (it.token === params.token) return it.callbackType === null ? null : it;
  }
  return null;
}

function webhookMessage(emu: DiscordEmulator, it: InteractionState, messageId: string): ApiMessage | null {
  if (messageId === '@original') {
    if (!it.originalMessageId || it.originalDeleted) return null;
    return emu.liveMessage(it.originalMessageId) ?? null;
  }
  if (messageId !== it.originalMessageId && !it.followUpIds.includes(messageId)) return null;
  return emu.liveMessage(messageId) ?? null;
}

route('POST', '/webhooks/:appId/:token', false, ({ emu, rec, params }) => {
  const it = webhookInteraction(emu, params);
  if (!it) return unknownWebhook();
  const body = isObj(rec.body) ? rec.body : {};
  const invalid = validationError(emu, body, rec.files.length, false);
  if (invalid) return invalid;
  const message = createBotMessage(emu, rec, body, {
    channelId: it.channelId,
    type: it.type === InteractionType.ApplicationCommand ? 20 : 0,
    allowedFlags: CREATE_FLAGS,
    interaction: it,
  });
  it.followUpIds.push(message.id);
  emu.echoOwnMessage(message);
  return rec.query.wait === 'true' ? { status: 200, body: clone(message) } : { status: 204 };
});

route('GET', '/webhooks/:appId/:token/messages/:messageId', false, ({ emu, params }) => {
  const it = webhookInteraction(emu, params);
  if (!it) return unknownWebhook();
  const message = webhookMessage(emu, it, params.messageId ?? '');
  return message ? { status: 200, body: clone(message) } : unknownMessage();
});

route('PATCH', '/webhooks/:appId/:token/messages/:messageId', false, ({ emu, rec, params }) => {
  const it = webhookInteraction(emu, params);
  if (!it) return unknownWebhook();
  const message = webhookMessage(emu, it, params.messageId ?? '');
  if (!message) return unknownMessage();
  const body = isObj(rec.body) ? rec.body : {};
  const invalid = validationError(emu, body, rec.files.length, true);
  if (invalid) return invalid;
  editMessage(emu, rec, message, body);
  if (message.id === it.originalMessageId) it.originalEdits++;
  return { status: 200, body: clone(message) };
});

route('DELETE', '/webhooks/:appId/:token/messages/:messageId', false, ({ emu, params }) => {
  const it = webhookInteraction(emu, params);
  if (!it) return unknownWebhook();
  const message = webhookMessage(emu, it, params.messageId ?? '');
  if (!message) return unknownMessage();
  emu.deletedMessages.add(message.id);
  if (message.id === it.originalMessageId) it.originalDeleted = true;
  return { status: 204 };
});

// ------------------------------------------------------------------ channels & users

route('GET', '/channels/:channelId', true, ({ emu, params }) => {
  const channel = emu.channels.get(params.channelId ?? '');
  return channel ? { status: 200, body: emu.channelPayload(channel) } : unknownChannel();
});

route('POST', '/channels/:channelId/messages', true, ({ emu, rec, params }) => {
  const channel = emu.channels.get(params.channelId ?? '');
  if (!channel) return unknownChannel();
  const body = isObj(rec.body) ? rec.body : {};
  const invalid = validationError(emu, body, rec.files.length, false);
  if (invalid) return invalid;
  const forbidden = sendPermissionError(emu, channel, body, rec.files.length);
  if (forbidden) return forbidden;
  let referenced: ApiMessage | undefined;
  const ref = isObj(body.message_reference) ? body.message_reference : null;
  if (ref) {
    const refId = String(ref.message_id ?? '');
    referenced = emu.liveMessage(refId);
    if (referenced && referenced.channel_id !== channel.id && !ref.channel_id) referenced = undefined;
    if (!referenced && ref.fail_if_not_exists !== false) {
      return { status: 400, body: formBodyError([{ path: ['message_reference'], code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }]) };
    }
  }
  const message = createBotMessage(emu, rec, body, { channelId: channel.id, type: referenced ? 19 : 0, allowedFlags: CREATE_FLAGS & ~MessageFlag.Ephemeral });
  if (referenced) {
    const m = message as unknown as Json;
    m.message_reference = { type: 0, message_id: referenced.id, channel_id: referenced.channel_id, ...(channel.guildId ? { guild_id: channel.guildId } : {}) };
    m.referenced_message = clone(referenced);
  }
  emu.channelMessageIds.push(message.id);
  emu.echoOwnMessage(message);
  return { status: 200, body: clone(message) };
});

/** Start a public thread from a message (discord.js Message#startThread); THREAD_CREATE follows on the gateway. */
route('POST', '/channels/:channelId/messages/:messageId/threads', true, ({ emu, rec, params }) => {
  const channel = emu.channels.get(params.channelId ?? '');
  if (!channel) return unknownChannel();
  const message = emu.liveMessage(params.messageId ?? '');
  if (!message || message.channel_id !== channel.id) return unknownMessage();
  if (channel.type !== 0) return err(400, 50024, 'Cannot execute action on this channel type');
  if (emu.channels.has(message.id)) return err(400, 160004, 'A thread has already been created for this message');
  const forbidden = threadPermissionError(emu, channel);
  if (forbidden) return forbidden;
  const body = isObj(rec.body) ? rec.body : {};
  const name = typeof body.name === 'string' ? body.name : '';
  if ([...name].length < 1 || [...name].length > 100) {
    return { status: 400, body: formBodyError([{ path: ['name'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }]) };
  }
  return { status: 201, body: emu.channelPayload(emu.startThreadOnMessage(channel, message, name)) };
});

route('GET', '/channels/:channelId/messages/:messageId', true, ({ emu, params }) => {
  const message = emu.liveMessage(params.messageId ?? '');
  return message && message.channel_id === params.channelId ? { status: 200, body: clone(message) } : unknownMessage();
});

route('PATCH', '/channels/:channelId/messages/:messageId', true, ({ emu, rec, params }) => {
  const message = emu.liveMessage(params.messageId ?? '');
  if (!message || message.channel_id !== params.channelId) return unknownMessage();
  if (message.author.id !== emu.botUser.id) return err(403, 50005, 'Cannot edit a message authored by another user');
  const body = isObj(rec.body) ? rec.body : {};
  const invalid = validationError(emu, body, rec.files.length, true);
  if (invalid) return invalid;
  return { status: 200, body: clone(editMessage(emu, rec, message, body)) };
});

route('DELETE', '/channels/:channelId/messages/:messageId', true, ({ emu, params }) => {
  const message = emu.liveMessage(params.messageId ?? '');
  if (!message || message.channel_id !== params.channelId) return unknownMessage();
  emu.deletedMessages.add(message.id);
  return { status: 204 };
});

route('POST', '/channels/:channelId/typing', true, ({ emu, params }) => (emu.channels.has(params.channelId ?? '') ? { status: 204 } : unknownChannel()));

route('POST', '/users/@me/channels', true, ({ emu, rec }) => {
  const body = isObj(rec.body) ? rec.body : {};
  const recipientId = String(body.recipient_id ?? '');
  if (!recipientId) return { status: 400, body: formBodyError([{ path: ['recipient_id'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]) };
  const user: APIUser = emu.users.get(recipientId) ?? emu.resolveUser({ id: recipientId, username: `user${recipientId.slice(-4)}` });
  return { status: 200, body: emu.channelPayload(emu.dmChannelFor(user)) };
});

route('GET', '/users/@me', true, ({ emu }) => ({ status: 200, body: { ...emu.botUser, verified: true, mfa_enabled: false } }));
route('GET', '/users/:userId', true, ({ emu, params }) => {
  const user = emu.users.get(params.userId ?? '');
  return user ? { status: 200, body: user } : err(404, 10013, 'Unknown User');
});

// ------------------------------------------------------------------ application & commands

route('GET', '/applications/@me', true, ({ emu }) => ({
  status: 200,
  body: {
    id: emu.applicationId,
    name: emu.botUser.username,
    icon: null,
    description: '',
    summary: '',
    type: null,
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    tags: [],
    team: null,
    owner: { ...emu.defaultUser },
    bot: emu.botUser,
    integration_types_config: { '0': {} },
  },
}));

function commandScope(emu: DiscordEmulator, params: Record<string, string>): string | Reply {
  if (params.appId !== emu.applicationId) return missingAccess();
  if (params.guildId === undefined) return 'global';
  if (!emu.guild || params.guildId !== emu.guild.id) return missingAccess();
  return `guild:${params.guildId}`;
}

function commandErrors(cmd: unknown, index: number | null): ReturnType<typeof formBodyError> | null {
  const at = (k: string) => (index === null ? [k] : [index, k]);
  if (!isObj(cmd)) return formBodyError([{ path: index === null ? [] : [index], code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' }]);
  const type = typeof cmd.type === 'number' ? cmd.type : 1;
  const errors = [];
  const name = typeof cmd.name === 'string' ? cmd.name : '';
  if (type === 1 && !/^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u.test(name)) {
    errors.push({ path: at('name'), code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
  }
  if (type === 1) {
    const d = typeof cmd.description === 'string' ? [...cmd.description].length : 0;
    if (d < 1 || d > 100) errors.push({ path: at('description'), code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
  }
  if (Array.isArray(cmd.options) && cmd.options.length > 25) errors.push({ path: at('options'), code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
  return errors.length ? formBodyError(errors) : null;
}

function storeCommand(emu: DiscordEmulator, scope: string, cmd: Json): Json {
  const type = typeof cmd.type === 'number' ? cmd.type : 1;
  const name = String(cmd.name);
  const stored: Json = {
    default_member_permissions: null,
    name_localizations: null,
    description_localizations: null,
    nsfw: false,
    integration_types: [0],
    contexts: null,
    options: [],
    ...clone(cmd),
    id: emu.stableCommandId(`${scope}:${type}:${name}`),
    application_id: emu.applicationId,
    version: snowflake(),
    type,
    description: typeof cmd.description === 'string' ? cmd.description : '',
  };
  if (scope.startsWith('guild:')) stored.guild_id = scope.slice('guild:'.length);
  return stored;
}

function registerCommandRoutes(prefix: string): void {
  route('GET', `${prefix}/commands`, true, ({ emu, params }) => {
    const scope = commandScope(emu, params);
    if (typeof scope !== 'string') return scope;
    return { status: 200, body: [...(emu.commands.get(scope)?.values() ?? [])].map(clone) };
  });
  route('PUT', `${prefix}/commands`, true, ({ emu, rec, params }) => {
    const scope = commandScope(emu, params);
    if (typeof scope !== 'string') return scope;
    if (!Array.isArray(rec.body)) return { status: 400, body: formBodyError([{ path: [], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }]) };
    if (rec.body.length > 100) return { status: 400, body: formBodyError([{ path: [], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 100 or fewer in length.' }]) };
    for (const [i, cmd] of rec.body.entries()) {
      const problem = commandErrors(cmd, i);
      if (problem) return { status: 400, body: problem };
    }
    const map = new Map<string, Json>();
    for (const cmd of rec.body as Json[]) map.set(String(cmd.name), storeCommand(emu, scope, cmd));
    emu.commands.set(scope, map);
    return { status: 200, body: [...map.values()].map(clone) };
  });
  route('POST', `${prefix}/commands`, true, ({ emu, rec, params }) => {
    const scope = commandScope(emu, params);
    if (typeof scope !== 'string') return scope;
    const problem = commandErrors(rec.body, null);
    if (problem) return { status: 400, body: problem };
    const stored = storeCommand(emu, scope, rec.body as Json);
    const map = emu.commands.get(scope) ?? new Map<string, Json>();
    const existed = map.has(String(stored.name));
    map.set(String(stored.name), stored);
    emu.commands.set(scope, map);
    return { status: existed ? 200 : 201, body: clone(stored) };
  });
}
registerCommandRoutes('/applications/:appId');
registerCommandRoutes('/applications/:appId/guilds/:guildId');

// ------------------------------------------------------------------ HTTP plumbing

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseBody(raw: Buffer, contentType: string | null): Promise<{ body: unknown; files: RecordedFile[]; error?: Reply }> {
  if (raw.length === 0) return { body: null, files: [] };
  const ct = contentType ?? '';
  if (ct.startsWith('application/json')) {
    try {
      return { body: JSON.parse(raw.toString('utf8')), files: [] };
    } catch {
      return { body: raw.toString('utf8'), files: [], error: err(400, 50109, 'The request body contains invalid JSON.') };
    }
  }
  if (ct.startsWith('multipart/form-data')) {
    // undici's Response implements the multipart parser fetch uses; no extra dependency needed.
    const form = await new Response(Uint8Array.from(raw), { headers: { 'content-type': ct } }).formData();
    let body: unknown = null;
    const files: RecordedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') {
          try {
            body = JSON.parse(value);
          } catch {
            return { body: value, files, error: err(400, 50109, 'The request body contains invalid JSON.') };
          }
        }
      } else {
        const data = Buffer.from(await value.arrayBuffer());
        files.push({ field, name: value.name, contentType: value.type || 'application/octet-stream', size: data.length, data });
      }
    }
    return { body, files };
  }
  return { body: raw.toString('utf8'), files: [] };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.writableEnded || res.destroyed) return;
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers['content-type'] = 'application/json';
  res.writeHead(reply.status, headers);
  res.end(text);
}

function faultReply(rule: FaultRule): Reply {
  const status = rule.status ?? 500;
  if (status === 429) {
    const retryAfter = rule.retryAfter ?? 0.1;
    // Discord's header carries seconds; @discordjs/rest multiplies by 1000 and accepts fractions,
    // so sub-second retries keep tests fast without diverging from the wire format.
    const headers: Record<string, string> = {
      'retry-after': String(retryAfter),
      'x-ratelimit-scope': rule.global ? 'global' : 'user',
    };
    if (rule.global) headers['x-ratelimit-global'] = 'true';
    else {
      Object.assign(headers, {
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Date.now() / 1000 + retryAfter),
        'x-ratelimit-reset-after': String(retryAfter),
      });
    }
    return { status, headers, body: rule.body ?? { message: 'You are being rate limited.', retry_after: retryAfter, global: rule.global ?? false } };
  }
  return { status, body: rule.body ?? { message: `${status}: Emulated failure`, code: 0 } };
}

function takeFault(emu: DiscordEmulator, method: string, path: string): FaultRule | null {
  const index = emu.faults.findIndex((f) => (!f.method || f.method.toUpperCase() === method) && f.pattern.test(path));
  if (index < 0) return null;
  const rule = emu.faults[index] as FaultRule;
  rule.remaining--;
  if (rule.remaining <= 0) emu.faults.splice(index, 1);
  return rule;
}

export async function handleHttp(emu: DiscordEmulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const contentType = req.headers['content-type'] ?? null;
  const raw = await readBody(req);
  const parsed = await parseBody(raw, contentType).catch((e: unknown) => ({ body: raw.toString('utf8'), files: [] as RecordedFile[], error: err(400, 50035, `Unparseable body: ${String(e)}`) }));
  // discord.js percent-encodes route segments (`@original` arrives as `%40original`); record the decoded form.
  const rawPath = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) || '/' : url.pathname;
  const path = rawPath.split('/').map(safeDecode).join('/');
  const rec: RecordedRequest = {
    seq: emu.nextRequestSeq(),
    at: Date.now(),
    method,
    path,
    url: req.url ?? '/',
    query: Object.fromEntries(url.searchParams),
    authorization: req.headers.authorization ?? null,
    contentType,
    userAgent: req.headers['user-agent'] ?? null,
    body: parsed.body,
    files: parsed.files,
    route: null,
    status: null,
    response: undefined,
    injected: false,
  };
  emu.requests.push(rec);
  emu.options.log(`rest: ${method} ${req.url}`);

  let reply: Reply;
  let limit: ReturnType<NonNullable<typeof emu.rateLimiter>['check']> | null = null;
  let expired: Reply | null = null;
  const matched = url.pathname.startsWith(API_PREFIX) ? findRoute(method, path) : null;
  if (matched) rec.route = `${matched.route.method} ${matched.route.template}`;
  const fault = takeFault(emu, method, path);
  if (fault?.delayMs) await emu.sleep(fault.delayMs);
  // An HTTP-interactions bot may edit @original the moment its response is written; Discord has the
  // callback by then, so a webhook call waits for the emulator to finish reading that response.
  const webhookToken = /^\/webhooks\/[^/]+\/([^/]+)/.exec(path)?.[1];
  const ack = webhookToken ? emu.http.pendingForToken(webhookToken) : undefined;
  if (ack) await ack;
  if (emu.isClosed) return;
  // Handlers are synchronous, so this hold lasts microseconds: waiters learn about the request's
  // effects (e.g. a follow-up) only once its response status is recorded too.
  emu.holdNotifications();
  if (fault && fault.status !== undefined) {
    rec.injected = true;
    reply = faultReply(fault);
  } else if (!matched) {
    reply = err(404, 0, '404: Not Found');
  } else if (matched.route.auth && req.headers.authorization !== `Bot ${emu.token}`) {
    reply = err(401, 0, '401: Unauthorized');
  } else if (parsed.error) {
    reply = parsed.error;
  } else if ((limit = emu.rateLimiter?.check(rec) ?? null)?.limited) {
    reply = limit.limited;
  } else if ((expired = expiredTokenError(emu, path))) {
    reply = expired;
  } else {
    try {
      reply = matched.route.handler({ emu, rec, params: matched.params });
    } catch (e) {
      emu.options.log(`rest: handler error ${String(e)}`);
      reply = err(500, 0, `Emulator handler error: ${String(e)}`);
    }
  }
  if (limit && !limit.limited) reply = { ...reply, headers: { ...limit.headers, ...reply.headers } };
  rec.status = reply.status;
  rec.response = reply.body === undefined ? null : clone(reply.body);
  send(res, reply);
  emu.releaseNotifications();
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function findRoute(method: string, path: string): { route: Route; params: Record<string, string> } | null {
  for (const r of routes) {
    if (r.method !== method) continue;
    const m = r.regex.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    r.keys.forEach((k, i) => {
      params[k] = m[i + 1] ?? '';
    });
    return { route: r, params };
  }
  return null;
}

