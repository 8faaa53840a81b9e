// The bot without Discord: a readline chat for development and for machines without a token. One session is
// one conversation (follow-ups continue it, /reset or "重新开始" starts over). Answers are present/text.ts's
// plain text; /export and /chart write the last answer's rows and chart to files, and rankings, comparisons,
// breakdowns and summaries get their chart written to a temporary PNG whose path is printed. The command
// syntax is parsed in chat-commands.ts.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { helpText } from '../../present/discord.ts';
import { chartSpecFor, type ChartSpec } from '../../present/chart-spec.ts';
import { answerText, recordText } from '../../present/text.ts';
import { commandPlan, type UnitRef } from '../../retrieval/plan.ts';
import type { Answer, Language, ReportQueries } from '../../retrieval/types.ts';
import type { OutputRecord } from '../../store/schema.ts';
import { paginateLines, parseChatLine, type ChatCommand } from './commands.ts';

export { paginateLines, parseChatLine, parseStatus, tokenize, type ChatCommand } from './commands.ts';

export interface TerminalChatOptions {
  queries: ReportQueries;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Prompt and page long answers. Default: whether input is a TTY; piped input prints everything. */
  interactive?: boolean;
  /** Lines per screen when interactive. */
  pageLines?: number;
  /** Labels for /row and /source. */
  language?: Language;
  /** The report's lines of a row (from app/). */
  sourceLines?: (id: string) => Promise<string[] | undefined>;
  /** PNG of a chart (present/chart.ts); without it /chart and automatic charts are off. */
  renderChart?: ((spec: ChartSpec) => Promise<Buffer>) | null;
  /** CSV of records (present/csv.ts rowsToCsv). */
  rowsToCsv?: (records: OutputRecord[], language: Language) => Buffer;
  /** Where automatic charts go (default: a folder in the OS temp dir); null writes none. */
  chartsDir?: string | null;
  /** The conversation id (default: a fresh one per session). */
  conversation?: string;
}

function writeFile(path: string, data: Buffer): string {
  const full = resolve(path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, data);
  return full;
}

