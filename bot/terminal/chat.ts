// The bot without Discord: a readline chat for development and for machines without a token. One session is
// one conversation (follow-ups continue it, /reset or "重新开始" starts over). Every command and question goes
// through the same command modules and dispatcher as Discord (turn.ts); the answer is shown as
// present/text.ts's plain text, wrapped to the terminal, with its next steps as numbered choices. /export and
// /chart write the last answer's rows and chart to files; a chart answer's PNG goes to a temporary folder.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { Transform } from 'node:stream';
import { chartSpecFor, type ChartSpec } from '../../present/chart-spec.ts';
import { helpText } from '../../present/discord.ts';
import { answerText } from '../../present/text.ts';
import { namesFor } from '../../present/names.ts';
import type { Language, ReportQueries } from '../../retrieval/types.ts';
import { writeFileAtomic } from '../../store/atomic-write.ts';
import { MAX_QUESTION_CHARS } from '../commands/ask.ts';
import { commands as defaultCommands, type SlashCommand } from '../commands/index.ts';
import type { BotServices } from '../context.ts';
import { conversationId } from '../conversation.ts';
import type { Logger } from '../logger.ts';
import type { StateStore } from '../state.ts';
import { parseTextLine } from './commands.ts';
import { messageText, paginateLines, wrapText } from './screen.ts';
import { lineLocale, nextStepButtons, pressTextButton, runTextCommand, textContext, type TextPlace, type TextReply } from './turn.ts';

export { parseStatus, parseTextLine, tokenize, type TextLine } from './commands.ts';
export { paginateLines, wrapText, displayWidth } from './screen.ts';

export interface TerminalChatOptions {
  queries: ReportQueries;
  /** Where stored answers (the next steps' plans) live; default: in memory for this session. */
  store?: StateStore;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Prompt and page long answers. Default: whether input is a TTY; piped input prints everything. */
  interactive?: boolean;
  /** Lines per screen when interactive. */
  pageLines?: number;
  /** Columns to wrap to; default the terminal's width, else 80. */
  columns?: number;
  /** The language of notes when a line does not tell (default: the report's, Chinese). */
  language?: Language;
  /** The report's lines of a row (from app/). */
  sourceLines?: BotServices['sourceLines'];
  /** PNG of a chart (present/chart.ts); without it /chart and automatic charts are off. */
  renderChart?: BotServices['renderChart'];
  /** CSV parts of records (present/csv.ts splitCsv). */
  csvParts?: BotServices['csvParts'];
  /** Where automatic charts go (default: a folder in the OS temp dir); null writes none. */
  chartsDir?: string | null;
  /** The conversation id (default: a fresh one per session). */
  conversation?: string;
  logger?: Logger;
  commands?: ReadonlyMap<string, SlashCommand>;
}

/** Written whole or not at all: a reader never sees half a CSV or PNG. */
function writeFile(path: string, data: Buffer): string {
  const full = resolve(path);
  writeFileAtomic(full, data);
  return full;
}

/**
 * Piped input: only LF and CRLF end a line; a CR alone (a stray byte, an old Mac file) becomes a space instead
 * of cutting a question in two. Byte-wise, which is safe in UTF-8: 0x0D never occurs inside a character.
 */
export function loneCarriageReturns(): Transform {
  let heldCr = false;
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      const out: number[] = [];
      for (const b of bytes) {
        if (heldCr) out.push(b === 0x0a ? 0x0d : 0x20);
        heldCr = b === 0x0d;
        if (!heldCr) out.push(b);
      }
      done(null, Buffer.from(out));
    },
    flush(done) {
      done(null, heldCr ? Buffer.from([0x0a]) : null);
    },
  });
}

/** Far beyond any question (/ask takes MAX_QUESTION_CHARS): such a line is refused before it is even parsed. */
const MAX_LINE_CHARS = 10 * MAX_QUESTION_CHARS;

