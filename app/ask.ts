// npm run ask -- "<question>"          the answer as the bot shows it (text)
// npm run ask -- --json "<question>"   one JSON object {intent, total, rows, groups, ratio, plan, text, trace, …}
// npm run ask -- --explain "<question>" the answer, then which recogniser read which words of the question
// npm run ask -- --json               stdin: one question per line, either plain text or
//                                      {"q": "…", "conversation": "<id>"}; lines with the same id are one
//                                      conversation, answered in order. One JSON object per line out.
// Questions and commands ("/count 外勤部 below_plan", "/dept DFS", "/reset", "1" for a next step) go through
// the bot's own command modules and dispatcher (bot/terminal/turn.ts), so they answer as in Discord.
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { resolve } from 'node:path';
import { chartSpecFor } from '../present/chart-spec.ts';
import { answerExport } from '../present/csv-answer.ts';
import { answerText } from '../present/text.ts';
import { namesFor, NO_NAMES, type NameBook } from '../present/names.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';
import type { Answer, ReportQueries } from '../retrieval/index.ts';
import type { BotContext } from '../bot/context.ts';
import { messageText } from '../bot/terminal/screen.ts';
import { answerLine, lineLocale, nextStepButtons, pressTextButton, textContext, type TextReply } from '../bot/terminal/turn.ts';
import { loadDotEnv } from '../config/env.ts';
import { openReportEngine } from './open.ts';
import { memoryConversations } from './conversations.ts';
import { seedPath, seedSourceLines } from './source-lines.ts';

const QuestionSchema = z.string().trim().min(1, 'empty question').max(2000, 'question longer than 2000 characters');
const TurnSchema = z.object({ q: QuestionSchema, conversation: z.string().trim().min(1).max(200).optional() });

export function answerJson(a: Answer, names: NameBook = NO_NAMES): string {
  return JSON.stringify({
    intent: a.intent, question: a.question, total: a.total, rows: a.rows, groups: a.groups, ratio: a.ratio, plan: a.plan, reason: a.reason,
    text: answerText(a, names), language: a.language, filters: a.filters, breakdown: a.breakdown,
    ignored: a.ignored, unknown: a.unknown, corrections: a.corrections, alternatives: a.alternatives, suggestions: a.suggestions, trace: a.trace,
  });
}

/** A reply that is not an answer (a note, /row's card, /reset's confirmation) in the same JSON shape. */
const noteJson = (text: string, error?: string): string => JSON.stringify({ intent: 'none', total: 0, rows: [], groups: [], ratio: null, text, ...(error !== undefined ? { error } : {}) });

/** A stdin line: a JSON turn object, or the question itself. */
export function parseTurn(line: string): { q: string; conversation?: string } | { error: string } {
  const trimmed = line.trim();
  if (trimmed.startsWith('{')) {
    try {
      const t = TurnSchema.safeParse(JSON.parse(trimmed));
      return t.success ? { q: t.data.q, ...(t.data.conversation ? { conversation: t.data.conversation } : {}) } : { error: t.error.issues[0]?.message ?? 'invalid turn' };
    } catch {
      // Not JSON after all: a question that starts with "{".
    }
  }
  const q = QuestionSchema.safeParse(line);
  return q.success ? { q: q.data } : { error: q.error.issues[0]?.message ?? 'invalid question' };
}

/** The next steps each conversation's last answer offered: "1", "2", "3" pick one, as in the terminal chat. */
const offered = new Map<string, Array<{ customId: string }>>();
const MAX_OFFERED = 1000;

/**
 * A turn: a question or a command, through the bot's dispatcher. Without a conversation id the turn stands
 * alone (a fresh conversation); with one, it continues that conversation.
 */
export async function answerTurn(ctx: BotContext, q: string, conversation?: string): Promise<TextReply | { error: string }> {
  const place = { conversation: conversation ?? `ask:${randomBytes(6).toString('hex')}`, userId: 'ask', locale: lineLocale(q, 'zh-CN') };
  const pick = /^[1-9]$/.test(q.trim()) ? offered.get(place.conversation)?.[Number(q.trim()) - 1] : undefined;
  const reply = pick ? await pressTextButton(ctx, place, pick.customId) : await answerLine(ctx, place, q);
  if (conversation && !('error' in reply) && reply.answer) {
    offered.delete(conversation);
    offered.set(conversation, nextStepButtons(reply));
    // A long stdin session names many conversations: only the most recent ones keep their choices.
    if (offered.size > MAX_OFFERED) offered.delete(offered.keys().next().value!);
  }
  return reply;
}

/** The reply as one output: the answer's JSON or text, else the note the command sent. */
function replyOutput(reply: TextReply | { error: string }, json: boolean, names: NameBook = NO_NAMES, explain = false): string {
  if ('error' in reply) return json ? noteJson('', reply.error) : reply.error;
  if (reply.answer) return json ? answerJson(reply.answer, names) : answerText(reply.answer, names) + (explain ? `\n\n${explainReading(reply.answer)}` : '');
  const text = reply.messages.map(messageText).filter(Boolean).join('\n\n');
  return json ? noteJson(text) : text;
}

/** The context `npm run ask` answers in: the bot's, in memory, with the report's lines for /source. */
function askContext(queries: ReportQueries): BotContext {
  return textContext({ queries, sourceLines: seedSourceLines(seedPath(), (id) => queries.row(id)) });
}

