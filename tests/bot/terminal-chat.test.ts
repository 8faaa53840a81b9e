import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { commands } from '../../bot/commands/index.ts';
import { displayWidth, parseStatus, parseTextLine, runTerminalChat, tokenize, wrapText } from '../../bot/terminal/chat.ts';
import { paginateLines } from '../../bot/terminal/screen.ts';
import { commandPlan } from '../../retrieval/plan.ts';
import { createFixtureQueries, type FixtureQueries } from './fixtures.ts';

const parse = (line: string) => parseTextLine(line, commands);

describe('text adapter: a typed line as the slash command it stands for', () => {
  it.each([
    ['法律事务厅有哪些产出被推迟？', { kind: 'command', name: 'ask', options: { question: '法律事务厅有哪些产出被推迟？' } }],
    ['/ask how many outputs were postponed?', { kind: 'command', name: 'ask', options: { question: 'how many outputs were postponed?' } }],
    ['/ask status:below_plan is a word here', { kind: 'command', name: 'ask', options: { question: 'status:below_plan is a word here' } }],
    ['/dept 法律事务厅', { kind: 'command', name: 'dept', options: { department: '法律事务厅' } }],
    ['/dept 法律事务厅 推迟', { kind: 'command', name: 'dept', options: { department: '法律事务厅', status: 'postponed' } }],
    ['/dept 维持和平行动部 office=联合国驻非洲联盟办事处 above_plan', { kind: 'command', name: 'dept', options: { department: '维持和平行动部', office: '联合国驻非洲联盟办事处', status: 'above_plan' } }],
    ['/dept Office of Legal Affairs --status completed', { kind: 'command', name: 'dept', options: { department: 'Office of Legal Affairs', status: 'completed' } }],
    ['/dept "Department of Field Support" --office "Office of the Under-Secretary-General"', { kind: 'command', name: 'dept', options: { department: 'Department of Field Support', office: 'Office of the Under-Secretary-General' } }],
    ['/count', { kind: 'command', name: 'count', options: {} }],
    ['/count 外勤部 status:below_plan', { kind: 'command', name: 'count', options: { department: '外勤部', status: 'below_plan' } }],
    ['/count 外勤支助部 低于计划', { kind: 'command', name: 'count', options: { department: '外勤支助部', status: 'below_plan' } }],
    ['/count 状态=推迟', { kind: 'command', name: 'count', options: { status: 'postponed' } }],
    ['/postponed', { kind: 'command', name: 'postponed', options: {} }],
    ['/postponed 法律事务厅', { kind: 'command', name: 'postponed', options: { department: '法律事务厅' } }],
    ['/row a-a-1.1-01', { kind: 'command', name: 'row', options: { id: 'a-a-1.1-01' } }],
    ['/source A-a-1.1-01', { kind: 'command', name: 'source', options: { id: 'A-a-1.1-01' } }],
    ['/reset', { kind: 'command', name: 'reset', options: {} }],
    ['/export out.csv', { kind: 'export', file: 'out.csv' }],
    ['/chart "my chart.png"', { kind: 'chart', file: 'my chart.png' }],
    ['/help', { kind: 'help' }],
    ['/quit', { kind: 'quit' }],
    ['/EXIT', { kind: 'quit' }],
    ['2', { kind: 'choice', index: 1 }],
    ['', { kind: 'more' }],
    ['more', { kind: 'more' }],
  ])('%s', (line, expected) => {
    expect(parse(line)).toEqual(expected);
  });

  it.each(['/dept', '/row', '/export', '/chart', '/source', '/count --status', '/count sometimes=x status=maybe', '/dept x --colour red', '/frobnicate', '/ask'])('refuses %s with a line saying why', (line) => {
    const c = parse(line);
    expect(c.kind).toBe('error');
    expect(c.kind === 'error' && c.message).toMatch(/usage|unknown|needs|no option/);
  });

  it("holds typed options to the command's registration, as Discord does (a question over /ask's 1000 characters)", () => {
    const long = parse('问'.repeat(1001));
    expect(long).toMatchObject({ kind: 'error' });
    expect(long.kind === 'error' && long.message).toContain('1001');
    expect(parse('问'.repeat(1000))).toMatchObject({ kind: 'command', name: 'ask' });
  });

  it('reads statuses in both languages and quoted names', () => {
    expect(parseStatus('推迟')).toBe('postponed');
    expect(parseStatus('Not-Completed')).toBe('not_completed');
    expect(parseStatus('soon')).toBeUndefined();
    expect(tokenize('a "b c" “d e” f')).toEqual(['a', 'b c', 'd e', 'f']);
    expect(paginateLines('1\n2\n3\n4\n5', 2)).toEqual(['1\n2', '3\n4', '5']);
  });

  it('wraps to the width given, counting a CJK character as two columns', () => {
    const wrapped = wrapText(`${'维持和平行动部'.repeat(10)}\n${'word '.repeat(30)}`, 40).split('\n');
    expect(wrapped.length).toBeGreaterThan(4);
    for (const line of wrapped) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    // English breaks between words, never inside one.
    expect(wrapped.filter((l) => l.includes('word')).every((l) => /^(word ?)+$/.test(l.trim()))).toBe(true);
    expect(displayWidth('维和 A')).toBe(6);
  });
});

