// The bot without Discord: a readline chat for development and for machines without a token.
// Answers are the engine's plain text. The command parser is pure and knows nothing of Discord, so the
// same syntax ("/dept 法律事务厅 postponed") is testable and could serve any other text front end.
import { createInterface } from 'node:readline';
import { STATUS_FLAGS, type StatusFlag } from '../store/schema.ts';
import { helpText, recordToText } from '../present/discord.ts';
import { answerText } from '../present/text.ts';
import type { Language, ReportQueries } from '../retrieval/types.ts';

export type ChatCommand =
  | { kind: 'ask'; question: string }
  | { kind: 'dept'; unit: string; office?: string; status?: StatusFlag }
  | { kind: 'count'; unit?: string; status?: StatusFlag }
  | { kind: 'postponed'; unit?: string }
  | { kind: 'row'; id: string }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'more' }
  | { kind: 'error'; message: string };

const STATUS_ALIASES: Record<string, StatusFlag> = {};
for (const f of STATUS_FLAGS) {
  STATUS_ALIASES[f] = f;
  STATUS_ALIASES[f.replace('_', '-')] = f;
  STATUS_ALIASES[f.replace('_', '')] = f;
}
Object.assign(STATUS_ALIASES, {
  已完成: 'completed',
  完成: 'completed',
  done: 'completed',
  未完成: 'not_completed',
  高于计划: 'above_plan',
  超出计划: 'above_plan',
  above: 'above_plan',
  低于计划: 'below_plan',
  below: 'below_plan',
  推迟: 'postponed',
  被推迟: 'postponed',
  延期: 'postponed',
} satisfies Record<string, StatusFlag>);

/** A status as users type it (flag, Chinese label, short English form), or undefined. */
export function parseStatus(token: string): StatusFlag | undefined {
  return STATUS_ALIASES[token.trim().toLowerCase()];
}

/** Splits on whitespace, keeping "quoted names" (ASCII or Chinese quotes) together. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|「([^」]*)」|(\S+)/g;
  for (const m of text.matchAll(re)) {
    const t = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (t !== undefined && t !== '') tokens.push(t);
  }
  return tokens;
}

interface Parsed {
  rest: string[];
  status?: StatusFlag;
  office?: string;
}

function parseArgs(tokens: string[], allowOffice: boolean): Parsed | string {
  const out: Parsed = { rest: [] };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    const kv = /^(status|office|状态|办事处)[=:：](.*)$/i.exec(t);
    if (t === '--status' || t === '--office') {
      const value = tokens[++i];
      if (value === undefined) return `${t} needs a value`;
      const key = t.slice(2);
      if (key === 'status') {
        const s = parseStatus(value);
        if (!s) return `unknown status "${value}" (one of ${STATUS_FLAGS.join(', ')})`;
        out.status = s;
      } else if (allowOffice) out.office = value;
      else return 'this command takes no office';
      continue;
    }
    if (kv && kv[1] !== undefined && kv[2] !== undefined) {
      const key = kv[1].toLowerCase();
      if (key === 'status' || key === '状态') {
        const s = parseStatus(kv[2]);
        if (!s) return `unknown status "${kv[2]}" (one of ${STATUS_FLAGS.join(', ')})`;
        out.status = s;
      } else if (allowOffice) out.office = kv[2];
      else return 'this command takes no office';
      continue;
    }
    const s = parseStatus(t);
    if (s && out.status === undefined) out.status = s;
    else out.rest.push(t);
  }
  return out;
}

/**
 * One input line → what to do. Lines not starting with "/" are questions; "" and "more" continue
 * a paged answer (the runner decides whether one is pending).
 */
export function parseChatLine(line: string): ChatCommand {
  const text = line.trim();
  if (text === '' || /^(more|m|更多)$/i.test(text)) return { kind: 'more' };
  if (!text.startsWith('/')) return { kind: 'ask', question: text };
  const [head = '', ...tokens] = tokenize(text.slice(1));
  const name = head.toLowerCase();
  switch (name) {
    case 'ask': {
      const question = text.slice(1 + head.length).trim();
      return question ? { kind: 'ask', question } : { kind: 'error', message: 'usage: /ask <question>' };
    }
    case 'dept': {
      const p = parseArgs(tokens, true);
      if (typeof p === 'string') return { kind: 'error', message: p };
      if (p.rest.length === 0) return { kind: 'error', message: 'usage: /dept <department> [status] [office=<office>]' };
      return { kind: 'dept', unit: p.rest.join(' '), ...(p.office ? { office: p.office } : {}), ...(p.status ? { status: p.status } : {}) };
    }
    case 'count': {
      const p = parseArgs(tokens, false);
      if (typeof p === 'string') return { kind: 'error', message: p };
      return { kind: 'count', ...(p.rest.length ? { unit: p.rest.join(' ') } : {}), ...(p.status ? { status: p.status } : {}) };
    }
    case 'postponed': {
      const unit = tokens.join(' ').trim();
      return { kind: 'postponed', ...(unit ? { unit } : {}) };
    }
    case 'row': {
      const id = tokens[0];
      if (!id || tokens.length > 1) return { kind: 'error', message: 'usage: /row <id>, e.g. /row A-a-1.1-01' };
      return { kind: 'row', id };
    }
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'quit':
    case 'exit':
    case 'q':
      return { kind: 'quit' };
    default:
      return { kind: 'error', message: `unknown command /${head}; /help lists them` };
  }
}

/** Splits long text into screens of `lines` lines. */
export function paginateLines(text: string, lines: number): string[] {
  const all = text.split('\n');
  const size = Math.max(1, lines);
  const pages: string[] = [];
  for (let i = 0; i < all.length; i += size) pages.push(all.slice(i, i + size).join('\n'));
  return pages.length ? pages : [''];
}

export interface TerminalChatOptions {
  queries: ReportQueries;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Prompt and page long answers. Default: whether input is a TTY; piped input prints everything. */
  interactive?: boolean;
  /** Lines per screen when interactive. */
  pageLines?: number;
  /** Conversation id (default: one per process). */
  conversation?: string;
  /** Labels for /row. */
  language?: Language;
}


/** Runs until /quit, Ctrl+C or end of input. */
export async function runTerminalChat(options: TerminalChatOptions): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive = options.interactive ?? Boolean((input as { isTTY?: boolean }).isTTY);
  const pageLines = options.pageLines ?? Math.max(10, ((output as { rows?: number }).rows ?? 30) - 3);
  const language = options.language ?? 'zh';
  // The terminal session is one conversation.
  const turn = { conversation: options.conversation ?? `terminal-${process.pid}` };
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

  const handle = async (command: ChatCommand): Promise<boolean> => {
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
        const record = options.queries.row(command.id);
        show(record ? recordToText(record, language) : `no output with id ${command.id} (ids look like A-a-1.1-01)`);
        return true;
      }
      case 'ask':
        show(answerText(await options.queries.ask(command.question, turn)));
        return true;
      case 'dept':
        show(answerText(await options.queries.command(command, turn)));
        return true;
      case 'count':
        show(answerText(await options.queries.command(command, turn)));
        return true;
      case 'postponed':
        show(answerText(await options.queries.command(command, turn)));
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
        keepGoing = await handle(command);
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
