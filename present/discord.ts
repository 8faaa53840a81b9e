// Answer → Discord message pages, as plain JSON (no discord.js types), so rendering and the limit
// enforcement are testable without a client. Every page this module returns satisfies Discord's limits;
// anything too long is continued on another field, embed or page, never cut off.
import type { OutputRecord, StatusFlag } from '../store/schema.ts';
import type { Answer, Language } from '../retrieval/types.ts';
import { answerText } from './text.ts';

export const DISCORD_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedsPerMessage: 10,
  /** Sum of title, description, field names and values and footer over all embeds of one message. */
  embedCharsPerMessage: 6000,
} as const;

export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface EmbedJSON {
  title?: string;
  description?: string;
  color?: number;
  fields?: EmbedField[];
  footer?: { text: string };
}

/** One Discord message's worth of content. */
export interface Page {
  content?: string;
  embeds: EmbedJSON[];
}

const CONT = ' (cont.)';
const ELLIPSIS = '…';
// Discord rejects empty field values; a zero-width space renders as nothing.
const EMPTY_VALUE = '\u200b';

const COLORS = {
  header: 0x5865f2,
  row: 0x4f8fc0,
  none: 0x99aab5,
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Labels

interface Labels {
  accomplishment: string;
  planned: string;
  actual: string;
  remarks: string;
  status: string;
  source: string;
  lines: (from: number, to: number) => string;
  found: (n: number) => string;
  best: string;
  total: (n: number) => string;
  showing: (shown: number, total: number) => string;
  department: string;
  office: string;
  question: string;
  byDepartment: string;
  byOffice: string;
  byStatus: string;
  none: string;
}

const LABELS: Record<Language, Labels> = {
  zh: {
    accomplishment: '预期成绩',
    planned: '计划',
    actual: '实际',
    remarks: '说明',
    status: '状态',
    source: '来源',
    lines: (a, b) => (a === b ? `第 ${a} 行` : `第 ${a}–${b} 行`),
    found: (n) => `找到 ${n} 项产出`,
    best: '最相关的产出',
    total: (n) => `共 ${n} 项产出`,
    showing: (s, t) => `显示其中 ${s} 项（共 ${t} 项）`,
    department: '部门',
    office: '办事处',
    question: '问题',
    byDepartment: '按部门',
    byOffice: '按办事处',
    byStatus: '按状态',
    none: '无',
  },
  en: {
    accomplishment: 'Expected accomplishment',
    planned: 'Planned',
    actual: 'Actual',
    remarks: 'Remarks',
    status: 'Status',
    source: 'Source',
    lines: (a, b) => (a === b ? `line ${a}` : `lines ${a}–${b}`),
    found: (n) => `${n} matching output${n === 1 ? '' : 's'}`,
    best: 'Best matches',
    total: (n) => `${n} output${n === 1 ? '' : 's'}`,
    showing: (s, t) => `showing ${s} of ${t}`,
    department: 'Department',
    office: 'Office',
    question: 'Question',
    byDepartment: 'By department',
    byOffice: 'By office',
    byStatus: 'By status',
    none: 'none',
  },
};

export const STATUS_LABELS: Record<StatusFlag, { zh: string; en: string; icon: string }> = {
  completed: { zh: '已完成', en: 'Completed', icon: '✅' },
  not_completed: { zh: '未完成', en: 'Not completed', icon: '❌' },
  above_plan: { zh: '高于计划', en: 'Above plan', icon: '⬆️' },
  below_plan: { zh: '低于计划', en: 'Below plan', icon: '⬇️' },
  postponed: { zh: '推迟', en: 'Postponed', icon: '⏸️' },
};

export function statusLabel(flag: StatusFlag, language: Language): string {
  return STATUS_LABELS[flag][language];
}

// ---------------------------------------------------------------------------------------------------------------
// Text helpers

/**
 * Report text is shown as printed, so characters Discord would read as markdown are escaped
 * (an "*" in a footnote must not turn the rest of a cell bold).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~`|])/g, '\\$1').replace(/^([>#-])/gm, '\\$1');
}

function departmentLabel(d: { code: string; name: string }): string {
  return `${d.code}. ${d.name}`;
}

function officeLabel(o: { code: string; name: string }): string {
  return `(${o.code}) ${o.name}`;
}

/** "A. 维持和平行动部 › (a) 联合国驻非洲联盟办事处 › 预期成绩 1.1" */
export function breadcrumb(record: OutputRecord, language: Language): string {
  const parts = [departmentLabel(record.department)];
  if (record.office) parts.push(officeLabel(record.office));
  parts.push(`${LABELS[language].accomplishment} ${record.accomplishment.code}`);
  return parts.join(' › ');
}

function actualText(record: OutputRecord): string {
  return record.actual.map((a) => (a.label ? `${a.value} ${a.label}` : a.value)).join('\n');
}

function statusText(flags: readonly StatusFlag[], language: Language): string {
  return flags.map((f) => `${STATUS_LABELS[f].icon} ${STATUS_LABELS[f][language]}`).join(' · ');
}

function sourceText(record: OutputRecord, language: Language): string {
  return `\`${record.id}\` · ${LABELS[language].lines(record.line, record.lineEnd)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Records and answers

export function renderRecordEmbed(record: OutputRecord, language: Language): EmbedJSON {
  const L = LABELS[language];
  const orDash = (s: string) => (s.trim() === '' ? '—' : s);
  return {
    title: breadcrumb(record, language),
    description: record.accomplishment.text ? `*${escapeMarkdown(record.accomplishment.text)}*` : undefined,
    color: COLORS.row,
    fields: [
      { name: L.planned, value: orDash(escapeMarkdown(record.planned)) },
      { name: L.actual, value: orDash(escapeMarkdown(actualText(record))) },
      { name: L.remarks, value: orDash(escapeMarkdown(record.remarks)) },
      { name: L.status, value: orDash(statusText(record.status, language)), inline: true },
      { name: L.source, value: sourceText(record, language), inline: true },
    ],
  };
}

export interface DepartmentTotal {
  department: { code: string; name: string };
  count: number;
  offices: { office: { code: string; name: string } | null; count: number }[];
}

/**
 * Per-department totals. Rows are grouped when they are all present (unambiguous); otherwise the
 * engine's breakdown entries are summed per department.
 */
export function departmentTotals(answer: Answer): DepartmentTotal[] {
  const out = new Map<string, DepartmentTotal>();
  const add = (department: { code: string; name: string }, office: { code: string; name: string } | null, n: number) => {
    let dt = out.get(department.code);
    if (!dt) {
      dt = { department, count: 0, offices: [] };
      out.set(department.code, dt);
    }
    dt.count += n;
    const key = office?.code ?? null;
    const existing = dt.offices.find((o) => (o.office?.code ?? null) === key);
    if (existing) existing.count += n;
    else dt.offices.push({ office, count: n });
  };
  if (answer.rows.length === answer.total && answer.total > 0) {
    for (const r of answer.rows) add(r.department, r.office, 1);
  } else {
    for (const b of answer.breakdown) add(b.department, b.office, b.count);
  }
  return [...out.values()];
}

function statusTotals(answer: Answer): Map<StatusFlag, number> | null {
  if (answer.rows.length !== answer.total || answer.total === 0) return null;
  const counts = new Map<StatusFlag, number>();
  for (const r of answer.rows) for (const f of r.status) counts.set(f, (counts.get(f) ?? 0) + 1);
  return counts;
}

/** A fixed-width table in a code block: counts right-aligned in front, names as printed. */
function breakdownTable(totals: DepartmentTotal[], language: Language): string {
  const single = totals.length === 1;
  const lines: [number, string][] = [];
  for (const t of totals) {
    lines.push([t.count, departmentLabel(t.department)]);
    const namedOffices = t.offices.filter((o) => o.office !== null);
    // Office lines only where they add information: one department asked about, split over offices.
    if (single && namedOffices.length > 0 && t.offices.length > 1) {
      for (const o of t.offices) lines.push([o.count, '  ' + (o.office ? officeLabel(o.office) : `(${LABELS[language].none})`)]);
    }
  }
  const width = Math.max(...lines.map(([n]) => String(n).length));
  // Code blocks need no markdown escaping; only a literal fence inside a name could break out.
  const body = lines.map(([n, name]) => `${String(n).padStart(width)}  ${name.replace(/```/g, 'ˋˋˋ')}`).join('\n');
  return '```\n' + body + '\n```';
}

/** Filters may name units by code ("B", "B-a"); show the names the rows carry when they are known. */
function unitNamer(answer: Answer): { department: (d: string) => string; office: (o: string) => string } {
  const depts = new Map<string, string>();
  const offices = new Map<string, string>();
  const note = (d: { code: string; name: string }, o: { code: string; name: string } | null) => {
    depts.set(d.code, departmentLabel(d));
    if (o) offices.set(`${d.code}-${o.code}`, `${departmentLabel(d)} › ${officeLabel(o)}`);
  };
  for (const r of answer.rows) note(r.department, r.office);
  for (const b of answer.breakdown) note(b.department, b.office);
  return { department: (d) => depts.get(d) ?? d, office: (o) => offices.get(o) ?? o };
}

function filterSummary(answer: Answer): string {
  const L = LABELS[answer.language];
  const f = answer.filters;
  const name = unitNamer(answer);
  const parts: string[] = [];
  if (f.departments.length) parts.push(`${L.department}: ${f.departments.map(name.department).join(', ')}`);
  if (f.offices.length) parts.push(`${L.office}: ${f.offices.map(name.office).join(', ')}`);
  if (f.accomplishment) parts.push(`${L.accomplishment}: ${f.accomplishment}`);
  if (f.status.length) parts.push(`${L.status}: ${f.status.map((s) => statusLabel(s, answer.language)).join(', ')}`);
  return escapeMarkdown(parts.join(' · '));
}

function statusSummary(answer: Answer): string | null {
  const counts = statusTotals(answer);
  if (!counts || counts.size === 0) return null;
  const order: StatusFlag[] = ['completed', 'above_plan', 'below_plan', 'not_completed', 'postponed'];
  return order
    .filter((f) => counts.has(f))
    .map((f) => `${STATUS_LABELS[f].icon} ${statusLabel(f, answer.language)} ${counts.get(f)}`)
    .join(' · ');
}

function headerEmbed(answer: Answer, withTable: boolean): EmbedJSON {
  const L = LABELS[answer.language];
  const title =
    answer.intent === 'lookup' ? L.best : answer.intent === 'count' || answer.intent === 'breakdown' ? L.total(answer.total) : L.found(answer.total);
  const description: string[] = [];
  const filters = filterSummary(answer);
  if (filters) description.push(filters);
  const statuses = statusSummary(answer);
  if (statuses) description.push(statuses);
  if (answer.rows.length > 0 && answer.rows.length < answer.total && answer.intent !== 'count') {
    description.push(L.showing(answer.rows.length, answer.total));
  }
  if (withTable) {
    const totals = departmentTotals(answer);
    if (totals.length > 1 || (totals[0]?.offices.length ?? 0) > 1) description.push(breakdownTable(totals, answer.language));
  }
  const embed: EmbedJSON = { title, color: COLORS.header };
  if (description.length) embed.description = description.join('\n\n');
  if (answer.question.trim()) embed.footer = { text: `${L.question}: ${answer.question.trim()}` };
  return embed;
}

export interface RenderOptions {
  /** 'count' forces the compact form (total + breakdown, no rows), for /count and team channels. */
  mode?: 'auto' | 'count';
  /** Row embeds per page; Discord allows 10, fewer keep a page readable. */
  maxEmbedsPerPage?: number;
}

/** Renders an engine answer as one or more Discord-sized pages. */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): Page[] {
  const maxEmbedsPerPage = options.maxEmbedsPerPage ?? 5;
  if (answer.total === 0 || answer.intent === 'none') {
    // The engine's text says what was understood and how to rephrase; show it as is.
    const text = answerText(answer);
    return fitToDiscordLimits([{ content: text, embeds: [] }], { maxEmbedsPerPage });
  }
  const compact = options.mode === 'count' || answer.intent === 'count' || answer.intent === 'breakdown';
  if (compact) {
    return fitToDiscordLimits([{ embeds: [headerEmbed(answer, true)] }], { maxEmbedsPerPage });
  }
  const embeds = [headerEmbed(answer, answer.intent === 'overview'), ...answer.rows.map((r) => renderRecordEmbed(r, answer.language))];
  return fitToDiscordLimits([{ embeds }], { maxEmbedsPerPage });
}

export function renderRecord(record: OutputRecord, language: Language): Page[] {
  return fitToDiscordLimits([{ embeds: [renderRecordEmbed(record, language)] }]);
}

// ---------------------------------------------------------------------------------------------------------------
// Plain text (terminal chat)

export function recordToText(record: OutputRecord, language: Language): string {
  const L = LABELS[language];
  const lines = [
    breadcrumb(record, language),
    record.accomplishment.text,
    `${L.planned}: ${record.planned}`,
    `${L.actual}: ${record.actual.length ? record.actual.map((a) => (a.label ? `${a.value} ${a.label}` : a.value)).join('; ') : '—'}`,
    `${L.remarks}: ${record.remarks.trim() || '—'}`,
    `${L.status}: ${record.status.map((s) => statusLabel(s, language)).join(', ') || '—'}`,
    `${L.source}: ${record.id}, ${L.lines(record.line, record.lineEnd)}`,
  ];
  return lines.filter((l) => l !== '').join('\n');
}

export const HELP_EXAMPLES = {
  zh: ['维和部有哪些产出被推迟？', '外勤支助部有多少项产出低于计划？', '维持和平行动部的军事厅完成了什么？', '/dept 法律事务厅', '/row A-a-1.1-01'],
  en: [
    'Which outputs of DPKO were postponed?',
    'How many outputs were below plan in the Department of Field Support?',
    'What did the Office of Military Affairs complete?',
  ],
} as const;

const HELP_COMMANDS: [string, string, string][] = [
  ['/ask question', '用中文或英文提问', 'ask anything, in Chinese or English'],
  ['/dept department [status] [office]', '某部门（或办事处）的概况', 'overview of a department or office'],
  ['/postponed [department]', '被推迟的产出', 'postponed outputs'],
  ['/count [department] [status]', '计数和按部门分列', 'count with a per-department breakdown'],
  ['/row id', '按编号查看一项产出的全部内容', 'one output in full, by id'],
  ['/help', '本帮助', 'this help'],
];

export function helpText(options: { terminal?: boolean } = {}): string {
  const lines = [
    '本机器人回答关于联合国维持和平行动经费预算执行情况报告（A/69/653，2013/14 年度）的问题。',
    'Ask about the UN peacekeeping budget-performance report (A/69/653, 2013/14) in Chinese or English.',
    '',
  ];
  for (const [cmd, zh, en] of HELP_COMMANDS) lines.push(`${cmd} — ${zh} / ${en}`);
  if (options.terminal) lines.push('/quit — 退出 / exit', 'more / Enter — 下一页 / next page of a long answer');
  lines.push('', '例子 / Examples:', ...HELP_EXAMPLES.zh.map((e) => `  ${e}`), ...HELP_EXAMPLES.en.map((e) => `  ${e}`));
  if (!options.terminal) lines.push('', '也可以 @提及本机器人或私信提问。 / You can also @mention the bot or DM it.');
  return lines.join('\n');
}

export function renderHelp(): Page[] {
  const fields: EmbedField[] = HELP_COMMANDS.map(([cmd, zh, en]) => ({ name: cmd, value: `${zh}\n${en}` }));
  fields.push({ name: '例子（中文）', value: HELP_EXAMPLES.zh.map((e) => `• ${e}`).join('\n') });
  fields.push({ name: 'Examples (English)', value: HELP_EXAMPLES.en.map((e) => `• ${e}`).join('\n') });
  fields.push({ name: '@提及 / @mention · 私信 / DM', value: '@提及本机器人或私信它，等同于 /ask。\n@mention the bot or DM it: same as /ask.' });
  return fitToDiscordLimits([
    {
      embeds: [
        {
          title: '维和预算执行报告问答 / Peacekeeping budget-performance Q&A',
          description:
            '回答关于 A/69/653（2013/14 年度维和支助账户预算执行情况）中各部门产出的问题。\n' +
            'Answers questions about the outputs reported in A/69/653 (2013/14 peacekeeping support account budget performance).',
          color: COLORS.header,
          fields,
        },
      ],
    },
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Limits

/** Characters of an embed as Discord counts them towards the 6000 per message. */
export function embedLength(embed: EmbedJSON): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

const SOFT_BREAKS = new Set([' ', '\t', '。', '；', '，', '、', '：', '）', ')', ';', ',', '.']);

/** Where to cut `text` so the first part is at most `max` chars: a newline, else a space or CJK punctuation. */
function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  const floor = Math.floor(max * 0.5);
  let cut = window.lastIndexOf('\n', max);
  if (cut < floor) {
    cut = -1;
    for (let i = max; i > floor; i--) {
      const ch = text[i - 1];
      if (ch !== undefined && SOFT_BREAKS.has(ch)) {
        cut = i;
        break;
      }
    }
  }
  if (cut < floor) cut = max;
  // Never split a surrogate pair or an escape sequence ("\*").
  const prev = text.charCodeAt(cut - 1);
  if (prev >= 0xd800 && prev <= 0xdbff) cut -= 1;
  if (text[cut - 1] === '\\' && cut > 1) cut -= 1;
  return Math.max(1, cut);
}

function splitPlain(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
    // The newline we cut at separates the chunks; it is not content.
    if (rest.startsWith('\n')) rest = rest.slice(1);
  }
  chunks.push(rest);
  return chunks;
}

const FENCE = '```';

/**
 * Splits text into chunks of at most `max` characters at natural breaks. A code block that spans a cut
 * is closed at the end of one chunk and reopened at the start of the next, so tables stay tables.
 */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  if (!text.includes(FENCE)) return splitPlain(text, max);
  const reserve = FENCE.length * 2 + 2;
  const raw = splitPlain(text, max - reserve);
  const out: string[] = [];
  let open = false;
  for (const chunk of raw) {
    let c: string = open ? FENCE + '\n' + chunk : chunk;
    const fences: number = c.split(FENCE).length - 1;
    open = fences % 2 === 1;
    if (open) c = c + '\n' + FENCE;
    out.push(c);
  }
  return out;
}

function fitTitle(title: string, suffix = ''): string {
  const room = DISCORD_LIMITS.title - suffix.length;
  return (title.length > room ? title.slice(0, room - 1) + ELLIPSIS : title) + suffix;
}

function expandField(field: EmbedField): EmbedField[] {
  let { name, value } = field;
  if (name.length > DISCORD_LIMITS.fieldName) {
    // A name too long for its slot continues at the top of the value.
    const head = name.slice(0, DISCORD_LIMITS.fieldName - 1);
    value = ELLIPSIS + name.slice(DISCORD_LIMITS.fieldName - 1) + '\n' + value;
    name = head + ELLIPSIS;
  }
  if (name.trim() === '') name = EMPTY_VALUE;
  if (value.trim() === '') value = EMPTY_VALUE;
  const parts = splitText(value, DISCORD_LIMITS.fieldValue);
  const contName = fitTitle(name.endsWith(ELLIPSIS) ? name.slice(0, -1) : name, CONT).slice(0, DISCORD_LIMITS.fieldName);
  return parts.map((v, i) => ({
    name: i === 0 ? name : contName,
    value: v,
    ...(field.inline !== undefined && parts.length === 1 ? { inline: field.inline } : {}),
  }));
}

/** One embed → one or more embeds that each satisfy every per-embed limit and the 6000-char total. */
export function splitEmbed(embed: EmbedJSON): EmbedJSON[] {
  const out: EmbedJSON[] = [];
  let description = embed.description ?? '';
  let title = embed.title;
  if (title !== undefined && title.length > DISCORD_LIMITS.title) {
    description = ELLIPSIS + title.slice(DISCORD_LIMITS.title - 1) + (description ? '\n' + description : '');
    title = fitTitle(title);
  }
  const contTitle = title !== undefined ? fitTitle(title.endsWith(ELLIPSIS) ? title.slice(0, -1) : title, CONT) : CONT.trim();
  const fresh = (first: boolean): EmbedJSON => {
    const e: EmbedJSON = {};
    if (first ? title !== undefined : true) e.title = first ? title : contTitle;
    if (embed.color !== undefined) e.color = embed.color;
    return e;
  };
  let current = fresh(true);
  const flush = () => {
    out.push(current);
    current = fresh(false);
  };

  if (description !== '') {
    for (const chunk of splitText(description, DISCORD_LIMITS.description)) {
      if (current.description !== undefined) flush();
      current.description = chunk;
    }
  }

  const fields = (embed.fields ?? []).flatMap(expandField);
  let footer = embed.footer?.text;
  if (footer !== undefined && footer.length > DISCORD_LIMITS.footer) {
    const [head = '', ...rest] = splitText(footer, DISCORD_LIMITS.footer);
    footer = head;
    for (const r of rest) fields.push(...expandField({ name: CONT.trim(), value: r }));
  }
  for (const field of fields) {
    const count = current.fields?.length ?? 0;
    if (count >= DISCORD_LIMITS.fields || embedLength(current) + field.name.length + field.value.length > DISCORD_LIMITS.embedCharsPerMessage) {
      flush();
    }
    (current.fields ??= []).push(field);
  }
  if (footer !== undefined) {
    if (embedLength(current) + footer.length > DISCORD_LIMITS.embedCharsPerMessage) flush();
    current.footer = { text: footer };
  }
  out.push(current);
  return out;
}

export interface FitOptions {
  /** At most 10 (Discord's limit); lower to keep pages short. */
  maxEmbedsPerPage?: number;
}

/**
 * Makes each input message fit Discord: long content becomes several messages, oversized embeds are
 * split, and embeds are packed into messages of at most `maxEmbedsPerPage` embeds and 6000 characters.
 */
export function fitToDiscordLimits(pages: readonly Page[], options: FitOptions = {}): Page[] {
  const maxEmbeds = Math.max(1, Math.min(DISCORD_LIMITS.embedsPerMessage, options.maxEmbedsPerPage ?? DISCORD_LIMITS.embedsPerMessage));
  const out: Page[] = [];
  for (const page of pages) {
    const contentChunks = page.content ? splitText(page.content, DISCORD_LIMITS.content) : [];
    // Every chunk but the last stands alone; the last one heads the first batch of embeds.
    for (const chunk of contentChunks.slice(0, -1)) out.push({ content: chunk, embeds: [] });
    let current: Page = { embeds: [] };
    const lastChunk = contentChunks.at(-1);
    if (lastChunk !== undefined) current.content = lastChunk;
    let chars = 0;
    for (const embed of page.embeds.flatMap(splitEmbed)) {
      const n = embedLength(embed);
      if (current.embeds.length >= maxEmbeds || (current.embeds.length > 0 && chars + n > DISCORD_LIMITS.embedCharsPerMessage)) {
        out.push(current);
        current = { embeds: [] };
        chars = 0;
      }
      current.embeds.push(embed);
      chars += n;
    }
    if (current.embeds.length > 0 || current.content !== undefined) out.push(current);
  }
  return out.length > 0 ? out : [{ content: EMPTY_VALUE, embeds: [] }];
}

/** Every limit violation on a page, for tests and a last safety check before sending. */
export function limitViolations(page: Page): string[] {
  const v: string[] = [];
  const L = DISCORD_LIMITS;
  if ((page.content?.length ?? 0) > L.content) v.push(`content ${page.content?.length}`);
  if (page.embeds.length > L.embedsPerMessage) v.push(`embeds ${page.embeds.length}`);
  let total = 0;
  page.embeds.forEach((e, i) => {
    total += embedLength(e);
    if ((e.title?.length ?? 0) > L.title) v.push(`embed ${i} title ${e.title?.length}`);
    if ((e.description?.length ?? 0) > L.description) v.push(`embed ${i} description ${e.description?.length}`);
    if ((e.footer?.text.length ?? 0) > L.footer) v.push(`embed ${i} footer ${e.footer?.text.length}`);
    if ((e.fields?.length ?? 0) > L.fields) v.push(`embed ${i} fields ${e.fields?.length}`);
    e.fields?.forEach((f, j) => {
      if (f.name.length > L.fieldName) v.push(`embed ${i} field ${j} name ${f.name.length}`);
      if (f.value.length > L.fieldValue) v.push(`embed ${i} field ${j} value ${f.value.length}`);
      if (f.name.length === 0 || f.value.length === 0) v.push(`embed ${i} field ${j} empty`);
    });
  });
  if (total > L.embedCharsPerMessage) v.push(`embed total ${total}`);
  if (!page.content && page.embeds.length === 0) v.push('empty message');
  return v;
}
