// A department block repeated under another letter (issue 15): the K block pasted again as "M." — under its
// own name, or renamed — is refused like the other signs of a damaged file, unless --force.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';
import { IngestRefusedError, integrityProblems } from '../../ingest/integrity.ts';
import { parseReport } from '../../ingest/parse-report.ts';
import { runIngest } from '../../ingest/pipeline.ts';

const SEED = resolve('seeds/a-69-653-budget-performance-2013-14.zh.txt');
const NAME = basename(SEED);
const text = readFileSync(SEED, 'utf8');
const lines = text.split('\n');
const start = lines.findIndex((l) => /^\s*K\.\s/.test(l));
const end = lines.findIndex((l) => /^\s*L\.\s/.test(l));
const kBlock = lines.slice(start, end);

/** The report with the K block appended again, its heading rewritten by `heading`. */
const withRepeat = (heading: (line: string) => string) => [...lines, heading(kBlock[0]!), ...kBlock.slice(1)].join('\n');
const sameName = withRepeat((h) => h.replace('K.', 'M.'));
const renamed = withRepeat(() => ' M. 某某委员会秘书处 ');
const problemsOf = (t: string) => integrityProblems(parseReport(t), NAME, null);

describe('a department block repeated under another letter', () => {
  it('the report itself has no repeated block', () => {
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    expect(problemsOf(text)).toEqual([]);
  });

  it('the same department name under two letters is named with both', () => {
    expect(problemsOf(sameName).join('\n')).toMatch(/"行政和预算问题咨询委员会秘书处" appears under two letters \(K\. at line \d+ and M\. at line \d+\)/);
  });

  it('the same rows under a renamed heading are seen too', () => {
    expect(problemsOf(renamed).join('\n')).toMatch(/departments K\. and M\. hold the same \d+ rows/);
  });

  it('the ingest refuses it, and --force ingests it anyway', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'repeated-block-'));
    const seedPath = join(dir, NAME);
    writeFileSync(seedPath, sameName);
    const embedder = new LocalNgramEmbedder({ dimensions: 32 });
    await expect(runIngest({ seedPath, dataDir: join(dir, 'data'), embedder })).rejects.toThrow(IngestRefusedError);
    const forced = await runIngest({ seedPath, dataDir: join(dir, 'data'), embedder, force: true });
    expect(forced.parsed.records.some((r) => r.department.code === 'M')).toBe(true);
  });
});
