import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStateStore, openStateStoreFromEnv, parseStateConfig, StateConfigError } from '../../state/open.ts';

const dir = mkdtempSync(join(tmpdir(), 'state-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseStateConfig', () => {
  it('defaults to SQLite at data/state.sqlite', () => {
    expect(parseStateConfig({})).toEqual({ backend: 'sqlite', path: resolve('data/state.sqlite') });
  });

  it('puts the SQLite file in DATA_DIR, unless STATE_PATH says where', () => {
    expect(parseStateConfig({ DATA_DIR: '/srv/bot-data' })).toEqual({ backend: 'sqlite', path: '/srv/bot-data/state.sqlite' });
    expect(parseStateConfig({ DATA_DIR: '/srv/bot-data', STATE_PATH: 'elsewhere/s.db' })).toEqual({
      backend: 'sqlite',
      path: resolve('elsewhere/s.db'),
    });
  });

  it('chooses Redis when REDIS_URL is set and STATE_BACKEND is not', () => {
    expect(parseStateConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toEqual({
      backend: 'redis',
      url: 'redis://127.0.0.1:6379',
      prefix: 'pkbot:',
    });
    expect(parseStateConfig({ REDIS_URL: 'rediss://h:6380/2', REDIS_PREFIX: 'bot2:' })).toMatchObject({ prefix: 'bot2:' });
  });

  it('lets STATE_BACKEND win over REDIS_URL, whatever its case, and treats blanks as unset', () => {
    expect(parseStateConfig({ STATE_BACKEND: ' SQLite ', REDIS_URL: 'redis://127.0.0.1:6379' }).backend).toBe('sqlite');
    expect(parseStateConfig({ STATE_BACKEND: 'memory', REDIS_URL: 'redis://127.0.0.1:6379' })).toEqual({ backend: 'memory' });
    expect(parseStateConfig({ STATE_BACKEND: '', REDIS_URL: '  ', STATE_PATH: '' })).toEqual({
      backend: 'sqlite',
      path: resolve('data/state.sqlite'),
    });
  });

  it.each([
    [{ STATE_BACKEND: 'postgres' }, 'STATE_BACKEND', 'must be one of sqlite, redis, memory'],
    [{ STATE_BACKEND: 'redis' }, 'REDIS_URL', 'is required when STATE_BACKEND=redis'],
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL', 'must be a redis:// or rediss:// URL'],
    [{ REDIS_URL: 'redis://:pa ss@127.0.0.1' }, 'REDIS_URL', 'must be a redis:// or rediss:// URL'],
    [{ REDIS_URL: 'redis://127.0.0.1', REDIS_PREFIX: 'a b' }, 'REDIS_PREFIX', 'must not contain whitespace'],
  ])('%o gives one line naming %s', (env, variable, detail) => {
    let error: unknown;
    try {
      parseStateConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StateConfigError);
    expect((error as StateConfigError).variable).toBe(variable);
    expect((error as Error).message.startsWith(`Invalid configuration: ${variable} ${detail}`)).toBe(true);
    expect((error as Error).message).not.toContain('\n');
    expect((error as Error).message).not.toContain('pa ss');
  });
});

describe('openStateStore', () => {
  it('opens the memory backend', async () => {
    const store = await openStateStore({ backend: 'memory' });
    expect(store.backend).toBe('memory');
    await store.set('settings', 'k', 1);
    expect(await store.get('settings', 'k')).toBe(1);
    await store.close();
  });

  it('opens the SQLite backend from the environment, creating DATA_DIR/state.sqlite', async () => {
    const dataDir = join(dir, 'data');
    const store = await openStateStoreFromEnv({ DATA_DIR: dataDir });
    expect(store.backend).toBe('sqlite');
    await store.set('settings', 'k', 'v');
    await store.close();
    expect(existsSync(join(dataDir, 'state.sqlite'))).toBe(true);
    const again = await openStateStoreFromEnv({ DATA_DIR: dataDir });
    expect(await again.get('settings', 'k')).toBe('v');
    await again.close();
  });
});
