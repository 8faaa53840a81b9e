// The answering engine: one executor for every plan. Structured predicates select rows exactly; a topic
// selects, among the rows the other predicates leave, those its words cover (planned, labels and 说明);
// lookups rank the relevant rows by BM25 over character bigrams fused with vector similarity.
import type { Embedder } from '../embed/types.ts';
import type { LoadedData } from '../store/load.ts';
import { STATUS_FLAGS, type OutputRecord } from '../store/schema.ts';
import { breakdownOf, groupUnits, inUnit, makeGroup, rankGroups } from './groups.ts';
import { conceptCoverage, KeywordIndex, type KeywordHit } from './keyword-index.ts';
import { ALL, keyOf as keyOfUnit, leaves, recordUnitKey, unitsOf, without, type Plan, type Predicate, type Topic, type UnitRef } from './plan.ts';
import { describeFilters, namedUnits } from './describe.ts';
import type { Answer, Group, Intent, OrgUnit } from './types.ts';
import type { Translation, UnderstandDeps, UnitMention } from './understand.ts';
import { buildUnits, UnitMatcher, UnitResolver, type UnitAliases } from './units.ts';
import { ReportEvidence } from './reading/evidence.ts';
import { ENGLISH_WORDS } from './understand.ts';

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
/** Rows fused per lookup: beyond the best hundred keyword hits nothing reached the top five on any question set (each fused row costs a vector read from the index). */
const MAX_FUSED = 100;

export interface VectorCandidates {
  /** Nearest rows asked of the hnswlib index per lookup. */
  k: number;
  /** Cosine similarity at which a row the keywords missed still counts as relevant (model-specific). */
  minSimilarity: number;
}

export interface EngineOptions {
  data: Pick<LoadedData, 'records' | 'glossary' | 'index'>;
  embedder: Embedder;
  unitAliases?: readonly UnitAliases[];
  translate?: (question: string) => Translation[];
  /** 'hybrid' (default) fuses keyword and vector ranks; 'keyword' skips the vector side (bench comparison). */
  fusion?: 'hybrid' | 'keyword';
  /** Rows the vector index finds join the keyword candidates of a lookup (a calibrated model only). */
  vectorCandidates?: VectorCandidates | null;
  zhAlternatives?: (chunk: string) => string[];
  findUnits?: (question: string) => UnitMention[];
}

export class ReportEngine {
  readonly records: OutputRecord[];
  readonly matcher: UnitMatcher;
  readonly resolver: UnitResolver;
  private readonly byId: Map<string, OutputRecord>;
  private readonly position: Map<OutputRecord, number>;
  readonly keywords: KeywordIndex;

  constructor(private readonly options: EngineOptions) {
    this.records = options.data.records;
    this.byId = new Map(this.records.map((r) => [r.id, r]));
    this.position = new Map(this.records.map((r, i) => [r, i]));
    // The keyword side indexes what a row says (planned, values, remarks), not its context, so that a
    // question's topic words are not matched by the department heading every row of a section shares.
    this.keywords = new KeywordIndex(this.records.map((r) => `${r.planned}\n${r.actual.map((a) => a.label ?? '').join(' ')}\n${r.remarks}`));
    this.matcher = new UnitMatcher(buildUnits(this.records, options.data.glossary, options.unitAliases ?? []));
    this.resolver = new UnitResolver(this.matcher, options.findUnits);
  }

  units(): OrgUnit[] {
    return [...this.matcher.units];
  }

  row(id: string): OutputRecord | undefined {
    return this.byId.get(id.trim());
  }

  get understandDeps(): UnderstandDeps {
    return {
      findUnits: (q) => this.resolver.find(q),
      translate: this.options.translate ?? (() => []),
      unitNames: (u) => this.resolver.namesOf(u),
      ...(this.options.zhAlternatives ? { zhAlternatives: this.options.zhAlternatives } : {}),
      evidence: (concept) => this.reportEvidence.evidence(concept),
      typos: this.reportEvidence.typos(),
      printed: (text) => this.reportEvidence.printed(text),
      words: (chunk) => this.reportEvidence.words(chunk),
    };
  }