async function chat(lines: string[] | Readable, interactive = false, pageLines = 50, extra: Partial<Parameters<typeof runTerminalChat>[0]> = {}) {
  const queries = (extra.queries as FixtureQueries | undefined) ?? createFixtureQueries();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d: Buffer) => (out += d.toString()));
  const input = Array.isArray(lines) ? Readable.from(lines.map((l) => l + '\n')) : lines;
  await runTerminalChat({ queries, input, output, interactive, pageLines, chartsDir: null, conversation: 'term:test', ...extra });
  return { out, queries };
}

/** Waits for a condition the chat reaches asynchronously (a turn answered, a line written); fails after 5 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5_000) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const turns = (queries: FixtureQueries) => queries.calls.filter((c) => c.method === 'ask' || c.method === 'run');
const plans = (queries: FixtureQueries) => turns(queries).filter((c) => c.method === 'run').map((c) => (c.args as { plan: Record<string, unknown> }).plan);

describe('terminal chat session (piped stdin)', () => {
  it('runs each line through the slash commands, in one conversation, and exits at EOF', async () => {
    const { out, queries } = await chat(['法律事务厅有哪些产出被推迟？', '/dept 法律事务厅', '/count 推迟', '/postponed', '/row h-1.1-02', '/row Z-9.9-99', '/help']);
    expect(out).toContain('为维和行动编写 4 份关于法律问题的指导材料');
    // /row is case-blind and goes through /row's own card.
    expect(out).toContain('163（法律意见）');
    expect(out).toContain('没有编号为 Z-9.9-99 的产出');
    expect(out).toContain('/quit');
    expect(out).not.toContain('**');
    expect(turns(queries).map((c) => (c.args as { conversation: string }).conversation)).toEqual(Array(4).fill('dm:term:test'));
    expect(plans(queries)[0]).toMatchObject({ measure: 'rows', where: { op: 'unit', unit: { department: 'H', office: null } } });
    expect(plans(queries)[1]).toMatchObject({ measure: 'count', groupBy: 'department', where: { op: 'status', flag: 'postponed' } });
    expect(plans(queries)[2]).toMatchObject({ measure: 'rows', where: { op: 'status', flag: 'postponed' } });
  });

  it('says when a unit names nothing, in the language of the line, instead of guessing', async () => {
    const { out, queries } = await chat(['/dept 不存在的部', '/dept Nowhere Office']);
    expect(out).toContain('“不存在的部”不是报告中的部门或办事处');
    expect(out).toContain('“Nowhere Office” is not a department or office');
    expect(queries.calls.some((c) => c.method === 'run')).toBe(false);
  });

  it('stops at /quit', async () => {
    const { queries } = await chat(['/help', '/quit', '法律事务厅有哪些产出被推迟？']);
    expect(turns(queries)).toEqual([]);
  });

  it('refuses a huge line without storing or echoing it', async () => {
    const { out, queries } = await chat(['外'.repeat(1_000_000), '/count']);
    expect(out).toContain('1000000');
    expect(out.length).toBeLessThan(5_000);
    expect(turns(queries)).toHaveLength(1);
  });

  it('a CR alone does not cut a line in two (CRLF still ends one)', async () => {
    const { queries } = await chat(Readable.from([Buffer.from('/dept 法律\r事务厅\r\n/count 推'), Buffer.from('迟\r'), Buffer.from('\n')]));
    // One /dept line (its name, joined by a space, names no unit here) and one /count line, not four lines.
    expect(queries.calls.filter((c) => c.method === 'resolveUnit').map((c) => c.args)).toEqual([{ typed: '法律 事务厅' }]);
    expect(turns(queries)).toHaveLength(1);
    expect(plans(queries)[0]).toMatchObject({ measure: 'count', where: { op: 'status', flag: 'postponed' } });
  });

  it('/export writes the last answer as CSV through /export, /chart and automatic charts write PNGs, /source prints the lines, /reset forgets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-test-'));
    try {
      const csvFile = join(dir, 'out.csv');
      const pngFile = join(dir, 'chart.png');
      const { out } = await chat(['/export ' + csvFile, '维和部的产出', '/export ' + csvFile, '/chart ' + pngFile, '/count', '/chart ' + pngFile, '/source h-1.1-02', '/reset', '/export ' + csvFile], false, 50, {
        csvParts: (records) => [Buffer.from(['id', ...records.map((r) => r.id)].join('\n'))],
        renderChart: async () => Buffer.from('PNG'),
        sourceLines: async (id) => [`first line of ${id}`, 'second line'],
        chartsDir: join(dir, 'charts'),
      });
      expect(out).toContain('还没有可导出的答案');
      expect(readFileSync(csvFile, 'utf8')).toBe('id\nA-a-1.1-01\nA-a-1.1-02\nA-a-1.1-03\nA-b-1.1-01');
      // Beside the rows, the note of the question, the reading and the report.
      expect(readFileSync(join(dir, 'out-note.txt'), 'utf8')).toContain('维和部的产出');
      expect(out).toContain('上一个答案没有图表');
      // /count is a breakdown: its chart is written automatically, and /chart writes it where asked.
      expect(out).toMatch(/chart: .*charts\/breakdown-\d+\.png/);
      expect(readdirSync(join(dir, 'charts'))).toHaveLength(1);
      expect(readFileSync(pngFile, 'utf8')).toBe('PNG');
      expect(out).toContain('first line of H-1.1-02\nsecond line');
      expect(out).toContain('已重新开始');
      expect(out.split('还没有可导出的答案')).toHaveLength(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The fixture engine, with a next step added to every answer to a question (the real engine's come later). */
