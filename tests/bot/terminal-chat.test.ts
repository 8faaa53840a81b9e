import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { paginateLines, parseChatLine, parseStatus, runTerminalChat, tokenize } from '../../bot/terminal/chat.ts';
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
    ['/source A-a-1.1-01', { kind: 'source', id: 'A-a-1.1-01' }],
    ['/export out.csv', { kind: 'export', file: 'out.csv' }],
    ['/chart "my chart.png"', { kind: 'chart', file: 'my chart.png' }],
    ['/reset', { kind: 'reset' }],
    ['/help', { kind: 'help' }],
    ['/quit', { kind: 'quit' }],
    ['/EXIT', { kind: 'quit' }],
    ['', { kind: 'more' }],
    ['more', { kind: 'more' }],
  ])('%s', (line, expected) => {
    expect(parseChatLine(line)).toEqual(expected);
  });

  it.each(['/dept', '/row', '/row a b', '/export', '/chart', '/source', '/count --status', '/count sometimes=x status=maybe', '/frobnicate', '/ask'])('rejects %s with a usage line', (line) => {
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

async function chat(lines: string[], interactive = false, pageLines = 50, extra: Partial<Parameters<typeof runTerminalChat>[0]> = {}) {
  const queries = createFixtureQueries();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d: Buffer) => (out += d.toString()));
  await runTerminalChat({ queries, input: Readable.from(lines.map((l) => l + '\n')), output, interactive, pageLines, chartsDir: null, conversation: 'term:test', ...extra });
  return { out, queries };
}

describe('terminal chat session (piped stdin)', () => {
  it('answers each line in one conversation and exits at EOF', async () => {
    const { out, queries } = await chat(['法律事务厅有哪些产出被推迟？', '/dept 法律事务厅', '/count 推迟', '/postponed', '/row H-1.1-02', '/row Z-9.9-99', '/help']);
    expect(out).toContain('[H-1.1-01] H. 法律事务厅 › 预期成绩 1.1');
    expect(out).toContain('为维和行动编写 4 份关于法律问题的指导材料');
    expect(out).toContain('163（法律意见）');
    expect(out).toContain('no output with id Z-9.9-99');
    expect(out).toContain('/quit');
    const turns = queries.calls.filter((c) => c.method === 'ask' || c.method === 'run');
    expect(turns.map((c) => (c.args as { conversation: string }).conversation)).toEqual(['term:test', 'term:test', 'term:test', 'term:test']);
    const plans = turns.slice(1).map((c) => (c.args as { plan: { measure: string; where: unknown; groupBy: unknown } }).plan);
    expect(plans[0]).toMatchObject({ measure: 'rows', where: { op: 'unit', unit: { department: 'H', office: null } } });
    expect(plans[1]).toMatchObject({ measure: 'count', groupBy: 'department', where: { op: 'status', flag: 'postponed' } });
    expect(plans[2]).toMatchObject({ measure: 'rows', where: { op: 'status', flag: 'postponed' } });
  });

  it('says when a unit names nothing, instead of guessing', async () => {
    const { out, queries } = await chat(['/dept x']);
    expect(out).toContain('no department or office named "x"');
    expect(queries.calls.some((c) => c.method === 'run')).toBe(false);
  });

  it('stops at /quit', async () => {
    const { queries } = await chat(['/help', '/quit', '法律事务厅有哪些产出被推迟？']);
    expect(queries.calls).toEqual([]);
  });

  it('pages long answers with Enter/"more" when interactive', async () => {
    const { out } = await chat(['/postponed', '', 'more', '', 'more', ''], true, 3);
    expect(out).toContain('-- more');
    expect(out.indexOf('H-1.1-01')).toBeGreaterThan(out.indexOf('-- more'));
  });

  it('/export writes the last answer as CSV, /chart and automatic charts write PNGs, /source prints the lines, /reset forgets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-test-'));
    try {
      const csvFile = join(dir, 'out.csv');
      const pngFile = join(dir, 'chart.png');
      const { out } = await chat(['/export ' + csvFile, '维和部的产出', '/export ' + csvFile, '/chart ' + pngFile, '/count', '/chart ' + pngFile, '/source H-1.1-02', '/reset', '/export ' + csvFile], false, 50, {
        rowsToCsv: (records) => Buffer.from(['id', ...records.map((r) => r.id)].join('\n')),
        renderChart: async () => Buffer.from('PNG'),
        sourceLines: async (id) => [`first line of ${id}`, 'second line'],
        chartsDir: join(dir, 'charts'),
      });
      expect(out).toContain('nothing to export yet');
      expect(readFileSync(csvFile, 'utf8')).toBe('id\nA-a-1.1-01\nA-a-1.1-02\nA-a-1.1-03\nA-b-1.1-01');
      expect(out).toContain('the last answer has no chart');
      // /count is a breakdown: its chart is written automatically, and /chart writes it where asked.
      expect(out).toMatch(/chart: .*charts\/breakdown-\d+\.png/);
      expect(readdirSync(join(dir, 'charts'))).toHaveLength(1);
      expect(readFileSync(pngFile, 'utf8')).toBe('PNG');
      expect(out).toContain('first line of H-1.1-02\nsecond line');
      expect(out).toContain('已重新开始');
      expect(out.split('nothing to export yet')).toHaveLength(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
