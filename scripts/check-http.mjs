#!/usr/bin/env node
// Smoke check of `npm run serve:http` from the outside, as Discord would see it: a fresh Ed25519 key pair,
// the endpoint started with its public key, a signed PING, the same PING with a wrong signature, and a
// signed /count command. The follow-up goes to a REST stub on 127.0.0.1 (DISCORD_API_URL), never to Discord.
// Prints one PASS/FAIL line per check; exit code 1 if any failed.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { spawnServeHttp } from './serve-http-process.mjs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const APP_ID = '111111111111111111';
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
const results = [];
const check = (name, ok, detail = '') => {
  results.push(ok);
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
};

// The REST stub: records webhook calls and answers like Discord would for an edit.
const restCalls = [];
const stub = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    restCalls.push({ method: req.method, url: req.url, body });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: '1', channel_id: '1', content: '', embeds: [] }));
  });
});
await new Promise((r) => stub.listen(0, '127.0.0.1', r));
const stubPort = stub.address().port;

const port = 20000 + Math.floor(Math.random() * 20000);
const dataDir = mkdtempSync(join(tmpdir(), 'check-http-'));
const child = spawnServeHttp({ port, publicKeyHex, applicationId: APP_ID, restPort: stubPort, dataDir, token: 'dummy-token-for-check-http', stdio: ['ignore', 'ignore', 'pipe'] });
let stderr = '';
child.stderr.on('data', (d) => (stderr += d));

const base = `http://127.0.0.1:${port}`;
const post = (body, headers) => fetch(`${base}/interactions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const signed = (body, ts = Math.floor(Date.now() / 1000)) => ({
  'x-signature-ed25519': sign(null, Buffer.from(String(ts) + body), privateKey).toString('hex'),
  'x-signature-timestamp': String(ts),
});

async function waitHealthy(ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) return false;
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

try {
  const healthy = await waitHealthy(60_000);
  check('endpoint starts and /healthz answers 200', healthy, healthy ? '' : stderr.trim().split('\n').slice(-3).join(' | '));
  if (healthy) {
    const ping = JSON.stringify({ type: 1, id: '2', application_id: APP_ID, token: 'x', version: 1 });
    const good = await post(ping, signed(ping));
    const goodBody = await good.text();
    check('signed PING gets {"type":1}', good.status === 200 && goodBody === '{"type":1}', `${good.status} ${goodBody}`);

    const other = generateKeyPairSync('ed25519').privateKey;
    const ts = String(Math.floor(Date.now() / 1000));
    const wrong = await post(ping, { 'x-signature-ed25519': sign(null, Buffer.from(ts + ping), other).toString('hex'), 'x-signature-timestamp': ts });
    check('PING with a wrong signature gets 401', wrong.status === 401, String(wrong.status));

    const token = randomBytes(24).toString('base64url');
    const count = JSON.stringify({
      type: 2,
      id: '3',
      application_id: APP_ID,
      token,
      version: 1,
      locale: 'zh-CN',
      channel_id: '4',
      channel: { id: '4', type: 0 },
      guild_id: '5',
      member: { user: { id: '6', username: 'checker' }, permissions: '0' },
      data: { id: '7', name: 'count', type: 1, options: [{ name: 'status', type: 3, value: 'postponed' }] },
    });
    const started = Date.now();
    const res = await post(count, signed(count));
    const json = await res.json().catch(() => null);
    const ms = Date.now() - started;
    check('signed /count gets type 5 or type 4 within 3 s', res.status === 200 && (json?.type === 5 || json?.type === 4) && ms < 3000, `${res.status} type ${json?.type} in ${ms} ms`);
    if (json?.type === 5) {
      const end = Date.now() + 5000;
      while (Date.now() < end && !restCalls.some((c) => c.method === 'PATCH')) await new Promise((r) => setTimeout(r, 50));
      const patch = restCalls.find((c) => c.method === 'PATCH');
      const ok = patch !== undefined && decodeURIComponent(patch.url) === `/api/v10/webhooks/${APP_ID}/${token}/messages/@original` && /项产出|outputs/.test(patch.body);
      check('the answer follows as PATCH …/messages/@original', ok, patch ? `${patch.method} ${patch.url.replace(token, '<token>')}` : 'no PATCH');
    }
  }
} finally {
  child.kill('SIGTERM');
  const code = await new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', (c) => r(c))));
  check('SIGTERM stops it with exit code 0', code === 0, `exit ${code}`);
  stub.close();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(results.every(Boolean) ? 0 : 1);
