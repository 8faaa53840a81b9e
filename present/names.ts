// Department and office names in the asker's language. The report prints Chinese names only; the English ones
// come from the glossary through ReportQueries.units(), which app/ or bot/ hands to the renderers as a name
// book. Without a book (or for a unit it does not know) the report's own name is shown, never nothing.
import type { Language, OrgUnit } from '../retrieval/types.ts';

type Coded = { code: string; name: string };
type UnitLike = { department: Coded; office: Coded | null };

export interface NameBook {
  /** The English name of a department ("B") or office ("B-a"), if the glossary has one. */
  english(key: string): string | null;
  /** The report's name of a unit key ("C" -> "管理事务部", "B-a" -> "副秘书长办公室"), if known. */
  chinese(key: string): string | null;
}

import { unitKey } from '../retrieval/plan.ts';
export { unitKey };

/** A name book from the report's units (ReportQueries.units()). */
export function nameBook(units: ReadonlyArray<Pick<OrgUnit, 'department' | 'office' | 'englishName'>>): NameBook {
  const en = new Map<string, string>();
  const zh = new Map<string, string>();
  for (const u of units) {
    const key = unitKey(u.department.code, u.office?.code ?? null);
    zh.set(key, u.office?.name ?? u.department.name);
    if (u.englishName) en.set(key, u.englishName);
  }
  return { english: (key) => en.get(key) ?? null, chinese: (key) => zh.get(key) ?? null };
}

/** No English names: every unit is shown by its report name. */
export const NO_NAMES: NameBook = { english: () => null, chinese: () => null };

const cache = new WeakMap<object, NameBook>();
/** The name book of a report engine, built once per engine. */
export function namesFor(queries: Pick<{ units(): OrgUnit[] }, 'units'>): NameBook {
  let book = cache.get(queries);
  if (!book) cache.set(queries, (book = nameBook(queries.units())));
  return book;
}

/** The book, falling back to the names an answer carries for the units it names (so a caller without a book still gets names, never codes). */
export function withUnits(names: NameBook, units: ReadonlyArray<Pick<OrgUnit, 'department' | 'office' | 'englishName'>>): NameBook {
  if (units.length === 0) return names;
  const own = nameBook(units);
  return { english: (key) => names.english(key) ?? own.english(key), chinese: (key) => names.chinese(key) ?? own.chinese(key) };
}

/** "外勤支助部" / "Department of Field Support": a department's bare name. */
export function departmentName(d: Coded, language: Language, names: NameBook): string {
  return (language === 'en' && names.english(d.code)) || d.name;
}

/** "副秘书长办公室" / "Office of the Under-Secretary-General for Field Support". */
export function officeName(d: Coded, o: Coded, language: Language, names: NameBook): string {
  return (language === 'en' && names.english(unitKey(d.code, o.code))) || o.name;
}

/** "B. 外勤支助部" / "B. Department of Field Support". */
export const departmentLabelIn = (d: Coded, language: Language, names: NameBook): string => `${d.code}. ${departmentName(d, language, names)}`;

/** "(a) 副秘书长办公室" / "(a) Office of …". */
export const officeLabelIn = (d: Coded, o: Coded, language: Language, names: NameBook): string => `(${o.code}) ${officeName(d, o, language, names)}`;

/** The unit's own name: the office's when it is an office, else the department's (for sentences). */
export function unitBareName(u: UnitLike, language: Language, names: NameBook): string {
  return u.office ? officeName(u.department, u.office, language, names) : departmentName(u.department, language, names);
}

/** "B. 外勤支助部 › (a) 副秘书长办公室", in the asker's language. */
export function unitPath(u: UnitLike, language: Language, names: NameBook): string {
  const d = departmentLabelIn(u.department, language, names);
  return u.office ? `${d} › ${officeLabelIn(u.department, u.office, language, names)}` : d;
}

/** A unit key as written in filters ("C", "B-a") as a name for people; the key itself only if nothing knows it. */
export function keyName(key: string, language: Language, names: NameBook): string {
  return (language === 'en' && names.english(key)) || names.chinese(key) || key;
}