  /** What the report supports: evidence for a topic, exact names, real words (for typos). */
  get reportEvidence(): ReportEvidence {
    this.evidenceOf ??= new ReportEvidence(this.records, this.keywords, this.matcher.units, this.options.translate ?? (() => []), ENGLISH_WORDS);
    return this.evidenceOf;
  }
  private evidenceOf: ReportEvidence | undefined;

  /** A term no row contains (an unknown year, acronym or number). */
  isUnknownTerm(term: string): boolean {
    return this.keywords.idf(term) >= this.keywords.maxIdf;
  }

  /** Runs a plan over the rows. */
  async execute(plan: Plan, question: string): Promise<Answer> {
    if (plan.measure === 'none') return this.answer(plan, question, 'none', [], [], null);
    if (plan.measure === 'lookup') return this.answer(plan, question, 'lookup', await this.lookup(plan.where), [], null);
    const rows = this.select(plan.where, this.records);
    if (plan.measure === 'explain') return this.answer(plan, question, 'explain', rows, [], null);
    if (plan.measure === 'share') {
      const part = plan.part ? this.select(plan.part, rows) : rows;
      return this.answer(plan, question, 'share', part, [], { part: part.length, whole: rows.length });
    }
    if (plan.compare && plan.compare.length > 0) {
      const groups = plan.compare.map((u) => {
        const unit = this.resolver.unitOf(u);
        const whole = this.records.filter((r) => inUnit(r, u)).length;
        return makeGroup(unit, rows.filter((r) => inUnit(r, u)), whole);
      });
      const inAny = rows.filter((r) => plan.compare!.some((u) => inUnit(r, u)));
      return this.answer(plan, question, plan.compare.length > 1 ? 'compare' : 'count', inAny, groups, null);
    }
    if (plan.measure === 'summary') return this.answer(plan, question, 'summary', rows, this.groupsOf(plan, rows), null);
    if (plan.groupBy && plan.measure === 'count') {
      let groups = this.groupsOf(plan, rows);
      if (plan.order) groups = rankGroups(groups, plan);
      // A breakdown shows the units that have rows; a ranking shows every unit it ranks, zeros included.
      else groups = groups.filter((g) => g.count > 0);
      return this.answer(plan, question, plan.order ? 'rank' : 'breakdown', rows, groups, null);
    }
    const intent: Intent = plan.measure === 'count' ? 'count' : plan.groupBy ? 'overview' : 'list';
    return this.answer(plan, question, intent, rows, [], null);
  }

  private groupsOf(plan: Plan, rows: readonly OutputRecord[]): Group[] {
    const groupBy = plan.groupBy ?? 'department';
    if (groupBy === 'status' || groupBy === 'accomplishment') {
      const scope = this.resolver.unitOf(unitsOf(plan.where)[0] ?? { department: '*', office: null });
      if (groupBy === 'status') {
        return STATUS_FLAGS.map((flag) => makeGroup(scope, rows.filter((r) => r.status.includes(flag)), rows.length, flag));
      }
      const byEa = new Map<string, OutputRecord[]>();
      for (const r of rows) byEa.set(`${r.department.code}|${r.accomplishment.code}`, [...(byEa.get(`${r.department.code}|${r.accomplishment.code}`) ?? []), r]);
      return [...byEa.values()].map((list) => makeGroup(this.resolver.unitOf({ department: list[0]!.department.code, office: list[0]!.office?.code ?? null }), list, list.length));
    }
    // The whole of a unit for a share ranking is its rows within the plan's where (the numerator is `part`);
    // for a count it is all the unit's rows.
    const matching = plan.rankBy === 'share' && plan.part ? this.select(plan.part, rows) : rows;
    const units = groupUnits(this.matcher.units, groupBy, plan.scope);
    // One pass per row set: rows bucketed by the unit key they fall under (an office, or its department).
    const keyOf = (r: OutputRecord) => recordUnitKey(r, groupBy);
    const bucket = (list: readonly OutputRecord[]) => {
      const m = new Map<string, OutputRecord[]>();
      for (const r of list) {
        const k = keyOf(r);
        const b = m.get(k);
        if (b) b.push(r);
        else m.set(k, [r]);
      }
      return m;
    };
    const matched = bucket(matching);
    const wholes = plan.rankBy === 'share' ? bucket(rows) : this.unitRows(groupBy);
    return units.map((u) => {
      const k = groupBy === 'office' ? keyOfUnit(u) : u.department;
      return makeGroup(this.resolver.unitOf(u), matched.get(k) ?? [], wholes.get(k)?.length ?? 0);
    });
  }

