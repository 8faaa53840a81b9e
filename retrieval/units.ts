// Departments and offices as users name them: the report's own headings, its 简称 glossary, and the
// aliases of the bilingual lexicon (short forms, English names, acronyms).
import type { Glossary, OutputRecord } from '../store/schema.ts';
import type { OrgUnit } from './types.ts';
import { unitKey, type UnitRef } from './plan.ts';
import type { UnitMention } from './understand.ts';

export interface UnitAliases {
  department: string;
  office: string | null;
  english: string | null;
  aliases: string[];
}

export { unitKey } from './plan.ts';

export function buildUnits(records: readonly OutputRecord[], glossary: Glossary, extra: readonly UnitAliases[]): OrgUnit[] {
  const units = new Map<string, OrgUnit>();
  for (const r of records) {
    const dKey = unitKey(r.department.code, null);
    const d = units.get(dKey) ?? { kind: 'department' as const, department: r.department, office: null, englishName: null, aliases: [], rowCount: 0 };
    d.rowCount++;
    units.set(dKey, d);
    if (r.office) {
      const oKey = unitKey(r.department.code, r.office.code);
      const o = units.get(oKey) ?? { kind: 'office' as const, department: r.department, office: r.office, englishName: null, aliases: [], rowCount: 0 };
      o.rowCount++;
      units.set(oKey, o);
    }
  }
  for (const u of units.values()) {
    const name = u.office?.name ?? u.department.name;
    for (const g of glossary) if (g.fullName === name) u.aliases.push(g.abbreviation);
  }
  for (const x of extra) {
    const u = units.get(unitKey(x.department, x.office));
    if (!u) continue;
    u.englishName ??= x.english;
    for (const a of x.aliases) if (!u.aliases.includes(a)) u.aliases.push(a);
  }
  return [...units.values()];
}

interface Name {
  text: string;
  unit: OrgUnit;
  /** Two-letter acronyms (and three-letter ones that are words) match case-sensitively ("DM", not "dm me"). */
  caseSensitive: boolean;
}

/** Every name that points at exactly one unit; an office name shared by several needs its department. */
function namesOf(units: readonly OrgUnit[]): Name[] {
  const byText = new Map<string, OrgUnit[]>();
  const add = (text: string, u: OrgUnit) => {
    const t = text.trim();
    if (t.length < 2) return;
    const list = byText.get(t) ?? [];
    if (!list.includes(u)) list.push(u);
    byText.set(t, list);
  };
  const departments = units.filter((u) => u.kind === 'department');
  for (const u of units) {
    add(u.office?.name ?? u.department.name, u);
    if (u.englishName) add(u.englishName, u);
    for (const a of u.aliases) add(a, u);
    if (u.office) {
      // "维和部副秘书长办公室", "DPKO Office of the Under-Secretary-General": department + office.
      const dept = departments.find((d) => d.department.code === u.department.code);
      const deptNames = [u.department.name, ...(dept?.aliases ?? []), ...(dept?.englishName ? [dept.englishName] : [])];
      for (const dn of deptNames) {
        add(`${dn}${u.office.name}`, u);
        if (u.englishName) add(`${dn} ${u.englishName}`, u);
      }
    }
  }
  const names: Name[] = [];
  for (const [text, list] of byText) {
    if (list.length !== 1) continue;
    names.push({ text, unit: list[0]!, caseSensitive: /^[A-Z]{2}$/.test(text) || ['DOS', 'OLA', 'WHO', 'CAR'].includes(text) });
  }
  return names.sort((a, b) => b.text.length - a.text.length);
}

export class UnitMatcher {
  private readonly names: Name[];

  constructor(readonly units: readonly OrgUnit[]) {
    this.names = namesOf(units);
  }

  /** Units the question names; longest names first, overlapping shorter matches dropped. */
  find(question: string): UnitMention[] {
    const taken: Array<[number, number]> = [];
    const found: UnitMention[] = [];
    const lower = question.toLowerCase();
    for (const n of this.names) {
      const hay = n.caseSensitive ? question : lower;
      const needle = n.caseSensitive ? n.text : n.text.toLowerCase();
      let from = 0;
      for (;;) {
        const at = hay.indexOf(needle, from);
        if (at < 0) break;
        from = at + needle.length;
        const end = at + needle.length;
        const latin = /[A-Za-z]/.test(needle);
        if (latin && (/[A-Za-z]/.test(question[at - 1] ?? '') || /[A-Za-z]/.test(question[end] ?? ''))) continue;
        if (taken.some(([s, e]) => at < e && end > s)) continue;
        taken.push([at, end]);
        if (!found.some((f) => f.department === n.unit.department.code && f.office === (n.unit.office?.code ?? null))) {
          found.push({ department: n.unit.department.code, office: n.unit.office?.code ?? null, matchedText: question.slice(at, end) });
        }
      }
    }
    return found;
  }

