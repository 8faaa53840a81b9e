// The stages import only downward: embed/, store/ and config/ (.env, data paths, how a command exits) are leaves, ingest/ builds data/, retrieval/ answers,
// present/ words answers, bot/ serves them, app/ wires everything. A sideways or upward import fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve('.');
/** Which folders each stage may import from (besides itself, node built-ins and packages). */
const ALLOWED: Record<string, string[]> = {
  config: [],
  embed: [],
  store: [],
  state: [],
  ingest: ['store', 'embed', 'config'],
  retrieval: ['store', 'embed'],
  present: ['retrieval', 'store'],
  bot: ['present', 'retrieval', 'store', 'state', 'config'],
  app: ['config', 'embed', 'store', 'state', 'ingest', 'retrieval', 'present', 'bot'],
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

export function arrows(): Array<{ from: string; to: string; file: string }> {
  const out: Array<{ from: string; to: string; file: string }> = [];
  for (const stage of Object.keys(ALLOWED)) {
    let files: string[] = [];
    try {
      files = sources(join(ROOT, stage));
    } catch {
      continue;
    }
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = relative(ROOT, resolve(join(file, '..'), m[1]!)).split(/[\\/]/)[0]!;
        if (target !== stage) out.push({ from: stage, to: target, file: relative(ROOT, file) });
      }
    }
  }
  return out;
}

/** bot/'s rooms: one folder per transport; everything else in bot/ is the shared core. */
const BOT_TRANSPORTS = ['gateway', 'http', 'terminal'];
const botRoom = (file: string): string => {
  const [top, room] = relative(join(ROOT, 'bot'), file).split(/[\\/]/);
  return room !== undefined && BOT_TRANSPORTS.includes(top!) ? top! : 'core';
};

/** Imports between bot/'s rooms (transport folders and the core). */
function botArrows(): Array<{ from: string; to: string; file: string }> {
  const out: Array<{ from: string; to: string; file: string }> = [];
  for (const file of sources(join(ROOT, 'bot'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = resolve(join(file, '..'), m[1]!);
      if (!relative(join(ROOT, 'bot'), target).startsWith('..')) out.push({ from: botRoom(file), to: botRoom(target), file: relative(ROOT, file) });
    }
  }
  return out;
}

describe('layout', () => {
  it('every import between stages points downward', () => {
    const bad = arrows().filter((a) => !ALLOWED[a.from]!.includes(a.to));
    expect(bad.map((a) => `${a.file}: ${a.from} -> ${a.to}`)).toEqual([]);
  });

  it('discord.js is imported only inside bot/', () => {
    const outside = Object.keys(ALLOWED)
      .filter((stage) => stage !== 'bot')
      .flatMap((stage) => {
        try {
          return sources(join(ROOT, stage));
        } catch {
          return [];
        }
      })
      .filter((file) => /from ['"](discord\.js|@discordjs\/[\w-]+)['"]/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(outside).toEqual([]);
  });

  it('inside bot/, transports import the core and never each other; the core imports no transport', () => {
    const bad = botArrows().filter((a) => a.from !== a.to && a.to !== 'core');
    expect(bad.map((a) => `${a.file}: ${a.from} -> ${a.to}`)).toEqual([]);
    // The check sees real arrows: every transport is built on the core's dispatcher.
    expect(new Set(botArrows().filter((a) => a.to === 'core' && a.from !== 'core').map((a) => a.from))).toEqual(new Set(BOT_TRANSPORTS));
  });

  it('the check sees the arrows that exist (retrieval reads the shared record schema)', () => {
    expect(arrows().some((a) => a.from === 'retrieval' && a.to === 'store')).toBe(true);
  });
});
