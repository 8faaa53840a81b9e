// Shared by the HTTP-endpoint tests: signed requests the way Discord sends them, and a child process of
// `npm run serve:http` whose output is collected.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { request } from 'node:http';
import { resolve } from 'node:path';

export interface KeyPair {
  privateKey: KeyObject;
  publicKeyHex: string;
}

export function keyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKeyHex: publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex') };
}

export function signedHeaders(key: KeyObject, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const ts = String(timestamp);
  return { 'x-signature-ed25519': sign(null, Buffer.from(ts + body), key).toString('hex'), 'x-signature-timestamp': ts };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** node:http rather than fetch: the tests need to send bodies and headers fetch would refuse or rewrite. */
export function rawRequest(port: number, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'POST', path: opts.path ?? '/interactions', headers: { 'content-type': 'application/json', ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export interface Child {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

/** What `npm run serve:http` runs (`exec node --import tsx app/serve-http.ts`), without npm around it. */
export function startServeHttp(env: Record<string, string>): Child {
  return collect(spawn(process.execPath, ['--import', 'tsx', resolve('app/serve-http.ts')], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** `tsx <script>` with a clean environment (no .env is read: cwd stays the repo, which has none in CI). */
export function startApp(script: string, env: Record<string, string>): Child {
  return collect(spawn(resolve('node_modules/.bin/tsx'), [resolve(script)], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** `npm run <script>` as an operator or supervisor starts it: signals go to the npm process. */
export function startNpmScript(script: string, env: Record<string, string>): Child {
  return collect(spawn('npm', ['run', script], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] }));
}

const cleanEnv = (env: Record<string, string>): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  EMBEDDER: 'local',
  HOST: '127.0.0.1',
  ...env,
});

function collect(proc: ChildProcess): Child {
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return {
    proc,
    output: () => out,
    exited,
    waitForOutput(pattern, timeoutMs = 30_000) {
      return new Promise((res, rej) => {
        const check = () => {
          const m = pattern.exec(out);
          if (m) {
            listeners.delete(check);
            clearTimeout(timer);
            res(m[0]);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          rej(new Error(`timed out waiting for ${pattern} in:\n${out}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
}
