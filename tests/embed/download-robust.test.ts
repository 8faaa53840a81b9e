// Downloads that go wrong halfway, against the stand-in hub on 127.0.0.1: a slow transfer must finish,
// a stalled, broken-off or corrupt one must fail without leaving files that a later (offline) start
// would trust. Timeouts are short here; assertions are on outcomes, never on elapsed time.
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressLogger } from '../../embed/remote.ts';
import { ModelUnavailableError, loadTransformersEmbedder } from '../../embed/transformers.ts';
import { startHubStandIn, writeHubModel, type FileAnswer, type HubStandIn } from '../fixtures/hub-stand-in.ts';
import { TINY_HIDDEN_SIZE } from '../fixtures/tiny-model.ts';

const ONNX = 'onnx/model_quantized.onnx';
const MODELS = ['test/slow', 'test/stalled', 'test/cut', 'test/garbage', 'test/leftover'];
let tmp: string;
let hubRoot: string;
const servers: HubStandIn[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'embed-download-robust-'));
  hubRoot = path.join(tmp, 'hub');
  for (const id of MODELS) await writeHubModel(hubRoot, id);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** A stand-in whose answer for the full (non-Range) GET of the ONNX file is `misbehave`. */
async function hubWhere(misbehave: (a: FileAnswer) => void): Promise<HubStandIn> {
  const hub = await startHubStandIn(hubRoot, (a) => {
    if (a.file !== ONNX || a.req.headers.range !== undefined) return false;
    misbehave(a);
    return true;
  });
  servers.push(hub);
  return hub;
}

interface LoadExtra {
  log?: (l: string) => void;
  stallTimeoutMs?: number;
  allowRemote?: boolean;
  downloadTimeoutMs?: number;
}

function load(model: string, cache: string, host: string, extra: LoadExtra = {}) {
  return loadTransformersEmbedder({
    model,
    cacheDir: path.join(tmp, cache),
    allowRemote: extra.allowRemote ?? true,
    remoteHost: host,
    // Generous, so a loaded machine cannot turn an answering stand-in into a failure.
    downloadTimeoutMs: extra.downloadTimeoutMs ?? 10_000,
    ...(extra.stallTimeoutMs === undefined ? {} : { stallTimeoutMs: extra.stallTimeoutMs }),
    ...(extra.log ? { log: extra.log } : {}),
  });
}

async function failure(promise: Promise<unknown>): Promise<ModelUnavailableError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelUnavailableError);
  return err as ModelUnavailableError;
}

/** Nothing of the model in the cache proper, and no staging folder left behind. */
function expectCacheClean(cache: string, model: string): void {
  expect(existsSync(path.join(tmp, cache, ...model.split('/')))).toBe(false);
  expect(readdirSync(path.join(tmp, cache, '.partial'))).toEqual([]);
}

