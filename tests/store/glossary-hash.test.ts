// glossary.json is served like rows.json (issue 15): the manifest holds its hash, so an edited, corrupt or
// missing glossary is a reason to rebuild, said in the start-up line, not served silently.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureData } from '../../app/open.ts';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';
import { builtPath, reportText } from '../ingest/helpers.ts';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'glossary-hash-'));
  const seedPath = join(dir, 'report.txt');
  writeFileSync(seedPath, reportText(['出版 2 份新闻刊物$', '否 被推迟到 2015 年$']));
  return { seedPath, dataDir: join(dir, 'data'), embedder: new LocalNgramEmbedder({ dimensions: 32 }) };
}

describe('glossary.json in the manifest', () => {
  it('an edited glossary.json is rebuilt, saying why', async () => {
    const { seedPath, dataDir, embedder } = setup();
    const built = await ensureData({ seedPath, dataDir, embedder });
    const path = builtPath(dataDir, 'glossary.json');
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, JSON.stringify([...built.glossary, { abbreviation: 'XYZ', fullName: '伪造的部门' }]));
    const lines: string[] = [];
    const again = await ensureData({ seedPath, dataDir, embedder, log: (l) => lines.push(l) });
    expect(again.rebuiltBecause).toBe('glossary.json does not match the manifest (edited, corrupt or partial)');
    expect(lines.join('\n')).toContain('glossary.json does not match the manifest');
    expect(again.glossary.some((g) => g.abbreviation === 'XYZ')).toBe(false);
    expect(readFileSync(builtPath(dataDir, 'glossary.json'), 'utf8')).toBe(original);
  });

  it('a missing glossary.json is rebuilt', async () => {
    const { seedPath, dataDir, embedder } = setup();
    await ensureData({ seedPath, dataDir, embedder });
    rmSync(builtPath(dataDir, 'glossary.json'));
    expect((await ensureData({ seedPath, dataDir, embedder })).rebuiltBecause).toBe('glossary.json is missing');
  });

  it('a manifest from before glossary hashing is rebuilt once, then loaded', async () => {
    const { seedPath, dataDir, embedder } = setup();
    await ensureData({ seedPath, dataDir, embedder });
    const manifestPath = builtPath(dataDir, 'manifest.json');
    const { glossarySha256: _dropped, ...older } = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(manifestPath, JSON.stringify(older));
    expect((await ensureData({ seedPath, dataDir, embedder })).rebuiltBecause).toBe('the manifest predates glossary hashing');
    expect((await ensureData({ seedPath, dataDir, embedder })).rebuiltBecause).toBeNull();
  });
});
