// Picks and opens the state backend from the environment. The configuration is validated here, once, so a
// wrong value stops the bot at start with one line naming the variable (the same form as bot/config.ts).
import { resolve } from 'node:path';
import { z } from 'zod';
import { MemoryStateStore } from './memory.ts';
import { openResilient, type ResilientStateStore } from './resilient.ts';
import { DEFAULT_REDIS_PREFIX, openRedisStateStore } from './redis.ts';
import { SqliteStateStore } from './sqlite.ts';
import type { StateLog, StateStore } from './types.ts';

export const STATE_BACKENDS = ['sqlite', 'redis', 'memory'] as const;

export type StateConfig =
  | { backend: 'sqlite'; path: string }
  | { backend: 'redis'; url: string; prefix: string }
  | { backend: 'memory' };

export class StateConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'StateConfigError';
  }
}

// Empty strings count as "not set", as in bot/config.ts: `.env.example` is copied with blank lines.
const blank = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const trimmed = z.preprocess(blank, z.string().trim().optional());

const StateEnvSchema = z
  .object({
    STATE_BACKEND: z.preprocess(
      (v) => (typeof blank(v) === 'string' ? String(v).trim().toLowerCase() : undefined),
      z.enum(STATE_BACKENDS, { error: `must be one of ${STATE_BACKENDS.join(', ')}` }).optional(),
    ),
    STATE_PATH: trimmed,
    DATA_DIR: trimmed,
    // The message never echoes the URL: it may hold a password.
    REDIS_URL: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .refine((v) => /^rediss?:\/\/[^\s]+$/.test(v) && URL.canParse(v), {
          error: 'must be a redis:// or rediss:// URL (e.g. redis://127.0.0.1:6379)',
        })
        .optional(),
    ),
    REDIS_PREFIX: z.preprocess(blank, z.string().regex(/^\S+$/, { error: 'must not contain whitespace' }).optional()),
  })
  .superRefine((env, ctx) => {
    if (env.STATE_BACKEND === 'redis' && env.REDIS_URL === undefined) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'is required when STATE_BACKEND=redis' });
    }
  });

export type EnvSource = Readonly<Record<string, string | undefined>>;

/**
 * The state configuration from the environment: STATE_BACKEND (default sqlite, or redis when REDIS_URL is
 * set and STATE_BACKEND is not), STATE_PATH (default <DATA_DIR>/state.sqlite), REDIS_URL, REDIS_PREFIX.
 * Throws a StateConfigError naming the first bad variable.
 */
export function parseStateConfig(env: EnvSource): StateConfig {
  const result = StateEnvSchema.safeParse({
    STATE_BACKEND: env.STATE_BACKEND,
    STATE_PATH: env.STATE_PATH,
    DATA_DIR: env.DATA_DIR,
    REDIS_URL: env.REDIS_URL,
    REDIS_PREFIX: env.REDIS_PREFIX,
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new StateConfigError(String(issue?.path[0] ?? 'environment'), issue?.message ?? 'is invalid');
  }
  const e = result.data;
  const backend = e.STATE_BACKEND ?? (e.REDIS_URL !== undefined ? 'redis' : 'sqlite');
  switch (backend) {
    case 'memory':
      return { backend };
    case 'redis':
      return { backend, url: e.REDIS_URL!, prefix: e.REDIS_PREFIX ?? DEFAULT_REDIS_PREFIX };
    case 'sqlite':
      return { backend, path: resolve(e.STATE_PATH ?? resolve(e.DATA_DIR ?? 'data', 'state.sqlite')) };
  }
}

export interface OpenStateOptions {
  log?: StateLog;
  /** Clock for the memory and SQLite backends (tests). */
  now?: () => number;
}

export async function openStateStore(config: StateConfig, options: OpenStateOptions = {}): Promise<StateStore> {
  switch (config.backend) {
    case 'memory':
      return new MemoryStateStore(options);
    case 'sqlite':
      return new SqliteStateStore({ path: config.path, ...options });
    case 'redis':
      return openRedisStateStore({ url: config.url, prefix: config.prefix, log: options.log });
  }
}

/** Start-up convenience: parse the environment and open the store it names. */
export async function openStateStoreFromEnv(env: EnvSource = process.env, options: OpenStateOptions = {}): Promise<StateStore> {
  return openStateStore(parseStateConfig(env), options);
}

export interface ResilientStateOptions extends OpenStateOptions {
  /** Per-call deadline and retry interval on the request path (state/resilient.ts has the defaults). */
  timeoutMs?: number;
  retryIntervalMs?: number;
}

/**
 * For the long-running processes (npm start, serve:http): the configured store behind the wrapper that keeps
 * answers flowing when the store fails, including when it cannot be opened at all (the bot then starts
 * degraded, says so in one line, and keeps retrying).
 */
export function openResilientStateStore(config: StateConfig, options: ResilientStateOptions = {}): Promise<ResilientStateStore> {
  const { timeoutMs, retryIntervalMs, ...openOptions } = options;
  return openResilient(() => openStateStore(config, openOptions), {
    backend: config.backend,
    ...(options.log ? { log: options.log } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(retryIntervalMs !== undefined ? { retryIntervalMs } : {}),
  });
}
