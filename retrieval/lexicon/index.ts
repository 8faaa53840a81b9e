// Bilingual lexicon for the retriever. When no multilingual embedder can be loaded, retrieval runs on
// character n-grams and Chinese keywords over the report's Chinese text, so an English question only
// finds anything once its terms are carried into the Chinese the report uses. Users also name the
// report's departments and offices in many ways (full names, short forms, acronyms, English names);
// findOrgUnits turns all of them into the report's department/office codes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

export const OrgUnitEntrySchema = z
  .object({
    department: z.string().regex(/^[A-L]$/, 'department must be one letter A-L'),
    office: z
      .string()
      .regex(/^[a-f]$/, 'office must be one letter a-f')
      .nullable(),
    /** Chinese name exactly as the report's heading prints it. */
    name: z.string().trim().min(1),
    /** Official English name. */
    english: z.string().trim().min(1),
    /** Other names that identify this unit and no other. */
    aliases: z.array(z.string().trim().min(1)),
    /** Names several offices share (副秘书长办公室): ambiguous alone, resolved by composition with a department. */
    sharedNames: z.array(z.string().trim().min(1)).optional(),
  })
  .strict();
export type OrgUnitEntry = z.infer<typeof OrgUnitEntrySchema>;

const OrgUnitsFileSchema = z
  .object({
    notes: z.string().optional(),
    composition: z
      .object({
        zh: z.array(z.string().includes('{dept}').includes('{office}')),
        en: z.array(z.string().includes('{dept}').includes('{office}')),
      })
      .strict(),
    nonUnits: z.array(z.string().trim().min(1)),
    // Entries are validated one by one below, so an error can name the entry.
    units: z.array(z.unknown()).min(1),
  })
  .strict();
export type OrgUnitComposition = z.infer<typeof OrgUnitsFileSchema>['composition'];

export const GLOSSARY_CATEGORIES = [
  'status',
  'output',
  'meeting',
  'training',
  'document',
  'ict',
  'body',
  'peacekeeping',
  'topic',
  'security',
  'support',
  'finance',
  'hr',
  'procurement',
  'media',
  'oversight',
  'place',
] as const;

export const GlossaryEntrySchema = z
  .object({
    /** Canonical English term, reported back in `matched`. */
    en: z.string().trim().min(1),
    /** Synonyms and irregular forms; regular -s/-es/-ies/-ed/-ing forms are handled by the matcher. */
    variants: z.array(z.string().trim().min(1)).default([]),
    /** Chinese terms exactly as the report writes them. */
    zh: z.array(z.string().trim().min(1)).min(1),
    category: z.enum(GLOSSARY_CATEGORIES),
  })
  .strict();
export type GlossaryEntry = z.infer<typeof GlossaryEntrySchema>;

