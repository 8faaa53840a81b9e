// Test doubles around the bot's handlers: a Responder that records what it was asked to send (and follows
// Discord's acknowledgement rules), a context over the fixture engine and an in-memory state store, and
// InteractionInput builders.
import { createContext, type BotContext, type BotServices } from '../../bot/context.ts';
import { interactionInput, type BotMessage, type ChoiceJSON, type InteractionInput, type ModalJSON, type Responder, type ResponseState } from '../../bot/interactions/types.ts';
import { createLogger } from '../../bot/logger.ts';
import { MemoryStateStore } from '../../state/memory.ts';
import type { StateStore } from '../../bot/state.ts';
import { createFixtureQueries, type FixtureQueries } from './fixtures.ts';

export const ALICE = '200000000000000002';
export const BOB = '300000000000000003';
export const BOT_ID = '100000000000000001';
export const GUILD = '400000000000000004';
export const CHANNEL = '500000000000000005';

export interface Sent {
  method: 'defer' | 'deferUpdate' | 'reply' | 'editReply' | 'followUp' | 'update' | 'showModal' | 'autocomplete';
  message?: BotMessage;
  ephemeral?: boolean;
  modal?: ModalJSON;
  choices?: ChoiceJSON[];
}

/** Records every call; throws like Discord on a second initial response. */
export class FakeResponder implements Responder {
  readonly sent: Sent[] = [];
  state: ResponseState = 'none';
  constructor(private readonly failOn: Sent['method'][] = []) {}

  private record(s: Sent): void {
    if (this.failOn.includes(s.method)) throw Object.assign(new Error(`HTTP 500 on ${s.method}`), { status: 500 });
    this.sent.push(s);
  }
  private initial(): void {
    if (this.state !== 'none') throw new Error('Interaction has already been acknowledged.');
  }
  async defer(ephemeral = false) {
    this.initial();
    this.record({ method: 'defer', ephemeral });
    this.state = 'deferred';
  }
  async deferUpdate() {
    this.initial();
    this.record({ method: 'deferUpdate' });
    this.state = 'deferred';
  }
  async reply(message: BotMessage) {
    this.initial();
    this.record({ method: 'reply', message });
    this.state = 'replied';
  }
  async editReply(message: BotMessage) {
    if (this.state === 'none') throw new Error('not acknowledged');
    this.record({ method: 'editReply', message });
  }
  async followUp(message: BotMessage) {
    if (this.state === 'none') throw new Error('not acknowledged');
    this.record({ method: 'followUp', message });
  }
  async update(message: BotMessage) {
    this.initial();
    this.record({ method: 'update', message });
    this.state = 'replied';
  }
  async showModal(modal: ModalJSON) {
    this.initial();
    this.record({ method: 'showModal', modal });
    this.state = 'replied';
  }
  async autocomplete(choices: ChoiceJSON[]) {
    this.initial();
    this.record({ method: 'autocomplete', choices });
    this.state = 'replied';
  }
  /** The last message sent in any form. */
  get last(): BotMessage | undefined {
    return this.sent.filter((s) => s.message).at(-1)?.message;
  }
}

/** A PNG header and nothing else: enough to tell a chart was attached. */
export const FAKE_PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface Harness {
  ctx: BotContext;
  queries: FixtureQueries;
  store: StateStore;
  logs: string[];
  charts: unknown[];
  clock: { now: number };
}

export function harness(options: { queries?: FixtureQueries; store?: StateStore; paginationTimeoutMs?: number; services?: Partial<BotServices>; realClock?: boolean } = {}): Harness {
  const logs: string[] = [];
  const charts: unknown[] = [];
  const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
  const queries = options.queries ?? createFixtureQueries();
  const now = options.realClock ? Date.now : () => clock.now;
  const store = options.store ?? new MemoryStateStore({ now, log: () => {} });
  const ctx = createContext({
    queries,
    store,
    logger: createLogger({ level: 'debug', write: (l) => logs.push(l) }),
    sourceLines: async (id) => {
      const r = queries.row(id);
      return r ? Array.from({ length: r.lineEnd - r.line + 1 }, (_, i) => `line ${r.line + i} of ${id}`) : undefined;
    },
    renderChart: async (spec) => {
      charts.push(spec);
      return FAKE_PNG;
    },
    // One row per line: "id,planned" (the real CSV is present/csv.ts's, tested there and end to end).
    csvParts: (records, _language, maxBytes) => {
      const lines = records.map((r) => `${r.id},${r.planned}`);
      const parts: string[][] = [[]];
      for (const l of lines) {
        const cur = parts.at(-1)!;
        if (cur.length && Buffer.byteLength(['id,planned', ...cur, l].join('\n')) > maxBytes) parts.push([l]);
        else cur.push(l);
      }
      return parts.map((p) => Buffer.from(['id,planned', ...p].join('\n')));
    },
    paginationTimeoutMs: options.paginationTimeoutMs ?? 60_000,
    answerTtlSeconds: 3600,
    now,
    ...options.services,
  });
  return { ctx, queries, store, logs, charts, clock };
}

let nextId = 1;
const snowflake = () => `9${String(nextId++).padStart(17, '0')}`;

export function command(name: string, options: Record<string, string> = {}, extra: Partial<InteractionInput> = {}): InteractionInput {
  return interactionInput({ kind: 'command', id: snowflake(), name, options, userId: ALICE, channelId: CHANNEL, guildId: GUILD, locale: 'zh-CN', ...extra });
}

export function button(customId: string, extra: Partial<InteractionInput> = {}): InteractionInput {
  return interactionInput({ kind: 'button', id: snowflake(), customId, componentType: 'button', userId: ALICE, channelId: CHANNEL, guildId: GUILD, locale: 'zh-CN', ...extra });
}

export function select(customId: string, values: string[], extra: Partial<InteractionInput> = {}): InteractionInput {
  return button(customId, { componentType: 'select', values, ...extra });
}

export function modal(customId: string, fields: Record<string, string>, extra: Partial<InteractionInput> = {}): InteractionInput {
  return interactionInput({ kind: 'modal', id: snowflake(), customId, fields, userId: ALICE, channelId: CHANNEL, guildId: GUILD, locale: 'zh-CN', ...extra });
}

export function autocomplete(name: string, focused: { name: string; value: string }, options: Record<string, string> = {}): InteractionInput {
  return interactionInput({ kind: 'autocomplete', id: snowflake(), name, focused, options: { ...options, [focused.name]: focused.value }, userId: ALICE, channelId: CHANNEL, guildId: GUILD });
}

/** Every custom_id on a message, by row. */
export const customIds = (m: BotMessage | undefined): string[] => (m?.components ?? []).flatMap((row) => row.components.map((c) => c.custom_id));
