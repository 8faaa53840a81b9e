// Configuration of `npm run serve:http`, validated once at start: every bad or missing value is reported at
// once, one line each naming the variable (never its value: the token and key are secrets), then exit 1.
import { z } from 'zod';
import { configErrors } from '../../config/errors.ts';
import { LOG_LEVELS, type LogLevel } from '../logger.ts';

const blank = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const Schema = z.object({
  DISCORD_PUBLIC_KEY: z.preprocess(
    blank,
    z.string({ error: 'is required (the application\'s "Public Key" in the Developer Portal, 64 hex characters)' }).regex(/^[0-9a-fA-F]{64}$/, { error: 'must be 64 hex characters (the application\'s "Public Key")' }),
  ),
  DISCORD_APPLICATION_ID: z.preprocess(blank, z.string({ error: 'is required (the application id)' }).regex(/^\d{17,20}$/, { error: 'must be a Discord snowflake (17-20 digits)' })),
  DISCORD_TOKEN: z.preprocess(blank, z.string({ error: 'is required' }).regex(/^\S+$/, { error: 'must not contain whitespace' })),
  PORT: z.preprocess(blank, z.coerce.number({ error: 'must be a port number' }).int({ error: 'must be a whole number' }).min(0, { error: 'must be 0-65535' }).max(65535, { error: 'must be 0-65535' }).default(8787)),
  HOST: z.preprocess(blank, z.string().default('0.0.0.0')),
  // Where @discordjs/rest sends webhook calls (without /v10). Only tests and local stubs change it.
  DISCORD_API_URL: z.preprocess(blank, z.url({ error: 'must be a URL such as https://discord.com/api' }).optional()),
  SIGNATURE_MAX_AGE_SECONDS: z.preprocess(blank, z.coerce.number({ error: 'must be a number of seconds' }).int().min(5, { error: 'must be at least 5' }).max(3600, { error: 'must be at most 3600' }).default(300)),
  SHUTDOWN_GRACE_SECONDS: z.preprocess(blank, z.coerce.number({ error: 'must be a number of seconds' }).min(0).max(900, { error: 'must be at most 900 (tokens expire after 15 minutes)' }).default(30)),
  // After SIGTERM /healthz fails at once but requests are still served this long, so a load balancer can take
  // the replica out of rotation (a few health-check intervals) before it stops accepting connections.
  HTTP_SHUTDOWN_GRACE_SECONDS: z.preprocess(
    blank,
    z.coerce.number({ error: 'must be a number of seconds' }).min(0, { error: 'must be at least 0' }).max(300, { error: 'must be at most 300' }).default(10),
  ),
  HTTP_MAX_CONNECTIONS: z.preprocess(
    blank,
    z.coerce.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(100_000, { error: 'must be at most 100000' }).default(256),
  ),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof blank(v) === 'string' ? String(v).trim().toLowerCase() : undefined),
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
});

export interface HttpConfig {
  publicKey: string;
  applicationId: string;
  token: string;
  port: number;
  host: string;
  apiUrl: string | undefined;
  signatureMaxAgeSeconds: number;
  /** After SIGTERM, how long follow-ups in flight may take once new connections are refused. */
  shutdownGraceMs: number;
  /** After SIGTERM, how long requests are still served while /healthz already fails. */
  serveAfterSigtermMs: number;
  maxConnections: number;
  logLevel: LogLevel;
}

export function parseHttpConfig(env: Readonly<Record<string, string | undefined>>): HttpConfig {
  const keys = Object.keys(Schema.shape) as (keyof typeof Schema.shape)[];
  const result = Schema.safeParse(Object.fromEntries(keys.map((k) => [k, env[k]])));
  if (!result.success) throw configErrors(result.error.issues);
  const e = result.data;
  return {
    publicKey: e.DISCORD_PUBLIC_KEY,
    applicationId: e.DISCORD_APPLICATION_ID,
    token: e.DISCORD_TOKEN,
    port: e.PORT,
    host: e.HOST,
    apiUrl: e.DISCORD_API_URL,
    signatureMaxAgeSeconds: e.SIGNATURE_MAX_AGE_SECONDS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    serveAfterSigtermMs: e.HTTP_SHUTDOWN_GRACE_SECONDS * 1000,
    maxConnections: e.HTTP_MAX_CONNECTIONS,
    logLevel: e.LOG_LEVEL,
  };
}