  private readonly rowsByUnit = new Map<string, Map<string, OutputRecord[]>>();

  /** All rows per department (or per office, an office-less department standing for itself), computed once. */
  private unitRows(groupBy: 'department' | 'office'): Map<string, OutputRecord[]> {
    let m = this.rowsByUnit.get(groupBy);
    if (!m) {
      m = new Map();
      for (const r of this.records) {
        const k = recordUnitKey(r, groupBy);
        const list = m.get(k);
        if (list) list.push(r);
        else m.set(k, [r]);
      }
      this.rowsByUnit.set(groupBy, m);
    }
    return m;
  }

  private answer(plan: Plan, question: string, intent: Intent, rows: OutputRecord[], groups: Group[], ratio: Answer['ratio']): Answer {
    const empty = rows.length === 0 && groups.every((g) => g.count === 0) && !(ratio && ratio.whole > 0);
    return {
      intent: empty ? 'none' : intent,
      language: plan.language,
      question,
      plan,
      filters: describeFilters(plan),
      units: namedUnits(plan, (u) => this.resolver.unitOf(u)),
      total: rows.length,
      rows,
      groups,
      ratio,
      breakdown: breakdownOf(rows),
      reason: plan.reason,
      ignored: [],
      unknown: [],
      corrections: [],
      alternatives: [],
      suggestions: [],
      trace: [],
    };
  }

  /** The rows of `pool` a predicate selects, in report order. A topic is read against the rows it is given. */
  select(p: Predicate, pool: readonly OutputRecord[]): OutputRecord[] {
    switch (p.op) {
      case 'all':
        return [...pool];
      case 'unit':
        return pool.filter((r) => inUnit(r, p.unit));
      case 'status':
        return pool.filter((r) => r.status.includes(p.flag));
      case 'accomplishment':
        return pool.filter((r) => r.accomplishment.code === p.code);
      case 'ids': {
        const ids = new Set(p.ids);
        return pool.filter((r) => ids.has(r.id));
      }
      case 'not': {
        const drop = new Set(this.select(p.arg, pool));
        return pool.filter((r) => !drop.has(r));
      }
      case 'or': {
        const keep = new Set(p.args.flatMap((a) => this.select(a, pool)));
        return pool.filter((r) => keep.has(r));
      }
      case 'and': {
        // Topics last: their relevance is read among the rows the exact predicates leave.
        const ordered = [...p.args.filter((a) => a.op !== 'topic'), ...p.args.filter((a) => a.op === 'topic')];
        return ordered.reduce<OutputRecord[]>((rows, a) => this.select(a, rows), [...pool]);
      }
      case 'topic':
        return this.selectTopic(p.topic, pool);
    }
  }

  private selectTopic(topic: Topic, pool: readonly OutputRecord[]): OutputRecord[] {
    const compiled = conceptCoverage(this.keywords, topic.concepts, new Set(topic.names));
    // A topic naming only things the report never mentions ("UNICEF programmes") matches nothing.
    if (compiled.terms.length === 0) return topic.soft && !compiled.namesOnlyUnknown ? [...pool] : [];
    const candidates = pool.map((r) => this.position.get(r)!);
    const relevant = new Set(this.keywords.search(compiled.terms, candidates, compiled).filter((h) => h.coverage >= LIST_MIN_COVERAGE).map((h) => h.index));
    const narrowed = pool.filter((r) => relevant.has(this.position.get(r)!));
    // With a unit or status to go by, leftover words that match none of its rows are phrasing ("被说明为",
    // "完成数"), not a topic; without them the topic is all there is.
    return narrowed.length === 0 && topic.soft && !compiled.namesOnlyUnknown ? [...pool] : narrowed;
  }

