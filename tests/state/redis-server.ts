// A throwaway redis-server for the tests: 127.0.0.1 only, a free port, no persistence, stopped afterwards.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export function hasRedisServer(): boolean {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** SIGKILL, as a crash or an OOM kill would: no goodbye to the clients. */
  kill(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPing(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // not listening yet
    } finally {
      client.disconnect();
    }
    if (Date.now() > until) throw new Error(`redis-server did not answer on ${url} within ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `port`: a given one (to restart a killed server where its clients expect it); default a free one. */
export async function startRedisServer(options: { port?: number } = {}): Promise<RedisServer> {
  let lastError: unknown;
  // The port is free when picked but could be taken before redis-server binds it: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = options.port ?? (await freePort());
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const url = `redis://127.0.0.1:${port}`;
    try {
      await waitForPing(url, child, 10_000);
    } catch (err) {
      lastError = err;
      child.kill('SIGKILL');
      continue;
    }
    const end = (signal: NodeJS.Signals) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    return { url, port, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
