import { describe, expect, it } from 'vitest';
import {
  DISCORD_LIMITS,
  breadcrumb,
  embedLength,
  escapeMarkdown,
  fitToDiscordLimits,
  limitViolations,
  renderAnswer,
  renderHelp,
  renderRecord,
  rowIdsOnPage,
  splitText,
  type EmbedJSON,
  type Page,
} from '../../present/discord.ts';
import { chartSpecFor } from '../../present/chart-spec.ts';
import { nameBook } from '../../present/names.ts';
import { FIXTURE_RECORDS, groupsOf, makeAnswer, syntheticRecord } from './fixtures.ts';

const rec = (id: string) => {
  const r = FIXTURE_RECORDS.find((x) => x.id === id);
  if (!r) throw new Error(id);
  return r;
};

/** Independent re-statement of Discord's limits, so a bug in limitViolations cannot hide one. */
function assertWithinLimits(page: Page) {
  expect(page.content?.length ?? 0).toBeLessThanOrEqual(2000);
  expect(page.embeds.length).toBeLessThanOrEqual(10);
  expect(page.content || page.embeds.length).toBeTruthy();
  let total = 0;
  for (const e of page.embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(256);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(2048);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(25);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(256);
      expect(f.value.length).toBeLessThanOrEqual(1024);
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.value.length).toBeGreaterThan(0);
      total += f.name.length + f.value.length;
    }
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
  }
  expect(total).toBeLessThanOrEqual(6000);
  expect(limitViolations(page)).toEqual([]);
}

const allText = (pages: Page[]) =>
  pages
    .flatMap((p) => [p.content ?? '', ...p.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])])
    .join('\n');