const GlossaryFileSchema = z
  .object({
    notes: z.string().optional(),
    entries: z.array(z.unknown()).min(1),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Public result types
// ---------------------------------------------------------------------------------------------

export interface OrgUnitMatch {
  department: string;
  office: string | null;
  /** The question text that named the unit. */
  matchedText: string;
  /**
   * True when the text names an office that several departments have (a bare 副秘书长办公室) and the
   * question names none of those departments: every candidate office is returned, each marked.
   */
  ambiguous: boolean;
}

export interface TermTranslation {
  zhTerms: string[];
  matched: Array<{ en: string; zh: string[]; text: string }>;
}

interface UnitRef {
  department: string;
  office: string | null;
}

interface OrgPattern {
  re: RegExp;
  /** Lower-case literals of which the question must contain one for `re` to match (a cheap pre-check). */
  needles: string[];
  /** Empty for non-units: they only consume text so a shorter alias inside them cannot match. */
  targets: UnitRef[];
  kind: 'alias' | 'composed' | 'shared' | 'nonUnit';
}

interface TermToken {
  /** Short all-caps acronyms compare case-sensitively so "IT"/"DO" do not fire on ordinary words. */
  exact?: string;
  /** Longer acronyms compare whole, case-insensitively: stemming would fold UNMISS into UNMIS. */
  lower?: string;
  stem?: string;
}

interface TermPattern {
  entry: number;
  tokens: TermToken[];
}

export interface Lexicon {
  units: OrgUnitEntry[];
  composition: OrgUnitComposition;
  nonUnits: string[];
  glossary: GlossaryEntry[];
  /** Compiled matchers; built once by buildLexicon. */
  readonly compiled: {
    orgPatterns: OrgPattern[];
    termIndex: Map<string, TermPattern[]>;
  };
}

export class LexiconError extends Error {
  override name = 'LexiconError';
}

// ---------------------------------------------------------------------------------------------
// Text helpers shared by both matchers
// ---------------------------------------------------------------------------------------------

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;
const hasCjk = (s: string): boolean => CJK.test(s);
const isShortAcronym = (s: string): boolean => /^[A-Z]{2,3}$/.test(s);
const ENGLISH_WORD_ACRONYMS = new Set(['DOS', 'DOT', 'CAR', 'SUN', 'WHO', 'OLA', 'ICE', 'ITS']);
const isCaseSensitiveUnitName = (s: string): boolean => /^[A-Z]{2}$/.test(s) || (isShortAcronym(s) && ENGLISH_WORD_ACRONYMS.has(s));
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Separators users put between English words (hyphens in Under-Secretary-General, commas, slashes).
const EN_SEP = "[\\s\\-\\u2010-\\u2015_,/'\\u2019().:]";
// Between Chinese characters only whitespace (PDF line breaks) and enumeration commas are tolerated.
const ZH_SEP = '[\\s\\u3001\\uff0c,\\u00b7\\u30fb\\-/]*';
const EN_WORD_SYNONYMS: Record<string, string> = {
  and: '(?:and|&)',
  department: '(?:department|dept)',
  programme: '(?:programme|program)',
  centre: '(?:centre|center)',
};

/** A regex source for a name, tolerant of spacing/punctuation, with word boundaries on Latin edges. */
function phraseSource(text: string): string {
  const tokens = text.match(/[A-Za-z0-9\u00c0-\u024f]+|[\u3400-\u9fff\uf900-\ufaff]|&/gu) ?? [];
  if (tokens.length === 0) throw new LexiconError(`name "${text}" has no letters`);
  let src = '';
  tokens.forEach((tok, i) => {
    const latin = !hasCjk(tok);
    if (i > 0) {
      // Two Latin words need a separator between them, or "DMOffice" would read as "DM Office".
      src += latin && !hasCjk(tokens[i - 1]!) ? `${EN_SEP}+` : ZH_SEP;
    }
    const lower = tok.toLowerCase();
    src += latin ? (EN_WORD_SYNONYMS[lower === '&' ? 'and' : lower] ?? escapeRe(tok)) : escapeRe(tok);
  });
  const first = tokens[0]!;
  const last = tokens[tokens.length - 1]!;
  const lead = hasCjk(first) ? '' : '(?<![A-Za-z0-9])';
  const trail = hasCjk(last) ? '' : '(?![A-Za-z0-9])';
  return `${lead}(?:${src})${trail}`;
}

/** A literal every match of `phraseSource(text)` contains: its longest plain Latin word, else a CJK character. */
function needleOf(text: string): string {
  const tokens = text.match(/[A-Za-z0-9\u00c0-\u024f]+|[\u3400-\u9fff\uf900-\ufaff]|&/gu) ?? [];
  const latin = tokens.filter((t) => !hasCjk(t) && t !== '&' && !(t.toLowerCase() in EN_WORD_SYNONYMS));
  if (latin.length) return latin.sort((a, b) => b.length - a.length)[0]!.toLowerCase();
  return tokens.find(hasCjk) ?? '';
}

function compilePhrase(text: string): RegExp {
  // Unit acronyms are typed in lower case in chat ("dfs below plan?"); only two-letter ones (DM) and
  // three-letter ones that are English words keep to capitals.
  return new RegExp(phraseSource(text), isCaseSensitiveUnitName(text) ? 'gu' : 'giu');
}

/** Key for detecting the same name given to two units. */
const nameKey = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Light English stemmer: enough for the report's vocabulary (briefings/briefed/briefing → brief,
 * postponed/postpones → postpon, activities → activity, planned/planning → plan). Applied to both
 * the glossary and the question, so it only has to be consistent, not linguistically right.
 */
const STEM_EXCEPTIONS = new Set(['news', 'series', 'species', 'aids', 'means', 'status', 'bus', 'gas', 'lens', 'canvas', 'alias', 'bias', 'this', 'thus', 'yes', 'its']);
const hasVowel = (s: string): boolean => /[aeiouy]/.test(s);
export function stemWord(word: string): string {
  let w = word.toLowerCase();
  if (STEM_EXCEPTIONS.has(w) || w.length < 4) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:s|x|z|ch|sh)es$/.test(w) && w.length - 2 >= 3) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w) && w.length - 1 >= 3) w = w.slice(0, -1);

  if (w.endsWith('ied') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('ed') && !w.endsWith('eed') && w.length - 2 >= 3 && hasVowel(w.slice(0, -2))) w = w.slice(0, -2);
  else if (w.endsWith('ing') && w.length - 3 >= 3 && hasVowel(w.slice(0, -3))) w = w.slice(0, -3);

  if (w.length >= 4 && /([b-df-hj-np-tv-z])\1$/.test(w)) w = w.slice(0, -1);
  if (w.length >= 4 && w.endsWith('e') && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}