const bilingualLine = (language: Language, zh: string, en: string) => (language === 'zh' ? `${zh} / ${en}` : `${en} / ${zh}`);

/** Runs until /quit, Ctrl+C twice, or end of input. */
export async function runTerminalChat(options: TerminalChatOptions): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive = options.interactive ?? Boolean((input as { isTTY?: boolean }).isTTY);
  const pageLines = options.pageLines ?? Math.max(10, ((output as { rows?: number }).rows ?? 30) - 3);
  const columns = () => options.columns ?? ((output as { columns?: number }).columns || 80);
  const language = options.language ?? 'zh';
  const commands = options.commands ?? defaultCommands;
  const chartsDir = options.chartsDir === undefined ? join(tmpdir(), 'report-bot-charts') : options.chartsDir;
  const sessionLocale = language === 'zh' ? 'zh-CN' : 'en-US';
  const place: TextPlace = { conversation: options.conversation ?? `term:${randomBytes(6).toString('hex')}`, userId: 'terminal', locale: sessionLocale };
  const ctx = textContext({
    queries: options.queries,
    renderChart: chartsDir ? (options.renderChart ?? null) : null,
    ...(options.store ? { store: options.store } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.sourceLines ? { sourceLines: options.sourceLines } : {}),
    ...(options.csvParts ? { csvParts: options.csvParts } : {}),
  });
  const write = (text: string) => output.write(wrapText(text.replace(/\n$/, ''), columns()) + '\n');

  const source = interactive ? input : input.pipe(loneCarriageReturns());
  const rl: Interface = createInterface({ input: source, ...(interactive ? { output, terminal: true } : { terminal: false, crlfDelay: Infinity }) });
  // Node 24 throws on prompt() once the input has ended: a closed interface is never prompted again.
  let closed = false;
  rl.on('close', () => (closed = true));
  const prompt = () => {
    if (interactive && !closed) rl.prompt();
  };

  // Like node's REPL: Ctrl+C clears the line; Ctrl+C on an empty line, right after another, exits.
  let armedToExit = false;
  rl.on('SIGINT', () => {
    const typed = (rl as unknown as { line?: string }).line ?? '';
    if (typed === '' && armedToExit) {
      rl.close();
      return;
    }
    armedToExit = true;
    if (typed !== '') rl.write(null, { ctrl: true, name: 'u' });
    write(`\n${bilingualLine(language, '再按一次 Ctrl+C 或输入 /quit 退出', 'press Ctrl+C again or type /quit to exit')}`);
    prompt();
  });

  let pending: string[] = [];
  let choices: Array<{ label: string; customId: string }> = [];

  const show = (text: string) => {
    if (!interactive) {
      write(text);
      return;
    }
    const [first = '', ...rest] = paginateLines(wrapText(text, columns()), pageLines);
    write(first);
    pending = rest;
    if (pending.length) write(bilingualLine(language, `-- 更多：回车或 "more"（还有 ${pending.length} 屏）--`, `-- more: Enter or "more" (${pending.length} screen${pending.length === 1 ? '' : 's'} left) --`));
  };

  /** An answer in words, its chart written to a file, its next steps numbered; any other reply as text. */
  const showReply = (reply: TextReply) => {
    const answer = reply.answer;
    if (!answer) {
      show(reply.messages.map(messageText).filter(Boolean).join('\n\n'));
      return;
    }
    choices = nextStepButtons(reply);
    const lines = [answerText(answer, namesFor(ctx.queries))];
    const png = reply.messages.flatMap((m) => m.files ?? []).find((f) => f.name.endsWith('.png'));
    if (png && chartsDir) lines.push(`chart: ${writeFile(join(chartsDir, `${answer.intent}-${Date.now()}.png`), png.data)}`);
    if (choices.length) {
      lines.push('', answer.language === 'zh' ? '下一步（输入编号）：' : 'Next (type the number):');
      choices.forEach((c, i) => lines.push(`  ${i + 1}. ${c.label}`));
    }
    show(lines.join('\n'));
  };

  const exportTo = async (file: string) => {
    const reply = await runTextCommand(ctx, place, 'export', {});
    const files = reply.messages.flatMap((m) => m.files ?? []);
    if (files.length === 0) return show(reply.messages.map(messageText).join('\n'));
    // The rows (in parts when large) go to the file named; a table answer's table and the note beside it.
    const base = file.replace(/\.csv$/i, '');
    const parts = files.filter((f) => /\.csv$/i.test(f.name) && !/-table\.csv$/i.test(f.name));
    const paths = [
      ...parts.map((p, i) => writeFile(parts.length === 1 ? file : `${base}-part${i + 1}.csv`, p.data)),
      ...files.filter((f) => /-table\.csv$/i.test(f.name)).map((f) => writeFile(`${base}-table.csv`, f.data)),
      ...files.filter((f) => /\.txt$/i.test(f.name)).map((f) => writeFile(`${base}-note.txt`, f.data)),
    ];
    write(`${messageText(reply.messages[0] ?? {})} → ${paths.join(', ')}`);
  };

  const chartTo = async (file: string) => {
    const last = await ctx.queries.lastAnswer(conversationId({ userId: place.userId, channelId: place.conversation, isDM: true, isThread: false }));
    const spec: ChartSpec | null = last ? chartSpecFor(last) : null;
    const png = spec && options.renderChart ? await options.renderChart(spec) : null;
    write(png ? `chart → ${writeFile(file, png)}` : bilingualLine(last?.language ?? language, '上一个答案没有图表（排名、对比、分列和概况才有）', 'the last answer has no chart (rankings, comparisons, breakdowns and summaries do)'));
  };

  /** One line; false to stop. */
  const handle = async (line: string): Promise<boolean> => {
    if (line.length > MAX_LINE_CHARS) {
      // Refused unread: neither echoed nor kept in the conversation.
      write(bilingualLine(language, `输入太长（${line.length} 个字符），问题最多 ${MAX_QUESTION_CHARS} 个字符`, `input too long (${line.length} characters); a question has at most ${MAX_QUESTION_CHARS}`));
      return true;
    }
    const parsed = parseTextLine(line, commands);
    // A new input while a long answer is pending abandons the rest of it.
    if (parsed.kind !== 'more') pending = [];
    // Notes follow the language of what was typed; a file name (/export out.csv) says nothing about it.
    place.locale = parsed.kind === 'command' || parsed.kind === 'choice' ? lineLocale(line, sessionLocale) : sessionLocale;
    switch (parsed.kind) {
      case 'more': {
        const [next, ...rest] = pending;
        if (next === undefined) return true;
        pending = rest;
        write(next);
        if (pending.length) write(`-- more (${pending.length}) --`);
        return true;
      }
      case 'quit':
        return false;
      case 'help':
        show(helpText({ terminal: true }));
        return true;
      case 'error':
        write(parsed.message);
        return true;
      case 'export':
        await exportTo(parsed.file);
        return true;
      case 'chart':
        await chartTo(parsed.file);
        return true;
      case 'choice': {
        const picked = choices[parsed.index];
        showReply(picked ? await pressTextButton(ctx, place, picked.customId) : await runTextCommand(ctx, place, 'ask', { question: line.trim() }));
        return true;
      }
      case 'command':
        showReply(await runTextCommand(ctx, place, parsed.name, parsed.options));
        return true;
    }
  };

  if (interactive) {
    write('维和预算执行报告问答 — 输入问题，/help 查看命令，/quit 退出。 Ask a question; /help for commands, /quit to exit.');
    rl.setPrompt('> ');
    prompt();
  }
  try {
    for await (const line of rl) {
      armedToExit = false;
      let keepGoing = true;
      try {
        keepGoing = await handle(line);
      } catch (error) {
        write(`error: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!keepGoing) break;
      prompt();
    }
  } finally {
    rl.close();
    ctx.timers.clear();
  }
}
