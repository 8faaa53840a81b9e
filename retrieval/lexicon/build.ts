// Building the lexicon: validating the JSON files and compiling unit-name and glossary-term patterns.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type GlossaryEntry, GlossaryEntrySchema, GlossaryFileSchema, type Lexicon, LexiconError, type OrgPattern, type OrgUnitComposition, type OrgUnitEntry, OrgUnitEntrySchema, OrgUnitsFileSchema, type TermPattern, type UnitRef } from './schema.ts';
import { EN_SEP, ZH_SEP, compilePhrase, escapeRe, hasCjk, nameKey, needleOf, phraseSource, termTokenKey, termTokens } from './text.ts';

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

export function fail(source: string, where: string, message: string): never {
  throw new LexiconError(`${source}: ${where}: ${message}`);
}

export function entryLabel(entry: unknown): string {
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
export function templateGlue(literal: string, zh: boolean): string {
  const words = literal.match(/[A-Za-z]+|[\u3400-\u9fff]/gu) ?? [];
  if (zh) return words.length === 0 ? ZH_SEP : `${ZH_SEP}${words.map(escapeRe).join(ZH_SEP)}${ZH_SEP}`;
  if (words.length === 0) return /[-/(,]/.test(literal) ? `${EN_SEP}*` : `${EN_SEP}+`;
  return `${EN_SEP}*${words.map(escapeRe).join(`${EN_SEP}+`)}${EN_SEP}+`;
}

export function compileComposition(template: string, deptNames: string[], officeNames: string[], zh: boolean): RegExp {
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
export const BU_COMPOUND_TAILS = ['门', '分', '署', '队', '长', '件', '位', '落', '属'];

export function compileOrgPatterns(units: OrgUnitEntry[], composition: OrgUnitComposition, nonUnits: string[]): OrgPattern[] {
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

export function compileTermIndex(glossary: GlossaryEntry[], source: string): Map<string, TermPattern[]> {
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

export function readJson(url: URL): unknown {
  const path = fileURLToPath(url);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new LexiconError(`${path}: cannot read JSON: ${(err as Error).message}`);
  }
}

export let cached: Lexicon | undefined;

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
