// A state file SQLite cannot read (issue 15): corrupt or truncated, it is moved aside with a timestamp and
// the store starts on a fresh file, saying so in one line; a file that cannot be opened at all (a folder in
// its place, a read-only DATA_DIR) gives an error that names the path; `npm run feedback` says the same in
// one line instead of a stack trace.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runFeedback } from '../../app/feedback.ts';
import { SqliteStateStore } from '../../state/sqlite.ts';

const TSX = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'state-recovery-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});

const asideFiles = (dir: string) => readdirSync(dir).filter((f) => /^state\.sqlite\.corrupt-\d{8}T\d{6}Z/.test(f));

describe('a state file SQLite cannot read', () => {
  it('a corrupt file at start: the store opens on a fresh file, the old one is moved aside, one line says so', async () => {
    const dir = tempDir();
    const path = join(dir, 'state.sqlite');
    const garbage = 'this is not sqlite, just text that is long enough to have a header '.repeat(20);
    writeFileSync(path, garbage);
    const logs: string[] = [];
    const store = new SqliteStateStore({ path, sweepIntervalMs: 0, log: (l) => logs.push(l) });
    await store.set('settings', 'k', 1);
    expect(await store.get('settings', 'k')).toBe(1);
    await store.close();
    const [aside] = asideFiles(dir);
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside!), 'utf8')).toBe(garbage);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain(path);
    expect(logs[0]).toContain(join(dir, aside!));
  });

  it('a truncated file (the first half of a real one) is moved aside too', async () => {
    const dir = tempDir();
    const path = join(dir, 'state.sqlite');
    const first = new SqliteStateStore({ path, sweepIntervalMs: 0, log: () => {} });
    for (let i = 0; i < 400; i++) await first.set('answers', `a${i}`, { text: 'x'.repeat(500), i });
    await first.close();
    truncateSync(path, Math.floor(statSync(path).size / 2));
    const logs: string[] = [];
    const store = new SqliteStateStore({ path, sweepIntervalMs: 0, log: (l) => logs.push(l) });
    expect(await store.get('answers', 'a399')).toBeUndefined();
    await store.set('answers', 'new', 1);
    expect(await store.get('answers', 'new')).toBe(1);
    await store.close();
    expect(asideFiles(dir)).toHaveLength(1);
    expect(logs.filter((l) => l.includes('moved'))).toHaveLength(1);
  });

  it('a path SQLite cannot open (a folder in its place) is named in the error', () => {
    const dir = tempDir();
    const path = join(dir, 'state.sqlite');
    mkdirSync(path);
    expect(() => new SqliteStateStore({ path, sweepIntervalMs: 0, log: () => {} })).toThrow(`cannot open state database ${path}`);
    expect(asideFiles(dir)).toHaveLength(0); // not corrupt, just unopenable: nothing is moved
  });

  // Root may write anywhere, so as root the check runs in a child process as nobody (setpriv), when it can.
  const root = process.getuid?.() === 0;
  const setpriv = spawnSync('setpriv', ['--version'], { stdio: 'ignore' }).status === 0;
  it.skipIf(root && !setpriv)('a read-only DATA_DIR: the error names the path (skipped as root without setpriv, as root may write anywhere)', () => {
    const dir = tempDir();
    chmodSync(dir, 0o555);
    const path = join(dir, 'state.sqlite');
    if (!root) {
      expect(() => new SqliteStateStore({ path, sweepIntervalMs: 0, log: () => {} })).toThrow(path);
      return;
    }
    const script = `import { SqliteStateStore } from ${JSON.stringify(pathToFileURL(resolve('state/sqlite.ts')).href)};
try { new SqliteStateStore({ path: ${JSON.stringify(path)}, sweepIntervalMs: 0, log: () => {} }); console.log('opened'); }
catch (e) { console.log(e.message); }`;
    const run = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', TSX, '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stdout.trim()).toBe(`cannot open state database ${path}: unable to open database file`);
  });

  it('npm run feedback: a corrupt file is moved aside (exit 0); an unopenable one is one line naming it (exit 1)', async () => {
    const dir = tempDir();
    const path = join(dir, 'state.sqlite');
    writeFileSync(path, 'garbage '.repeat(200));
    let out = '';
    expect(await runFeedback(['export', '-'], { STATE_BACKEND: 'sqlite', STATE_PATH: path }, (t) => void (out += t))).toBe(0);
    expect(out).toBe('');
    expect(asideFiles(dir)).toHaveLength(1);
    rmSync(path);
    mkdirSync(path);
    const errors: string[] = [];
    const code = await runFeedback(['export', '-'], { STATE_BACKEND: 'sqlite', STATE_PATH: path }, () => {}, (l) => errors.push(l));
    expect(code).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(path);
    expect(errors[0]).not.toMatch(/\n\s+at /);
    expect(existsSync(path)).toBe(true);
  });
});
