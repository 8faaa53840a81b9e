// The README and docs/ say what a newcomer types and sets; these checks keep them true as the code moves:
// every `npm run`/`npm start`/`npm test` exists, every link and image is there, every variable in a settings
// table is read by the code, every slash command named exists, and the invite link's permissions integer is
// the sum of the permissions the README lists. (What the example questions answer is checked elsewhere.)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fatalCloseLine } from '../bot/gateway/fatal.ts';
import { bitsOf, PERMISSION_BITS, type PermissionName } from './e2e/emulator/limits.ts';

const DOCS = readdirSync('docs')
  .filter((f) => f.endsWith('.md'))
  .map((f) => join('docs', f));
const PAGES = ['README.md', ...DOCS];
const text = (path: string) => readFileSync(path, 'utf8');
const readme = text('README.md');
const scripts = z.object({ scripts: z.record(z.string(), z.string()) }).parse(JSON.parse(text('package.json'))).scripts;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}
const SOURCE = ['config', 'embed', 'store', 'state', 'ingest', 'bot', 'app'].flatMap(sourceFiles).map(text).join('\n');

/** The backticked UPPER_CASE names in the first column of every `| variable |` table of a page. */
function tableVariables(page: string): string[] {
  const names: string[] = [];
  let inTable = false;
  for (const line of page.split('\n')) {
    if (/^\| variable \|/.test(line)) inTable = true;
    else if (!line.startsWith('|')) inTable = false;
    else if (inTable) names.push(...[...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!));
  }
  return names;
}

describe('README and docs/', () => {
  it.each(PAGES)('%s: every npm command it names is a script in package.json', (page) => {
    const named = [...text(page).matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    for (const bare of ['start', 'test']) if (text(page).includes(`npm ${bare}`)) named.push(bare);
    expect(named.filter((name) => scripts[name] === undefined)).toEqual([]);
  });

  it.each(PAGES)('%s: every relative link and image exists', (page) => {
    const targets = [...text(page).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/.test(t));
    expect(targets.filter((t) => !existsSync(resolve(dirname(page), t)))).toEqual([]);
  });

  it.each(PAGES)('%s: every variable in its settings tables is read by the code', (page) => {
    expect(tableVariables(text(page)).filter((name) => !SOURCE.includes(name))).toEqual([]);
  });

  it('the README has a settings table, links every page in docs/, and shows the chart image', () => {
    expect(tableVariables(readme)).toEqual(expect.arrayContaining(['DISCORD_TOKEN', 'DISCORD_CLIENT_ID', 'DISCORD_GUILD_ID']));
    for (const doc of DOCS) expect(readme, `README links ${doc}`).toContain(`](${doc})`);
    expect(readme).toContain('](docs/chart-example.png)');
  });

  it('.env.example offers the three Discord settings the set-up steps ask for', () => {
    const example = text('.env.example');
    for (const name of ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID', 'DISCORD_GUILD_ID']) expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
  });

  it('every slash command the README names exists', () => {
    const defined = new Set(
      readdirSync('bot/commands')
        .map((f) => /\.setName\('([a-z]+)'\)/.exec(text(join('bot/commands', f)))?.[1])
        .filter((name): name is string => name !== undefined),
    );
    const section = readme.slice(readme.indexOf('Slash commands:'));
    const named = [...section.slice(0, section.indexOf('\n\n')).matchAll(/`\/([a-z]+)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((name) => !defined.has(name))).toEqual([]);
  });

  it("the invite link's permissions integer is exactly the permissions the set-up step lists", () => {
    const step = readme.slice(readme.indexOf('**Invite the bot:**'), readme.indexOf('5. **Configure:**'));
    const listed: (keyof typeof PermissionFlagsBits)[] = ['ViewChannel', 'SendMessages', 'SendMessagesInThreads', 'CreatePublicThreads', 'EmbedLinks', 'AttachFiles', 'ReadMessageHistory'];
    for (const words of ['View Channel', 'Send Messages,', 'Send Messages in Threads', 'Create Public Threads', 'Embed Links', 'Attach Files', 'Read Message History']) {
      expect(step).toContain(words);
    }
    const sum = listed.reduce((total, name) => total | PermissionFlagsBits[name], 0n);
    expect(step).toContain(`permissions=${sum}`);
    expect(step).toContain(`\`${sum}\``);
    // The same set as the emulator's model of Discord, whose REST routes refuse what the bot may not do: the
    // end-to-end tests exercise each of these permissions being taken away.
    expect(bitsOf(Object.keys(PERMISSION_BITS) as PermissionName[])).toBe(sum);
  });

  it('the line the set-up steps quote for a missing Message Content intent is the one the bot prints', () => {
    const quoted = /exits with `(Discord closed the gateway: 4014[^`…]*)…`/.exec(readme)?.[1];
    expect(quoted).toBeDefined();
    expect(fatalCloseLine(4014).startsWith(quoted!)).toBe(true);
  });

  it('names nothing a user of the bot does not have (the developers\' ../shared folder)', () => {
    expect(readme).not.toContain('shared/eval');
  });
});