interface QToken {
  raw: string;
  lower: string;
  stem: string;
  start: number;
  end: number;
}

/** Latin-script words of a question; possessive 's dropped and n't read as "not". */
function tokenizeEnglish(text: string): QToken[] {
  const out: QToken[] = [];
  for (const m of text.matchAll(/[\p{Script=Latin}\p{N}]+/gu)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    const apostropheBefore = start > 0 && /['’]/.test(text[start - 1]!);
    const prev = out[out.length - 1];
    if (apostropheBefore && prev && prev.end === start - 1) {
      if (raw.toLowerCase() === 's') continue;
      if (raw.toLowerCase() === 't' && /n$/i.test(prev.raw)) {
        prev.raw = prev.raw.slice(0, -1);
        prev.lower = prev.raw.toLowerCase();
        prev.stem = stemWord(prev.raw);
        prev.end -= 1;
        out.push({ raw: 'not', lower: 'not', stem: 'not', start: prev.end, end });
        continue;
      }
    }
    out.push({ raw, lower: raw.toLowerCase(), stem: stemWord(raw), start, end });
  }
  return out;
}

const isLongAcronym = (s: string): boolean => /^[A-Z][A-Z0-9]{3,}$/.test(s);

function termTokens(text: string): TermToken[] {
  return tokenizeEnglish(text).map((t) =>
    isShortAcronym(t.raw) ? { exact: t.raw } : isLongAcronym(t.raw) ? { lower: t.lower } : { stem: t.stem },
  );
}

const termTokenKey = (t: TermToken): string =>
  t.exact !== undefined ? `=${t.exact}` : t.lower !== undefined ? `^${t.lower}` : `~${t.stem}`;

// Words a user slips into a glossary phrase without changing it ("not yet completed").
const FILLERS = new Set(['the', 'a', 'an', 'yet', 'fully', 'been', 'being', 'completely', 'entirely', 'successfully', 'actually']);

function tokenMatches(q: QToken, t: TermToken): boolean {
  if (t.exact !== undefined) return q.raw === t.exact || q.raw === `${t.exact}s`;
  if (t.lower !== undefined) return q.lower === t.lower || q.lower === `${t.lower}s`;
  return q.stem === t.stem;
}

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

function fail(source: string, where: string, message: string): never {
  throw new LexiconError(`${source}: ${where}: ${message}`);
}

function entryLabel(entry: unknown): string {
  if (entry && typeof entry === 'object') {
    const e = entry as Record<string, unknown>;
    if (typeof e['name'] === 'string') return ` (${e['name']})`;
    if (typeof e['en'] === 'string') return ` (${e['en']})`;
  }
  return '';
}

export function parseOrgUnits(data: unknown, source = 'org-units.json'): {
  units: OrgUnitEntry[];
  composition: OrgUnitComposition;
  nonUnits: string[];
} {
  const file = OrgUnitsFileSchema.safeParse(data);
  if (!file.success) fail(source, 'file', z.prettifyError(file.error));
  const units = file.data.units.map((raw, i) => {
    const r = OrgUnitEntrySchema.safeParse(raw);
    if (!r.success) fail(source, `units[${i}]${entryLabel(raw)}`, z.prettifyError(r.error));
    return r.data;
  });

  const seenUnit = new Set<string>();
  const departments = new Set(units.filter((u) => u.office === null).map((u) => u.department));
  const owner = new Map<string, string>();
  units.forEach((u, i) => {
    const where = `units[${i}] (${u.name})`;
    const code = `${u.department}${u.office ? `-${u.office}` : ''}`;
    if (seenUnit.has(code)) fail(source, where, `unit ${code} is listed twice`);
    seenUnit.add(code);
    if (u.office !== null && !departments.has(u.department)) fail(source, where, `office of department ${u.department}, which has no entry`);
    if (u.sharedNames && u.office === null) fail(source, where, 'sharedNames are for offices only');
    // A shared name is never an own name: the unit's `name` is allowed to be one (副秘书长办公室).
    const shared = new Set((u.sharedNames ?? []).map(nameKey));
    const own = [u.english, ...u.aliases, ...(shared.has(nameKey(u.name)) ? [] : [u.name])];
    for (const n of own) {
      const k = nameKey(n);
      if (shared.has(k)) fail(source, where, `"${n}" is both an alias and a shared name`);
      const prev = owner.get(k);
      if (prev !== undefined && prev !== code) fail(source, where, `name "${n}" also names unit ${prev}; aliases must be unambiguous (use sharedNames)`);
      owner.set(k, code);
    }
  });
  // A name that is shared must not also be somebody's unambiguous alias.
  units.forEach((u, i) => {
    for (const n of u.sharedNames ?? []) {
      const prev = owner.get(nameKey(n));
      if (prev !== undefined) fail(source, `units[${i}] (${u.name})`, `shared name "${n}" is also an alias of unit ${prev}`);
    }
  });
  return { units, composition: file.data.composition, nonUnits: file.data.nonUnits };
}

export function parseGlossary(data: unknown, source = 'domain-glossary.json'): GlossaryEntry[] {
  const file = GlossaryFileSchema.safeParse(data);
  if (!file.success) fail(source, 'file', z.prettifyError(file.error));
  return file.data.entries.map((raw, i) => {
    const r = GlossaryEntrySchema.safeParse(raw);
    if (!r.success) fail(source, `entries[${i}]${entryLabel(raw)}`, z.prettifyError(r.error));
    return r.data;
  });
}

/** Template literal text ("'s ", " of the ", "的") as a tolerant regex piece. */
function templateGlue(literal: string, zh: boolean): string {
  const words = literal.match(/[A-Za-z]+|[\u3400-\u9fff]/gu) ?? [];
  if (zh) return words.length === 0 ? ZH_SEP : `${ZH_SEP}${words.map(escapeRe).join(ZH_SEP)}${ZH_SEP}`;
  if (words.length === 0) return /[-/(,]/.test(literal) ? `${EN_SEP}*` : `${EN_SEP}+`;
  return `${EN_SEP}*${words.map(escapeRe).join(`${EN_SEP}+`)}${EN_SEP}+`;
}

function compileComposition(template: string, deptNames: string[], officeNames: string[], zh: boolean): RegExp {
  const alt = (names: string[]): string => `(?:${names.map(phraseSource).sort((a, b) => b.length - a.length).join('|')})`;
  const parts = template.split(/(\{dept\}|\{office\})/);
  let src = '';
  parts.forEach((p, i) => {
    if (p === '{dept}') src += alt(deptNames);
    else if (p === '{office}') src += alt(officeNames);
    // Text before the first or after the last placeholder would only drag punctuation into the match.
    else if (i > 0 && i < parts.length - 1) src += p === '' ? (zh ? ZH_SEP : `${EN_SEP}*`) : templateGlue(p, zh);
    // …except a closing bracket, which belongs to "Office of the USG (DFS)".
    else if (i === parts.length - 1 && /^[)）]/.test(p)) src += '[)）]?';
  });
  return new RegExp(src, 'giu');
}

// 部门 (sector), 部分 (component), 部署 (deploy), 部队 (troops)… follow a department short form
// such as 维和部/管理部 in ordinary prose without naming the department.
const BU_COMPOUND_TAILS = ['门', '分', '署', '队', '长', '件', '位', '落', '属'];

function compileOrgPatterns(units: OrgUnitEntry[], composition: OrgUnitComposition, nonUnits: string[]): OrgPattern[] {
  const patterns: OrgPattern[] = [];
  const nonUnitSet = new Set(nonUnits);
  const deptNames = new Map<string, string[]>();

  for (const u of units) {
    const ref: UnitRef = { department: u.department, office: u.office };
    const shared = new Set((u.sharedNames ?? []).map(nameKey));
    const own = [u.name, u.english, ...u.aliases].filter((n) => !shared.has(nameKey(n)));
    for (const n of own) patterns.push({ re: compilePhrase(n), needles: [needleOf(n)], targets: [ref], kind: 'alias' });
    if (u.office === null) deptNames.set(u.department, own);
    for (const n of own) if (hasCjk(n) && n.endsWith('部')) for (const t of BU_COMPOUND_TAILS) nonUnitSet.add(n + t);
  }

  // Shared names: one pattern per distinct name, targeting every office that carries it.
  const sharedTargets = new Map<string, { name: string; targets: UnitRef[] }>();
  for (const u of units) {
    for (const n of u.sharedNames ?? []) {
      const k = nameKey(n);
      const slot = sharedTargets.get(k) ?? { name: n, targets: [] };
      slot.targets.push({ department: u.department, office: u.office });
      sharedTargets.set(k, slot);
    }
  }
  for (const { name, targets } of sharedTargets.values()) patterns.push({ re: compilePhrase(name), needles: [needleOf(name)], targets, kind: 'shared' });

  // Composed names: department name + shared office name resolve to that department's office.
  for (const u of units) {
    if (!u.sharedNames || u.sharedNames.length === 0) continue;
    const dNames = deptNames.get(u.department) ?? [];
    const ref: UnitRef = { department: u.department, office: u.office };
    const zhOffice = u.sharedNames.filter(hasCjk);
    const enOffice = u.sharedNames.filter((n) => !hasCjk(n));
    const zhDept = dNames.filter((n) => hasCjk(n) || /^[A-Z]{2,6}$/.test(n));
    const enDept = dNames.filter((n) => !hasCjk(n));
    if (zhOffice.length && zhDept.length)
      for (const t of composition.zh) patterns.push({ re: compileComposition(t, zhDept, zhOffice, true), needles: zhOffice.map(needleOf), targets: [ref], kind: 'composed' });
    if (enOffice.length && enDept.length)
      for (const t of composition.en) patterns.push({ re: compileComposition(t, enDept, enOffice, false), needles: enOffice.map(needleOf), targets: [ref], kind: 'composed' });
  }

  for (const n of nonUnitSet) patterns.push({ re: compilePhrase(n), needles: [needleOf(n)], targets: [], kind: 'nonUnit' });
  return patterns;
}

function compileTermIndex(glossary: GlossaryEntry[], source: string): Map<string, TermPattern[]> {
  const index = new Map<string, TermPattern[]>();
  const owner = new Map<string, number>();
  glossary.forEach((e, i) => {
    for (const form of [e.en, ...e.variants]) {
      const tokens = termTokens(form);
      if (tokens.length === 0) fail(source, `entries[${i}] (${e.en})`, `"${form}" has no English words`);
      const key = tokens.map(termTokenKey).join(' ');
      const prev = owner.get(key);
      if (prev !== undefined && prev !== i)
        fail(source, `entries[${i}] (${e.en})`, `"${form}" reads the same as a form of entries[${prev}] (${glossary[prev]!.en}); each English form must map to one entry`);
      if (prev === i) continue;
      owner.set(key, i);
      const first = termTokenKey(tokens[0]!);
      const list = index.get(first) ?? [];
      list.push({ entry: i, tokens });
      index.set(first, list);
    }
  });
  return index;
}

/** Validates both files and compiles the matchers; throws LexiconError naming the file and entry. */
export function buildLexicon(
  orgUnitsData: unknown,
  glossaryData: unknown,
  sources: { orgUnits: string; glossary: string } = { orgUnits: 'org-units.json', glossary: 'domain-glossary.json' },
): Lexicon {
  const { units, composition, nonUnits } = parseOrgUnits(orgUnitsData, sources.orgUnits);
  const glossary = parseGlossary(glossaryData, sources.glossary);
  return {
    units,
    composition,
    nonUnits,
    glossary,
    compiled: {
      orgPatterns: compileOrgPatterns(units, composition, nonUnits),
      termIndex: compileTermIndex(glossary, sources.glossary),
    },
  };
}

function readJson(url: URL): unknown {
  const path = fileURLToPath(url);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new LexiconError(`${path}: cannot read JSON: ${(err as Error).message}`);
  }
}

