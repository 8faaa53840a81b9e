// The terminal chat's command syntax ("/dept 法律事务厅 postponed", "/export out.csv"): pure parsing, no I/O,
// so it is testable and could serve any other text front end.
import { STATUS_FLAGS, type StatusFlag } from '../../store/schema.ts';

export type ChatCommand =
  | { kind: 'ask'; question: string }
  | { kind: 'dept'; unit: string; office?: string; status?: StatusFlag }
  | { kind: 'count'; unit?: string; status?: StatusFlag }
  | { kind: 'postponed'; unit?: string }
  | { kind: 'row'; id: string }
  | { kind: 'source'; id: string }
  | { kind: 'export'; file: string }
  | { kind: 'chart'; file: string }
  | { kind: 'reset' }
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
    case 'source': {
      const id = tokens[0];
      if (!id || tokens.length > 1) return { kind: 'error', message: 'usage: /source <id>, e.g. /source A-a-1.1-01' };
      return { kind: 'source', id };
    }
    case 'export':
    case 'chart': {
      const file = tokens.join(' ').trim();
      if (!file) return { kind: 'error', message: `usage: /${name} <file.${name === 'export' ? 'csv' : 'png'}>` };
      return { kind: name, file };
    }
    case 'reset':
      return { kind: 'reset' };
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

