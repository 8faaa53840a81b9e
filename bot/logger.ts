// A small leveled logger for the bot. Lines go to stderr so that the terminal chat's stdout stays clean
// answer text (pipeable), and every line passes through redaction so neither the bot token nor an
// interaction token can reach a log.

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogContext = Record<string, unknown>;

export interface Logger {
  debug(message: string, context?: LogContext): void;
  info(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  error(message: string, context?: LogContext): void;
  /** A logger that adds `context` to every line (e.g. the interaction being handled). */
  child(context: LogContext): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Strings that must never be written (the bot token). Short strings are ignored: redacting "a" would mangle everything. */
  secrets?: readonly (string | undefined)[];
  /** Where finished lines go; stderr by default. Tests capture lines here. */
  write?: (line: string) => void;
  now?: () => Date;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const REDACTED = '[REDACTED]';

// Interaction tokens are bearer credentials for 15 minutes (edit, delete, follow up as the bot) and show up
// in REST error URLs and payload dumps. They are per interaction, so they cannot be listed as secrets up
// front; these patterns catch them wherever they appear: callback and webhook URLs (also percent-encoded or
// with the /api/v10 prefix) and a "token" field in logged JSON.
const TOKEN_PATTERNS: readonly [RegExp, string][] = [
  [/(\/interactions\/\d+\/)[^/?#\s"']+/g, `$1${REDACTED}`],
  [/(\/webhooks\/\d+\/)[^/?#\s"']+/g, `$1${REDACTED}`],
  [/("(?:token|interaction_token)"\s*:\s*")[^"]*(")/gi, `$1${REDACTED}$2`],
];

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of TOKEN_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function serializeError(error: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { name: error.name, message: error.message };
  // discord.js API errors carry the HTTP status and Discord's error code, which are what an operator needs.
  const extra = error as Error & { code?: unknown; status?: unknown; method?: unknown; url?: unknown };
  if (extra.code !== undefined) out.code = extra.code;
  if (extra.status !== undefined) out.status = extra.status;
  if (extra.method !== undefined) out.method = extra.method;
  if (extra.url !== undefined) out.url = extra.url;
  if (error.stack) out.stack = error.stack;
  return out;
}

function stringifyContext(context: LogContext): string {
  const seen = new WeakSet<object>();
  try {
    return JSON.stringify(context, (_key, value: unknown) => {
      if (value instanceof Error) return serializeError(value);
      if (typeof value === 'bigint') return value.toString();
      if (value !== null && typeof value === 'object') {
        if (seen.has(value)) return '[Circular]';
        seen.add(value);
      }
      return value;
    });
  } catch {
    return '"[unserializable context]"';
  }
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = RANK[options.level ?? 'info'];
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 6);
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const now = options.now ?? (() => new Date());

  const make = (bound: LogContext): Logger => {
    const emit = (level: LogLevel, message: string, context?: LogContext): void => {
      if (RANK[level] < threshold) return;
      const merged = context ? { ...bound, ...context } : bound;
      const ctx = Object.keys(merged).length > 0 ? ' ' + stringifyContext(merged) : '';
      const line = `${now().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}${ctx}`;
      write(redact(line, secrets));
    };
    return {
      debug: (m, c) => emit('debug', m, c),
      info: (m, c) => emit('info', m, c),
      warn: (m, c) => emit('warn', m, c),
      error: (m, c) => emit('error', m, c),
      child: (c) => make({ ...bound, ...c }),
    };
  };
  return make({});
}

/** For tests and embedding: a logger that drops everything. */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => {} });
