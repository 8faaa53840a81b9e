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

describe('layout', () => {
  it('every import between stages points downward', () => {
    const bad = arrows().filter((a) => !ALLOWED[a.from]!.includes(a.to));
    expect(bad.map((a) => `${a.file}: ${a.from} -> ${a.to}`)).toEqual([]);
  });

  it('the check sees the arrows that exist (retrieval reads the shared record schema)', () => {
    expect(arrows().some((a) => a.from === 'retrieval' && a.to === 'store')).toBe(true);
  });
});
