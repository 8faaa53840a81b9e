// Serves today's slash-command modules (bot/commands/, written against discord.js interactions) from an
// InteractionInput + Responder, until bot/interactions/dispatch.ts (features branch) takes over. The
// commands only read options, locale, ids and call ctx.present / respond, so a small facade suffices.
// Paged answers live in the shared store, never in this process: any replica can serve the next click.
import { randomBytes } from 'node:crypto';
import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { BotCommand, CommandContext, Presentation } from '../commands/types.ts';
import type { BotMessage, InteractionInput, Responder } from '../interactions/types.ts';
import type { Logger } from '../logger.ts';
import { decodeCustomId, PAGE_PREFIX, pagePayload, type PagePayload } from '../pagination.ts';
import type { Page } from '../../present/discord.ts';
import type { Language, ReportQueries } from '../../retrieval/types.ts';
import type { Dispatch } from './adapter.ts';

/** The two calls the bridge makes; the StateStore (state/) has exactly these. */
export interface PageStore {
  get<T = unknown>(ns: 'paging', key: string): Promise<T | undefined>;
  set(ns: 'paging', key: string, value: unknown, ttlSeconds?: number): Promise<void>;
}

interface StoredSession {
  ownerId: string;
  pages: Page[];
  language: Language;
}

const TEXT = {
  error: (ref: string) => `出错了，请稍后再试。/ Something went wrong, please try again. (ref ${ref})`,
  unknownCommand: '未知命令。/ Unknown command — the command list may be out of date.',
  expired: '这些结果已过期，请重新提问。/ These results have expired; please ask again.',
  notOwner: '只有提问的人可以翻页。/ Only the person who asked can page through these results.',
};

const message = (p: Page | PagePayload, ephemeral = false): BotMessage => ({
  ...(p.content !== undefined ? { content: p.content } : {}),
  embeds: p.embeds,
  components: 'components' in p ? p.components : [],
  ...(ephemeral ? { ephemeral: true } : {}),
});

function facade(input: InteractionInput, respond: (choices: { name: string; value: string }[]) => Promise<void>) {
  const getString = (name: string, required?: boolean): string | null => {
    const v = input.options[name];
    if (v === undefined && required) throw new Error(`option ${name} is required`);
    return v === undefined ? null : String(v);
  };
  return {
    id: input.id,
    commandName: input.name ?? '',
    locale: input.locale ?? 'en-US',
    user: { id: input.userId },
    options: { getString, getFocused: () => input.focused ?? { name: '', value: '' } },
    respond,
  };
}

export interface BridgeOptions {
  queries: ReportQueries;
  logger: Logger;
  store: PageStore;
  commands: ReadonlyMap<string, BotCommand>;
  pageTtlSeconds: number;
}

export function createBridgeDispatch(options: BridgeOptions): Dispatch {
  const { queries, logger, store, commands, pageTtlSeconds } = options;

  const send = async (responder: Responder, msg: BotMessage) => {
    if (responder.state === 'deferred') await responder.editReply(msg);
    else await responder.reply(msg);
  };

  const command = async (input: InteractionInput, responder: Responder, log: Logger) => {
    const cmd = commands.get(input.name ?? '');
    if (!cmd) return responder.reply({ content: TEXT.unknownCommand, ephemeral: true });
    const present = async (_i: unknown, p: Presentation) => {
      let payload: Page | PagePayload = p.pages[0] ?? { content: '—', embeds: [] };
      if (p.pages.length > 1) {
        const id = randomBytes(8).toString('hex');
        await store.set('paging', id, { ownerId: input.userId, pages: p.pages, language: p.language } satisfies StoredSession, pageTtlSeconds);
        payload = pagePayload({ id, pages: p.pages, language: p.language }, 0);
      }
      await send(responder, message(payload, p.ephemeral));
    };
    const ctx: CommandContext = { queries, logger: log, present };
    try {
      if (cmd.defer) await responder.defer();
      await cmd.execute(facade(input, async () => {}) as unknown as ChatInputCommandInteraction, ctx);
    } catch (error) {
      log.error('command failed', { error });
      const msg: BotMessage = { content: TEXT.error(input.id), embeds: [], components: [], ephemeral: true };
      await (responder.state === 'replied' ? responder.followUp(msg) : send(responder, msg)).catch((e: unknown) => log.error('could not send the error reply', { error: e }));
    }
  };

  const autocomplete = async (input: InteractionInput, responder: Responder, log: Logger) => {
    const cmd = commands.get(input.name ?? '');
    try {
      if (!cmd?.autocomplete) return await responder.autocomplete([]);
      const i = facade(input, (choices) => responder.autocomplete(choices));
      await cmd.autocomplete(i as unknown as AutocompleteInteraction, { queries, logger: log, present: async () => {} });
    } catch (error) {
      log.error('autocomplete failed', { error });
      if (responder.state === 'none') await responder.autocomplete([]);
    }
  };

  const button = async (input: InteractionInput, responder: Responder) => {
    const ref = input.customId?.startsWith(PAGE_PREFIX + ':') ? decodeCustomId(input.customId) : null;
    if (!ref) return responder.deferUpdate();
    const session = await store.get<StoredSession>('paging', ref.sessionId);
    if (!session || !Array.isArray(session.pages)) return responder.reply({ content: TEXT.expired, ephemeral: true });
    if (session.ownerId !== input.userId) return responder.reply({ content: TEXT.notOwner, ephemeral: true });
    // Each click restarts the idle timeout, as in the gateway bot.
    await store.set('paging', ref.sessionId, session, pageTtlSeconds);
    await responder.update(message(pagePayload({ id: ref.sessionId, pages: session.pages, language: session.language }, ref.page)));
  };

  return async (input, responder) => {
    const log = logger.child({ interactionId: input.id, userId: input.userId, ...(input.name ? { command: input.name } : {}) });
    if (input.kind === 'command') await command(input, responder, log);
    else if (input.kind === 'autocomplete') await autocomplete(input, responder, log);
    else if (input.kind === 'button') await button(input, responder);
    else await responder.reply({ content: TEXT.unknownCommand, ephemeral: true });
  };
}

/** A process-local PageStore for one replica (tests, a single instance without a state backend). */
export function memoryPageStore(now: () => number = Date.now): PageStore {
  const map = new Map<string, { value: unknown; expires: number }>();
  return {
    async get<T>(_ns: 'paging', key: string) {
      const e = map.get(key);
      if (!e || e.expires <= now()) return undefined;
      return structuredClone(e.value) as T;
    },
    async set(_ns: 'paging', key: string, value: unknown, ttl?: number) {
      map.set(key, { value: structuredClone(value), expires: ttl ? now() + ttl * 1000 : Infinity });
    },
  };
}
