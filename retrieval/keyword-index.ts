// A keyword score that works for Chinese without a segmenter: BM25 over character bigrams of Han text
// (plus lowercased Latin words), which is how CJK search engines index when no dictionary is at hand.

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Terms of a text: Han character bigrams within each Han run (a lone character as itself), Latin words. */
export function terms(text: string): string[] {
  const out: string[] = [];
  const normalised = text.normalize('NFKC').toLowerCase();
  // Numbers of three or more digits are specific enough to search by (resolution 1820, 2 702 posts).
  for (const run of normalised.match(/[\u3400-\u9fff\uf900-\ufaff]+|[a-z][a-z0-9-]*|\d{3,}/g) ?? []) {
    if (/^\d/.test(run)) {
      out.push(run);
    } else if (HAN.test(run[0]!)) {
      if (run.length === 1) out.push(run);
      for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    } else if (run.length > 1) {
      out.push(run);
    }
  }
  return out;
}

export interface KeywordHit {
  index: number;
  score: number;
  /** Share of the question's concepts (or, without a topic, of its idf-weighted terms) the document covers (0..1). */
  coverage: number;
  matched: number;
}

export class KeywordIndex {
  /** Inverted index: term -> documents containing it and the term's frequency there. */
  private readonly postings = new Map<string, { docs: number[]; tf: number[] }>();
  private readonly docLength: Float64Array;
  private readonly avgLength: number;
  readonly size: number;

  constructor(documents: readonly string[]) {
    this.size = documents.length;
    this.docLength = new Float64Array(documents.length);
    documents.forEach((d, i) => {
      const tf = new Map<string, number>();
      for (const t of terms(d)) tf.set(t, (tf.get(t) ?? 0) + 1);
      let length = 0;
      for (const [t, f] of tf) {
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = { docs: [], tf: [] }));
        p.docs.push(i);
        p.tf.push(f);
        length += f;
      }
      this.docLength[i] = length;
    });
    this.avgLength = this.docLength.reduce((a, b) => a + b, 0) / Math.max(1, documents.length);
  }

  /** idf of a term no document contains. */
  get maxIdf(): number {
    return Math.log(1 + (this.size + 0.5) / 0.5);
  }

  /** The largest share of `queryTerms` that one document holds (unweighted): how far the rows have a phrase. */
  bestShare(queryTerms: readonly string[]): number {
    const unique = [...new Set(queryTerms)];
    if (unique.length === 0) return 0;
    const counts = new Map<number, number>();
    let best = 0;
    for (const t of unique) {
      for (const d of this.postings.get(t)?.docs ?? []) {
        const c = (counts.get(d) ?? 0) + 1;
        counts.set(d, c);
        if (c > best) best = c;
      }
    }
    return best / unique.length;
  }

  idf(term: string): number {
    const df = this.postings.get(term)?.docs.length ?? 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /**
   * BM25 (k1 1.2, b 0.75) over the documents that contain a query term, optionally only among
   * `candidates`; documents matching no term are left out. Cost grows with the matching postings only:
   * per-document state lives in flat typed arrays (a score and a bitmask of the terms found).
   * With a compiled `topic` (whose `terms` must be `queryTerms`), coverage is the topic's concept coverage;
   * otherwise the idf-weighted share of the query terms found.
   */
  search(queryTerms: readonly string[], candidates?: Iterable<number>, topic?: CompiledTopic): KeywordHit[] {
    const distinct = [...new Set(queryTerms)];
    if (distinct.length === 0) return [];
    let allowed: Uint8Array | null = null;
    if (candidates) {
      allowed = new Uint8Array(this.size);
      for (const c of candidates) allowed[c] = 1;
    }
    const weights = distinct.map((t) => this.idf(t));
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    const words = Math.ceil(distinct.length / 32);
    const score = new Float64Array(this.size);
    const masks = new Uint32Array(this.size * words);
    const matched = new Uint16Array(this.size);
    const touched: number[] = [];
    distinct.forEach((t, ti) => {
      const p = this.postings.get(t);
      if (!p) return;
      const w = weights[ti]!;
      const word = ti >> 5;
      const bit = 1 << (ti & 31);
      for (let j = 0; j < p.docs.length; j++) {
        const doc = p.docs[j]!;
        if (allowed && !allowed[doc]) continue;
        if (matched[doc] === 0) touched.push(doc);
        const f = p.tf[j]!;
        const norm = 1.2 * (1 - 0.75 + (0.75 * this.docLength[doc]!) / this.avgLength);
        score[doc] = score[doc]! + w * ((f * 2.2) / (f + norm));
        matched[doc] = matched[doc]! + 1;
        masks[doc * words + word] = masks[doc * words + word]! | bit;
      }
    });
    const hits: KeywordHit[] = new Array(touched.length);
    for (let k = 0; k < touched.length; k++) {
      const doc = touched[k]!;
      let coverage: number;
      if (topic) coverage = topic.coverageOf(masks, doc * words);
      else {
        let got = 0;
        for (let ti = 0; ti < distinct.length; ti++) if (masks[doc * words + (ti >> 5)]! & (1 << (ti & 31))) got += weights[ti]!;
        coverage = totalWeight > 0 ? got / totalWeight : 0;
      }
      hits[k] = { index: doc, score: score[doc]!, coverage, matched: matched[doc]! };
    }
    return hits.sort((a, b) => b.score - a.score || a.index - b.index);
  }
}

