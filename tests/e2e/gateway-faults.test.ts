// `npm start` as a process against the emulator when Discord refuses the gateway for good: the bot must exit
// non-zero with one line saying what to fix (not stay "ready" answering nothing), and a restart must wait
// before identifying again. Also: an unsharded connection over 2,500 guilds is refused with 4011.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKOFF_FILE } from '../../bot/gateway/identify-backoff.ts';
import { startApp, type Child } from '../http/helpers.ts';
import { startDiscordEmulator, type DiscordEmulator } from './emulator/index.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function setup(opts: { guildCount?: number } = {}): Promise<{ emu: DiscordEmulator; dataDir: string; start: (extra?: Record<string, string>) => Child }> {
  const emu = await startDiscordEmulator({ heartbeatIntervalMs: 500, ...opts });
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-faults-'));
  cleanup.push(() => emu.close(), () => rmSync(dataDir, { recursive: true, force: true }));
  const start = (extra: Record<string, string> = {}) => {
    const child = startApp('app/main.ts', {
      DISCORD_TOKEN: emu.token,
      DISCORD_CLIENT_ID: emu.applicationId,
      DISCORD_API_URL: emu.restBase,
      DATA_DIR: dataDir,
      // Long enough that the restart below still falls inside it (the wait counts from the failure).
      IDENTIFY_BACKOFF_SECONDS: '4',
      ...extra,
    });
    cleanup.push(() => {
      if (child.proc.exitCode === null) child.proc.kill('SIGKILL');
    });
    return child;
  };
  return { emu, dataDir, start };
}

const failures = (dataDir: string) => JSON.parse(readFileSync(join(dataDir, BACKOFF_FILE), 'utf8')) as { failures: number; lastCode: number };

describe('fatal gateway closes', () => {
  it('exits 1 with one clear line when Discord refuses a re-identify after ready (4014), and backs off on restart', async () => {
    const { emu, dataDir, start } = await setup();
    const first = start();
    await first.waitForOutput(/connected to Discord/, 60_000);
    // The Message Content intent was switched off in the portal: the next IDENTIFY is refused.
    emu.failIdentify(4014, { reason: 'Disallowed intent(s).' });
    await emu.dropConnection({ code: 1000 });
    expect(await first.exited).toBe(1);
    const lines = first.output().split('\n').filter((l) => l.includes('Discord closed the gateway'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Discord closed the gateway: 4014 disallowed intents — enable the Message Content intent in the Developer Portal');
    expect(failures(dataDir)).toMatchObject({ failures: 1, lastCode: 4014 });

    // The supervisor restarts it at once: it waits before identifying, then fails the same way.
    const identifiesBefore = emu.gateway.received.filter((f) => f.op === 2).length;
    const second = start();
    await second.waitForOutput(/waiting [1-4] s before identifying: the gateway refused the last 1 start/, 60_000);
    expect(await second.exited).toBe(1);
    expect(emu.gateway.received.filter((f) => f.op === 2).length).toBe(identifiesBefore + 1);
    expect(failures(dataDir)).toMatchObject({ failures: 2, lastCode: 4014 });
    expect(first.output() + second.output()).not.toContain(emu.token);
  }, 90_000);

  it('a successful READY clears the recorded failures', async () => {
    const { emu, dataDir, start } = await setup();
    emu.failIdentify(4004, { times: 1 });
    const first = start();
    expect(await first.exited).toBe(1);
    expect(first.output()).toContain('Discord closed the gateway: 4004 authentication failed');
    const second = start();
    await second.waitForOutput(/connected to Discord/, 60_000);
    await emu.waitFor(() => !existsSync(join(dataDir, BACKOFF_FILE)), 5_000, 'the failure record to be cleared');
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 60_000);

  it('a token the REST API refuses (401 before any gateway connection) is one line too', async () => {
    const { start } = await setup();
    const child = start({ DISCORD_TOKEN: 'not-the-emulator-token' });
    expect(await child.exited).toBe(1);
    const out = child.output().trim().split('\n');
    expect(out.at(-1)).toBe('Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the current token from the Developer Portal (Bot → Reset Token)');
    expect(child.output()).not.toContain('not-the-emulator-token');
  });

  it('an unsharded bot in 3,000 guilds is closed with 4011 and exits 1 saying SHARDS=auto', async () => {
    const { emu, start } = await setup({ guildCount: 3_000 });
    const child = start();
    expect(await child.exited).toBe(1);
    expect(child.output()).toMatch(/Discord closed the gateway: 4011 sharding required — [^\n]*set SHARDS=auto/);
    expect(emu.gateway.connections.map((c) => c.closeCode)).toContain(4011);
  });
});