describe('breadcrumb and labels', () => {
  it('shows department › office › accomplishment, labelled per language', () => {
    expect(breadcrumb(rec('A-a-1.1-01'), 'zh')).toBe('A. 维持和平行动部 › (a) 联合国驻非洲联盟办事处 › 预期成绩 1.1');
    expect(breadcrumb(rec('A-a-1.1-01'), 'en')).toBe('A. 维持和平行动部 › (a) 联合国驻非洲联盟办事处 › Expected accomplishment 1.1');
    expect(breadcrumb(rec('H-1.1-01'), 'zh')).toBe('H. 法律事务厅 › 预期成绩 1.1');
  });

  it('renders a row with fields in the answer language and content as in the report', () => {
    const zh = renderAnswer(makeAnswer({ rows: [rec('A-a-1.1-01')], language: 'zh', question: '联非办的产出' }));
    const zhRow = zh[0]?.embeds[1] as EmbedJSON;
    expect(zhRow.title).toBe('A. 维持和平行动部 › (a) 联合国驻非洲联盟办事处 › 预期成绩 1.1');
    expect(zhRow.fields?.map((f) => f.name)).toEqual(['计划', '实际', '说明', '状态', '来源']);
    expect(zhRow.fields?.[0]?.value).toBe('秘书长和常务副秘书长分别参加 1 次非洲联盟首脑会议');
    expect(zhRow.fields?.[1]?.value).toBe('2 首脑会议');
    expect(zhRow.fields?.[3]?.value).toContain('已完成');
    expect(zhRow.fields?.[3]?.value).toContain('高于计划');
    // A citation a reader can check in the printed report: the row's number in its table and the document.
    expect(zhRow.fields?.[4]?.value).toBe('`A-a-1.1-01` · 第 1 项产出 · 2013/14 年度支助账户执行情况产出表（A/69/653 补充资料）');

    const en = renderAnswer(makeAnswer({ rows: [rec('A-a-1.1-01')], language: 'en', question: 'UNOAU outputs' }));
    const enRow = en[0]?.embeds[1] as EmbedJSON;
    expect(enRow.fields?.map((f) => f.name)).toEqual(['Planned', 'Actual', 'Remarks', 'Status', 'Source']);
    expect(enRow.fields?.[0]?.value).toBe('秘书长和常务副秘书长分别参加 1 次非洲联盟首脑会议');
    expect(enRow.fields?.[3]?.value).toContain('Above plan');
    expect(enRow.fields?.[4]?.value).toBe('`A-a-1.1-01` · output 1 · 2013/14 support-account performance output tables (supplementary to A/69/653)');
    expect(en[0]?.embeds[0]?.title).toBe('The report lists 1 output.');
    expect(en[0]?.embeds[0]?.footer?.text).toBe('Question: UNOAU outputs');
  });

  it('shows every actual value with its label, and a dash for empty remarks', () => {
    const r = { ...rec('A-a-1.1-01'), actual: [{ value: '12', number: 12, label: '每月报告' }, { value: '52', number: 52, label: '每周报告' }, { value: '否', number: null, label: null }] };
    const e = renderRecord(r, 'zh')[0]?.embeds[0];
    expect(e?.fields?.[1]?.value).toBe('12 每月报告\n52 每周报告\n否');
    expect(e?.fields?.[2]?.value).toBe('—');
  });

  it('escapes markdown in report text without losing it', () => {
    expect(escapeMarkdown('a*b_c`d|e~f\\g')).toBe('a\\*b\\_c\\`d\\|e\\~f\\\\g');
    expect(escapeMarkdown('> quote\n# head')).toBe('\\> quote\n\\# head');
  });

  it('says why nothing matched, how the question was read, and what to ask instead', () => {
    const answer = makeAnswer({ rows: [], language: 'zh', question: '2016/17 年度的产出', intent: 'none', reason: 'outside_report', filters: { status: ['postponed'] } });
    const [page, ...rest] = renderAnswer(answer);
    expect(rest).toEqual([]);
    expect(page?.embeds).toEqual([]);
    expect(page?.content).toContain('报告没有提到问题中的名称、年份或机构');
    // A subtext line: "-#" at the start of a line, not escaped.
    expect(page?.content).toMatch(/^-# 理解为：推迟$/m);
    expect(page?.content).toContain('可以这样问');
    const reset = renderAnswer(makeAnswer({ rows: [], language: 'en', intent: 'none', reason: 'reset' }))[0];
    expect(reset?.content).toBe('Conversation cleared — ask a new question.');
  });

  it('says "following up" when a follow-up carried something over', () => {
    const rows = FIXTURE_RECORDS.filter((r) => r.department.code === 'B');
    const units = [{ department: { code: 'B', name: '外勤支助部' }, office: null, englishName: 'Department of Field Support' }];
    const zh = renderAnswer(makeAnswer({ rows, language: 'zh', units, filters: { status: ['below_plan'] }, plan: { carried: ['unit'] } }))[0]?.embeds[0];
    expect(zh?.description).toContain('接上文：外勤支助部；低于计划');
    const en = renderAnswer(makeAnswer({ rows, language: 'en', units, filters: { status: ['below_plan'] }, plan: { carried: ['unit'] } }))[0]?.embeds[0];
    expect(en?.description).toContain('following up: Department of Field Support; below plan');
  });

  it('renders counts compactly: total and a per-department table, no rows', () => {
    const answer = makeAnswer({ rows: FIXTURE_RECORDS, intent: 'count', language: 'zh' });
    const pages = renderAnswer(answer, { mode: 'count' });
    expect(pages).toHaveLength(1);
    const [embed] = pages[0]?.embeds ?? [];
    expect(pages[0]?.embeds).toHaveLength(1);
    // The direct answer is the title; the tally shows every status since the question named none.
    expect(embed?.title).toBe('报告中共有 7 项产出。');
    expect(embed?.description).toContain('```\n4  A. 维持和平行动部\n1  B. 外勤支助部\n2  H. 法律事务厅\n```');
    expect(embed?.description).toContain('推迟 2');
  });

  it('breaks one department down by office', () => {
    const answer = makeAnswer({ rows: FIXTURE_RECORDS.filter((r) => r.department.code === 'A'), intent: 'count', language: 'en' });
    const d = renderAnswer(answer, { mode: 'count' })[0]?.embeds[0]?.description ?? '';
    expect(d).toContain('4  A. 维持和平行动部\n3    (a) 联合国驻非洲联盟办事处\n1    (b) 副秘书长办公室');
  });

  it('lets no internal token reach a user: status ids, unit codes, pronoun topics', () => {
    const answer = makeAnswer({ rows: FIXTURE_RECORDS.filter((r) => r.department.code === 'B'), intent: 'count', language: 'zh', question: '/count 外勤支助部 below_plan', filters: { status: ['below_plan'], excludedUnits: ['C'], topic: '其中' } });
    const names = nameBook([{ department: { code: 'C', name: '管理事务部' }, office: null, englishName: 'Department of Management' }]);
    const e = renderAnswer(answer, { mode: 'count', names })[0]!.embeds[0]!;
    expect(e.footer?.text).toBe('问题: /count 外勤支助部 低于计划');
    expect(e.description).toContain('除管理事务部');
    expect(allText([{ embeds: [e] }])).not.toMatch(/below_plan|除 C|主题/);
    const en = renderAnswer({ ...answer, language: 'en' }, { mode: 'count', names })[0]!.embeds[0]!;
    expect(en.description).toContain('except Department of Management');
  });

  it('renders /help in both languages', () => {
    const text = allText(renderHelp());
    for (const c of ['/ask', '/dept', '/postponed', '/count', '/row', '/source', '/export', '/reset', '/settings', '/help']) expect(text).toContain(c);
    expect(text).toContain('维和部有哪些产出被推迟？');
    expect(text).toContain('Which outputs of DPKO were postponed?');
  });
});

describe('Discord limits', () => {
  it('pages a 300-row list as compact lines, ten a page, within every limit; a 5,000-char remarks card loses nothing', () => {
    const longRemarks = Array.from({ length: 100 }, (_, i) => `第${i}段说明：产出低于计划，原因是会议推迟举行。`).join('').padEnd(5000, '续');
    expect(longRemarks.length).toBe(5000);
    const rows = Array.from({ length: 300 }, (_, i) => syntheticRecord(i, i === 150 ? { remarks: longRemarks } : {}));
    const answer = makeAnswer({ rows, intent: 'list', language: 'zh', question: '所有低于计划的产出' });
    const pages = renderAnswer(answer);
    expect(pages).toHaveLength(30);
    for (const p of pages) assertWithinLimits(p);
    // Every row once, as one line "`id` · unit · planned (cut to fit) · status", and each page's ids are the source menu's.
    const text = allText(pages);
    for (const r of rows) expect(text.split(`\`${r.id}\``).length - 1).toBe(1);
    expect(rowIdsOnPage(pages[0]!)).toEqual(rows.slice(0, 10).map((r) => r.id));
    expect(pages.every((p) => p.embeds.length === 1)).toBe(true);

    // The full card (the source menu's, /row's) continues the long cell over "(cont.)" fields and reassembles exactly.
    const card = renderRecord(rows[150]!, 'zh');
    for (const p of card) assertWithinLimits(p);
    const remarkFields = card.flatMap((p) => p.embeds).flatMap((e) => e.fields ?? []).filter((f) => f.name.startsWith('说明'));
    expect(remarkFields.some((f) => f.name === '说明 (cont.)')).toBe(true);
    expect(remarkFields.map((f) => f.value).join('')).toContain(longRemarks);
  });

  it('splits every oversized part of a synthetic message and keeps all of it', () => {
    const title = 'T'.repeat(300);
    const description = Array.from({ length: 400 }, (_, i) => `line ${i} ${'d'.repeat(30)}`).join('\n');
    const fields = Array.from({ length: 40 }, (_, i) => ({ name: `field ${i} ${'n'.repeat(i === 3 ? 300 : 5)}`, value: `v${i}:` + 'x'.repeat(i === 5 ? 3000 : 900) }));
    const footer = 'F'.repeat(3000);
    const content = Array.from({ length: 300 }, (_, i) => `c${i} ${'y'.repeat(20)}`).join('\n');
    const pages = fitToDiscordLimits([{ content, embeds: [{ title, description, fields, footer: { text: footer } }] }]);
    for (const p of pages) assertWithinLimits(p);

    const contents = pages.map((p) => p.content ?? '').filter(Boolean);
    expect(contents.join('\n')).toBe(content);
    const embeds = pages.flatMap((p) => p.embeds);
    const descriptions = embeds.map((e) => e.description ?? '').filter(Boolean);
    expect(descriptions.join('\n')).toContain(description);
    // The title's overflow is carried into the description, not dropped.
    expect(embeds[0]?.title).toBe('T'.repeat(255) + '…');
    expect(descriptions[0]?.startsWith('…' + 'T'.repeat(45))).toBe(true);
    const allFields = embeds.flatMap((e) => e.fields ?? []);
    for (let i = 0; i < 40; i++) expect(allFields.some((f) => f.value.startsWith(`v${i}:`) || f.value.includes(`\nv${i}:`))).toBe(true);
    const f5 = allFields.filter((f) => f.name.startsWith('field 5 '));
    expect(f5.map((f) => f.value).join('')).toBe('v5:' + 'x'.repeat(3000));
    expect(f5[1]?.name).toBe('field 5 nnnnn (cont.)');
    const footers = embeds.map((e) => e.footer?.text ?? '').join('') + allFields.filter((f) => f.name === '(cont.)').map((f) => f.value).join('');
    expect(footers).toBe(footer);
  });

  it('packs at most maxEmbedsPerPage embeds and 6000 characters per message', () => {
    const embeds: EmbedJSON[] = Array.from({ length: 23 }, (_, i) => ({ title: `e${i}`, description: 'z'.repeat(1500) }));
    const pages = fitToDiscordLimits([{ embeds }], { maxEmbedsPerPage: 10 });
    for (const p of pages) {
      assertWithinLimits(p);
      expect(p.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
    }
    expect(pages.flatMap((p) => p.embeds).map((e) => e.title)).toEqual(embeds.map((e) => e.title));
    expect(pages.every((p) => p.embeds.length <= 3)).toBe(true);
  });

  it('keeps code blocks closed across a split', () => {
    const table = '```\n' + Array.from({ length: 500 }, (_, i) => `${i}  部门 ${i}`).join('\n') + '\n```';
    const chunks = splitText(table, 1024);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(1024);
      expect(c.startsWith('```')).toBe(true);
      expect(c.endsWith('```')).toBe(true);
    }
  });

  it('splits Chinese text without spaces at punctuation and never mid surrogate pair', () => {
    const text = '维持和平行动的效率和成效得以提高。'.repeat(200);
    const parts = splitText(text, 1000);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(1000);
    expect(parts.join('')).toBe(text);
    expect(parts[0]?.endsWith('。')).toBe(true);
    const emoji = '😀'.repeat(800);
    const e = splitText(emoji, 1001);
    expect(e.join('')).toBe(emoji);
    for (const p of e) expect(p.length % 2).toBe(0);
  });
});

describe('rankings, shares, comparisons, summaries and explanations', () => {
  const groups = groupsOf(FIXTURE_RECORDS, 'department');

  it('renders a ranking as one compact embed with a table, best first', () => {
    const ranked = [...groups].sort((a, b) => b.count - a.count).map((g, i) => ({ ...g, rank: i + 1 }));
    const pages = renderAnswer(makeAnswer({ rows: FIXTURE_RECORDS, intent: 'rank', language: 'zh', groups: ranked, plan: { order: 'desc' } }));
    expect(pages).toHaveLength(1);
    expect(pages[0]?.embeds).toHaveLength(1);
    const e = pages[0]!.embeds[0]!;
    expect(e.title).toBe('维持和平行动部最多：4 项产出。');
    expect(e.description).toContain('```\n#  项数  部门\n1     4  A. 维持和平行动部\n2     2  H. 法律事务厅\n3     1  B. 外勤支助部\n```');
    assertWithinLimits(pages[0]!);
  });

  it('a share of zero is an answer, not "no match"', () => {
    const page = renderAnswer(makeAnswer({ rows: [], total: 0, intent: 'share', language: 'zh', ratio: { part: 0, whole: 14 } }))[0];
    expect(page?.embeds[0]?.title).toBe('报告的 14 项产出中有 0 项符合条件（0.0 %）。');
  });

  it('renders a share with part, whole and percentage; a comparison with each unit', () => {
    const share = renderAnswer(makeAnswer({ rows: FIXTURE_RECORDS.slice(0, 2), intent: 'share', language: 'en', ratio: { part: 2, whole: 7 }, total: 2 }))[0]?.embeds[0];
    expect(share?.title).toBe('2 of the 7 outputs (28.6 %) were a match.');
    const compare = renderAnswer(makeAnswer({ rows: FIXTURE_RECORDS, intent: 'compare', language: 'zh', groups: groups.filter((g) => g.department.code !== 'H') }))[0]?.embeds[0];
    expect(compare?.title).toBe('维持和平行动部 4 项，外勤支助部 1 项：维持和平行动部多 3 项。');
    expect(compare?.description).toMatch(/4\s+4\s+100\.0%\s+A\. 维持和平行动部/);
    expect(compare?.description).toMatch(/1\s+1\s+100\.0%\s+B\. 外勤支助部/);
  });

  it('renders the whole-report summary as departments × statuses with totals', () => {
    const d = renderAnswer(makeAnswer({ rows: FIXTURE_RECORDS, intent: 'summary', language: 'zh', groups }))[0]?.embeds[0]?.description ?? '';
    // Each row once (completed+above plan is "two or more"), so the columns add up to the total.
    expect(d).toContain('推迟  多种  合计');
    expect(d).toMatch(/A\s+1\s+3\s+4\s+维持和平行动部/);
    expect(d).toMatch(/Σ\s+2\s+5\s+7/);
    expect(d).toContain('每项产出只计一次');
  });

  it('renders an explanation as each row with its remarks', () => {
    const pages = renderAnswer(makeAnswer({ rows: [rec('B-a-2.1-01')], intent: 'explain', language: 'zh' }));
    expect(pages[0]?.embeds[0]?.title).toMatch(/^报告对 B-a-2\.1-01 的说明：/);
    expect(pages[0]?.embeds[1]?.fields?.map((f) => f.name)).toEqual(['计划', '说明', '来源']);
    expect(pages[0]?.embeds[1]?.fields?.[1]?.value).toContain('非洲待命部队战略审查');
  });

  it('renders many groups within the limits', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ ...groups[0]!, department: { code: 'Z', name: `部门${i}`.repeat(10) }, rank: i + 1 }));
    const pages = renderAnswer(makeAnswer({ rows: [], total: 300, intent: 'rank', language: 'zh', groups: many, plan: { order: 'desc' } }));
    for (const p of pages) assertWithinLimits(p);
    expect(allText(pages)).toContain('部门299');
  });
});