describe('downloads that do not go smoothly', () => {
  it('a slow download that keeps sending is not cut off by the first-byte timeout', async () => {
    // Six pieces 300 ms apart: longer in total than the 1 s timeout, never silent for that long.
    const hub = await hubWhere(({ body, res }) => {
      res.writeHead(200, { 'content-length': body.length });
      const piece = Math.ceil(body.length / 6);
      let sent = 0;
      const next = () => {
        res.write(body.subarray(sent, sent + piece));
        sent += piece;
        if (sent >= body.length) res.end();
        else setTimeout(next, 300);
      };
      next();
    });
    const lines: string[] = [];
    const embedder = await load('test/slow', 'cache-slow', hub.url, { log: (l) => lines.push(l), downloadTimeoutMs: 1_000 });
    try {
      expect(embedder.id).toBe('transformers:test/slow:q8');
      expect(embedder.dimensions).toBe(TINY_HIDDEN_SIZE);
    } finally {
      await embedder.dispose();
    }
    // Progress in steps of (at least) 10 %, rising, ending at 100 %.
    const steps = lines
      .map((l) => /^downloading test\/slow: onnx\/model_quantized\.onnx (\d+) %/.exec(l)?.[1])
      .filter((s): s is string => s !== undefined)
      .map(Number);
    expect(steps.length).toBeGreaterThan(1);
    expect(steps.length).toBeLessThanOrEqual(10);
    expect(steps.at(-1)).toBe(100);
    for (let i = 1; i < steps.length; i++) expect(steps[i]! - steps[i - 1]!).toBeGreaterThanOrEqual(10);
  });

  it('a download that stalls halfway fails, leaves nothing behind, and a later try succeeds', async () => {
    const stalling = await hubWhere(({ body, res }) => {
      res.writeHead(200, { 'content-length': body.length });
      res.write(body.subarray(0, body.length >> 1)); // ...and nothing more
    });
    const err = await failure(load('test/stalled', 'cache-stalled', stalling.url, { stallTimeoutMs: 300 }));
    expect(err.stage).toBe('download');
    expect(err.reason).toMatch(/stalled \(no data for 0\.3 s\)/);
    expectCacheClean('cache-stalled', 'test/stalled');

    const good = await startHubStandIn(hubRoot);
    servers.push(good);
    const embedder = await load('test/stalled', 'cache-stalled', good.url);
    await embedder.dispose();
    expect(existsSync(path.join(tmp, 'cache-stalled', 'test', 'stalled', ONNX))).toBe(true);
  });

  it('a connection dropped mid-file fails with one line and leaves nothing behind', async () => {
    const hub = await hubWhere(({ body, res }) => {
      res.writeHead(200, { 'content-length': body.length });
      res.write(body.subarray(0, body.length >> 1), () => res.socket?.destroy());
    });
    const err = await failure(load('test/cut', 'cache-cut', hub.url));
    expect(err.stage).toBe('download');
    expect(err.reason).toMatch(/failed: connection to 127\.0\.0\.1:\d+ was reset$/);
    expect(err.reason).not.toContain('\n');
    expectCacheClean('cache-cut', 'test/cut');
  });

  it('files that arrive whole but do not load are not kept, so a later offline start does not trust them', async () => {
    const hub = await hubWhere(({ res }) => {
      res.writeHead(200, { 'content-length': 19 }).end('this is not an onnx');
    });
    const err = await failure(load('test/garbage', 'cache-garbage', hub.url));
    expect(err.stage).toBe('download');
    expectCacheClean('cache-garbage', 'test/garbage');
    const offline = await failure(load('test/garbage', 'cache-garbage', hub.url, { allowRemote: false }));
    expect(offline.reason).toMatch(/^no local copy in .*, and remote downloads are disabled$/);
  });

  it('removes staging folders left by a process that died mid-download', async () => {
    const leftover = path.join(tmp, 'cache-leftover', '.partial', '2147483646-dead', 'test', 'leftover');
    await mkdir(leftover, { recursive: true });
    await writeFile(path.join(leftover, 'config.json'), '{"half": ');
    const hub = await startHubStandIn(hubRoot);
    servers.push(hub);
    const embedder = await load('test/leftover', 'cache-leftover', hub.url);
    await embedder.dispose();
    expect(readdirSync(path.join(tmp, 'cache-leftover', '.partial'))).toEqual([]);
  });
});

describe('progressLogger', () => {
  it('logs each file at 10 % steps at most, skips 0 %, repeats nothing, and counts MB when the size is unknown', () => {
    const lines: string[] = [];
    const report = progressLogger('org/model', (l) => lines.push(l));
    const total = 120_000_000;
    for (let loaded = 0; loaded <= total; loaded += 1_000_000) {
      report({ status: 'progress', file: 'onnx/model_quantized.onnx', loaded, total, progress: (loaded / total) * 100 });
    }
    report({ status: 'progress', file: 'onnx/model_quantized.onnx', loaded: total, total, progress: 100 });
    report({ status: 'done', file: 'onnx/model_quantized.onnx' });
    expect(lines).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((p) => `downloading org/model: onnx/model_quantized.onnx ${p} % of 120.0 MB`));

    lines.length = 0;
    for (let mb = 0; mb <= 25; mb++) report({ status: 'progress', file: 'big.bin', loaded: mb * 1_000_000, total: 0 });
    expect(lines).toEqual(['downloading org/model: big.bin 10.0 MB', 'downloading org/model: big.bin 20.0 MB']);
  });
});