let cached: Lexicon | undefined;

/** The lexicon shipped next to this module, validated on first use and cached. */
export function loadLexicon(): Lexicon {
  if (cached) return cached;
  const orgUrl = new URL('./org-units.json', import.meta.url);
  const glossaryUrl = new URL('./domain-glossary.json', import.meta.url);
  cached = buildLexicon(readJson(orgUrl), readJson(glossaryUrl), {
    orgUnits: fileURLToPath(orgUrl),
    glossary: fileURLToPath(glossaryUrl),
  });
  return cached;
}

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

interface Span {
  start: number;
  end: number;
}

/** Longest span wins; a span overlapping an already kept one is dropped; ties go to the earlier start. */
function pickLongest<T extends Span>(cands: T[], tieBreak: (a: T, b: T) => number = () => 0): T[] {
  const sorted = [...cands].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || tieBreak(a, b));
  const kept: T[] = [];
  for (const c of sorted) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  return kept.sort((a, b) => a.start - b.start);
}

const KIND_RANK: Record<OrgPattern['kind'], number> = { nonUnit: 0, composed: 1, alias: 2, shared: 3 };

/**
 * Every department/office the question names, in question order, each unit once.
 *
 * Ambiguous office names: a bare shared name (副秘书长办公室, "Office of the Under-Secretary-General")
 * is narrowed to the offices of departments the question names elsewhere ("外勤部…副秘书长办公室");
 * if it names none of them, all candidate offices are returned with `ambiguous: true`, so a caller
 * can ask back or search all three. Composed forms (维和部副秘书长办公室, "DFS Office of the USG")
 * are single unambiguous matches.
 */
