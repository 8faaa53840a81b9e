// A list as a channel reads it: one line per row — id, unit, the planned text cut to fit, status — about ten
// rows a page, the full card one click away (the source menu finds the ids on the page by the "`id` · " mark).
import type { OutputRecord } from '../../store/schema.ts';
import { STATUS_DISPLAY } from '../../store/status.ts';
import type { Language } from '../../retrieval/types.ts';
import { type NameBook, NO_NAMES } from '../names.ts';
import { clip, escapeMarkdown } from './limits.ts';

/** Rows per page of a compact list: a page stays a screenful. */
export const LIST_ROWS_PER_PAGE = 10;
const PLANNED_CHARS = 60;

/** "B(a)" for an office, "B" for a department: the unit in the fewest characters (names are in the header). */
const unitCode = (r: OutputRecord) => (r.office ? `${r.department.code}(${r.office.code})` : r.department.code);

/** The short unit name: the office's (or department's) name, English in English answers when known. */
function unitShort(r: OutputRecord, language: Language, names: NameBook): string {
  const key = r.office ? `${r.department.code}-${r.office.code}` : r.department.code;
  return (language === 'en' && names.english(key)) || (r.office ? r.office.name : r.department.name);
}

/** "`A-a-1.1-08` · A(a) 联合国驻非洲联盟办事处 · 出版 2 份新闻刊物，向大众… · ❌⏸️" */
export function compactRowLine(r: OutputRecord, language: Language, names: NameBook = NO_NAMES): string {
  const status = r.status.map((f) => STATUS_DISPLAY[f].icon).join('') || '—';
  const unit = clip(unitShort(r, language, names), 28);
  return `\`${r.id}\` · ${unitCode(r)} ${escapeMarkdown(unit)} · ${escapeMarkdown(clip(r.planned.replace(/\s+/g, ' '), PLANNED_CHARS))} · ${status}`;
}

/** The legend of the status icons used in the lines, so a line's icons can be read. */
export function iconLegend(rows: readonly OutputRecord[], language: Language): string {
  const used = new Set(rows.flatMap((r) => r.status));
  return [...used].length ? (Object.keys(STATUS_DISPLAY) as Array<keyof typeof STATUS_DISPLAY>).filter((f) => used.has(f)).map((f) => `${STATUS_DISPLAY[f].icon} ${STATUS_DISPLAY[f][language]}`).join(' · ') : '';
}

/** The rows in chunks of a page each. */
export function pagesOf<T>(items: readonly T[], size = LIST_ROWS_PER_PAGE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length ? out : [[]];
}
