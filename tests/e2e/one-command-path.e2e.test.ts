// One command path for every front end: a slash command through the gateway bot (the real discord.js client
// against the emulator), the HTTP interactions endpoint, the terminal chat and `npm run ask` runs the same
// command module and dispatcher, so the same typed command gives the same plan and the same Answer. And a next
// step under an answer, clicked in Discord, is a turn of the asker's conversation.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { REST } from '@discordjs/rest';
import { Events } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportQueries } from '../../app/open.ts';
import { createContext } from '../../bot/context.ts';
import { createBot, type Bot } from '../../bot/gateway/discord-bot.ts';
import { createHttpInteractionHandler } from '../../bot/http/adapter.ts';
import { createInteractionsServer, type InteractionsServer } from '../../bot/http/server.ts';
import { publicKeyFromHex } from '../../bot/http/signature.ts';
import { dispatchInteraction } from '../../bot/interactions/dispatch.ts';
import { createLogger } from '../../bot/logger.ts';
import { runTerminalChat } from '../../bot/terminal/chat.ts';
import { wrapText } from '../../bot/terminal/screen.ts';
import { commandPlan } from '../../retrieval/plan.ts';
import type { Answer, Plan, ReportQueries, TurnOptions } from '../../retrieval/types.ts';
import { MemoryStateStore } from '../../state/memory.ts';
import { startDiscordEmulator, type DiscordEmulator, type InteractionReply } from './emulator/index.ts';

const SEED = resolve('seeds/a-69-653-budget-performance-2013-14.zh.txt');
const WAIT = { timeoutMs: 15_000 };
/** A question the engine reads as a suggestion-bearing answer in these tests (the real engine has none yet). */
const QUESTION = '外勤支助部有多少产出低于计划？';
const NEXT_STEP = { description: '外勤支助部各办公室分别有多少项？', plan: commandPlan({ language: 'zh', unit: { department: 'B', office: null }, measure: 'count', groupBy: 'office' }) };

let dir: string;
let engine: ReportQueries;
let emu: DiscordEmulator;
let bot: Bot;
let http: InteractionsServer;
let httpPort = 0;
/** Every turn the front ends ran, in order: which method, its conversation, and the Answer. */
const turns: Array<{ method: 'ask' | 'run'; conversation: string | undefined; plan?: Plan; answer: Answer }> = [];

/** The real engine, recording each turn; its answers to QUESTION offer NEXT_STEP. */
function recording(queries: ReportQueries): ReportQueries {
  return new Proxy(queries, {
    get(target, key) {
      if (key === 'ask')
        return async (question: string, options: TurnOptions = {}) => {
          const answer = await target.ask(question, options);
          const offered = question === QUESTION ? { ...answer, suggestions: [NEXT_STEP] } : answer;
          turns.push({ method: 'ask', conversation: options.conversation, answer: offered });
          return offered;
        };
      if (key === 'run')
        return async (plan: Plan, options: TurnOptions & { question?: string } = {}) => {
          const answer = await target.run(plan, options);
          turns.push({ method: 'run', conversation: options.conversation, plan, answer });
          return answer;
        };
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** What must be equal whichever front end ran the command. */
const essence = (a: Pick<Answer, 'intent' | 'total' | 'groups' | 'plan' | 'question'> & { rows: Array<{ id: string }> }) => ({
  intent: a.intent,
  total: a.total,
  groups: a.groups,
  plan: a.plan,
  question: a.question,
  rows: a.rows.map((r) => r.id),
});

/** The same four turns, as each front end takes them. */
const SLASH: Array<{ name: string; options: Record<string, string> }> = [
  { name: 'ask', options: { question: QUESTION } },
  { name: 'count', options: { department: '外勤部' } },
  { name: 'dept', options: { department: 'DFS' } },
  { name: 'postponed', options: {} },
];
const TYPED = [QUESTION, '/count 外勤部', '/dept DFS', '/postponed'];

async function viaDiscord(): Promise<{ answers: Answer[]; replies: InteractionReply[] }> {
  const from = turns.length;
  const replies: InteractionReply[] = [];
  for (const c of SLASH) replies.push(await emu.waitForInteractionResponse(emu.sendSlashCommand({ ...c, locale: 'zh-CN' }), WAIT));
  return { answers: turns.slice(from).map((t) => t.answer), replies };
}

async function viaTerminal(): Promise<{ answers: Answer[]; out: string }> {
  const from = turns.length;
  const output = new PassThrough();
  let out = '';
  output.setEncoding('utf8').on('data', (d: string) => (out += d));
  await runTerminalChat({ queries: bot.ctx.queries, input: Readable.from(TYPED.map((l) => l + '\n')), output, interactive: false, chartsDir: null });
  return { answers: turns.slice(from).map((t) => t.answer), out };
}

/** `npm run ask -- --json`, one turn per stdin line, over the same data/ (no rebuild). */
function viaAsk(): Promise<Array<Answer & { text: string }>> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve('app/ask.ts'), '--json'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', REPORT_PATH: SEED, DATA_DIR: join(dir, 'data'), EMBEDDER: 'local' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    // Decoded as a stream: a chunk may end inside a UTF-8 character.
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise(out.trim().split('\n').map((l) => JSON.parse(l) as Answer & { text: string })) : reject(new Error(`ask exited ${code}: ${err}`))));
    child.stdin.end(TYPED.join('\n') + '\n');
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'one-path-'));
  engine = await openReportQueries({ seedPath: SEED, dataDir: join(dir, 'data'), log: () => {}, env: { EMBEDDER: 'local' } });
  const queries = recording(engine);
  emu = await startDiscordEmulator({ heartbeatIntervalMs: 250 });
  const logger = createLogger({ level: 'error', write: () => {} });
  const { intents: _i, partials: _p, ...pointing } = emu.clientOptions();
  bot = createBot({ queries, store: new MemoryStateStore(), config: { token: emu.token, paginationTimeoutMs: 60_000 }, logger, clientOptions: pointing, renderChart: null });
  const ready = new Promise<void>((r) => bot.client.once(Events.ClientReady, () => r()));
  await bot.start();
  await ready;
  // The HTTP endpoint: its own context and store, as another process would have.
  const ctx = createContext({ queries, store: new MemoryStateStore(), logger, sourceLines: async () => undefined, renderChart: null, csvParts: () => [], paginationTimeoutMs: 60_000, answerTtlSeconds: 3_600, now: Date.now });
  const rest = new REST({ version: '10', api: emu.restBase, retries: 1, timeout: 5_000 }).setToken(emu.token);
  const handler = createHttpInteractionHandler({ rest, applicationId: emu.applicationId, logger, dispatch: (input, responder) => dispatchInteraction(input, responder, ctx) });
  http = createInteractionsServer({ publicKey: publicKeyFromHex(emu.publicKeyHex), handler, logger, isReady: () => true });
  httpPort = await http.listen(0, '127.0.0.1');
}, 180_000);