  /**
   * A specific output: filters narrow the ranking but are soft — "与新闻部合作的技术评估" names a partner,
   * not the section — so the most specific candidate set that holds a relevant row wins.
   */
  private async lookup(where: Predicate): Promise<OutputRecord[]> {
    const topicLeaf = leaves(where).find((l) => l.leaf.op === 'topic' && !l.negated)?.leaf;
    if (!topicLeaf || topicLeaf.op !== 'topic') return [];
    const compiled = conceptCoverage(this.keywords, topicLeaf.topic.concepts, new Set(topicLeaf.topic.names));
    if (compiled.terms.length === 0) return [];
    const filters = without(where, (l) => l.op === 'topic');
    const relevant = this.keywords.search(compiled.terms, undefined, compiled).filter((h) => h.coverage >= LOOKUP_FILTERED_MIN_COVERAGE);
    const { query, hits: vector } = await this.vectorHits(topicLeaf.topic.text);
    const attempts: Predicate[] = [filters, without(filters, (l) => l.op === 'status'), without(filters, (l) => l.op === 'unit'), ALL];
    for (const attempt of attempts) {
      const named = leaves(attempt).some((l) => l.leaf.op === 'unit');
      const minCoverage = named ? LOOKUP_FILTERED_MIN_COVERAGE : LOOKUP_MIN_COVERAGE;
      // The unfiltered attempt allows every row; building a set of all of them would cost more than the search.
      const allowed = attempt.op === 'all' ? null : new Set(this.select(attempt, this.records));
      const ok = (i: number) => allowed === null || allowed.has(this.records[i]!);
      const hits = relevant.filter((h) => h.coverage >= minCoverage && ok(h.index));
      const hitSet = new Set(hits.map((h) => h.index));
      const extra = vector.filter((v) => v.relevant && ok(v.index) && !hitSet.has(v.index));
      if (hits.length > 0 || extra.length > 0) {
        // Rows covering far less of the question than the best one are noise next to it, not answers.
        const best = Math.max(0, ...hits.map((h) => h.coverage));
        const close = hits.filter((h) => h.coverage >= LOOKUP_RELATIVE_COVERAGE * best).sort((a, b) => b.score - a.score || a.index - b.index);
        return this.fuse(close, query, vector, extra.map((v) => v.index));
      }
      if (attempt.op === 'all') break;
    }
    return [];
  }

  /** Nearest rows from the hnswlib index, each with its similarity and whether it clears the model's bar. */
  // The query vector is returned, not kept on the engine: lookups run concurrently (the HTTP endpoint), and
  // a field set before an await would be overwritten by another request's query.
  private async vectorHits(text: string): Promise<{ query: number[] | null; hits: VectorHit[] }> {
    if (this.options.fusion === 'keyword' || !text.trim()) return { query: null, hits: [] };
    const index = this.options.data.index;
    const query = Array.from(await this.options.embedder.embedQuery(text));
    // Without a calibrated model the index only re-ranks keyword hits (fuse), so no neighbour search is needed.
    const k = this.options.vectorCandidates ? Math.min(this.options.vectorCandidates.k, index.getCurrentCount()) : 0;
    if (k === 0) return { query, hits: [] };
    const { neighbors, distances } = index.searchKnn(query, k);
    const bar = this.options.vectorCandidates?.minSimilarity ?? Infinity;
    return { query, hits: neighbors.map((n, i) => ({ index: n, sim: 1 - distances[i]!, relevant: 1 - distances[i]! >= bar })) };
  }

  /** Reciprocal-rank fusion of the keyword order and the vector order over the relevant rows. */
  private fuse(keywordHits: KeywordHit[], query: number[] | null, vector: Array<{ index: number; sim: number }>, vectorOnly: number[]): OutputRecord[] {
    const hits = keywordHits.slice(0, MAX_FUSED);
    if (this.options.fusion === 'keyword' || query === null) return hits.slice(0, LOOKUP_LIMIT).map((h) => this.records[h.index]!);
    const candidates = new Set([...hits.map((h) => h.index), ...vectorOnly]);
    const simOf = new Map(vector.map((v) => [v.index, v.sim]));
    const index = this.options.data.index;
    const similarity = [...candidates].map((i) => ({ index: i, sim: simOf.get(i) ?? cosine(query, index.getPoint(i)) }));
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

interface VectorHit {
  index: number;
  sim: number;
  relevant: boolean;
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
