// Bot configuration from the environment, validated once at start-up so that a bad value fails fast with
// one line naming the variable, instead of surfacing later as an opaque Discord or REST error.
import { z } from 'zod';
import { configErrors, UserError } from '../../config/errors.ts';
import { LOG_LEVELS, type LogLevel } from '../logger.ts';

const SNOWFLAKE = /^\d{17,20}$/;

// Empty strings count as "not set": `.env.example` is copied with `DISCORD_TOKEN=` lines left blank.
const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const EnvSchema = z
  .object({
    DISCORD_TOKEN: z.preprocess(
      blankToUndefined,
      // The message must never echo the value: it is a secret.
      z.string({ error: 'must be a string' }).regex(/^\S+$/, { error: 'must not contain whitespace' }).optional(),
    ),
    DISCORD_CLIENT_ID: z.preprocess(
      blankToUndefined,
      z.string().regex(SNOWFLAKE, { error: 'must be a Discord snowflake (17-20 digits)' }).optional(),
    ),
    DISCORD_GUILD_ID: z.preprocess(
      blankToUndefined,
      z.string().regex(SNOWFLAKE, { error: 'must be a Discord snowflake (17-20 digits)' }).optional(),
    ),
    LOG_LEVEL: z.preprocess(
      (v) => (typeof blankToUndefined(v) === 'string' ? String(v).trim().toLowerCase() : undefined),
      z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    ),
    // Discord interaction tokens live 15 minutes; the buttons are disabled through the last click's token,
    // so a timeout above 14 minutes could no longer edit the message it belongs to.
    PAGINATION_TIMEOUT_SECONDS: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: 'must be a number of seconds' })
        .int({ error: 'must be a whole number of seconds' })
        .min(5, { error: 'must be at least 5' })
        .max(840, { error: 'must be at most 840 (Discord interaction tokens expire after 15 minutes)' })
        .default(600),
    ),
    // Where discord.js sends REST calls (without /v10); the gateway URL comes from GET /gateway/bot there.
    // Only tests (the local emulator) and proxies change it.
    DISCORD_API_URL: z.preprocess(blankToUndefined, z.url({ error: 'must be a URL such as https://discord.com/api' }).optional()),
    SHARDS: z.preprocess(
      (v) => (typeof blankToUndefined(v) === 'string' ? String(v).trim().toLowerCase() : undefined),
      z
        .union([z.literal('auto'), z.coerce.number().int().min(1).max(1000)], { error: 'must be auto or a number of shards (1-1000)' })
        .optional(),
    ),
    IDENTIFY_BACKOFF_SECONDS: z.preprocess(
      blankToUndefined,
      z.coerce.number({ error: 'must be a number of seconds' }).min(0, { error: 'must be at least 0' }).max(600, { error: 'must be at most 600' }).default(5),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.DISCORD_TOKEN !== undefined && env.DISCORD_CLIENT_ID === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_CLIENT_ID'],
        message: 'is required when DISCORD_TOKEN is set (the application id from the Developer Portal)',
      });
    }
  });

export interface BotConfig {
  /** Absent: the bot runs as a terminal chat. */
  token: string | undefined;
  clientId: string | undefined;
  /** Present: slash commands are registered for this guild only (instant), else globally. */
  guildId: string | undefined;
  logLevel: LogLevel;
  paginationTimeoutMs: number;
  /** REST base URL override (tests); undefined = Discord. */
  apiUrl?: string | undefined;
  /** SHARDS: undefined = one connection (discord.js default). */
  shards?: 'auto' | number | undefined;
  /** First wait after a fatal gateway close; doubles per consecutive failure (identify-backoff.ts). */
  identifyBackoffMs?: number;
}

export type EnvSource = Readonly<Record<string, string | undefined>>;

/** Validates the environment; throws a UserError naming every bad variable, one line each. */
export function parseConfig(env: EnvSource): BotConfig {
  const picked = {
    DISCORD_TOKEN: env.DISCORD_TOKEN,
    DISCORD_CLIENT_ID: env.DISCORD_CLIENT_ID,
    DISCORD_GUILD_ID: env.DISCORD_GUILD_ID,
    LOG_LEVEL: env.LOG_LEVEL,
    PAGINATION_TIMEOUT_SECONDS: env.PAGINATION_TIMEOUT_SECONDS,
    DISCORD_API_URL: env.DISCORD_API_URL,
    SHARDS: env.SHARDS,
    IDENTIFY_BACKOFF_SECONDS: env.IDENTIFY_BACKOFF_SECONDS,
  };
  const result = EnvSchema.safeParse(picked);
  // Every bad setting at once, one line each, as the HTTP endpoint does.
  if (!result.success) throw configErrors(result.error.issues);
  const e = result.data;
  return {
    token: e.DISCORD_TOKEN,
    clientId: e.DISCORD_CLIENT_ID,
    guildId: e.DISCORD_GUILD_ID,
    logLevel: e.LOG_LEVEL,
    paginationTimeoutMs: e.PAGINATION_TIMEOUT_SECONDS * 1000,
    apiUrl: e.DISCORD_API_URL,
    shards: e.SHARDS,
    identifyBackoffMs: e.IDENTIFY_BACKOFF_SECONDS * 1000,
  };
}

/** `.env` is read the same way by every entry point (config/env.ts). */
export { loadDotEnv } from '../../config/env.ts';

export interface LoadConfigIO {
  env?: EnvSource;
  stderr?: (line: string) => void;
  exit?: (code: number) => never;
}

/** Start-up entry: a config, or one line on stderr naming the variable and exit code 1. */
export function loadConfigOrExit(io: LoadConfigIO = {}): BotConfig {
  const env = io.env ?? process.env;
  const stderr = io.stderr ?? ((line: string) => process.stderr.write(line + '\n'));
  const exit = io.exit ?? ((code: number) => process.exit(code));
  try {
    return parseConfig(env);
  } catch (error) {
    if (error instanceof UserError) {
      stderr(error.message);
      return exit(1);
    }
    throw error;
  }
}
