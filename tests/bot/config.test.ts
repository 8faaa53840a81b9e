import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigOrExit, parseConfig } from '../../bot/gateway/config.ts';
import { UserError } from '../../config/errors.ts';
import { createLogger } from '../../bot/logger.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.secret-token-value_0123456789';
const CLIENT = '123456789012345678';

function configError(env: Record<string, string | undefined>): UserError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('config', () => {
  it('a bad setting of any entry point is the one UserError: the variable named, in both languages, an expected failure', async () => {
    const { parseHttpConfig } = await import('../../bot/http/config.ts');
    const { resolveDataPaths } = await import('../../config/env.ts');
    const { isExpectedFailure } = await import('../../app/errors.ts');
    const errors = [
      configError({ PAGINATION_TIMEOUT_SECONDS: '2' }),
      (() => { try { parseHttpConfig({}); } catch (e) { return e; } })(),
      (() => { try { resolveDataPaths({ REPORT_PATH: 'no-such-report.txt' }); } catch (e) { return e; } })(),
    ];
    for (const e of errors) {
      expect(e).toBeInstanceOf(UserError);
      const u = e as UserError;
      expect(u.in('en')).toMatch(/^Invalid configuration: [A-Z_]+ /);
      expect(u.in('zh')).toMatch(/^配置无效：[A-Z_]+ /);
      expect(isExpectedFailure(u)).toBe(true);
    }
    expect(errors[0]).toMatchObject({ variable: 'PAGINATION_TIMEOUT_SECONDS' });
  });

  it('runs as terminal chat without a token, with defaults', () => {
    expect(parseConfig({})).toEqual({ token: undefined, clientId: undefined, guildId: undefined, logLevel: 'info', paginationTimeoutMs: 600_000, identifyBackoffMs: 5_000 });
    expect(parseConfig({ DISCORD_TOKEN: '', DISCORD_CLIENT_ID: '  ', LOG_LEVEL: '' }).token).toBeUndefined();
  });

  it('accepts a full Discord configuration', () => {
    expect(parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: CLIENT, DISCORD_GUILD_ID: '876543210987654321', LOG_LEVEL: 'DEBUG', PAGINATION_TIMEOUT_SECONDS: '120' })).toEqual({
      token: TOKEN,
      clientId: CLIENT,
      guildId: '876543210987654321',
      logLevel: 'debug',
      paginationTimeoutMs: 120_000,
      identifyBackoffMs: 5_000,
    });
  });

  it('reads SHARDS (auto or a count) and the REST URL override, one line for a bad value', () => {
    expect(parseConfig({ SHARDS: 'AUTO' }).shards).toBe('auto');
    expect(parseConfig({ SHARDS: '3', DISCORD_API_URL: 'http://127.0.0.1:9/api' })).toMatchObject({ shards: 3, apiUrl: 'http://127.0.0.1:9/api' });
    expect(() => parseConfig({ SHARDS: 'many' })).toThrow('Invalid configuration: SHARDS must be auto or a number of shards (1-1000)');
    expect(() => parseConfig({ SHARDS: '0' })).toThrow(/^Invalid configuration: SHARDS/);
  });

  it('names every bad setting in one run, one line each', () => {
    expect(() => parseConfig({ SHARDS: 'many', IDENTIFY_BACKOFF_SECONDS: '-1' })).toThrow(/^Invalid configuration: SHARDS .*\nInvalid configuration: IDENTIFY_BACKOFF_SECONDS /);
  });

  it.each([
    [{ DISCORD_TOKEN: TOKEN }, 'DISCORD_CLIENT_ID'],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: 'my-app' }, 'DISCORD_CLIENT_ID'],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: CLIENT, DISCORD_GUILD_ID: '12345' }, 'DISCORD_GUILD_ID'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ PAGINATION_TIMEOUT_SECONDS: 'ten' }, 'PAGINATION_TIMEOUT_SECONDS'],
    [{ PAGINATION_TIMEOUT_SECONDS: '3600' }, 'PAGINATION_TIMEOUT_SECONDS'],
    [{ DISCORD_TOKEN: 'abc def ghi', DISCORD_CLIENT_ID: CLIENT }, 'DISCORD_TOKEN'],
  ])('names the bad variable in one line: %j', (env, variable) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain('abc def ghi');
  });

  it('prints one line and exits 1 on a bad value, never printing the token', () => {
    const lines: string[] = [];
    let code: number | undefined;
    expect(() =>
      loadConfigOrExit({
        env: { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: 'nope' },
        stderr: (l) => lines.push(l),
        exit: (c) => {
          code = c;
          throw new Error('exit');
        },
      }),
    ).toThrow('exit');
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('DISCORD_CLIENT_ID');
    expect(lines.join('')).not.toContain(TOKEN);
  });

  it('npm start exits 1 with one line naming the variable', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'bot-config-')); // no .env here
    const tsx = resolve('node_modules/.bin/tsx');
    const run = spawnSync(tsx, [resolve('app/main.ts')], {
      cwd,
      env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: '42' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    const out = run.stderr.trim().split('\n');
    expect(out).toEqual([expect.stringContaining('DISCORD_CLIENT_ID')]);
    expect(run.stderr + run.stdout).not.toContain(TOKEN);
  });
});

describe('logger', () => {
  it('redacts the token from messages, context and errors, and filters by level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', secrets: [TOKEN], write: (l) => lines.push(l) });
    log.debug('hidden');
    log.info(`login with ${TOKEN}`, { headers: { authorization: `Bot ${TOKEN}` } });
    log.child({ command: 'ask' }).error('failed', { error: new Error(`bad token ${TOKEN}`) });
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(lines[0]).toContain('[REDACTED]');
    expect(lines[1]).toMatch(/ERROR failed \{"command":"ask","error":\{"name":"Error","message":"bad token \[REDACTED\]"/);
  });
});
