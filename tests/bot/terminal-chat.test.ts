import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { paginateLines, parseChatLine, parseStatus, runTerminalChat, tokenize } from '../../bot/terminal-chat.ts';
import { createFixtureQueries } from './fixtures.ts';

describe('terminal chat command parsing', () => {
  it.each([
    ['法律事务厅有哪些产出被推迟？', { kind: 'ask', question: '法律事务厅有哪些产出被推迟？' }],
    ['/ask how many outputs were postponed?', { kind: 'ask', question: 'how many outputs were postponed?' }],
    ['/dept 法律事务厅', { kind: 'dept', unit: '法律事务厅' }],
    ['/dept 法律事务厅 推迟', { kind: 'dept', unit: '法律事务厅', status: 'postponed' }],
    ['/dept 维持和平行动部 office=联合国驻非洲联盟办事处 above_plan', { kind: 'dept', unit: '维持和平行动部', office: '联合国驻非洲联盟办事处', status: 'above_plan' }],
    ['/dept Office of Legal Affairs --status completed', { kind: 'dept', unit: 'Office of Legal Affairs', status: 'completed' }],
    ['/dept "Department of Field Support" --office "Office of the Under-Secretary-General"', { kind: 'dept', unit: 'Department of Field Support', office: 'Office of the Under-Secretary-General' }],
    ['/count', { kind: 'count' }],
    ['/count 外勤支助部 低于计划', { kind: 'count', unit: '外勤支助部', status: 'below_plan' }],
    ['/count status=postponed', { kind: 'count', status: 'postponed' }],
    ['/postponed', { kind: 'postponed' }],
    ['/postponed 法律事务厅', { kind: 'postponed', unit: '法律事务厅' }],
    ['/row A-a-1.1-01', { kind: 'row', id: 'A-a-1.1-01' }],
    ['/help', { kind: 'help' }],
    ['/quit', { kind: 'quit' }],
    ['/EXIT', { kind: 'quit' }],
    ['', { kind: 'more' }],
    ['more', { kind: 'more' }],
  ])('%s', (line, expected) => {
    expect(parseChatLine(line)).toEqual(expected);
  });

  it.each(['/dept', '/row', '/row a b', '/count --status', '/count sometimes=x status=maybe', '/frobnicate', '/ask'])('rejects %s with a usage line', (line) => {
    const c = parseChatLine(line);
    expect(c.kind).toBe('error');
  });

  it('reads statuses in both languages and quoted names', () => {
    expect(parseStatus('推迟')).toBe('postponed');
    expect(parseStatus('Not-Completed')).toBe('not_completed');
    expect(parseStatus('高于计划')).toBe('above_plan');
    expect(parseStatus('soon')).toBeUndefined();
    expect(tokenize('a "b c" “d e” f')).toEqual(['a', 'b c', 'd e', 'f']);
    expect(paginateLines('1\n2\n3\n4\n5', 2)).toEqual(['1\n2', '3\n4', '5']);
  });
});

async function chat(lines: string[], interactive = false, pageLines = 50) {
  const queries = createFixtureQueries();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d: Buffer) => (out += d.toString()));
  await runTerminalChat({ queries, input: Readable.from(lines.map((l) => l + '\n')), output, interactive, pageLines });
  return { out, queries };
}

describe('terminal chat session (piped stdin)', () => {
  it('answers each line and exits at EOF', async () => {
    const { out, queries } = await chat(['法律事务厅有哪些产出被推迟？', '/dept 法律事务厅', '/count 推迟', '/postponed', '/row H-1.1-02', '/row Z-9.9-99', '/help']);
    expect(out).toContain('[H-1.1-01]');
    expect(out).toContain('为维和行动编写 4 份关于法律问题的指导材料');
    expect(out).toContain('H. 法律事务厅 › 预期成绩 1.1');
    expect(out).toContain('163 法律意见');
    expect(out).toContain('no output with id Z-9.9-99');
    expect(out).toContain('/quit');
    expect(queries.calls.map((c) => c.method)).toEqual(['ask', 'overview', 'count', 'postponed', 'row', 'row']);
    expect(queries.calls[2]?.args).toEqual({ kind: 'count', status: 'postponed' });
  });

  it('stops at /quit', async () => {
    const { queries } = await chat(['/help', '/quit', '法律事务厅有哪些产出被推迟？']);
    expect(queries.calls).toEqual([]);
  });

  it('pages long answers with Enter/"more" when interactive', async () => {
    const { out } = await chat(['/postponed', '', 'more'], true, 2);
    expect(out).toContain('-- more');
    // The rows come after the first screen, one Enter or "more" at a time.
    expect(out.slice(out.indexOf('-- more')).match(/\[[A-L]-/g)?.length ?? 0).toBeGreaterThan(0);
  });
});
