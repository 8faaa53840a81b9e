// The command-line entry points as a user runs them: .env, one-line configuration errors, piped output.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureData } from '../../app/open.ts';
import { resolveDataPaths, UserError } from '../../config/env.ts';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';
import { reportText } from '../ingest/helpers.ts';

const SEED = resolve('seeds/a-69-653-budget-performance-2013-14.zh.txt');
// tsx by file URL, so a command can run with its working directory outside the project (where .env is read).
const TSX = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;
const ENTRY = { start: resolve('app/main.ts'), ask: resolve('app/ask.ts'), ingest: resolve('ingest/cli.ts') } as const;
const BASE_ENV = { PATH: process.env.PATH ?? '', EMBEDDER: 'local', DISCORD_TOKEN: '' };

function cli(entry: keyof typeof ENTRY, args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}) {
  return spawnSync(process.execPath, ['--import', TSX, ENTRY[entry], ...args], {
    cwd: options.cwd ?? mkdtempSync(join(tmpdir(), 'cli-')),
    env: { ...BASE_ENV, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('data paths from the environment', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'paths-'));
  it('an empty DATA_DIR is the default data/, said once, never the project directory', () => {
    const paths = resolveDataPaths({ REPORT_PATH: SEED, DATA_DIR: '' }, {}, cwd);
    expect(paths.dataDir).toBe(join(cwd, 'data'));
    expect(paths.notes).toEqual(['DATA_DIR is empty: using the default data/']);
    expect(() => resolveDataPaths({ REPORT_PATH: SEED, DATA_DIR: '.' }, {}, cwd)).toThrow(/DATA_DIR must not be the project directory/);
  });
  it('a REPORT_PATH that is not a file names the variable', () => {
    expect(() => resolveDataPaths({ REPORT_PATH: 'nope.txt' }, {}, cwd)).toThrow(UserError);
    expect(() => resolveDataPaths({ REPORT_PATH: 'nope.txt' }, {}, cwd)).toThrow(/^Invalid configuration: REPORT_PATH .*nope\.txt: file not found$/);
  });
});

describe('configuration errors: one line naming the variable, exit 1, no stack trace', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cli-data-'));
  const cases = [
    ['REPORT_PATH', { REPORT_PATH: '/nonexistent/report.txt' }],
    ['EMBEDDER', { REPORT_PATH: SEED, EMBEDDER: 'bogus' }],
    ['LOCAL_EMBEDDING_DIMENSIONS', { REPORT_PATH: SEED, LOCAL_EMBEDDING_DIMENSIONS: '0' }],
  ] as const;
  for (const entry of ['start', 'ask', 'ingest'] as const) {
    it.each(cases)(`${entry}: %s`, (variable, env) => {
      const run = cli(entry, entry === 'ask' ? ['监督厅'] : [], { env: { ...env, DATA_DIR: dataDir } });
      expect(run.status).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(variable);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    });
  }
});

describe('.env is read by npm run ingest and npm run ask, as by the bot', () => {
  it('ingest builds into DATA_DIR from .env and ask answers from it', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dotenv-'));
    writeFileSync(join(cwd, 'report.txt'), reportText(['出版 2 份新闻刊物$', '否 被推迟到 2015 年$']));
    writeFileSync(join(cwd, '.env'), 'REPORT_PATH=report.txt\nDATA_DIR=built\nLOCAL_EMBEDDING_DIMENSIONS=16\n');
    const ingest = cli('ingest', [], { cwd });
    expect(ingest.status, ingest.stderr).toBe(0);
    expect(existsSync(join(cwd, 'built', 'rows.json'))).toBe(true);
    const ask = cli('ask', ['--json', '哪些产出被推迟了？'], { cwd });
    expect(ask.status, ask.stderr).toBe(0);
    expect(JSON.parse(ask.stdout).rows.map((r: { planned: string }) => r.planned)).toEqual(['出版 2 份新闻刊物']);
    expect(ask.stderr).not.toContain('building data/'); // the build ingest made, not a new one
  });

  it('DATA_DIR= (empty) in .env writes data/, not into the project directory, and says so', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dotenv-'));
    writeFileSync(join(cwd, 'report.txt'), reportText(['出版 2 份新闻刊物$', '2 刊物$']));
    writeFileSync(join(cwd, '.env'), 'REPORT_PATH=report.txt\nDATA_DIR=\n');
    const run = cli('ingest', [], { cwd });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('DATA_DIR is empty: using the default data/');
    expect(readdirSync(cwd).sort()).toEqual(['.env', 'data', 'report.txt']);
  });
});

describe('npm run ask -- --json, piped', () => {
  let dataDir: string;
  const questions = Array.from({ length: 200 }, (_, i) => ['哪些产出被推迟了？', '外勤支助部有多少产出低于计划？', '监督厅'][i % 3]).join('\n') + '\n';
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ask-pipe-'));
    await ensureData({ seedPath: SEED, dataDir, embedder: new LocalNgramEmbedder() });
  });
  const askChild = () =>
    spawn(process.execPath, ['--import', TSX, ENTRY.ask, '--json'], { env: { ...BASE_ENV, REPORT_PATH: SEED, DATA_DIR: dataDir }, stdio: ['pipe', 'pipe', 'pipe'] });

  it('200 answers arrive whole through a slow reader (more than a pipe buffer)', async () => {
    const child = askChild();
    child.stdin.end(questions);
    // The reader lags: it starts only once the command has exited, or after a while if it is waiting for us.
    child.stdout.pause();
    const exited = new Promise((r) => child.on('exit', r));
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stdout.resume();
    await new Promise((r) => child.on('close', r));
    expect(child.exitCode).toBe(0);
    expect(out.length).toBeGreaterThan(1 << 16);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(200);
    expect(lines.every((l) => JSON.parse(l).intent !== undefined)).toBe(true);
  });

  it('a reader that closes early (| head -c 100) ends it quietly with exit 0', async () => {
    const child = askChild();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(questions);
    await new Promise((r) => child.stdout.once('data', r));
    child.stdout.destroy();
    const code = await new Promise((r) => child.on('close', r));
    expect(stderr).not.toMatch(/EPIPE|Error|^\s+at /m);
    expect(code).toBe(0);
  });
});
