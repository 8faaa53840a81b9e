// A keyword score that works for Chinese without a segmenter: BM25 over character bigrams of Han text
// (plus lowercased Latin words), which is how CJK search engines index when no dictionary is at hand.

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Terms of a text: Han character bigrams within each Han run (a lone character as itself), Latin words. */
export function terms(text: string): string[] {
  const out: string[] = [];
  const normalised = text.normalize('NFKC').toLowerCase();
  for (const run of normalised.match(/[\u3400-\u9fff\uf900-\ufaff]+|[a-z][a-z0-9-]*/g) ?? []) {
    if (HAN.test(run[0]!)) {
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
  /** Share of the query's distinct terms found in the document (0..1). */
  coverage: number;
  matched: number;
}

export class KeywordIndex {
  private readonly docTerms: Array<Map<string, number>>;
  private readonly docLength: number[];
  private readonly docFreq = new Map<string, number>();
  private readonly avgLength: number;

  constructor(documents: readonly string[]) {
    this.docTerms = documents.map((d) => {
      const tf = new Map<string, number>();
      for (const t of terms(d)) tf.set(t, (tf.get(t) ?? 0) + 1);
      return tf;
    });
    this.docLength = this.docTerms.map((tf) => [...tf.values()].reduce((a, b) => a + b, 0));
    for (const tf of this.docTerms) for (const t of tf.keys()) this.docFreq.set(t, (this.docFreq.get(t) ?? 0) + 1);
    this.avgLength = this.docLength.reduce((a, b) => a + b, 0) / Math.max(1, documents.length);
  }

  get size(): number {
    return this.docTerms.length;
  }

  idf(term: string): number {
    const n = this.docTerms.length;
    const df = this.docFreq.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** BM25 (k1 1.2, b 0.75) of each candidate document; documents matching no term are left out. */
  search(queryTerms: readonly string[], candidates?: Iterable<number>): KeywordHit[] {
    const distinct = [...new Set(queryTerms)].filter((t) => this.docFreq.has(t) || true);
    if (distinct.length === 0) return [];
    // Weight coverage by idf so that a match on a rare term counts more than one on 维和 or 特派.
    const weights = new Map(distinct.map((t) => [t, this.idf(t)]));
    const totalWeight = [...weights.values()].reduce((a, b) => a + b, 0);
    const hits: KeywordHit[] = [];
    const ids = candidates ? [...candidates] : this.docTerms.map((_, i) => i);
    for (const i of ids) {
      const tf = this.docTerms[i]!;
      let score = 0;
      let matched = 0;
      let matchedWeight = 0;
      for (const t of distinct) {
        const f = tf.get(t);
        if (!f) continue;
        matched++;
        matchedWeight += weights.get(t)!;
        const norm = 1.2 * (1 - 0.75 + (0.75 * this.docLength[i]!) / this.avgLength);
        score += weights.get(t)! * ((f * 2.2) / (f + norm));
      }
      if (matched > 0) hits.push({ index: i, score, coverage: totalWeight > 0 ? matchedWeight / totalWeight : 0, matched });
    }
    return hits.sort((a, b) => b.score - a.score || a.index - b.index);
  }
}