/** Runs until /quit, Ctrl+C or end of input. */
export async function runTerminalChat(options: TerminalChatOptions): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive = options.interactive ?? Boolean((input as { isTTY?: boolean }).isTTY);
  const pageLines = options.pageLines ?? Math.max(10, ((output as { rows?: number }).rows ?? 30) - 3);
  const language = options.language ?? 'zh';
  const conversation = options.conversation ?? `term:${randomBytes(6).toString('hex')}`;
  const chartsDir = options.chartsDir === undefined ? join(tmpdir(), 'report-bot-charts') : options.chartsDir;
  const { queries } = options;
  const write = (text: string) => output.write(text.endsWith('\n') ? text : text + '\n');

  const rl = createInterface({ input, ...(interactive ? { output, terminal: true } : { terminal: false }) });
  rl.on('SIGINT', () => rl.close());
  let pending: string[] = [];

  const show = (text: string) => {
    if (!interactive) {
      write(text);
      return;
    }
    const [first = '', ...rest] = paginateLines(text, pageLines);
    write(first);
    pending = rest;
    if (pending.length) write(`-- more: Enter or "more" (${pending.length} screen${pending.length === 1 ? '' : 's'} left) --`);
  };

  const chartPng = async (answer: Answer): Promise<Buffer | null> => {
    const spec = chartSpecFor(answer);
    return spec && options.renderChart ? options.renderChart(spec) : null;
  };

  /** Shows an answer; a chartable one also gets its PNG written to the charts folder. */
  const showAnswer = async (answer: Answer) => {
    show(answerText(answer));
    if (!chartsDir) return;
    const png = await chartPng(answer).catch(() => null);
    if (png) write(`chart: ${writeFile(join(chartsDir, `${answer.intent}-${Date.now()}.png`), png)}`);
  };

  const unitOf = (typed: string | undefined, office?: string): UnitRef | null | 'unknown' => {
    if (!typed) return null;
    return queries.resolveUnit(typed, office) ?? 'unknown';
  };
  const langOf = (typed: string | undefined): Language => (typed && /[A-Za-z]{2,}/.test(typed) && !/[\u4e00-\u9fff]/.test(typed) ? 'en' : language);

  const runPlan = async (command: string, typed: string | undefined, office: string | undefined, build: (unit: UnitRef | null) => ReturnType<typeof commandPlan>) => {
    const unit = unitOf(typed, office);
    if (unit === 'unknown') {
      write(`no department or office named "${[typed, office].filter(Boolean).join(' › ')}" (try a name, an acronym such as DFS, or a code such as A-b)`);
      return;
    }
    await showAnswer(await queries.run(build(unit), { conversation, question: command }));
  };

  const handle = async (command: ChatCommand, line: string): Promise<boolean> => {
    switch (command.kind) {
      case 'more': {
        const [next, ...rest] = pending;
        if (next === undefined) return true;
        pending = rest;
        write(next);
        if (pending.length) write(`-- more (${pending.length} left) --`);
        return true;
      }
      case 'quit':
        return false;
      case 'help':
        show(helpText({ terminal: true }));
        return true;
      case 'error':
        write(command.message);
        return true;
      case 'row': {
        const record = queries.row(command.id);
        show(record ? recordText(record, language) : `no output with id ${command.id} (ids look like A-a-1.1-01)`);
        return true;
      }
      case 'source': {
        const record = queries.row(command.id);
        const lines = record ? await options.sourceLines?.(record.id) : undefined;
        show(record ? `[${record.id}] ${record.line}–${record.lineEnd}\n${(lines ?? []).join('\n')}` : `no output with id ${command.id} (ids look like A-a-1.1-01)`);
        return true;
      }
      case 'reset':
        await queries.reset(conversation);
        write(language === 'zh' ? '已重新开始。/ Started over.' : 'Started over. / 已重新开始。');
        return true;
      case 'export': {
        const last = await queries.lastAnswer(conversation);
        if (!last || last.rows.length === 0 || !options.rowsToCsv) {
          write(!options.rowsToCsv ? 'CSV export is not available here' : 'nothing to export yet: ask a question first');
          return true;
        }
        write(`${last.rows.length} rows → ${writeFile(command.file, options.rowsToCsv(last.rows, last.language))}`);
        return true;
      }
      case 'chart': {
        const last = await queries.lastAnswer(conversation);
        const png = last ? await chartPng(last) : null;
        write(png ? `chart → ${writeFile(command.file, png)}` : 'the last answer has no chart (rankings, comparisons, breakdowns and summaries do)');
        return true;
      }
      case 'ask':
        await showAnswer(await queries.ask(command.question, { conversation }));
        return true;
      case 'dept':
        await runPlan(line, command.unit, command.office, (unit) => commandPlan({ language: langOf(command.unit), unit, status: command.status ?? null, measure: 'rows' }));
        return true;
      case 'count':
        await runPlan(line, command.unit, undefined, (unit) =>
          commandPlan({ language: langOf(command.unit), unit, status: command.status ?? null, measure: 'count', groupBy: unit ? 'office' : 'department' }),
        );
        return true;
      case 'postponed':
        await runPlan(line, command.unit, undefined, (unit) => commandPlan({ language: langOf(command.unit), unit, status: 'postponed', measure: 'rows' }));
        return true;
    }
  };

  if (interactive) {
    write('维和预算执行报告问答 — 输入问题，/help 查看命令，/quit 退出。 Ask a question; /help for commands, /quit to exit.');
    rl.setPrompt('> ');
    rl.prompt();
  }
  try {
    for await (const line of rl) {
      const command = parseChatLine(line);
      // A new input while a long answer is pending abandons the rest of it.
      if (command.kind !== 'more') pending = [];
      let keepGoing = true;
      try {
        keepGoing = await handle(command, line.trim());
      } catch (error) {
        write(`error: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!keepGoing) break;
      if (interactive) rl.prompt();
    }
  } finally {
    rl.close();
  }
}
