// Answer → Discord message pages (plain JSON). Lists and lookups show one embed per row; counts, rankings,
// shares, comparisons and the whole-report summary are one compact embed with a fixed-width table; every
// answer says in one line how the question was understood ("接上文：外勤支助部；推迟").
import { STATUS_FLAGS, type OutputRecord, type StatusFlag } from '../../store/schema.ts';
import type { Answer, Group, Language } from '../../retrieval/types.ts';
import { DOCUMENT, tablePosition } from '../citation.ts';
import { directAnswer } from '../direct-answer.ts';
import { STATUS_WORDS, UI, WORDS, statusWord, understoodLine } from '../labels.ts';
import { departmentLabelIn, officeLabelIn, officeName, withUnits, type NameBook, NO_NAMES } from '../names.ts';
import { alsoCarried, headerTally } from '../status-tally.ts';
import { columnLabel, overlapNote, summaryModel } from '../summary-table.ts';
import { compactRowLine, iconLegend, pagesOf } from './list.ts';
import { COLORS, DISCORD_LIMITS, clip, codeSafe, escapeMarkdown, fitToDiscordLimits, type EmbedJSON, type Page } from './limits.ts';

/** "A. 维持和平行动部 › (a) 联合国驻非洲联盟办事处 › 预期成绩 1.1" */
export function breadcrumb(record: OutputRecord, language: Language, names: NameBook = NO_NAMES): string {
  const parts = [departmentLabelIn(record.department, language, names)];
  if (record.office) parts.push(officeLabelIn(record.department, record.office, language, names));
  parts.push(`${WORDS[language].accomplishment} ${record.accomplishment.code}`);
  return parts.join(' › ');
}

function actualText(record: OutputRecord): string {
  return record.actual.map((a) => (a.label ? `${a.value} ${a.label}` : a.value)).join('\n');
}

export function statusText(flags: readonly StatusFlag[], language: Language): string {
  return flags.map((f) => `${STATUS_WORDS[f].icon} ${statusWord(f, language, { title: true })}`).join(' · ');
}

/** "`A-b-1.1-06` · 第 6 项产出 · <the document>": what a reader needs to find the row in the printed report. */
function sourceText(record: OutputRecord, language: Language): string {
  return `\`${record.id}\` · ${tablePosition(record, language)} · ${DOCUMENT[language]}`;
}

const orDash = (s: string) => (s.trim() === '' ? '—' : s);

export function renderRecordEmbed(record: OutputRecord, language: Language, names: NameBook = NO_NAMES): EmbedJSON {
  const L = WORDS[language];
  const embed: EmbedJSON = {
    title: breadcrumb(record, language, names),
    color: COLORS.row,
    fields: [
      { name: L.planned, value: orDash(escapeMarkdown(record.planned)) },
      { name: L.actual, value: orDash(escapeMarkdown(actualText(record))) },
      { name: L.remarks, value: orDash(escapeMarkdown(record.remarks)) },
      { name: L.status, value: orDash(statusText(record.status, language)), inline: true },
      { name: L.source, value: sourceText(record, language), inline: true },
    ],
  };
  if (record.accomplishment.text) embed.description = `*${escapeMarkdown(record.accomplishment.text)}*`;
  return embed;
}