function queriesWithNextStep(): FixtureQueries {
  const queries = createFixtureQueries();
  const ask = queries.ask.bind(queries);
  queries.ask = async (question, options) => {
    const answer = await ask(question, options);
    const plan = commandPlan({ language: 'zh', unit: { department: 'A', office: null }, measure: 'count', groupBy: 'office' });
    return { ...answer, suggestions: [{ description: '维和部按办事处分列', plan }] };
  };
  return queries;
}

describe('next steps in the terminal', () => {
  it('are numbered under the answer; typing the number runs its plan as a turn of the same conversation', async () => {
    const { out, queries } = await chat(['法律事务厅有哪些产出被推迟？', '1'], false, 50, { queries: queriesWithNextStep() });
    expect(out).toContain('下一步（输入编号）：\n  1. 维和部按办事处分列');
    const run = turns(queries).at(-1);
    expect(run?.method).toBe('run');
    expect(run?.args).toMatchObject({ conversation: 'dm:term:test', plan: { measure: 'count', groupBy: 'office', where: { op: 'unit', unit: { department: 'A' } } } });
  });

  it('a number with no choices on offer is a question', async () => {
    const { queries } = await chat(['/count', '1'], false);
    expect(turns(queries).at(-1)).toMatchObject({ method: 'ask', args: { question: '1' } });
  });
});

describe('terminal chat, interactive', () => {
  it('pages long answers with Enter/"more", each screen within the columns', async () => {
    // Each row's citation wraps over several 30-column lines, so the second row is a dozen screens down.
    const { out } = await chat(['/postponed', ...Array.from({ length: 16 }, (_, i) => (i % 2 ? 'more' : ''))], true, 3, { columns: 30 });
    expect(out).toContain('-- more');
    expect(out.indexOf('H-1.1-01')).toBeGreaterThan(out.indexOf('-- more'));
    // eslint-disable-next-line no-control-regex
    const visible = out.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').split(/\r?\n/);
    for (const line of visible) expect(displayWidth(line.replace(/^> /, ''))).toBeLessThanOrEqual(30);
  });

  it('Ctrl+C clears a typed line; a second Ctrl+C on the empty line exits', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (d: Buffer) => (out += d.toString()));
    const queries = createFixtureQueries();
    const done = runTerminalChat({ queries, input, output, interactive: true, chartsDir: null, conversation: 'term:test' });
    input.write('/count 推迟');
    input.write('\x03');
    // The first Ctrl+C cleared the line and did not exit: Enter sends an empty line, the next command is answered.
    input.write('\r/count\r');
    await until(() => turns(queries).length === 1 && out.includes('项产出'));
    input.write('\x03');
    await until(() => out.split('再按一次 Ctrl+C').length === 3);
    input.write('\x03');
    await done;
    expect(turns(queries)).toHaveLength(1);
    expect(plans(queries)[0]).toMatchObject({ measure: 'count', groupBy: 'department' });
    expect(plans(queries)[0]).not.toHaveProperty('where.flag');
  });
});
