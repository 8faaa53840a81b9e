// The endpoint against clients that are not Discord: unsigned bodies are refused before they are read, slow
// headers and bodies are cut off, connections are capped, a deeply nested body is a 400, a replayed interaction
// is processed once, and SIGTERM's grace keeps serving while /healthz already fails. A handler that counts
// calls stands in for the bot: what matters here is what reaches it.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { nestingExceeds, RecentInteractions } from '../../bot/http/guards.ts';
import { createInteractionsServer, type EndpointLimits, type InteractionsServer } from '../../bot/http/server.ts';
import { publicKeyFromHex } from '../../bot/http/signature.ts';
import { createLogger } from '../../bot/logger.ts';
import { keyPair, rawRequest, signedHeaders } from './helpers.ts';

const pair = keyPair();
const servers: InteractionsServer[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const s of servers.splice(0)) await s.shutdown(500);
});

async function start(limits: Partial<EndpointLimits> = {}): Promise<{ port: number; handled: string[]; server: InteractionsServer }> {
  const handled: string[] = [];
  const server = createInteractionsServer({
    publicKey: publicKeyFromHex(pair.publicKeyHex),
    logger: createLogger({ level: 'error', write: () => {} }),
    isReady: () => true,
    limits,
    handler: {
      handle(body) {
        handled.push(String(body.id));
        return { initial: Promise.resolve({ type: 4, data: { content: 'ok' } }), done: Promise.resolve() };
      },
    },
  });
  servers.push(server);
  return { port: await server.listen(0, '127.0.0.1'), handled, server };
}

/** A raw TCP client: what the server sent, and whether it closed the connection. */
function openSocket(port: number): { socket: Socket; received: () => string; closed: Promise<void> } {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {}); // a reset after the server's answer is one of the outcomes under test
  sockets.push(socket);
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  return { socket, received: () => received, closed };
}

const requestHead = (headers: Record<string, string>, length: number) =>
  `POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n` +
  Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('') +
  '\r\n';

const command = (id: string) => JSON.stringify({ type: 2, id, token: 'tok', data: { name: 'help' } });

