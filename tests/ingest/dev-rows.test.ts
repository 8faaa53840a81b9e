// The parse of the real report against the hand-checked rows in ../shared/eval (scored as its README says).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../ingest/parse-report.ts';

const GOLD = resolve('../shared/eval/dev-rows.jsonl');
const HAND_CHECKED = resolve('tests/ingest/hand-checked');
const SEED = resolve('seeds/a-69-653-budget-performance-2013-14.zh.txt');
const norm = (s: string) => s.replace(/\s+/g, '');
const sortedChars = (s: string) => [...norm(s)].sort().join('');
function dice(a: string, b: string): number {
  const grams = (s: string) => { const t = norm(s); const m = new Map<string, number>(); for (let i = 0; i < t.length - 1; i++) m.set(t.slice(i, i + 2), (m.get(t.slice(i, i + 2)) ?? 0) + 1); return m; };
  const A = grams(a), B = grams(b);
  let inter = 0, na = 0, nb = 0;
  for (const v of A.values()) na += v;
  for (const v of B.values()) nb += v;
  for (const [k, v] of A) inter += Math.min(v, B.get(k) ?? 0);
  return na + nb === 0 ? Number(norm(a) === norm(b)) : (2 * inter) / (na + nb);
}

interface Gold { dept: string; office: string | null; ea: string; line: number; planned: string; actual: string[]; remarks: string[] }

const readJsonl = (file: string): Gold[] => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

describe('parse vs hand-checked rows', () => {
  it.skipIf(!existsSync(GOLD))('the shared dev rows: every row found, at least 98 % split exactly, context right', () => {
    check(readJsonl(GOLD), 0.98);
  });

  it('the project\'s own hand-checked rows for every other section: at least 98 % exact', () => {
    const gold = readdirSync(HAND_CHECKED).filter((f) => f.endsWith('.jsonl')).flatMap((f) => readJsonl(join(HAND_CHECKED, f)));
    expect(gold.length).toBeGreaterThan(300);
    check(gold, 0.98);
  });
});

function check(gold: Gold[], minExact: number): void {
  const { records } = parseReport(readFileSync(SEED, 'utf8'));
  let found = 0, exact = 0, context = 0;
  const misses: string[] = [];
  for (const g of gold) {
    const best = records
      .map((r) => ({ r, s: dice(r.planned, g.planned) + (Math.abs(r.line - g.line) <= 4 ? 0.05 : 0) }))
      .sort((a, b) => b.s - a.s)[0]!;
    if (best.s < 0.8) { misses.push(`missing ${g.line}`); continue; }
    found++;
    const r = best.r;
    const ok = norm(r.planned) === norm(g.planned)
      && JSON.stringify(r.actual.map((a) => a.value)) === JSON.stringify(g.actual.map(norm))
      && sortedChars([...r.actual.map((a) => a.label ?? ''), r.remarks].join('')) === sortedChars(g.remarks.join(''));
    if (ok) exact++; else misses.push(`split ${g.line}`);
    if (r.department.code === g.dept && (r.office ? `(${r.office.code})` : null) === g.office && r.accomplishment.code === g.ea) context++;
  }
  expect(found / gold.length, misses.join('; ')).toBeGreaterThanOrEqual(minExact);
  expect(exact / gold.length, misses.join('; ')).toBeGreaterThanOrEqual(minExact);
  expect(context / gold.length).toBeGreaterThanOrEqual(minExact);
}
