// state/ is shared by every stage, so it must depend on none of them (nor they on each other through it).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const STATE_DIR = fileURLToPath(new URL('../../state/', import.meta.url));
const ALLOWED_PACKAGES = new Set(['zod', 'better-sqlite3', 'ioredis']);

it('state/ imports only itself, node: built-ins, zod, better-sqlite3 and ioredis', () => {
  const files = readdirSync(STATE_DIR).filter((f) => f.endsWith('.ts'));
  expect(files.length).toBeGreaterThan(0);
  const offending: string[] = [];
  for (const file of files) {
    const source = readFileSync(join(STATE_DIR, file), 'utf8');
    for (const m of source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1] ?? m[2] ?? '';
      const ok = (spec.startsWith('./') && !spec.includes('/../')) || spec.startsWith('node:') || ALLOWED_PACKAGES.has(spec);
      if (!ok) offending.push(`${file}: ${spec}`);
    }
  }
  expect(offending).toEqual([]);
});

it('types.ts stays zod-free', () => {
  expect(readFileSync(join(STATE_DIR, 'types.ts'), 'utf8')).not.toMatch(/from\s+['"]zod['"]/);
});