describe('HTTP endpoint under attack', () => {
  it('refuses 100 unsigned requests announcing 200 KB bodies at once (401, connection closed), before their bodies arrive', async () => {
    const { port, handled } = await start({ bodyTimeoutMs: 60_000 });
    const clients = Array.from({ length: 100 }, () => openSocket(port));
    // Headers and one byte of a body within the size cap each, and then nothing: the answer cannot wait for it.
    for (const c of clients) c.socket.write(requestHead({}, 200_000) + '{');
    await Promise.all(clients.map((c) => c.closed));
    for (const c of clients) expect(c.received()).toMatch(/^HTTP\/1\.1 401 /);
    expect(handled).toEqual([]);
  });

  it('refuses malformed and stale signature headers the same way, before the body', async () => {
    const { port } = await start({ bodyTimeoutMs: 60_000 });
    const stale = signedHeaders(pair.privateKey, '{}', Math.floor(Date.now() / 1000) - 3_600);
    for (const headers of [{ 'x-signature-ed25519': 'zz', 'x-signature-timestamp': '1' }, stale]) {
      const c = openSocket(port);
      c.socket.write(requestHead(headers, 200_000) + '{');
      await c.closed;
      expect(c.received()).toMatch(/^HTTP\/1\.1 401 /);
    }
  });

  it('cuts off a signed-looking request whose body trickles (408) and closes its socket', async () => {
    const { port, handled } = await start({ bodyTimeoutMs: 300 });
    const c = openSocket(port);
    c.socket.write(requestHead(signedHeaders(pair.privateKey, command('1')), 1_000) + '{"type":2,');
    await c.closed;
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(handled).toEqual([]);
  });

  it('closes a connection whose headers never end', async () => {
    const { port } = await start({ headersTimeoutMs: 300 });
    const c = openSocket(port);
    c.socket.write('POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await c.closed;
    expect(c.received()).not.toMatch(/^HTTP\/1\.1 2/);
  });

  it('closes connections beyond maxConnections as they arrive, and serves again once they are gone', async () => {
    const { port, handled } = await start({ maxConnections: 3 });
    const held = Array.from({ length: 3 }, () => openSocket(port));
    await Promise.all(held.map((c) => new Promise((resolve) => c.socket.once('connect', resolve))));
    const extra = openSocket(port);
    await extra.closed;
    expect(extra.received()).toBe('');
    for (const c of held) c.socket.destroy();
    await Promise.all(held.map((c) => c.closed));
    // The server sees the closes a moment after the client: retry until a slot is free (no time is asserted).
    let answered = false;
    for (let attempt = 0; attempt < 50 && !answered; attempt++) {
      const body = command(`free-${attempt}`);
      answered = await rawRequest(port, { body, headers: signedHeaders(pair.privateKey, body) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (!answered) await new Promise((r) => setTimeout(r, 50));
    }
    expect(answered).toBe(true);
    expect(handled.length).toBe(1);
  });

  it('answers a signed but deeply nested body with 400, not 500, and never hands it to the bot', async () => {
    const { port, handled } = await start();
    const deep = `{"type":2,"id":"9","token":"t","data":{"name":"ask","options":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
    const res = await rawRequest(port, { body: deep, headers: signedHeaders(pair.privateKey, deep) });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({ error: 'body nests too deeply' });
    expect(handled).toEqual([]);
    // An ordinary interaction still goes through.
    const ok = command('10');
    expect((await rawRequest(port, { body: ok, headers: signedHeaders(pair.privateKey, ok) })).status).toBe(200);
    expect(handled).toEqual(['10']);
  });

  it('processes a replayed signed interaction once (409 for the copy); another id is processed', async () => {
    const { port, handled } = await start();
    const body = command('42');
    const headers = signedHeaders(pair.privateKey, body);
    const first = await rawRequest(port, { body, headers });
    const replay = await rawRequest(port, { body, headers });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text)).toEqual({ type: 4, data: { content: 'ok' } });
    expect(replay.status).toBe(409);
    const other = command('43');
    expect((await rawRequest(port, { body: other, headers: signedHeaders(pair.privateKey, other) })).status).toBe(200);
    expect(handled).toEqual(['42', '43']);
  });

  it('on stop: /healthz says draining at once, requests are still served during the grace, then it stops', async () => {
    const { port, handled, server } = await start();
    const stopped = server.stop({ serveForMs: 3_000, drainTimeoutMs: 1_000 });
    const health = await rawRequest(port, { method: 'GET', path: '/healthz' });
    expect(health.status).toBe(503);
    expect(JSON.parse(health.text)).toEqual({ status: 'draining' });
    const body = command('50');
    expect((await rawRequest(port, { body, headers: signedHeaders(pair.privateKey, body) })).status).toBe(200);
    expect(await stopped).toEqual({ drained: true });
    await expect(rawRequest(port, { method: 'GET', path: '/healthz' })).rejects.toThrow(/ECONNREFUSED/);
    expect(handled).toEqual(['50']);
  });
});

describe('guards', () => {
  it('measures nesting on the raw bytes, ignoring brackets inside strings', () => {
    const enc = (s: string) => Buffer.from(s, 'utf8');
    expect(nestingExceeds(enc('{"a":[[1]]}'), 3)).toBe(false);
    expect(nestingExceeds(enc('{"a":[[[1]]]}'), 3)).toBe(true);
    expect(nestingExceeds(enc('{"a":"[[[[[[\\"[[[["}'), 1)).toBe(false);
    expect(nestingExceeds(enc('{"问":"「【"}'), 1)).toBe(false);
  });

  it('remembers ids until they expire, and at most `capacity` of them', () => {
    let now = 1_000;
    const seen = new RecentInteractions(2, () => now);
    expect(seen.claim('a', 5_000)).toBe(true);
    expect(seen.claim('a', 5_000)).toBe(false);
    now = 5_001;
    expect(seen.claim('a', 9_000)).toBe(true);
    seen.claim('b', 9_000);
    seen.claim('c', 9_000);
    expect(seen.size).toBe(2);
  });
});
