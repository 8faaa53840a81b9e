// Rankings, shares, comparisons, combined conditions and conversations through the real engine, scored as
// ../shared/eval/README.md says (rank: groups[0]; share: ratio; compare: groups; a chat: its last turn).
// hand-made-questions-6.jsonl was written by a reader who never saw the bot; it scored 81.9 % on its first run.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openReportEngine } from '../../app/open.ts';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';
import { commandPlan, type Answer, type ChatEngine } from '../../retrieval/index.ts';

interface Q { q?: string; turns?: string[]; kind: string; expect: unknown; maybe?: unknown }
const DEV_2 = resolve('../shared/eval/dev-questions-2.jsonl');
const OWN_6 = resolve('tests/retrieval/hand-made-questions-6.jsonl');
// A seventh, by another reader, terse team-channel style with 2–3-turn chats: 78.8 % on its first run.
const OWN_7 = resolve('tests/retrieval/hand-made-questions-7.jsonl');
// The eighth, written after the reading was rebuilt from recognisers: many unknown names, typos, 3–4-turn chats
// and new questions after a list. 87.5 % on its first run.
const OWN_8 = resolve('tests/retrieval/hand-made-questions-8.jsonl');
// The ninth: new questions after a list or count (and real follow-ups), typos, names the report lacks: 87.3 % first run.
const OWN_9 = resolve('tests/retrieval/hand-made-questions-9.jsonl');
// The tenth: a broad mix in phrasings far from any example (bureaucratic, casual, parentheticals, reasons): 82.9 % first run.
const OWN_10 = resolve('tests/retrieval/hand-made-questions-10.jsonl');

let engine: ChatEngine;
beforeAll(async () => {
  engine = await openReportEngine({ dataDir: mkdtempSync(join(tmpdir(), 'plan-q-')), embedder: new LocalNgramEmbedder(), log: () => {} });
});

const key = (g: Answer['groups'][number]) => (g.office ? `${g.department.code}(${g.office.code})` : g.department.code);

function judge(q: Q, a: Answer): boolean {
  const lines = a.rows.map((r) => r.line);
  switch (q.kind) {
    case 'count': return a.total >= (q.expect as number) && a.total <= (q.expect as number) + ((q.maybe as number) ?? 0);
    case 'none': return a.total === 0 && a.rows.length === 0;
    case 'lookup': return (q.expect as number[]).some((l) => lines.slice(0, 3).includes(l));
    case 'rank': return a.groups[0] !== undefined && [q.expect, ...((q.maybe as string[]) ?? [])].includes(key(a.groups[0]));
    case 'share': return a.ratio?.part === (q.expect as number[])[0] && a.ratio?.whole === (q.expect as number[])[1];
    case 'compare': return Object.entries(q.expect as Record<string, number>).every(([k, n]) => a.groups.find((g) => key(g) === k)?.count === n);
    default: {
      const want = new Set(q.expect as number[]);
      const maybe = new Set((q.maybe as number[]) ?? []);
      const tp = lines.filter((l) => want.has(l)).length;
      const fp = lines.filter((l) => !want.has(l) && !maybe.has(l)).length;
      const f1 = (2 * tp) / (2 * tp + fp + (want.size - tp) || 1);
      return f1 >= 0.9 && a.total >= want.size && a.total <= want.size + maybe.size;
    }
  }
}

async function score(file: string): Promise<{ rate: number; failures: string[] }> {
  const qs: Q[] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const failures: string[] = [];
  for (const [i, q] of qs.entries()) {
    let a: Answer | undefined;
    if (q.turns) for (const t of q.turns) a = t.startsWith('/dept ') ? await engine.run(commandPlan({ language: 'zh', unit: engine.resolveUnit(t.slice(6)), measure: 'rows', groupBy: 'department' }), { conversation: `t${i}` }) : await engine.ask(t, { conversation: `t${i}` });
    else a = await engine.ask(q.q!);
    if (!judge(q, a!)) failures.push(`${q.kind}: ${q.q ?? q.turns!.join(' → ')} -> total ${a!.total}, groups ${a!.groups.slice(0, 3).map(key).join(',')}, ratio ${JSON.stringify(a!.ratio)}`);
  }
  return { rate: 1 - failures.length / qs.length, failures };
}

describe('plans: rankings, shares, comparisons, conversations', () => {
  it.skipIf(!existsSync(DEV_2))('the shared dev-questions-2 (every new kind) all pass (skipped when ../shared/eval is absent)', async () => {
    const { rate, failures } = await score(DEV_2);
    expect(rate, failures.join('\n')).toBe(1);
  });

  it('the sixth, independently written set (all kinds, chats) scores at least 95 %', async () => {
    const { rate, failures } = await score(OWN_6);
    expect(rate, failures.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('the seventh, independently written set scores at least 95 %', async () => {
    const { rate, failures } = await score(OWN_7);
    expect(rate, failures.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('the eighth, independently written set (unknown names, typos, new questions in a chat) scores at least 90 %', async () => {
    const { rate, failures } = await score(OWN_8);
    expect(rate, failures.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('the ninth set (new questions in a chat, typos, unknown names) scores at least 90 %', async () => {
    const { rate, failures } = await score(OWN_9);
    expect(rate, failures.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('the tenth set (a broad mix, new phrasings) scores at least 90 %', async () => {
    const { rate, failures } = await score(OWN_10);
    expect(rate, failures.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});
