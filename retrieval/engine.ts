// The answering engine: structured filters first, then hybrid ranking (BM25 over character bigrams fused
// with hnswlib vector similarity by reciprocal rank), exact over the filtered records for lists and counts.
import type { Embedder } from '../embed/types.ts';
import type { OutputRecord, StatusFlag } from '../store/schema.ts';
import { breakdownOf, composeText, describeFilters } from '../present/text.ts';
import { conceptCoverage, KeywordIndex, type KeywordHit } from './keyword-index.ts';
import type { LoadedData } from '../store/load.ts';
import type { Answer, Intent, Language, OrgUnit, QueryFilters, ReportQueries } from './types.ts';
import { detectLanguage, understand, type Translation, type UnitRef, type Understanding } from './understand.ts';
import { buildUnits, UnitMatcher, unitKey, type UnitAliases } from './units.ts';

/** Share of the question's concepts (idf-weighted) a row must cover to count as relevant to a lookup… */
export const LOOKUP_MIN_COVERAGE = 0.55;
/** …and within a department or office the question names. */
export const LOOKUP_FILTERED_MIN_COVERAGE = 0.3;
/** …and to stay in a list or count narrowed by a topic. */
export const LIST_MIN_COVERAGE = 0.5;
/** A lookup keeps rows covering at least this share of what the best row covers. */
export const LOOKUP_RELATIVE_COVERAGE = 0.6;
const LOOKUP_LIMIT = 5;
const RRF_K = 60;
/** Characters of an office name's tail that identify it after its department (预算和财务司). */
const OFFICE_NAME_TAIL = 5;
/** Rows fused per lookup: beyond the best few hundred keyword hits nothing reaches the top five. */
const MAX_FUSED = 200;

export interface EngineOptions {
  data: Pick<LoadedData, 'records' | 'glossary' | 'index'>;
  embedder: Embedder;
  unitAliases?: readonly UnitAliases[];
  translate?: (question: string) => Translation[];
  /** 'hybrid' (default) fuses keyword and vector ranks; 'keyword' skips the vector side (bench comparison). */
  fusion?: 'hybrid' | 'keyword';
  /** Chinese chunk alternatives in the report's own words. */
  zhAlternatives?: (chunk: string) => string[];
  /** Units named by the lexicon's rules (composed and ambiguous names); merged with the report's own names. */
  findUnits?: (question: string) => UnitRef[];
}

export class ReportEngine implements ReportQueries {
  readonly records: OutputRecord[];
  private readonly byId: Map<string, OutputRecord>;
  private readonly position: Map<OutputRecord, number>;
  private readonly keywords: KeywordIndex;
  private readonly matcher: UnitMatcher;
  private readonly translate: (q: string) => Translation[];

  constructor(private readonly options: EngineOptions) {
    this.records = options.data.records;
    this.byId = new Map(this.records.map((r) => [r.id, r]));
    this.position = new Map(this.records.map((r, i) => [r, i]));
    // The keyword side indexes what a row says (planned, values, remarks), not its context, so that a
    // question's topic words are not matched by the department heading every row of a section shares.
    this.keywords = new KeywordIndex(this.records.map((r) => `${r.planned}\n${r.actual.map((a) => a.label ?? '').join(' ')}\n${r.remarks}`));
    this.matcher = new UnitMatcher(buildUnits(this.records, options.data.glossary, options.unitAliases ?? []));
    this.translate = options.translate ?? (() => []);
  }

  units(): OrgUnit[] {
    return [...this.matcher.units];
  }

  suggestUnits(typed: string, limit: number): OrgUnit[] {
    return this.matcher.suggest(typed, limit);
  }

  row(id: string): OutputRecord | undefined {
    return this.byId.get(id.trim());
  }

  understand(question: string): Understanding {
    return understand(question, {
      findUnits: (q) => this.findUnits(q),
      translate: this.translate,
      unitNames: (u) => this.namesOf(u),
      ...(this.options.zhAlternatives ? { zhAlternatives: this.options.zhAlternatives } : {}),
    });
  }

