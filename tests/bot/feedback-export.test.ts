// 👍/👎 votes → evaluation question lines, through the real `npm run feedback -- export` script on a SQLite file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { feedbackJsonl, kindOf } from '../../bot/feedback-export.ts';
import { parseCustomId } from '../../bot/interactions/custom-id.ts';
import { dispatchInteraction } from '../../bot/interactions/dispatch.ts';
import { SqliteStateStore } from '../../state/sqlite.ts';
import { FakeResponder, button, command, customIds, harness, modal } from './harness.ts';

async function votes(h: ReturnType<typeof harness>) {
  const list = new FakeResponder();
  await dispatchInteraction(command('ask', { question: '法律事务厅有哪些产出被推迟？' }), list, h.ctx);
  const rank = new FakeResponder();
  await dispatchInteraction(command('ask', { question: '哪个部门推迟的产出最多？' }), rank, h.ctx);
  const down = (r: FakeResponder) => customIds(r.last).find((id) => id.endsWith(':down')) ?? '';
  await dispatchInteraction(button(down(list)), new FakeResponder(), h.ctx);
  const aid = (parseCustomId(down(list)) as { answerId: string }).answerId;
  await dispatchInteraction(modal(`fb:${aid}`, { note: '还应包括维和部的一项' }), new FakeResponder(), h.ctx);
  await dispatchInteraction(button(down(rank).replace(/:down$/, ':up')), new FakeResponder(), h.ctx);
}

describe('feedback export', () => {
  it('writes each vote as a question line: q, kind from the intent, expect null, what was answered, vote, note', async () => {
    const h = harness();
    await votes(h);
    const lines = feedbackJsonl(await h.store.listFeedback()).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ q: '法律事务厅有哪些产出被推迟？', kind: 'list', expect: null, answered: { total: 1, rows: [5215], groups: [] }, vote: 'down', note: '还应包括维和部的一项' });
    expect(lines[1]).toMatchObject({ q: '哪个部门推迟的产出最多？', kind: 'rank', expect: null, vote: 'up' });
    expect(lines[1].answered.groups[0]).toMatchObject({ department: { code: 'A', name: '维持和平行动部' }, count: 1 });
    expect(feedbackJsonl(await h.store.listFeedback(), 'down').trimEnd().split('\n')).toHaveLength(1);
    expect([kindOf('breakdown', 'count'), kindOf('overview', 'rows'), kindOf(undefined, 'rows'), kindOf('summary', 'summary')]).toEqual(['count', 'list', 'list', 'count']);
  });

  it('npm run feedback -- export out.jsonl reads the configured store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedback-'));
    try {
      const path = join(dir, 'state.sqlite');
      const store = new SqliteStateStore({ path, log: () => {} });
      await votes(harness({ store }));
      await store.close();
      const out = join(dir, 'out.jsonl');
      const run = spawnSync(resolve('node_modules/.bin/tsx'), [resolve('app/feedback.ts'), 'export', out, '--down'], {
        env: { PATH: process.env.PATH ?? '', STATE_BACKEND: 'sqlite', STATE_PATH: path },
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain('1 vote →');
      const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
      expect(lines.map((l) => [l.q, l.vote, l.note])).toEqual([['法律事务厅有哪些产出被推迟？', 'down', '还应包括维和部的一项']]);
      const bad = spawnSync(resolve('node_modules/.bin/tsx'), [resolve('app/feedback.ts'), 'import'], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('usage: npm run feedback -- export');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
