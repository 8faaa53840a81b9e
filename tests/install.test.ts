// `npm ci` must pass with npm 10 and npm 11 with only the npm registry reachable and nothing set by the user.
// npm 11 runs the install scripts `allowScripts` allows; npm 10 runs every script the lockfile marks with
// `hasInstallScript` (npm ci reads the package's scripts from disk only for packages so marked). So the two
// files must agree, and a package whose script fetches from outside the registry must be marked in neither.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const Lock = z.object({ packages: z.record(z.string(), z.object({ hasInstallScript: z.boolean().optional() }).loose()) });
const Manifest = z.object({ allowScripts: z.record(z.string(), z.boolean()), engines: z.object({ node: z.string(), npm: z.string() }) });

const lock = Lock.parse(JSON.parse(readFileSync('package-lock.json', 'utf8')));
const manifest = Manifest.parse(JSON.parse(readFileSync('package.json', 'utf8')));
const packageName = (path: string) => path.replace(/^.*node_modules\//, '');

/** Install scripts that download from outside the registry (onnxruntime-node: CUDA files from NuGet). */
const FETCHES_OUTSIDE_REGISTRY = ['onnxruntime-node'];

describe('install scripts: npm 10 and npm 11 run the same ones', () => {
  const marked = Object.entries(lock.packages)
    .filter(([, entry]) => entry.hasInstallScript === true)
    .map(([path]) => packageName(path));

  it('no package whose install script downloads from outside the registry is marked as having one', () => {
    expect(marked.filter((name) => FETCHES_OUTSIDE_REGISTRY.includes(name))).toEqual([]);
    for (const name of FETCHES_OUTSIDE_REGISTRY) expect(manifest.allowScripts[name], `${name} in allowScripts`).toBe(false);
  });

  it('every package the lockfile marks is named in allowScripts (npm 11 would otherwise stop to ask)', () => {
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.filter((name) => manifest.allowScripts[name] === undefined)).toEqual([]);
  });

  it('the native modules the bot needs are built by both', () => {
    for (const name of ['better-sqlite3', 'hnswlib-node']) {
      expect(marked).toContain(name);
      expect(manifest.allowScripts[name]).toBe(true);
    }
  });

  it('engines names the Node and npm majors it is tested on', () => {
    expect(manifest.engines.node).toMatch(/20/);
    expect(manifest.engines.node).toMatch(/22/);
    expect(manifest.engines.node).toMatch(/24/);
    expect(manifest.engines.npm).toMatch(/10/);
    expect(manifest.engines.npm).toMatch(/11/);
  });
});