/** Weight of an ordinary English word no row contains, relative to an average known concept (names weigh 1). */
export const UNKNOWN_WORD_WEIGHT = 0.4;

/** Three or more Han characters in a row whose every adjacent pair no row contains: a term foreign to the report. */
function hasUnknownRun(index: KeywordIndex, chunk: string): boolean {
  let run = 0;
  for (const t of terms(chunk)) {
    if (t.length !== 2 || !/[\u3400-\u9fff]{2}/.test(t)) {
      run = 0;
      continue;
    }
    run = index.idf(t) >= index.maxIdf ? run + 1 : 0;
    if (run >= 2) return true;
  }
  return false;
}

export interface CompiledTopic {
  /** The distinct terms to search for, in the order `coverageOf` reads the found-terms bitmask. */
  terms: string[];
  /**
   * The topic names something the report never mentions — an English name (UNICEF) with nothing else known,
   * or a Chinese term none of whose character pairs the report contains (埃博拉): the question is about
   * something else.
   */
  namesOnlyUnknown: boolean;
  /** Concept coverage (0..1) of a document given the bitmask of the terms it contains, starting at `offset`. */
  coverageOf(masks: Uint32Array, offset: number): number;
}

/**
 * Share of a question's concepts a document covers: each concept counts by its idf weight and is as
 * covered as its best-matching alternative (a translated term matches through any of its synonyms).
 */
export function conceptCoverage(index: KeywordIndex, concepts: readonly (readonly string[])[], names: ReadonlySet<string> = new Set()): CompiledTopic {
  // A bigram no row contains inside a chunk that otherwise matches is mostly a seam between two words
  // ("首脑会议举行" -> 议举): it weighs half a known bigram instead of the rarest possible term.
  const termWeight = (term: string, chunk: readonly string[]): number => {
    const idf = index.idf(term);
    if (idf < index.maxIdf) return idf;
    const known = chunk.filter((x) => index.idf(x) < index.maxIdf);
    return known.length ? (0.5 * known.reduce((w, x) => w + index.idf(x), 0)) / known.length : idf;
  };
  const isUnknownLatin = (t: string[]) => t.length === 1 && /^[a-z]/.test(t[0]!) && index.idf(t[0]!) >= index.maxIdf;
  const known = concepts
    .map((alts) => alts.map((a) => [...new Set(terms(a))]).filter((t) => t.length > 0))
    .filter((alts) => alts.length > 0 && !alts.every(isUnknownLatin))
    .map((alts) =>
      alts
        .filter((t) => !isUnknownLatin(t))
        .map((t) => {
          const termWeights = t.map((x) => termWeight(x, t));
          return { terms: t, termWeights, weight: termWeights.reduce((w, x) => w + x, 0) };
        }),
    );
  // An English word no row contains (the glossary could not carry it over) counts against coverage: a name
  // ("UNICEF", "Afghanistan") as much as a known concept — the question is about something else — and an
  // ordinary word ("came", "coffee") a quarter as much, since it is as likely phrasing as topic.
  const unknown = concepts.filter((alts) => alts.length === 1 && isUnknownLatin([...new Set(terms(alts[0]!))]));
  const meanKnown = known.length ? known.reduce((w, alts) => w + alts.reduce((x, a) => x + a.weight, 0) / alts.length, 0) / known.length : 0;
  const unknownWeight = (word: string) => (names.has(word.toLowerCase()) ? 1 : UNKNOWN_WORD_WEIGHT) * (meanKnown || index.maxIdf);
  const compiled = [...known, ...unknown.map((alts) => [{ terms: [] as string[], termWeights: [] as number[], weight: unknownWeight(alts[0]!) }])];
  const weightOf = (alts: Array<{ weight: number }>) => alts.reduce((w, a) => w + a.weight, 0) / alts.length;
  const total = compiled.reduce((w, alts) => w + weightOf(alts), 0);
  const allTerms = [...new Set(compiled.flatMap((alts) => alts.flatMap((a) => a.terms)))];
  const position = new Map(allTerms.map((t, i) => [t, i]));
  const words = Math.ceil(allTerms.length / 32);
  const plan = compiled.map((alts) => ({
    weight: weightOf(alts),
    alts: alts.map((a) => ({ weight: a.weight, positions: a.terms.map((t) => position.get(t)!), termWeights: a.termWeights })),
  }));
  return {
    terms: allTerms,
    namesOnlyUnknown:
      (known.length === 0 && unknown.some((alts) => names.has(alts[0]!.toLowerCase()))) ||
      concepts.some((alts) => alts.length === 1 && hasUnknownRun(index, alts[0]!)),
    coverageOf: (masks, offset) => {
      if (total === 0 || words === 0) return 0;
      let covered = 0;
      for (const concept of plan) {
        let best = 0;
        for (const a of concept.alts) {
          let hit = 0;
          for (let k = 0; k < a.positions.length; k++) {
            const pos = a.positions[k]!;
            if (masks[offset + (pos >> 5)]! & (1 << (pos & 31))) hit += a.termWeights[k]!;
          }
          if (a.weight > 0 && hit / a.weight > best) best = hit / a.weight;
        }
        covered += best * concept.weight;
      }
      return covered / total;
    },
  };
}
