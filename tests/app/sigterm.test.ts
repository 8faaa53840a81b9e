// SIGTERM to `npm start` (what a supervisor sends) stops the bot itself: no node process is left behind.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureData } from '../../app/open.ts';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';

const SEED = resolve('seeds/a-69-653-budget-performance-2013-14.zh.txt');

/** Parent pid and state of a process from /proc, or null when it is gone. */
function stat(pid: number): { ppid: number; state: string } | null {
  try {
    // "pid (comm) state ppid …"; comm may contain spaces, so read after its closing parenthesis.
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(ppid), state: state ?? '' };
  } catch {
    return null;
  }
}

/** Every process below `root` (children, grandchildren…). */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    const s = Number.isInteger(pid) ? stat(pid) : null;
    if (s) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const walk = (pid: number) => (children.get(pid) ?? []).forEach((c) => (out.push(c), walk(c)));
  walk(root);
  return out;
}

/** A zombie has exited; only its parent has not collected it yet. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return stat(pid)?.state !== 'Z';
}

async function eventually(check: () => boolean, tries = 100): Promise<boolean> {
  for (let i = 0; i < tries && !check(); i++) await new Promise((r) => setTimeout(r, 100));
  return check();
}

/**
 * The stdio a supervisor gives: stdin a real pipe that stays open (a FIFO we hold open, so the chat never sees
 * end of input), output to a log file. Node's own 'pipe' stdio would be a socket, which ends for every holder
 * when npm exits and so would stop the bot by itself, hiding what a signal does.
 */
function supervisorStdio(dir: string): { stdio: [number, number, number]; log: string } {
  const fifo = join(dir, 'stdin');
  execFileSync('mkfifo', [fifo]);
  const log = join(dir, 'out.log');
  const out = openSync(log, 'w');
  return { stdio: [openSync(fifo, 'r+'), out, out], log };
}

/** Waits until the terminal chat is up (the bot logs it). */
async function ready(log: string): Promise<void> {
  if (!(await eventually(() => readFileSync(log, 'utf8').includes('terminal chat'), 300))) throw new Error(`not started: ${readFileSync(log, 'utf8')}`);
}

describe.skipIf(process.platform !== 'linux')('SIGTERM', () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sigterm-'));
    await ensureData({ seedPath: SEED, dataDir, embedder: new LocalNgramEmbedder() });
    // No DISCORD_TOKEN (an empty one wins over any .env): the terminal chat, reading a stdin kept open.
    env = { ...process.env, DISCORD_TOKEN: '', EMBEDDER: 'local', REPORT_PATH: SEED, DATA_DIR: dataDir };
  });

  it('to npm start ends the bot and every process it started', async () => {
    const { stdio, log } = supervisorStdio(mkdtempSync(join(tmpdir(), 'sigterm-npm-')));
    const npm = spawn('npm', ['start'], { env, stdio });
    await ready(log);
    const below = descendants(npm.pid!);
    expect(below.length).toBeGreaterThan(0);
    const exited = new Promise((r) => npm.on('exit', r));
    npm.kill('SIGTERM');
    await exited;
    const gone = await eventually(() => below.every((pid) => !running(pid)));
    for (const pid of below.filter(running)) process.kill(pid, 'SIGKILL'); // a failed run leaves nothing behind either
    expect(gone).toBe(true);
  });

  it('the start command itself is the bot: its pid exits on SIGTERM, with code 0', async () => {
    const { stdio, log } = supervisorStdio(mkdtempSync(join(tmpdir(), 'sigterm-bot-')));
    const bot = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts'], { env, stdio });
    await ready(log);
    expect(descendants(bot.pid!)).toEqual([]);
    const code = new Promise((r) => bot.on('exit', r));
    bot.kill('SIGTERM');
    expect(await code).toBe(0);
    expect(running(bot.pid!)).toBe(false);
  });
});