/** An explain answer's row: what was planned and the report's explanation, nothing else. */
function explainEmbed(record: OutputRecord, language: Language, names: NameBook): EmbedJSON {
  const L = WORDS[language];
  return {
    title: breadcrumb(record, language, names),
    color: COLORS.row,
    fields: [
      { name: L.planned, value: orDash(escapeMarkdown(record.planned)) },
      { name: L.remarks, value: orDash(escapeMarkdown(record.remarks)) },
      { name: L.source, value: sourceText(record, language), inline: true },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Groups as tables

/** "B. 外勤支助部", "B(a) 副秘书长办公室", or a status word for status groups. */
export function groupLabel(g: Pick<Group, 'department' | 'office' | 'status'>, language: Language, names: NameBook = NO_NAMES): string {
  if (g.status) return statusWord(g.status, language, { title: true });
  if (g.office) return `${g.department.code}(${g.office.code}) ${officeName(g.department, g.office, language, names)}`;
  return departmentLabelIn(g.department, language, names);
}

const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

/** Columns a string takes in a monospace font: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

/** A fixed-width table in a code block; the last column (names) is left as long as it is. */
export function table(rows: string[][], alignLeft: readonly number[] = []): string {
  const cols = Math.max(0, ...rows.map((r) => r.length));
  const width = Array.from({ length: cols - 1 }, (_, c) => Math.max(...rows.map((r) => displayWidth(r[c] ?? ''))));
  const body = rows.map((r) =>
    r
      .map((cell, c) => {
        if (c === r.length - 1) return cell;
        const pad = (width[c] ?? 0) - displayWidth(cell);
        return alignLeft.includes(c) ? cell + ' '.repeat(pad) : ' '.repeat(pad) + cell;
      })
      .join('  ')
      .trimEnd(),
  );
  return '```\n' + codeSafe(body.join('\n')) + '\n```';
}

function groupsTable(answer: Answer, names: NameBook): string {
  const L = { ...WORDS[answer.language], ...UI[answer.language] };
  const withRank = answer.groups.some((g) => g.rank !== null);
  const withShare = answer.plan.rankBy === 'share' || answer.intent === 'share' || answer.intent === 'compare';
  const header = [...(withRank ? ['#'] : []), L.count, ...(withShare ? [L.totalRow, L.share] : []), groupLabelHeader(answer)];
  const rows = answer.groups.map((g) => [
    ...(withRank ? [String(g.rank ?? '')] : []),
    String(g.count),
    ...(withShare ? [String(g.whole), pct(g.share)] : []),
    groupLabel(g, answer.language, names),
  ]);
  return table([header, ...rows]);
}

function groupLabelHeader(answer: Answer): string {
  const L = { ...WORDS[answer.language], ...UI[answer.language] };
  const g = answer.groups[0];
  if (g?.status) return L.status;
  return g?.office ? L.office : L.department;
}

/** Whole-report summary: one line per unit, each row counted once (so the columns add up), and the total. */
function summaryTable(answer: Answer, names: NameBook): string {
  const L = WORDS[answer.language];
  const model = summaryModel(answer);
  if (!model) return groupsTable(answer, names);
  const code = (g: Pick<Group, 'department' | 'office'>) => (g.office ? `${g.department.code}(${g.office.code})` : g.department.code);
  const header = ['', ...model.columns.map((c) => (c === 'several' ? columnLabel(c, answer.language, true) : STATUS_WORDS[c].short[answer.language])), L.totalRow, ''];
  const rows = model.lines.map((l) => [code(l.group), ...l.cells.map(String), String(l.total), groupLabel({ ...l.group, status: null }, answer.language, names).replace(/^[A-Z]\. /, '')]);
  const totals = ['Σ', ...model.totals.map(String), String(model.total), ''];
  const note = overlapNote(model, answer.language);
  return table([header, ...rows, totals], [0]) + (note ? `\n-# ${escapeMarkdown(note)}` : '');
}

export interface DepartmentTotal {
  department: { code: string; name: string };
  count: number;
  offices: { office: { code: string; name: string } | null; count: number }[];
}

/** Per-department totals of a count: from the rows when all are present, else from the engine's breakdown. */
export function departmentTotals(answer: Answer): DepartmentTotal[] {
  const out = new Map<string, DepartmentTotal>();
  const add = (department: { code: string; name: string }, office: { code: string; name: string } | null, n: number) => {
    let dt = out.get(department.code);
    if (!dt) out.set(department.code, (dt = { department, count: 0, offices: [] }));
    dt.count += n;
    const existing = dt.offices.find((o) => (o.office?.code ?? null) === (office?.code ?? null));
    if (existing) existing.count += n;
    else dt.offices.push({ office, count: n });
  };
  if (answer.rows.length === answer.total && answer.total > 0) for (const r of answer.rows) add(r.department, r.office, 1);
  else for (const b of answer.breakdown) add(b.department, b.office, b.count);
  return [...out.values()];
}

function breakdownTable(answer: Answer, names: NameBook): string | null {
  const totals = departmentTotals(answer);
  const single = totals.length === 1;
  const rows: string[][] = [];
  for (const t of totals) {
    rows.push([String(t.count), departmentLabelIn(t.department, answer.language, names)]);
    // Office lines only where they add information: one department asked about, split over offices.
    if (single && t.offices.length > 1 && t.offices.some((o) => o.office)) {
      for (const o of t.offices) rows.push([String(o.count), '  ' + (o.office ? officeLabelIn(t.department, o.office, answer.language, names) : WORDS[answer.language].noValue)]);
    }
  }
  return rows.length > 1 ? table(rows) : null;
}

/** The header's status tally: only the statuses the answer is about (all, when it names none). */
function statusSummary(answer: Answer): string | null {
  if (answer.rows.length !== answer.total || answer.total === 0) return null;
  const tally = headerTally(answer.rows, answer.filters.status);
  // "推迟 19" under "19 项产出被推迟" says nothing new.
  if (answer.filters.status.length && tally.every((t) => t.count === answer.total)) return null;
  const parts = tally.map((t) => `${STATUS_WORDS[t.flag].icon} ${statusWord(t.flag, answer.language, { title: true })} ${t.count}`);
  return parts.length ? parts.join(' · ') : null;
}

/** "其中同时标为：⏸️ 推迟 3" / "of which also: ⏸️ Postponed 3": the other statuses of a status answer's rows. */
function alsoLine(answer: Answer): string | null {
  const also = alsoCarried(answer.rows.length === answer.total ? answer.rows : [], answer.filters.status);
  if (also.length === 0) return null;
  const zh = answer.language === 'zh';
  return `-# ${zh ? '其中同时标为：' : 'of which also: '}${also.map((a) => `${STATUS_WORDS[a.flag].icon} ${statusWord(a.flag, answer.language)} ${a.count}`).join(' · ')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Answers

function understood(answer: Answer, names: NameBook): string {
  return `-# ${escapeMarkdown(understoodLine(answer, names))}`;
}

const FLAG_TOKEN = new RegExp(`\\b(${STATUS_FLAGS.join('|')})\\b`, 'g');

/** The question as asked; a command's status token ("below_plan") shown as its word. */
function footer(answer: Answer): EmbedJSON['footer'] | undefined {
  const q = answer.question.trim().replace(FLAG_TOKEN, (f) => statusWord(f as StatusFlag, answer.language));
  return q ? { text: `${UI[answer.language].question}: ${q}` } : undefined;
}

/** The header of every answer: the direct answer as its title (or first line, when longer than a title may be). */
function headerEmbed(answer: Answer, names: NameBook, description: Array<string | null>): EmbedJSON {
  const sentence = directAnswer(answer, names);
  const fits = sentence.length <= DISCORD_LIMITS.title;
  const embed: EmbedJSON = { color: COLORS.header };
  if (fits) embed.title = sentence;
  const text = [fits ? null : `**${escapeMarkdown(sentence)}**`, ...description].filter((d): d is string => !!d).join('\n\n');
  if (text) embed.description = text;
  const f = footer(answer);
  if (f) embed.footer = f;
  return embed;
}

/** The compact forms (counts and everything aggregated over groups): one embed. */
function compactEmbed(answer: Answer, forceCount: boolean, names: NameBook): EmbedJSON {
  const u = understood(answer, names);
  const groups = answer.groups.length ? groupsTable(answer, names) : null;
  switch (forceCount ? 'count' : answer.intent) {
    case 'rank':
      return headerEmbed(answer, names, [u, groups, alsoLine(answer)]);
    case 'share':
      return headerEmbed(answer, names, [u, answer.groups.length > 1 ? groups : null]);
    case 'compare':
      return headerEmbed(answer, names, [u, groups, alsoLine(answer)]);
    case 'summary':
      return headerEmbed(answer, names, [u, answer.groups.length ? summaryTable(answer, names) : null]);
    default: {
      const grouped = answer.groups.length > 1 && answer.plan.groupBy !== null ? groups : breakdownTable(answer, names);
      return headerEmbed(answer, names, [u, statusSummary(answer), grouped, alsoLine(answer)]);
    }
  }
}

export interface RenderOptions {
  /** 'count' forces the compact count form (total + breakdown, no rows), for /count in team channels. */
  mode?: 'auto' | 'count';
  /** Row embeds per page; Discord allows 10, fewer keep a page readable. */
  maxEmbedsPerPage?: number;
  /** English names of departments and offices (present/names.ts), for English answers. */
  names?: NameBook;
}

export const COMPACT_INTENTS: ReadonlySet<Answer['intent']> = new Set(['count', 'breakdown', 'rank', 'share', 'compare', 'summary']);

/** The text (markdown) of an answer that found nothing: why, how it was read, and what to ask instead. */
export function noMatchText(answer: Answer, names: NameBook = NO_NAMES): string {
  const L = WORDS[answer.language];
  // A reset is a confirmation, not a failure: no hint.
  if (answer.reason === 'reset') return escapeMarkdown(L.reasons.reset);
  return [escapeMarkdown(directAnswer(answer, names)), `-# ${escapeMarkdown(understoodLine(answer, names))}`, escapeMarkdown(L.hint)].join('\n');
}

/** A list: the header, then one line per row, about ten a page; the full card is in the source menu. */
function listPages(answer: Answer, names: NameBook, head: Array<string | null>): Page[] {
  const chunks = pagesOf(answer.rows);
  const legend = iconLegend(answer.rows, answer.language);
  return chunks.map((rows, i) => {
    const lines = rows.map((r) => compactRowLine(r, answer.language, names)).join('\n');
    const blocks = i === 0 ? [...head, lines, legend ? `-# ${legend}` : null] : [lines];
    const embed = headerEmbed(answer, names, blocks);
    if (i > 0 && embed.title) embed.title = clip(embed.title, DISCORD_LIMITS.title);
    return { embeds: [embed] };
  });
}

/** Renders an engine answer as one or more Discord-sized pages, the direct answer first. */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): Page[] {
  const maxEmbedsPerPage = options.maxEmbedsPerPage ?? 5;
  const names = withUnits(options.names ?? NO_NAMES, answer.units);
  // Zero is an answer for a share, ranking, comparison or summary ("0 of 14"); for a list it means "rephrase".
  const aggregate = answer.intent === 'share' || answer.intent === 'rank' || answer.intent === 'compare' || answer.intent === 'summary';
  if (answer.intent === 'none' || (answer.total === 0 && !(aggregate && answer.groups.length + (answer.ratio ? 1 : 0) > 0))) {
    return fitToDiscordLimits([{ content: noMatchText(answer, names), embeds: [] }], { maxEmbedsPerPage });
  }
  if (options.mode === 'count' || COMPACT_INTENTS.has(answer.intent)) {
    return fitToDiscordLimits([{ embeds: [compactEmbed(answer, options.mode === 'count', names)] }], { maxEmbedsPerPage });
  }
  if (answer.intent === 'explain') {
    const head = headerEmbed(answer, names, [understood(answer, names)]);
    return fitToDiscordLimits([{ embeds: [head, ...answer.rows.map((r) => explainEmbed(r, answer.language, names))] }], { maxEmbedsPerPage });
  }
  const L = UI[answer.language];
  const showing = answer.rows.length > 0 && answer.rows.length < answer.total ? L.showing(answer.rows.length, answer.total) : null;
  const head = [understood(answer, names), statusSummary(answer), alsoLine(answer), showing, answer.intent === 'overview' ? breakdownTable(answer, names) : null];
  if (answer.intent === 'lookup' || answer.rows.length === 1) {
    // A lookup is one output (or a few close ones), and a one-row list is that row: the card in full.
    return fitToDiscordLimits([{ embeds: [headerEmbed(answer, names, head.slice(0, 1)), ...answer.rows.map((r) => renderRecordEmbed(r, answer.language, names))] }], { maxEmbedsPerPage });
  }
  return fitToDiscordLimits(listPages(answer, names, head), { maxEmbedsPerPage });
}

export function renderRecord(record: OutputRecord, language: Language, names: NameBook = NO_NAMES): Page[] {
  return fitToDiscordLimits([{ embeds: [renderRecordEmbed(record, language, names)] }]);
}

/** Which rows each page shows (row embeds are titled by their breadcrumb; matched by id in the Source field). */
export function rowIdsOnPage(page: Page): string[] {
  const ids: string[] = [];
  // Plain-text pages (no embeds) cite rows the same way, inline.
  for (const m of (page.content ?? '').matchAll(/`([A-Z](?:-[a-z])?-\d+(?:\.\d+)*-\d{2,})` · /g)) if (m[1] && !ids.includes(m[1])) ids.push(m[1]);
  for (const e of page.embeds) {
    // Compact list lines in the description: "`id` · unit · planned · status".
    for (const m of (e.description ?? '').matchAll(/^`([A-Z](?:-[a-z])?-\d+(?:\.\d+)*-\d{2,})` · /gm)) if (m[1] && !ids.includes(m[1])) ids.push(m[1]);
    const source = e.fields?.find((f) => /^`[^`]+` · /.test(f.value));
    const id = source ? /^`([^`]+)`/.exec(source.value)?.[1] : undefined;
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** A row's report lines verbatim, in a code block (the "原文 / Source" view), within one message. */
export function renderSource(record: OutputRecord, lines: readonly string[], language: Language): Page[] {
  const L = WORDS[language];
  const head = `**${escapeMarkdown(breadcrumb(record, language))}**\n\`${record.id}\` · ${L.lines(record.line, record.lineEnd)}`;
  const body = lines.map((l) => l.replace(/\s+$/, '')).join('\n');
  return fitToDiscordLimits([{ content: `${head}\n\`\`\`\n${codeSafe(body)}\n\`\`\``, embeds: [] }]);
}

/**
 * A page as plain text, for channels where the bot may not embed (no Embed Links): titles bold, fields as
 * "**name**: value" lines. The result may exceed 2000 characters; the caller splits it.
 */
export function pageAsText(page: Page): string {
  const parts: string[] = [];
  if (page.content) parts.push(page.content);
  for (const e of page.embeds) {
    const lines: string[] = [];
    if (e.title) lines.push(`**${e.title}**`);
    if (e.description) lines.push(e.description);
    for (const f of e.fields ?? []) lines.push(f.value.includes('\n') || f.value.startsWith('```') ? `**${f.name}**\n${f.value}` : `**${f.name}**: ${f.value}`);
    if (e.footer) lines.push(`-# ${e.footer.text}`);
    parts.push(lines.join('\n'));
  }
  return parts.join('\n\n');
}