export function findOrgUnits(question: string, lexicon: Lexicon): OrgUnitMatch[] {
  type Cand = Span & { pattern: OrgPattern; text: string };
  const cands: Cand[] = [];
  const lower = question.toLowerCase();
  for (const pattern of lexicon.compiled.orgPatterns) {
    if (!pattern.needles.some((n) => lower.includes(n))) continue;
    for (const m of question.matchAll(pattern.re)) {
      if (m[0].length === 0) continue;
      cands.push({ start: m.index, end: m.index + m[0].length, pattern, text: m[0] });
    }
  }
  const kept = pickLongest(cands, (a, b) => KIND_RANK[a.pattern.kind] - KIND_RANK[b.pattern.kind]);

  const namedDepartments = new Set(
    kept.flatMap((c) => (c.pattern.kind === 'alias' ? c.pattern.targets.filter((t) => t.office === null).map((t) => t.department) : [])),
  );
  const out: OrgUnitMatch[] = [];
  const seen = new Set<string>();
  const push = (t: UnitRef, text: string, ambiguous: boolean): void => {
    const key = `${t.department}-${t.office ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ department: t.department, office: t.office, matchedText: text, ambiguous });
  };
  for (const c of kept) {
    if (c.pattern.kind !== 'shared') {
      for (const t of c.pattern.targets) push(t, c.text, false);
      continue;
    }
    const narrowed = c.pattern.targets.filter((t) => namedDepartments.has(t.department));
    const targets = narrowed.length > 0 ? narrowed : c.pattern.targets;
    for (const t of targets) push(t, c.text, targets.length > 1);
  }
  return out;
}

/**
 * The Chinese terms the report uses for the English terms of a question, longest phrase first
 * ("training of trainers" wins over "training" and "trainers"). Case-insensitive on whole words,
 * with -s/-es/-ies/-ed/-ing forms folded; short all-caps acronyms (IT, DDR) only match in capitals.
 */
export function translateTerms(question: string, lexicon: Lexicon): TermTranslation {
  const tokens = tokenizeEnglish(question);
  type Cand = Span & { entry: number; tokenCount: number; exactCount: number; firstTok: number; lastTok: number };
  const cands: Cand[] = [];
  tokens.forEach((tok, i) => {
    const keys = new Set([`~${tok.stem}`, `=${tok.raw}`, `^${tok.lower}`]);
    if (tok.raw.endsWith('s')) {
      keys.add(`=${tok.raw.slice(0, -1)}`);
      keys.add(`^${tok.lower.slice(0, -1)}`);
    }
    for (const key of keys) {
      for (const p of lexicon.compiled.termIndex.get(key) ?? []) {
        const last = matchTermAt(tokens, i, p.tokens);
        if (last < 0) continue;
        const exactCount = p.tokens.filter((t) => t.exact !== undefined).length;
        cands.push({ start: tok.start, end: tokens[last]!.end, entry: p.entry, tokenCount: p.tokens.length, exactCount, firstTok: i, lastTok: last });
      }
    }
  });

  // Longest by number of glossary words first, so "troop- and police-contributing countries"
  // beats "police-contributing countries" even where fillers make spans equal. On a tie a
  // capitals-only acronym beats a folded word: "CAR" is the Central African Republic, not "cars".
  const sorted = [...cands].sort(
    (a, b) => b.tokenCount - a.tokenCount || b.end - b.start - (a.end - a.start) || b.exactCount - a.exactCount || a.start - b.start,
  );
  const kept: Cand[] = [];
  for (const c of sorted) if (!kept.some((k) => c.firstTok <= k.lastTok && k.firstTok <= c.lastTok)) kept.push(c);
  kept.sort((a, b) => a.start - b.start);

  const zhTerms: string[] = [];
  const matched: TermTranslation['matched'] = [];
  const seenEntries = new Set<number>();
  for (const c of kept) {
    if (seenEntries.has(c.entry)) continue;
    seenEntries.add(c.entry);
    const e = lexicon.glossary[c.entry]!;
    matched.push({ en: e.en, zh: [...e.zh], text: question.slice(c.start, c.end) });
    for (const z of e.zh) if (!zhTerms.includes(z)) zhTerms.push(z);
  }
  return { zhTerms, matched };
}

/** Index of the last question token of a match of `pattern` starting at token `i`, or -1. */
function matchTermAt(tokens: QToken[], i: number, pattern: TermToken[]): number {
  let q = i;
  for (let p = 0; p < pattern.length; p++) {
    if (p > 0) {
      let skipped = 0;
      while (q < tokens.length && skipped < 2 && !tokenMatches(tokens[q]!, pattern[p]!) && FILLERS.has(tokens[q]!.stem)) {
        q++;
        skipped++;
      }
    }
    if (q >= tokens.length || !tokenMatches(tokens[q]!, pattern[p]!)) return -1;
    q++;
  }
  return q - 1;
}