/** Writes a line and waits until the OS took it, so piped output is never cut short at exit. */
function writeLine(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (!process.stdout.write(`${text}\n`)) process.stdout.once('drain', resolve);
    else resolve();
  });
}

/** `--explain`: which recogniser read which words, and what was ignored or unknown (the answer's trace). */
export function explainReading(a: Answer): string {
  const lines = a.trace.map((t) => `  ${String(t.start).padStart(3)}–${String(t.end).padEnd(3)} ${JSON.stringify(t.text).padEnd(24)} ${t.recogniser.padEnd(22)} ${t.meaning}`);
  if (a.corrections.length) lines.push(`  corrections: ${a.corrections.map((c) => `${c.from} → ${c.to}`).join(', ')}`);
  if (a.ignored.length) lines.push(`  ignored: ${a.ignored.join(', ')}`);
  if (a.unknown.length) lines.push(`  unknown: ${a.unknown.map((u) => `${u.text} (${u.kind})`).join(', ')}`);
  if (a.alternatives.length) lines.push(`  other readings: ${a.alternatives.map((x) => x.description).join(' | ')}`);
  return ['reading:', ...lines].join('\n');
}

/** Options that take a file: `--chart out.png`, `--csv out.csv`; the rest is the question. */
export function parseAskArgs(argv: readonly string[]): { json: boolean; explain: boolean; chart: string | null; csv: string | null; words: string[] } {
  const args = argv.filter((a) => a !== '--');
  const out = { json: false, explain: false, chart: null as string | null, csv: null as string | null, words: [] as string[] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') out.json = true;
    else if (a === '--explain') out.explain = true;
    else if ((a === '--chart' || a === '--csv') && args[i + 1]) out[a === '--chart' ? 'chart' : 'csv'] = args[++i]!;
    else out.words.push(a);
  }
  return out;
}

/** Writes the answer's chart and/or CSV where asked; says on stderr what was written, or why not. */
async function writeFiles(answer: Answer, files: { chart: string | null; csv: string | null }, names: NameBook): Promise<number> {
  let code = 0;
  if (files.csv) {
    // The answer's table (a ranking, comparison, breakdown, summary) or its rows at the path asked; beside it the
    // rows of a table answer (<name>-rows.csv) and a note of the question, the reading and the report (<name>-note.txt).
    const path = resolve(files.csv);
    const base = path.replace(/\.csv$/i, '');
    for (const [i, f] of answerExport(answer, names, 'x').entries()) {
      const target = i === 0 ? path : `${base}${f.name.slice(1)}`;
      writeFileAtomic(target, f.data);
      console.error(`csv: ${target}`);
    }
  }
  if (files.chart) {
    const spec = chartSpecFor(answer, names);
    if (!spec) {
      console.error('chart: this answer has no chart (charts come with rankings, comparisons, breakdowns and the summary)');
      code = 3;
    } else {
      const { renderChartPng } = await import('../present/chart.ts');
      const { png, width, height } = await renderChartPng(spec);
      writeFileAtomic(resolve(files.chart), png);
      console.error(`chart: ${width}×${height} PNG -> ${files.chart}`);
    }
  }
  return code;
}

async function main(): Promise<number> {
  const { json, explain, chart, csv, words } = parseAskArgs(process.argv.slice(2));
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.error('usage: npm run ask -- [--json] [--explain] [--chart out.png] [--csv out.csv] "<question>"   (with --json and no question: one question per stdin line, or {"q": …, "conversation": …})');
    return 0;
  }
  // .env is read as the bot reads it (variables already set win).
  loadDotEnv('.env', (line) => console.error(line));
  // Conversations idle past CONVERSATION_TTL_MINUTES are swept from memory (app/conversations.ts).
  const engine = await openReportEngine({ contexts: memoryConversations().contexts });
  // English answers name departments and offices in English (the glossary's names, via the engine's units).
  const names = namesFor(engine);
  const ctx = askContext(engine);
  if (words.length > 0) {
    const q = QuestionSchema.safeParse(words.join(' '));
    if (!q.success) {
      console.error(`ask: ${q.error.issues[0]?.message ?? 'invalid question'}`);
      return 2;
    }
    const reply = await answerTurn(ctx, q.data);
    if ('error' in reply) {
      console.error(`ask: ${reply.error}`);
      return 2;
    }
    await writeLine(replyOutput(reply, json, names, explain));
    return reply.answer ? writeFiles(reply.answer, { chart, csv }, names) : 0;
  }
  if (!json) {
    console.error('usage: npm run ask -- [--json] "<question>"');
    return 2;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    const turn = parseTurn(line);
    // One output line per input line, so answers stay aligned with questions even for blank input.
    if ('error' in turn) {
      await writeLine(noteJson('', turn.error));
      continue;
    }
    try {
      await writeLine(replyOutput(await answerTurn(ctx, turn.q, turn.conversation), true, names));
    } catch (err) {
      await writeLine(noteJson('', err instanceof Error ? err.message : String(err)));
    }
  }
  return 0;
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main().then(
  (code) => {
    // exitCode, not exit(): the process ends once stdout has flushed.
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`ask failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
