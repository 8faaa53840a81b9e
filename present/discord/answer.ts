// Answer → Discord message pages (plain JSON). Lists and lookups show one embed per row; counts, rankings,
// shares, comparisons and the whole-report summary are one compact embed with a fixed-width table; every
// answer says in one line how the question was understood ("接上文：外勤支助部；推迟").
import type { OutputRecord, StatusFlag } from '../../store/schema.ts';
import type { Answer, Group, Language } from '../../retrieval/types.ts';
import { STATUS_ORDER, STATUS_WORDS, UI, WORDS, departmentLabel, officeLabel, statusWord, understoodLine } from '../labels.ts';
import { COLORS, codeSafe, escapeMarkdown, fitToDiscordLimits, type EmbedJSON, type Page } from './limits.ts';

/** "A. 维持和平行动部 › (a) 联合国驻非洲联盟办事处 › 预期成绩 1.1" */
export function breadcrumb(record: OutputRecord, language: Language): string {
  const parts = [departmentLabel(record.department)];
  if (record.office) parts.push(officeLabel(record.office));
  parts.push(`${WORDS[language].accomplishment} ${record.accomplishment.code}`);
  return parts.join(' › ');
}

function actualText(record: OutputRecord): string {
  return record.actual.map((a) => (a.label ? `${a.value} ${a.label}` : a.value)).join('\n');
}

export function statusText(flags: readonly StatusFlag[], language: Language): string {
  return flags.map((f) => `${STATUS_WORDS[f].icon} ${statusWord(f, language, { title: true })}`).join(' · ');
}

function sourceText(record: OutputRecord, language: Language): string {
  return `\`${record.id}\` · ${WORDS[language].lines(record.line, record.lineEnd)}`;
}

const orDash = (s: string) => (s.trim() === '' ? '—' : s);

