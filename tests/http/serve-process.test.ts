// `npm run serve:http` as a process: every configuration error is named in one run, one line each; SIGTERM
// sent to npm reaches the endpoint, which fails /healthz at once, keeps serving for its grace, then waits for
// the follow-up of an interaction in flight before exiting 0.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordEmulator, type DiscordEmulator } from '../e2e/emulator/index.ts';
import { rawRequest, startNpmScript, startServeHttp } from './helpers.ts';

let emu: DiscordEmulator;
let dataDir: string;

beforeAll(async () => {
  emu = await startDiscordEmulator();
  dataDir = mkdtempSync(join(tmpdir(), 'serve-http-'));
});
afterAll(async () => {
  await emu?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run serve:http', () => {
  it('exits 1 with one line naming a missing or malformed variable', async () => {
    const missing = startServeHttp({ DISCORD_APPLICATION_ID: emu.applicationId, DISCORD_TOKEN: 't' });
    expect(await missing.exited).toBe(1);
    expect(missing.output().trim()).toMatch(/^Invalid configuration: DISCORD_PUBLIC_KEY is required[^\n]*$/);
    const bad = startServeHttp({ DISCORD_PUBLIC_KEY: 'abc', DISCORD_APPLICATION_ID: emu.applicationId, DISCORD_TOKEN: 't' });
    expect(await bad.exited).toBe(1);
    expect(bad.output().trim()).toBe('Invalid configuration: DISCORD_PUBLIC_KEY must be 64 hex characters (the application\'s "Public Key")');
  });

  it('names every missing or bad setting in one run, not one per run', async () => {
    const child = startServeHttp({ STATE_BACKEND: 'bogus', HTTP_SHUTDOWN_GRACE_SECONDS: '-1', REPORT_PATH: join(dataDir, 'missing.txt') });
    expect(await child.exited).toBe(1);
    const lines = child.output().trim().split('\n');
    expect(lines.map((l) => /^Invalid configuration: (\w+) /.exec(l)?.[1])).toEqual([
      'DISCORD_PUBLIC_KEY',
      'DISCORD_APPLICATION_ID',
      'DISCORD_TOKEN',
      'HTTP_SHUTDOWN_GRACE_SECONDS',
      'STATE_BACKEND',
      'REPORT_PATH',
    ]);
  });

  it('SIGTERM to npm: /healthz fails at once, the follow-up in flight is finished, exit 0', async () => {
    const child = startNpmScript('serve:http', {
      DISCORD_PUBLIC_KEY: emu.publicKeyHex,
      DISCORD_APPLICATION_ID: emu.applicationId,
      DISCORD_TOKEN: emu.token,
      DISCORD_API_URL: emu.restBase,
      PORT: '0',
      DATA_DIR: dataDir,
      HTTP_SHUTDOWN_GRACE_SECONDS: '3',
    });
    const line = await child.waitForOutput(/interactions endpoint listening[^\n]*"port":(\d+)/, 60_000);
    const port = Number(/"port":(\d+)/.exec(line)?.[1]);
    await child.waitForOutput(/report loaded/, 60_000);
    expect((await rawRequest(port, { method: 'GET', path: '/healthz' })).status).toBe(200);
    emu.setInteractionsEndpoint(`http://127.0.0.1:${port}/interactions`);
    const handle = emu.sendSlashCommand({ name: 'count', options: { status: 'postponed' } });
    // Hold the answer's PATCH long enough for the signal to land while it is in flight.
    emu.delayNext({ method: 'PATCH', pathPattern: `/webhooks/:id/${handle.token}/messages/@original`, ms: 1_000 });
    await emu.waitFor(() => emu.interaction(handle).callbackType === 5, 10_000, 'the deferral');
    await emu.waitForRequest('PATCH', `/webhooks/:id/${handle.token}/messages/@original`, { timeoutMs: 100 }).catch(() => undefined);
    child.proc.kill('SIGTERM');
    // npm passes the signal on; the endpoint then still answers, with 503 "draining" on /healthz.
    await child.waitForOutput(/draining/, 10_000);
    const health = await rawRequest(port, { method: 'GET', path: '/healthz' });
    expect({ status: health.status, body: JSON.parse(health.text) }).toEqual({ status: 503, body: { status: 'draining' } });
    expect(await child.exited).toBe(0);
    expect(emu.interaction(handle).originalEdits).toBe(1);
    expect(child.output()).not.toContain(handle.token);
  });
});