describe('chart spec', () => {
  it('charts a breakdown per department, stacked with each row once (bars add up to the count)', () => {
    const spec = chartSpecFor(makeAnswer({ rows: FIXTURE_RECORDS, intent: 'breakdown', language: 'zh', groups: groupsOf(FIXTURE_RECORDS, 'department') }));
    expect(spec?.categories).toEqual(['A. 维持和平行动部', 'B. 外勤支助部', 'H. 法律事务厅']);
    expect(spec?.stacked).toBe(true);
    const totals = spec!.categories.map((_, i) => spec!.series.reduce((n, s) => n + (s.values[i] ?? 0), 0));
    expect(totals).toEqual([4, 1, 2]);
    expect(spec?.series.map((s) => s.name)).toEqual(['推迟', '两种以上状态']);
    expect(spec?.language).toBe('zh');
  });

  it('labels in the answer language; lists and lookups get no chart', () => {
    const spec = chartSpecFor(makeAnswer({ rows: [], total: 7, intent: 'rank', language: 'en', groups: groupsOf(FIXTURE_RECORDS, 'department'), plan: { order: 'desc' } }));
    expect(spec?.title).toBe('Ranking (most first)');
    expect(spec?.valueAxisLabel).toBe('Outputs');
    expect(spec?.series).toEqual([{ name: 'Outputs', values: [4, 1, 2] }]);
    expect(chartSpecFor(makeAnswer({ rows: FIXTURE_RECORDS, intent: 'list' }))).toBeNull();
  });
});