  /** For autocomplete: units whose names contain the typed text, best first. */
  suggest(typed: string, limit: number): OrgUnit[] {
    const t = typed.trim().toLowerCase();
    if (!t) return this.units.slice(0, limit);
    const scored = this.units
      .map((u) => {
        const names = [u.office?.name ?? u.department.name, u.englishName ?? '', ...u.aliases, u.office ? `${u.department.code}-${u.office.code}` : u.department.code];
        let best = -1;
        for (const n of names) {
          const l = n.toLowerCase();
          if (!l) continue;
          if (l === t) best = Math.max(best, 3);
          else if (l.startsWith(t)) best = Math.max(best, 2);
          else if (l.includes(t)) best = Math.max(best, 1);
        }
        return { u, best };
      })
      .filter((x) => x.best >= 0)
      .sort((a, b) => b.best - a.best);
    return scored.slice(0, limit).map((x) => x.u);
  }
}

/** Head words of unit names, and words too common in them to tell one unit from another. */
const PARTIAL_HEADS = new Set(['office', 'division', 'department', 'secretariat', 'section', 'service', 'services']);
const PARTIAL_STOP = new Set(['of', 'the', 'for', 'to', 'and', 'on', 'united', 'nations', 'executive']);
const overlapsText = (q: string, a: string, b: string) => {
  const i = q.toLowerCase().indexOf(a.toLowerCase());
  const j = q.toLowerCase().indexOf(b.toLowerCase());
  return i >= 0 && j >= 0 && i < j + b.length && j < i + a.length;
};

/** Characters of an office name's tail that identify it after its department (预算和财务司). */
const OFFICE_NAME_TAIL = 5;

/**
 * The one place units are resolved: names in a question (the lexicon's composed and shared names first, then
 * the report's own, then an office named by its tail after its department), names typed into a command
 * option, and a UnitRef's names for display.
 */
export class UnitResolver {
  constructor(
    private readonly matcher: UnitMatcher,
    private readonly fromLexicon?: (question: string) => UnitMention[],
  ) {}

  /** The names of a unit and of its department, as the report and the lexicon give them. */
  namesOf(ref: UnitMention): string[] {
    return this.matcher.units
      .filter((x) => x.department.code === ref.department && (x.office === null || x.office.code === ref.office))
      .flatMap((x) => [x.office?.name ?? x.department.name, x.englishName ?? '', ...x.aliases])
      .filter(Boolean);
  }

  /** Lexicon matches first (they know composed and shared office names), then the report's own names. */
  find(question: string): UnitMention[] {
    const fromLexicon = this.fromLexicon?.(question) ?? [];
    const out = [...fromLexicon];
    for (const m of this.matcher.find(question)) {
      const overlaps = fromLexicon.some((l) => l.matchedText.includes(m.matchedText) || m.matchedText.includes(l.matchedText));
      if (!overlaps && !out.some((o) => o.department === m.department && o.office === m.office)) out.push(m);
    }
    for (const m of this.partialEnglish(question)) {
      if (!out.some((o) => (o.department === m.department && o.office === m.office) || overlapsText(question, o.matchedText, m.matchedText))) out.push(m);
    }
    // "外勤部预算和财务司": after a department, the tail of one of its offices' names names that office.
    for (const dept of out.filter((u) => u.office === null)) {
      for (const office of this.matcher.units.filter((x) => x.office && x.department.code === dept.department)) {
        const name = office.office!.name;
        for (let len = name.length - 1; len >= OFFICE_NAME_TAIL; len--) {
          const tail = name.slice(-len);
          if (question.includes(tail) && !out.some((o) => o.office === office.office!.code && o.department === dept.department)) {
            out.push({ department: dept.department, office: office.office!.code, matchedText: tail });
            break;
          }
        }
      }
    }
    return out;
  }