afterAll(async () => {
  await bot?.stop();
  await http?.shutdown(1_000);
  await emu?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('one command path', () => {
  it('a question, /count 外勤部, /dept DFS and /postponed answer the same through the gateway, the HTTP endpoint, the terminal chat and npm run ask', async () => {
    const gateway = await viaDiscord();
    emu.setInteractionsEndpoint(`http://127.0.0.1:${httpPort}/interactions`);
    const endpoint = await viaDiscord().finally(() => emu.setInteractionsEndpoint(null));
    const terminal = await viaTerminal();
    const ask = await viaAsk();

    expect(gateway.answers).toHaveLength(4);
    const expected = gateway.answers.map(essence);
    expect(endpoint.answers.map(essence)).toEqual(expected);
    expect(terminal.answers.map(essence)).toEqual(expected);
    expect(ask.map(essence)).toEqual(expected);
    // The same plan for /count 外勤部 everywhere: DFS broken down by office, with its total.
    expect(expected[1]).toMatchObject({ intent: 'breakdown', plan: { measure: 'count', groupBy: 'office', where: { op: 'unit', unit: { department: 'B', office: null } } } });
    expect(expected[1]!.total).toBeGreaterThan(0);
    expect(expected[1]!.groups.length).toBeGreaterThan(1);
    // Both Discord transports send the very same messages; the terminal prints what npm run ask prints (wrapped to 80 columns).
    expect(endpoint.replies.map((r) => r.embeds)).toEqual(gateway.replies.map((r) => r.embeds));
    for (const a of ask) expect(terminal.out).toContain(wrapText(a.text, 80));
  }, 120_000);

  it("a next-step button under an answer runs its plan as a turn of the asker's conversation", async () => {
    const asked = await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'ask', options: { question: QUESTION }, locale: 'zh-CN' }), WAIT);
    const conversation = turns.at(-1)?.conversation;
    const buttons = (asked.components as Array<{ components: Array<{ custom_id: string; label?: string }> }>).flatMap((r) => r.components);
    const step = buttons.find((b) => b.custom_id.startsWith('nx:'));
    expect(step?.label).toBe(NEXT_STEP.description);

    const clicked = await emu.waitForInteractionResponse(emu.clickButton({ customId: step!.custom_id, messageId: asked.message.id, locale: 'zh-CN' }), WAIT);
    const turn = turns.at(-1);
    expect(turn).toMatchObject({ method: 'run', conversation, plan: NEXT_STEP.plan });
    expect(turn?.answer.intent).toBe('breakdown');
    // Answered like any answer (a public message of its own), and remembered as that conversation's last answer.
    expect(clicked.ephemeral).toBe(false);
    expect(clicked.embeds.length).toBeGreaterThan(0);
    const remembered = await engine.lastAnswer(conversation!);
    expect({ total: remembered?.total, groups: remembered?.groups }).toEqual({ total: turn?.answer.total, groups: turn?.answer.groups });
  }, 60_000);
});
