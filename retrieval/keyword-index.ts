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
  /** The query terms this document contains. */
  found: Set<string>;
  /** Share of the query's distinct terms found in the document (0..1). */
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

  idf(term: string): number {
    const df = this.postings.get(term)?.docs.length ?? 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /**
   * BM25 (k1 1.2, b 0.75) over the documents that contain a query term, optionally only among
   * `candidates`; documents matching no term are left out. Cost grows with the matching postings only.
   */
  search(queryTerms: readonly string[], candidates?: Iterable<number>): KeywordHit[] {
    const distinct = [...new Set(queryTerms)];
    if (distinct.length === 0) return [];
    let allowed: Uint8Array | null = null;
    if (candidates) {
      allowed = new Uint8Array(this.size);
      for (const c of candidates) allowed[c] = 1;
    }
    // Coverage is idf-weighted so that a match on a rare term counts more than one on 维和 or 特派.
    const weights = distinct.map((t) => this.idf(t));
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    const acc = new Map<number, { score: number; matched: number; weight: number; found: Set<string> }>();
    distinct.forEach((t, ti) => {
      const p = this.postings.get(t);
      if (!p) return;
      const w = weights[ti]!;
      for (let j = 0; j < p.docs.length; j++) {
        const doc = p.docs[j]!;
        if (allowed && !allowed[doc]) continue;
        const f = p.tf[j]!;
        const norm = 1.2 * (1 - 0.75 + (0.75 * this.docLength[doc]!) / this.avgLength);
        const a = acc.get(doc) ?? { score: 0, matched: 0, weight: 0, found: new Set<string>() };
        a.found.add(t);
        a.score += w * ((f * 2.2) / (f + norm));
        a.matched++;
        a.weight += w;
        acc.set(doc, a);
      }
    });
    const hits: KeywordHit[] = [];
    for (const [index, a] of acc) hits.push({ index, score: a.score, found: a.found, coverage: totalWeight > 0 ? a.weight / totalWeight : 0, matched: a.matched });
    return hits.sort((a, b) => b.score - a.score || a.index - b.index);
  }
}

/**
 * Share of a question's concepts a document covers: each concept counts by its idf weight and is as
 * covered as its best-matching alternative (a translated term matches through any of its synonyms).
 */
export function conceptCoverage(
  index: KeywordIndex,
  concepts: readonly (readonly string[])[],
): { terms: string[]; coverage: (docTerms: ReadonlySet<string>) => number } {
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
    .map((alts) => alts.filter((t) => !isUnknownLatin(t)).map((t) => ({ terms: t, weight: t.reduce((w, x) => w + termWeight(x, t), 0) })));
  // An English word no row contains (the glossary could not carry it over) counts against coverage at half
  // the weight of a known concept: "the Security Council's coffee" is not about the Security Council alone.
  const unknown = concepts.filter((alts) => alts.length === 1 && isUnknownLatin([...new Set(terms(alts[0]!))]));
  const meanKnown = known.length ? known.reduce((w, alts) => w + alts.reduce((x, a) => x + a.weight, 0) / alts.length, 0) / known.length : 0;
  const compiled = [...known, ...unknown.map(() => [{ terms: [] as string[], weight: meanKnown / 2 }])];
  const weightOf = (alts: Array<{ weight: number }>) => alts.reduce((w, a) => w + a.weight, 0) / alts.length;
  const total = compiled.reduce((w, alts) => w + weightOf(alts), 0);
  return {
    terms: [...new Set(compiled.flatMap((alts) => alts.flatMap((a) => a.terms)))],
    coverage: (docTerms) => {
      if (total === 0) return 0;
      let covered = 0;
      for (const alts of compiled) {
        let best = 0;
        for (const a of alts) {
          const hit = a.terms.reduce((w, t) => w + (docTerms.has(t) ? termWeight(t, a.terms) : 0), 0);
          best = Math.max(best, a.weight > 0 ? hit / a.weight : 0);
        }
        covered += best * weightOf(alts);
      }
      return covered / total;
    },
  };
}