export function renderRecordEmbed(record: OutputRecord, language: Language): EmbedJSON {
  const L = WORDS[language];
  const embed: EmbedJSON = {
    title: breadcrumb(record, language),
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
function explainEmbed(record: OutputRecord, language: Language): EmbedJSON {
  const L = WORDS[language];
  return {
    title: breadcrumb(record, language),
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
export function groupLabel(g: Pick<Group, 'department' | 'office' | 'status'>, language: Language): string {
  if (g.status) return statusWord(g.status, language, { title: true });
  if (g.office) return `${g.department.code}(${g.office.code}) ${g.office.name}`;
  return departmentLabel(g.department);
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

function groupsTable(answer: Answer): string {
  const L = { ...WORDS[answer.language], ...UI[answer.language] };
  const withRank = answer.groups.some((g) => g.rank !== null);
  const withShare = answer.plan.rankBy === 'share' || answer.intent === 'share' || answer.intent === 'compare';
  const header = [...(withRank ? ['#'] : []), L.count, ...(withShare ? [L.totalRow, L.share] : []), groupLabelHeader(answer)];
  const rows = answer.groups.map((g) => [
    ...(withRank ? [String(g.rank ?? '')] : []),
    String(g.count),
    ...(withShare ? [String(g.whole), pct(g.share)] : []),
    groupLabel(g, answer.language),
  ]);
  return table([header, ...rows]);
}

function groupLabelHeader(answer: Answer): string {
  const L = { ...WORDS[answer.language], ...UI[answer.language] };
  const g = answer.groups[0];
  if (g?.status) return L.status;
  return g?.office ? L.office : L.department;
}

/** Whole-report summary: one line per department, one column per status, and the department's total. */
function summaryTable(answer: Answer): string {
  const L = WORDS[answer.language];
  const header = ['', ...STATUS_ORDER.map((f) => STATUS_WORDS[f].short[answer.language]), L.totalRow, ''];
  const rows = answer.groups.map((g) => [g.office ? `${g.department.code}(${g.office.code})` : g.department.code, ...STATUS_ORDER.map((f) => String(g.byStatus[f])), String(g.whole || g.count), g.office ? g.office.name : g.department.name]);
  const totals = ['Σ', ...STATUS_ORDER.map((f) => String(answer.groups.reduce((n, g) => n + g.byStatus[f], 0))), String(answer.groups.reduce((n, g) => n + (g.whole || g.count), 0)), ''];
  return table([header, ...rows, totals], [0]);
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

function breakdownTable(answer: Answer): string | null {
  const totals = departmentTotals(answer);
  const single = totals.length === 1;
  const rows: string[][] = [];
  for (const t of totals) {
    rows.push([String(t.count), departmentLabel(t.department)]);
    // Office lines only where they add information: one department asked about, split over offices.
    if (single && t.offices.length > 1 && t.offices.some((o) => o.office)) {
      for (const o of t.offices) rows.push([String(o.count), '  ' + (o.office ? officeLabel(o.office) : WORDS[answer.language].noValue)]);
    }
  }
  return rows.length > 1 ? table(rows) : null;
}

function statusSummary(answer: Answer): string | null {
  if (answer.rows.length !== answer.total || answer.total === 0) return null;
  const counts = new Map<StatusFlag, number>();
  for (const r of answer.rows) for (const f of r.status) counts.set(f, (counts.get(f) ?? 0) + 1);
  const parts = STATUS_ORDER.filter((f) => counts.has(f)).map((f) => `${STATUS_WORDS[f].icon} ${statusWord(f, answer.language, { title: true })} ${counts.get(f)}`);
  return parts.length ? parts.join(' · ') : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Answers

function understood(answer: Answer): string {
  return `-# ${escapeMarkdown(understoodLine(answer))}`;
}

function footer(answer: Answer): EmbedJSON['footer'] | undefined {
  const q = answer.question.trim();
  return q ? { text: `${UI[answer.language].question}: ${q}` } : undefined;
}

function headerEmbed(title: string, description: Array<string | null>, answer: Answer): EmbedJSON {
  const embed: EmbedJSON = { title, color: COLORS.header };
  const text = description.filter((d): d is string => !!d).join('\n\n');
  if (text) embed.description = text;
  const f = footer(answer);
  if (f) embed.footer = f;
  return embed;
}

/** The compact forms (counts and everything aggregated over groups): one embed. */
function compactEmbed(answer: Answer, forceCount: boolean): EmbedJSON {
  const L = UI[answer.language];
  const u = understood(answer);
  switch (forceCount ? 'count' : answer.intent) {
    case 'rank':
      return headerEmbed(L.rankTitle(answer.plan.order), [u, answer.groups.length ? groupsTable(answer) : null], answer);
    case 'share': {
      const ratio = answer.ratio ?? { part: answer.total, whole: answer.total };
      return headerEmbed(L.shareTitle(ratio.part, ratio.whole), [u, answer.groups.length > 1 ? groupsTable(answer) : null], answer);
    }
    case 'compare':
      return headerEmbed(L.compareTitle, [u, answer.groups.length ? groupsTable(answer) : null], answer);
    case 'summary':
      return headerEmbed(L.summaryTitle, [u, answer.groups.length ? summaryTable(answer) : null], answer);
    default: {
      const grouped = answer.groups.length > 1 && answer.plan.groupBy !== null ? groupsTable(answer) : breakdownTable(answer);
      return headerEmbed(L.outputs(answer.total), [u, statusSummary(answer), grouped], answer);
    }
  }
}

export interface RenderOptions {
  /** 'count' forces the compact count form (total + breakdown, no rows), for /count in team channels. */
  mode?: 'auto' | 'count';
  /** Row embeds per page; Discord allows 10, fewer keep a page readable. */
  maxEmbedsPerPage?: number;
}

export const COMPACT_INTENTS: ReadonlySet<Answer['intent']> = new Set(['count', 'breakdown', 'rank', 'share', 'compare', 'summary']);

/** The text of an answer that found nothing: why, how it was read, and what to ask instead. */
export function noMatchText(answer: Answer): string {
  const L = WORDS[answer.language];
  const why = answer.reason ? L.reasons[answer.reason] : L.none;
  // A reset is a confirmation, not a failure: no hint.
  if (answer.reason === 'reset') return why;
  return [why, `-# ${understoodLine(answer)}`, L.hint].join('\n');
}

/** Renders an engine answer as one or more Discord-sized pages. */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): Page[] {
  const maxEmbedsPerPage = options.maxEmbedsPerPage ?? 5;
  const L = { ...WORDS[answer.language], ...UI[answer.language] };
  if (answer.intent === 'none' || (answer.total === 0 && answer.groups.every((g) => g.count === 0))) {
    return fitToDiscordLimits([{ content: escapeMarkdown(noMatchText(answer)), embeds: [] }], { maxEmbedsPerPage });
  }
  if (options.mode === 'count' || COMPACT_INTENTS.has(answer.intent)) {
    return fitToDiscordLimits([{ embeds: [compactEmbed(answer, options.mode === 'count')] }], { maxEmbedsPerPage });
  }
  if (answer.intent === 'explain') {
    const head = headerEmbed(L.explainTitle, [understood(answer)], answer);
    return fitToDiscordLimits([{ embeds: [head, ...answer.rows.map((r) => explainEmbed(r, answer.language))] }], { maxEmbedsPerPage });
  }
  const title = answer.intent === 'lookup' ? L.bestTitle : L.found(answer.total);
  const showing = answer.rows.length > 0 && answer.rows.length < answer.total ? L.showing(answer.rows.length, answer.total) : null;
  const head = headerEmbed(title, [understood(answer), statusSummary(answer), showing, answer.intent === 'overview' ? breakdownTable(answer) : null], answer);
  return fitToDiscordLimits([{ embeds: [head, ...answer.rows.map((r) => renderRecordEmbed(r, answer.language))] }], { maxEmbedsPerPage });
}

export function renderRecord(record: OutputRecord, language: Language): Page[] {
  return fitToDiscordLimits([{ embeds: [renderRecordEmbed(record, language)] }]);
}

/** Which rows each page shows (row embeds are titled by their breadcrumb; matched by id in the Source field). */
export function rowIdsOnPage(page: Page): string[] {
  const ids: string[] = [];
  // Plain-text pages (no embeds) cite rows the same way, inline.
  for (const m of (page.content ?? '').matchAll(/`([A-Z](?:-[a-z])?-\d+(?:\.\d+)*-\d{2,})` · /g)) if (m[1] && !ids.includes(m[1])) ids.push(m[1]);
  for (const e of page.embeds) {
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
