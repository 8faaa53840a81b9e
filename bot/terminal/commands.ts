// The text adapter's parser: a typed line ("/count 外勤部 status:below_plan", "/dept OIOS 推迟 office=…", a
// question) becomes the command name and options a slash command carries, checked against that command's own
// registration JSON (required options, max lengths, choices) as Discord checks them before they reach the bot.
// So the terminal chat and `npm run ask` run the same command modules as the gateway and the HTTP endpoint.
// A few things exist only in a terminal (/export to a file, /chart, /quit, paging, numbered choices).
import type { APIApplicationCommandOption } from 'discord.js';
import { STATUS_FLAGS, type StatusFlag } from '../../store/schema.ts';
import type { SlashCommand } from '../commands/types.ts';
import type { OptionValue } from '../interactions/types.ts';

export type TextLine =
  /** Through the dispatcher, as a slash command with these options. */
  | { kind: 'command'; name: string; options: Record<string, OptionValue> }
  /** /export file.csv: the dispatcher's /export, its CSV written to `file`. */
  | { kind: 'export'; file: string }
  | { kind: 'chart'; file: string }
  /** "1", "2", "3": a numbered next step of the last answer (when it offered some; else it is a question). */
  | { kind: 'choice'; index: number }
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

/** Option names as people type them in Chinese. */
const OPTION_ALIASES: Record<string, string> = { 状态: 'status', 办事处: 'office', 部门: 'department', 编号: 'id', 问题: 'question' };

const usage = (command: SlashCommand): string => {
  const opts = (command.data.options ?? []).map((o) => ('required' in o && o.required ? `<${o.name}>` : `[${o.name}]`));
  return `用法 / usage: /${command.data.name}${opts.length ? ' ' + opts.join(' ') : ''}`;
};

type StringishOption = APIApplicationCommandOption & { max_length?: number; choices?: { value: string | number }[]; required?: boolean };

/** A typed value for `option`, or an error line; statuses go through their aliases ("推迟" → postponed). */
function optionValue(option: StringishOption, typed: string): OptionValue | { error: string } {
  if (option.type === 5) {
    if (/^(true|yes|1|是)$/i.test(typed)) return true;
    if (/^(false|no|0|否)$/i.test(typed)) return false;
    return { error: `${option.name}: true / false` };
  }
  const value = option.name === 'status' ? (parseStatus(typed) ?? typed) : typed;
  if (option.choices && !option.choices.some((c) => c.value === value)) {
    return { error: `未知的 ${option.name} / unknown ${option.name} "${typed}" (${option.choices.map((c) => c.value).join(', ')})` };
  }
  return value;
}

/**
 * Options from tokens: `name:value`, `name=value`, `--name value`, a bare status word for a command with a
 * status option, and the remaining words as the command's first option (the department, the id).
 */
function readOptions(command: SlashCommand, tokens: string[]): Record<string, OptionValue> | { error: string } {
  const declared = (command.data.options ?? []) as StringishOption[];
  const byName = new Map(declared.map((o) => [o.name, o]));
  const out: Record<string, OptionValue> = {};
  const rest: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const kv = /^(?:--)?([^:=：\s]+)[:=：](.+)$/.exec(t);
    const flag = /^--(\S+)$/.exec(t);
    const name = kv ? (OPTION_ALIASES[kv[1]!] ?? kv[1]!.toLowerCase()) : flag ? (OPTION_ALIASES[flag[1]!] ?? flag[1]!.toLowerCase()) : null;
    const option = name ? byName.get(name) : undefined;
    if (kv && option) {
      const v = optionValue(option, kv[2]!);
      if (typeof v === 'object') return v;
      out[option.name] = v;
    } else if (flag && option) {
      const typed = tokens[++i];
      if (typed === undefined) return { error: `--${option.name} 需要一个值 / needs a value` };
      const v = optionValue(option, typed);
      if (typeof v === 'object') return v;
      out[option.name] = v;
    } else if (flag) {
      return { error: `/${command.data.name} 没有 ${t} 选项 / has no option ${t}` };
    } else if (byName.has('status') && out.status === undefined && parseStatus(t)) {
      out.status = parseStatus(t)!;
    } else rest.push(t);
  }
  const first = declared[0];
  if (rest.length > 0) {
    if (!first || first.name in out) return { error: usage(command) };
    out[first.name] = rest.join(' ');
  }
  return out;
}

/** What Discord refuses before a command reaches the bot: a missing required option, a value over max_length. */
export function checkOptions(command: SlashCommand, options: Record<string, OptionValue>): string | null {
  for (const o of (command.data.options ?? []) as StringishOption[]) {
    const v = options[o.name];
    if (o.required && (v === undefined || v === '')) return usage(command);
    if (typeof v === 'string' && o.max_length !== undefined && v.length > o.max_length) {
      return `${o.name} 太长（${v.length} 个字符，最多 ${o.max_length}）/ too long (${v.length} characters, at most ${o.max_length})`;
    }
  }
  return null;
}

/** Commands whose terminal form differs from the slash command (a file to write, a local help text). */
const TERMINAL_ONLY = new Set(['export', 'chart', 'help', '?', 'quit', 'exit', 'q']);

/**
 * One input line → what to do. Lines not starting with "/" are questions (/ask); "" and "more" continue a
 * paged answer; a lone digit may pick a next step (the caller knows whether one is offered).
 */
export function parseTextLine(line: string, commands: ReadonlyMap<string, SlashCommand>): TextLine {
  const text = line.trim();
  if (text === '' || /^(more|m|更多)$/i.test(text)) return { kind: 'more' };
  if (/^[1-9]$/.test(text)) return { kind: 'choice', index: Number(text) - 1 };
  const command = (name: string, options: Record<string, OptionValue>): TextLine => {
    const c = commands.get(name);
    if (!c) return { kind: 'error', message: `未知命令 /${name}；/help 列出全部命令 / unknown command /${name}; /help lists them` };
    const problem = checkOptions(c, options);
    return problem ? { kind: 'error', message: problem } : { kind: 'command', name, options };
  };
  if (!text.startsWith('/')) return command('ask', { question: text });
  const head = /^\/(\S*)/.exec(text)?.[1] ?? '';
  const name = head.toLowerCase();
  const tail = text.slice(1 + head.length).trim();
  if (TERMINAL_ONLY.has(name)) {
    if (name === 'help' || name === '?') return { kind: 'help' };
    if (name === 'quit' || name === 'exit' || name === 'q') return { kind: 'quit' };
    const file = tokenize(tail).join(' ');
    if (!file) return { kind: 'error', message: `用法 / usage: /${name} <file.${name === 'export' ? 'csv' : 'png'}>` };
    return name === 'export' ? { kind: 'export', file } : { kind: 'chart', file };
  }
  // A question is taken whole: its quotes and colons are words, not options.
  if (name === 'ask') return command('ask', tail ? { question: tail } : {});
  const c = commands.get(name);
  if (!c) return command(name, {});
  const options = readOptions(c, tokenize(tail));
  return 'error' in options ? { kind: 'error', message: String(options.error) } : command(name, options);
}
