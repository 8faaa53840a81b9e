// The real engine over the real report answers the hand-checked dev questions (scored as ../shared/eval's
// README says: list F1 >= 0.9 and total in range, count in range, lookup in top 3, none empty).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';
import type { ChatEngine as ReportEngine } from '../../retrieval/index.ts';
import { openReportEngine } from '../../app/open.ts';

const QUESTIONS = resolve('../shared/eval/dev-questions.jsonl');
const GOLD = resolve('../shared/eval/dev-rows.jsonl');
// 60 more questions, phrased unlike the dev ones and spread over every department, written for this project
// by a reader who saw only the report and the hand-checked rows (tests/ingest/hand-checked), never the bot.
const OWN_QUESTIONS = resolve('tests/retrieval/hand-made-questions.jsonl');
// A second set by another reader, in chat style (terse, mixed languages, 预期成绩 numbers, unanswerable ones).
const OWN_QUESTIONS_2 = resolve('tests/retrieval/hand-made-questions-2.jsonl');
// A third set by a third reader, as a budget analyst would ask.
const OWN_QUESTIONS_3 = resolve('tests/retrieval/hand-made-questions-3.jsonl');
// A fourth, written last in the dev-question style with other wording: it scored 84 % before any fix.
const OWN_QUESTIONS_4 = resolve('tests/retrieval/hand-made-questions-4.jsonl');
// A fifth, team-channel style: 92.5 % before any fix.
const OWN_QUESTIONS_5 = resolve('tests/retrieval/hand-made-questions-5.jsonl');

interface Question { q: string; kind: 'list' | 'count' | 'lookup' | 'none'; expect: number | number[]; maybe?: number | number[] }

describe('questions through the engine', () => {
  let engine: ReportEngine;
  beforeAll(async () => {
    engine = await openReportEngine({ dataDir: mkdtempSync(join(tmpdir(), 'ask-')), embedder: new LocalNgramEmbedder(), log: () => {} });
  });

  it.skipIf(!existsSync(QUESTIONS) || !existsSync(GOLD))('the shared dev questions score at least 95 %', async () => {
    await expectScore(engine, QUESTIONS, 0.95);
  });

  it('the project\'s own held-out-style questions score at least 95 %', async () => {
    await expectScore(engine, OWN_QUESTIONS, 0.95);
  });

  it('the second, chat-style set scores at least 95 %', async () => {
    await expectScore(engine, OWN_QUESTIONS_2, 0.95);
  });

  it('the third, analyst-style set scores at least 90 %', async () => {
    await expectScore(engine, OWN_QUESTIONS_3, 0.9);
  });

  it('the fourth set scores at least 90 %', async () => {
    await expectScore(engine, OWN_QUESTIONS_4, 0.9);
  });

  it('the fifth set scores at least 90 %', async () => {
    await expectScore(engine, OWN_QUESTIONS_5, 0.9);
  });
});

async function expectScore(engine: ReportEngine, file: string, min: number): Promise<void> {
  const qs: Question[] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const failures: string[] = [];
  for (const q of qs) {
    const a = await engine.ask(q.q);
    const lines = a.rows.map((r) => r.line);
    let ok = false;
    if (q.kind === 'count') ok = a.total >= (q.expect as number) && a.total <= (q.expect as number) + ((q.maybe as number) ?? 0);
    else if (q.kind === 'none') ok = a.total === 0 && a.rows.length === 0;
    else if (q.kind === 'lookup') ok = (q.expect as number[]).some((l) => lines.slice(0, 3).includes(l));
    else {
      const want = new Set(q.expect as number[]);
      const maybe = new Set((q.maybe as number[]) ?? []);
      const tp = lines.filter((l) => want.has(l)).length;
      const fp = lines.filter((l) => !want.has(l) && !maybe.has(l)).length;
      const f1 = (2 * tp) / (2 * tp + fp + (want.size - tp));
      ok = f1 >= 0.9 && a.total >= want.size && a.total <= want.size + maybe.size;
    }
    if (!ok) failures.push(`${q.kind}: ${q.q} -> total ${a.total}, lines ${lines.slice(0, 8).join(',')}`);
  }
  expect(1 - failures.length / qs.length, failures.join('\n')).toBeGreaterThanOrEqual(min);
}