  /** The names of a unit and of its department, as the report and the lexicon give them. */
  private namesOf(ref: UnitRef): string[] {
    return this.matcher.units
      .filter((x) => x.department.code === ref.department && (x.office === null || x.office.code === ref.office))
      .flatMap((x) => [x.office?.name ?? x.department.name, x.englishName ?? '', ...x.aliases])
      .filter(Boolean);
  }

  /** Lexicon matches first (they know composed and shared office names), then the report's own names. */
  private findUnits(question: string): UnitRef[] {
    const fromLexicon = this.options.findUnits?.(question) ?? [];
    const out = [...fromLexicon];
    for (const m of this.matcher.find(question)) {
      const overlaps = fromLexicon.some((l) => l.matchedText.includes(m.matchedText) || m.matchedText.includes(l.matchedText));
      if (!overlaps && !out.some((o) => o.department === m.department && o.office === m.office)) out.push(m);
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

  async ask(question: string): Promise<Answer> {
    const q = question.trim();
    const u = this.understand(q);
    return this.answer(q, u);
  }

  async overview(params: { unit: string; office?: string; status?: StatusFlag }): Promise<Answer> {
    let units = this.resolveUnits(params.unit);
    if (params.office) units = this.resolveOffice(units, params.office);
    const language = languageOfNames(params.unit, params.office);
    return this.structured('overview', [params.unit, params.office].filter(Boolean).join(' › '), language, units, params.status ? [params.status] : []);
  }

  async count(params: { unit?: string; status?: StatusFlag }): Promise<Answer> {
    const units = params.unit ? this.resolveUnits(params.unit) : [];
    return this.structured('count', params.unit ?? '', languageOfNames(params.unit), units, params.status ? [params.status] : []);
  }

  async postponed(params: { unit?: string }): Promise<Answer> {
    const units = params.unit ? this.resolveUnits(params.unit) : [];
    return this.structured('list', params.unit ?? '', languageOfNames(params.unit), units, ['postponed']);
  }

  /** An office typed beside its department ("副秘书长办公室", "b", "A-b", "USG office") within that department. */
  private resolveOffice(departments: UnitRef[], typed: string): UnitRef[] {
    const t = typed.trim().toLowerCase();
    const deptCodes = new Set(departments.map((d) => d.department));
    const offices = this.matcher.units.filter((u) => u.office && deptCodes.has(u.department.code));
    const hit = offices.find((u) => {
      const names = [u.office!.code, `${u.department.code}-${u.office!.code}`, u.office!.name, u.englishName ?? '', ...u.aliases].map((n) => n.toLowerCase());
      return names.includes(t) || names.some((n) => n.length > 1 && (n.includes(t) || t.includes(n)));
    });
    return hit ? [{ department: hit.department.code, office: hit.office!.code, matchedText: typed }] : [{ department: '?', office: null, matchedText: typed }];
  }

  /** A unit typed by a user (name, alias, or code such as "A-b"); unknown names match nothing. */
  private resolveUnits(typed: string): UnitRef[] {
    const t = typed.trim();
    const code = /^([A-L])(?:-([a-z]))?$/i.exec(t);
    if (code) return [{ department: code[1]!.toUpperCase(), office: code[2]?.toLowerCase() ?? null, matchedText: t }];
    const found = this.matcher.find(t);
    if (found.length) return found;
    const suggested = this.matcher.suggest(t, 1)[0];
    return suggested ? [{ department: suggested.department.code, office: suggested.office?.code ?? null, matchedText: t }] : [{ department: '?', office: null, matchedText: t }];
  }

  private filterRows(units: readonly UnitRef[], status: readonly StatusFlag[], accomplishment: string | null): OutputRecord[] {
    return this.records.filter((r) => this.matches(r, units, status, accomplishment));
  }

  private filtersOf(units: readonly UnitRef[], status: readonly StatusFlag[], accomplishment: string | null): QueryFilters {
    return {
      departments: [...new Set(units.map((u) => u.department))],
      offices: units.filter((u) => u.office).map((u) => unitKey(u.department, u.office)),
      accomplishment,
      status: [...status],
    };
  }

  /** A unit's name for the answer's header: the report's Chinese name, with the English one for English answers. */
  private unitName(key: string, language: Language): string {
    const [d, o] = key.split('-');
    const u = this.matcher.units.find((x) => x.department.code === d && (x.office?.code ?? undefined) === o);
    if (!u) return key;
    const zh = u.office ? `${u.department.name} › ${u.office.name}` : u.department.name;
    return language === 'en' && u.englishName ? `${u.englishName} (${zh})` : zh;
  }

  private build(intent: Intent, question: string, language: Language, filters: QueryFilters, rows: OutputRecord[]): Answer {
    const effective: Intent = rows.length === 0 ? 'none' : intent;
    const filterText = describeFilters(filters, (key) => this.unitName(key, language), language);
    return {
      intent: effective,
      language,
      question,
      filters,
      total: rows.length,
      rows,
      breakdown: breakdownOf(rows),
      text: composeText({ intent, language, rows, filterText }),
    };
  }

  private structured(intent: Intent, question: string, language: Language, units: UnitRef[], status: StatusFlag[]): Answer {
    const filters = this.filtersOf(units, status, null);
    return this.build(intent, question, language, filters, this.filterRows(units, status, null));
  }

  private async answer(question: string, u: Understanding): Promise<Answer> {
    const filters = this.filtersOf(u.units, u.status, u.accomplishment);
    if (u.intent === 'none') return this.build('none', question, u.language, filters, []);
    // A year the report never prints ("the 2016/17 budget") puts any question outside it.
    if (u.numbers.some((n) => /^(19|20)\d{2}$/.test(n) && this.keywords.idf(n) >= this.keywords.maxIdf)) return this.build('none', question, u.language, filters, []);
    // An organisation or mission the report never mentions (OCHA, NATO): the question is about something else.
    if (u.unexplainedAcronyms.some((a) => this.keywords.idf(a) >= this.keywords.maxIdf)) return this.build('none', question, u.language, filters, []);
    const hasFilters = u.units.length > 0 || u.status.length > 0 || u.accomplishment !== null;
    const topic = conceptCoverage(this.keywords, u.concepts, new Set(u.names));
    const queryTerms = topic.terms;
    const relevantHits = (minCoverage: number, candidates?: number[]) =>
      this.keywords.search(queryTerms, candidates, topic).filter((h) => h.coverage >= minCoverage);

    if (u.intent === 'count' || u.intent === 'breakdown' || u.intent === 'list' || u.intent === 'overview') {
      let rows = this.filterRows(u.units, u.status, u.accomplishment);
      // A year or number the report never prints ("2016/17 年度") puts the question outside the report.
      if (u.numbers.some((n) => this.keywords.idf(n) >= this.keywords.maxIdf)) rows = [];
      // A topic narrows a list or count to the rows that speak of it; without filters a topic is required.
      if (queryTerms.length > 0) {
        const relevant = new Set(relevantHits(LIST_MIN_COVERAGE, rows.map((r) => this.position.get(r)!)).map((h) => h.index));
        // A topic nothing matches narrows to nothing: "Umoja outputs that were postponed" must not answer
        // with every postponed output.
        const narrowed = rows.filter((r) => relevant.has(this.position.get(r)!));
        // With a department or status to go by, leftover words that match none of its rows are taken as
        // phrasing ("被说明为", "完成数"), not as a topic — unless they name something the report never
        // mentions (then nothing matches). Without filters the topic is all there is.
        rows = narrowed.length === 0 && hasFilters && !topic.namesOnlyUnknown ? rows : narrowed;
      } else if (!hasFilters || topic.namesOnlyUnknown) {
        // No filter, or a topic naming only things the report never mentions ("UNICEF programmes"): nothing matches.
        rows = [];
      }
      return this.build(u.intent, question, u.language, filters, rows);
    }

    // Lookup: filters narrow the ranking but are soft — "与新闻部合作的技术评估" names a partner, not the
    // section — so the most specific candidate set that holds a relevant row wins.
    if (queryTerms.length === 0) return this.build('lookup', question, u.language, filters, []);
    // Within the department or office the question names, the name itself is evidence of relevance, so
    // less of the topic needs to match there than across the whole report.
    const relevant = relevantHits(LOOKUP_FILTERED_MIN_COVERAGE).sort((a, b) => b.score - a.score || a.index - b.index);
    const attempts: Array<[UnitRef[], StatusFlag[]]> = [
      [u.units, u.status],
      [u.units, []],
      [[], u.status],
      [[], []],
    ];
    for (const [units, status] of attempts) {
      const minCoverage = units.length > 0 ? LOOKUP_FILTERED_MIN_COVERAGE : LOOKUP_MIN_COVERAGE;
      const hits = relevant.filter((h) => h.coverage >= minCoverage && this.matches(this.records[h.index]!, units, status, u.accomplishment));
      if (hits.length > 0) {
        // Rows covering far less of the question than the best one are noise next to it, not answers.
        const best = Math.max(...hits.map((h) => h.coverage));
        const close = hits.filter((h) => h.coverage >= LOOKUP_RELATIVE_COVERAGE * best);
        return this.build('lookup', question, u.language, filters, await this.rank(u.topic, close));
      }
    }
    return this.build('lookup', question, u.language, filters, []);
  }

  private matches(r: OutputRecord, units: readonly UnitRef[], status: readonly StatusFlag[], accomplishment: string | null): boolean {
    if (units.length && !units.some((x) => x.department === r.department.code && (x.office === null || x.office === r.office?.code))) return false;
    if (status.length && !status.some((s) => r.status.includes(s))) return false;
    return !accomplishment || r.accomplishment.code === accomplishment;
  }

  /** Fuses the keyword ranking with vector similarity over the same relevant rows (reciprocal rank). */
  private async rank(topic: string, keywordHits: KeywordHit[]): Promise<OutputRecord[]> {
    const hits = keywordHits.slice(0, MAX_FUSED);
    if (this.options.fusion === 'keyword') return hits.slice(0, LOOKUP_LIMIT).map((h) => this.records[h.index]!);
    // The relevance threshold is the keyword one: the built-in embedder's cosine is not calibrated enough
    // to say "nothing matches" on its own, but it reorders the relevant rows by overall likeness.
    const vector = Array.from(await this.options.embedder.embedQuery(topic));
    const index = this.options.data.index;
    const similarity = hits.map((h) => ({ index: h.index, sim: cosine(vector, index.getPoint(h.index)) }));
    similarity.sort((a, b) => b.sim - a.sim || a.index - b.index);
    const fused = new Map<number, number>();
    hits.forEach((h, rank) => fused.set(h.index, (fused.get(h.index) ?? 0) + 1 / (RRF_K + rank + 1)));
    similarity.forEach((h, rank) => fused.set(h.index, (fused.get(h.index) ?? 0) + 1 / (RRF_K + rank + 1)));
    return [...fused.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, LOOKUP_LIMIT)
      .map(([i]) => this.records[i]!);
  }
}

/** Labels follow the language the user typed names in; a bare code ("A-b") gets the report's language. */
function languageOfNames(...names: Array<string | undefined>): Language {
  const text = names.filter(Boolean).join(' ');
  if (/[\u3400-\u9fff]/.test(text)) return 'zh';
  return /[a-z]{2,}/i.test(text.replace(/\b[A-L](-[a-z])?\b/g, '')) ? 'en' : 'zh';
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

