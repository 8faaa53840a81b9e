import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedSourceLines, undoubleBlankLines } from '../../app/source-lines.ts';

const SEED = 'seeds/a-69-653-budget-performance-2013-14.zh.txt';

describe('the /source view of a row', () => {
  it('drops the blank line the extraction put after every line, keeps one for a paragraph break', () => {
    expect(undoubleBlankLines(['a ', '', 'b', '', '', ' ', 'c', ''])).toEqual(['a ', 'b', '', 'c']);
    expect(undoubleBlankLines(['', '', 'x'])).toEqual(['x']);
  });

  it('shows A-b-1.1-06 (lines 337–353) with every text line verbatim and no two blank lines in a row', async () => {
    const seed = readFileSync(SEED, 'utf8').split(/\r?\n/);
    const lines = (await seedSourceLines(SEED, (id) => (id === 'A-b-1.1-06' ? { line: 337, lineEnd: 353 } : undefined))('A-b-1.1-06'))!;
    const text = seed.slice(336, 353).filter((l) => l.trim());
    expect(lines.filter((l) => l.trim())).toEqual(text);
    expect(lines.some((l, i) => l.trim() === '' && (lines[i + 1] ?? 'x').trim() === '')).toBe(false);
    // The seed doubles every break, so the view is about half as tall.
    expect(lines.length).toBeLessThan(seed.slice(336, 353).length);
  });
});
