// Every question the README's "What to ask" shows is answered as the README says: from the rows, with no name
// left unknown — the follow-ups in a conversation after the count they follow, the typo read as meant, and the
// name the report lacks told so.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openReportEngine } from '../app/open.ts';
import { LocalNgramEmbedder } from '../embed/local-ngram.ts';
import type { ChatEngine } from '../retrieval/index.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## What to ask'), readme.indexOf('\n## ', readme.indexOf('## What to ask') + 5));
const lines = section.split('\n- ').slice(1);
const questionsIn = (line: string) => [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).filter((q) => !q.startsWith('/') && !q.startsWith('npm') && /[？?]|[\u4e00-\u9fff]{4}|Summarise/.test(q));

let chat: ChatEngine;
beforeAll(async () => {
  chat = await openReportEngine({ dataDir: mkdtempSync(join(tmpdir(), 'readme-')), embedder: new LocalNgramEmbedder(), log: () => {} });
});

describe("the README's example questions", () => {
  it('finds the examples', () => {
    expect(lines.length).toBeGreaterThanOrEqual(8);
    expect(lines.flatMap(questionsIn).length).toBeGreaterThanOrEqual(15);
  });

  it('each plain example is answered from the rows, with nothing unknown', async () => {
    for (const line of lines.filter((l) => !/^(follow-ups|typos)/.test(l))) {
      for (const q of questionsIn(line)) {
        const a = await chat.ask(q);
        expect(a.unknown, q).toEqual([]);
        expect(a.intent, q).not.toBe('none');
        expect(a.total, q).toBeGreaterThan(0);
      }
    }
  });

  it('the follow-ups continue the count before them', async () => {
    const line = lines.find((l) => l.startsWith('follow-ups'))!;
    for (const q of questionsIn(line).filter((x) => !/重新开始|new question/.test(x))) {
      await chat.ask('外勤支助部有多少产出低于计划？', { conversation: `readme-${q}` });
      const a = await chat.ask(q, { conversation: `readme-${q}` });
      expect(a.plan.carried.length, q).toBeGreaterThan(0);
      expect(a.total, q).toBeGreaterThan(0);
    }
  });

  it('the typo is read as meant and the missing department is told so', async () => {
    const [typo, missing] = questionsIn(lines.find((l) => l.startsWith('typos'))!);
    const a = await chat.ask(typo!);
    expect(a.corrections).toEqual([{ from: '外勤支助布', to: '外勤支助部' }]);
    expect(a.total).toBe(16);
    const b = await chat.ask(missing!);
    expect(b).toMatchObject({ total: 0, rows: [], unknown: [{ text: '政治事务部', kind: 'unit' }] });
    expect(b.alternatives.length).toBe(1);
  });
});
