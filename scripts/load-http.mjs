#!/usr/bin/env node
// Bounded load run against `npm run serve:http` on 127.0.0.1: N signed /count commands (default 2000,
// concurrency 16, at most 60 s per run), first against one replica, then two replicas behind a tiny
// round-robin node:http proxy. Measures the endpoint's initial response (what Discord waits 3 s for);
// the follow-ups go to a local REST stub and are counted. A third run alternates between the two replicas
// from the client (no proxy hop). Nothing leaves the machine.
//   node scripts/load-http.mjs [--n 2000] [--concurrency 16] [--kind count|ping]
import { spawn } from 'node:child_process';
import { spawnServeHttp } from './serve-http-process.mjs';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const N = Number(arg('n', 2000));
const CONCURRENCY = Number(arg('concurrency', 16));
const KIND = arg('kind', 'count');
const MAX_MS = 60_000;
const APP_ID = '111111111111111111';
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');

const listen = (server) => new Promise((r) => server.listen(0, '127.0.0.1', () => r(server.address().port)));

let followUps = 0;
const stub = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.method === 'PATCH') followUps++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1","channel_id":"1","content":"","embeds":[]}');
  });
});
const stubPort = await listen(stub);
const dataDir = mkdtempSync(join(tmpdir(), 'load-http-'));

function startReplica(port) {
  const child = spawnServeHttp({ port, publicKeyHex, applicationId: APP_ID, restPort: stubPort, dataDir, token: 'dummy-token-for-load-http', stdio: ['ignore', 'ignore', 'inherit'], extraEnv: { LOG_LEVEL: 'warn' } });
  return child;
}

async function waitHealthy(port) {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`replica on ${port} never became healthy`);
}

/** Round robin over the replicas, streaming request and response through (what a load balancer does). */
function startProxy(ports) {
  let next = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const proxy = createServer((req, res) => {
    const port = ports[next++ % ports.length];
    const up = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.headersSent || res.writeHead(502).end());
    req.pipe(up);
  });
  return listen(proxy).then((port) => ({ port, close: () => proxy.close() }));
}

function body(i) {
  if (KIND === 'ping') return JSON.stringify({ type: 1, id: String(i), application_id: APP_ID });
  return JSON.stringify({
    type: 2, id: String(1e17 + i), application_id: APP_ID, token: randomBytes(24).toString('base64url'), version: 1, locale: 'zh-CN',
    channel_id: '4', channel: { id: '4', type: 0 }, guild_id: '5', member: { user: { id: '6', username: 'load' }, permissions: '0' },
    data: { id: '7', name: 'count', type: 1, options: [{ name: 'status', type: 3, value: ['postponed', 'below_plan', 'above_plan', 'completed'][i % 4] }] },
  });
}

async function run(label, portOrPorts) {
  const ports = Array.isArray(portOrPorts) ? portOrPorts : [portOrPorts];
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies = [];
  let errors = 0;
  let sent = 0;
  const before = followUps;
  const started = Date.now();
  const one = (i) =>
    new Promise((resolve) => {
      const b = body(i);
      const ts = String(Math.floor(Date.now() / 1000));
      const sig = sign(null, Buffer.from(ts + b), privateKey).toString('hex');
      const t0 = process.hrtime.bigint();
      const req = request({ host: '127.0.0.1', port: ports[i % ports.length], method: 'POST', path: '/interactions', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(b), 'x-signature-ed25519': sig, 'x-signature-timestamp': ts } }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          if (res.statusCode !== 200) errors++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(b);
    });
  const worker = async () => {
    while (sent < N && Date.now() - started < MAX_MS) await one(sent++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (Date.now() - started) / 1000;
  // Follow-ups trail the responses by a few ms; give them a moment to land before counting.
  const settle = Date.now() + 5_000;
  while (KIND === 'count' && followUps - before < latencies.length - errors && Date.now() < settle) await new Promise((r) => setTimeout(r, 50));
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]?.toFixed(1);
  agent.destroy();
  const line = `${label}: ${latencies.length} ${KIND} requests in ${seconds.toFixed(1)} s = ${(latencies.length / seconds).toFixed(0)} req/s; median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms; errors ${errors}${KIND === 'count' ? `; follow-ups ${followUps - before}` : ''}`;
  console.log(line);
}

const base = 30000 + Math.floor(Math.random() * 20000);
const replicas = [startReplica(base), startReplica(base + 1)];
try {
  await waitHealthy(base);
  await waitHealthy(base + 1);
  // Warm-up (JIT, first engine calls) so both runs measure a steady state.
  await run('warm-up replica A (not a result)', base);
  await run('warm-up replica B (not a result)', base + 1);
  await run('1 replica', base);
  const proxy = await startProxy([base, base + 1]);
  await run('2 replicas behind a round-robin proxy', proxy.port);
  proxy.close();
  // Without the proxy's hop: the client alternates between the two ports itself.
  await run('2 replicas, client-side round robin', [base, base + 1]);
} finally {
  for (const r of replicas) r.kill('SIGTERM');
  await Promise.all(replicas.map((r) => new Promise((res) => (r.exitCode !== null ? res() : r.on('exit', res)))));
  stub.close();
  rmSync(dataDir, { recursive: true, force: true });
}