  /**
   * An English name said in part with its head word ("the African Union office", "the human resources office"):
   * most of the distinctive words of one unit's name (two at least), next to office/division/department. The
   * unit with the most of its words wins; a tie names none.
   */
  partialEnglish(question: string): UnitMention[] {
    const stem = (w: string) => w.replace(/'s$/, '').replace(/(?<=[a-z]{4})s$/, '');
    const words = [...question.matchAll(/[A-Za-z][A-Za-z'-]*/g)].map((m) => ({ w: stem(m[0].toLowerCase()), start: m.index!, end: m.index! + m[0].length }));
    const heads = words.filter((x) => PARTIAL_HEADS.has(x.w));
    if (heads.length === 0) return [];
    let best: { unit: OrgUnit; matched: number; start: number; end: number } | null = null;
    let tie = false;
    for (const unit of this.matcher.units) {
      const distinctive = (unit.englishName?.toLowerCase().match(/[a-z][a-z-]*/g) ?? []).filter((w) => !PARTIAL_STOP.has(w) && !PARTIAL_HEADS.has(w)).map(stem);
      if (distinctive.length === 0) continue;
      const hits = words.filter((x) => distinctive.includes(x.w));
      const matched = new Set(hits.map((h) => h.w)).size;
      // One distinctive word is enough only right before its head word ("Ethic Office", "Ombudsman office").
      const single = distinctive.length === 1 && matched === 1 && heads.some((h) => words.indexOf(h) === words.indexOf(hits[0]!) + 1);
      if (!single && (matched < 2 || matched / distinctive.length < 0.66)) continue;
      const start = Math.min(...hits.map((h) => h.start));
      const end = Math.max(...hits.map((h) => h.end));
      // The head word must stand next to the name (within two words), and the name's words close together.
      const near = heads.find((h) => words.filter((x) => x.start > Math.min(h.end, end) && x.end < Math.max(h.start, start)).length <= 2);
      if (!near || words.filter((x) => x.start > start && x.end < end && !distinctive.includes(x.w)).length > 2) continue;
      const span = { start: Math.min(start, near.start), end: Math.max(end, near.end) };
      if (best && matched === best.matched) tie = true;
      if (!best || matched > best.matched) {
        best = { unit, matched, ...span };
        tie = false;
      }
    }
    if (!best || tie) return [];
    return [{ department: best.unit.department.code, office: best.unit.office?.code ?? null, matchedText: question.slice(best.start, best.end) }];
  }

  /** A unit typed by a user (name, alias, or code such as "A-b"), optionally an office within it; null if none. */
  resolveUnit(typed: string, office?: string): UnitRef | null {
    const t = typed.trim();
    const code = /^([A-Z])(?:-([a-z]))?$/i.exec(t);
    let unit: UnitRef | null = null;
    if (code) {
      const ref = { department: code[1]!.toUpperCase(), office: code[2]?.toLowerCase() ?? null };
      unit = this.matcher.units.some((u) => u.department.code === ref.department && (ref.office === null || u.office?.code === ref.office)) ? ref : null;
    } else {
      const found = this.matcher.find(t)[0];
      const exact = found && found.matchedText.length >= Math.min(t.length, 2) ? found : undefined;
      if (exact) unit = { department: exact.department, office: exact.office };
      else {
        // Autocomplete-style: a typed fragment that only one unit's names contain.
        const suggested = this.matcher.suggest(t, 2);
        if (suggested.length === 1 || (suggested[0] && t.length >= 2 && suggested[0].aliases.concat(suggested[0].department.name).some((n) => n.toLowerCase() === t.toLowerCase())))
          unit = { department: suggested[0]!.department.code, office: suggested[0]!.office?.code ?? null };
      }
    }
    if (!unit || !office?.trim()) return unit;
    const o = office.trim().toLowerCase();
    const hit = this.matcher.units.find((u) => {
      if (!u.office || u.department.code !== unit!.department) return false;
      const names = [u.office.code, `${u.department.code}-${u.office.code}`, u.office.name, u.englishName ?? '', ...u.aliases].map((n) => n.toLowerCase());
      return names.includes(o) || names.some((n) => n.length > 1 && (n.includes(o) || o.includes(n)));
    });
    return hit ? { department: hit.department.code, office: hit.office!.code } : null;
  }

  unitOf(u: UnitRef): OrgUnit {
    return this.matcher.units.find((x) => x.department.code === u.department && (x.office?.code ?? null) === u.office) ?? {
      kind: u.office ? 'office' : 'department', department: { code: u.department, name: u.department }, office: u.office ? { code: u.office, name: u.office } : null, englishName: null, aliases: [], rowCount: 0,
    };
  }
}
