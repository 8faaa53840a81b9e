// What the report itself supports, for the reader: how far the rows have a phrase (evidence), whether they print
// a name exactly, and which words are real (so a typo is corrected only where the report does not know the word).
import type { OutputRecord } from '../../store/schema.ts';
import { STATUS_TYPO_WORDS } from '../../store/status.ts';
import { terms, type KeywordIndex } from '../keyword-index.ts';
import type { OrgUnit } from '../types.ts';
import type { Translation } from '../understand.ts';
import { typoVocabulary, type TypoVocabulary } from './typos.ts';

export class ReportEvidence {
  private readonly cache = new Map<string, number>();
  private text: string | undefined;
  private typoDeps: { vocabulary: TypoVocabulary; known(word: string): boolean } | undefined;

  constructor(
    private readonly records: readonly OutputRecord[],
    private readonly keywords: KeywordIndex,
    private readonly units: readonly OrgUnit[],
    private readonly translate: (q: string) => Translation[],
    private readonly englishWords: ReadonlySet<string>,
  ) {}

  /** How well the rows support a concept: the best row's share of its words (any alternative), 0–1. */
  evidence(concept: readonly string[]): number {
    const key = concept.join('\u0001');
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    // Bigrams no row has are mostly seams between words ("名册上女性" -> 册上): a phrase counts when most of its
    // bigrams exist and one row holds most of those.
    const share = (alt: string) => {
      const all = [...new Set(terms(alt))];
      const known = all.filter((t) => this.keywords.idf(t) < this.keywords.maxIdf);
      if (all.length === 0) return 0;
      return known.length / all.length < 0.6 ? known.length / all.length : this.keywords.bestShare(known);
    };
    const best = concept.reduce((m, alt) => Math.max(m, share(alt)), 0);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, best);
    return best;
  }

  /**
   * A Chinese chunk split where the report never prints the pair of characters (a seam between words):
   * "道德操守那张新海报发下去" -> 道德操守, 海报, 发下去 … — the parts the report has words for.
   */
  words(chunk: string): string[] {
    const out: string[] = [];
    let start = 0;
    for (let i = 0; i + 1 < chunk.length; i++) {
      if (this.keywords.idf(chunk.slice(i, i + 2)) < this.keywords.maxIdf) continue;
      if (i + 1 - start >= 2) out.push(chunk.slice(start, i + 1));
      start = i + 1;
    }
    if (chunk.length - start >= 2) out.push(chunk.slice(start));
    return out;
  }

  /** Whether the rows (names, planned, remarks) print this exact text. */
  printed(text: string): boolean {
    return this.reportText().includes(text.toLowerCase());
  }

  /** Typo vocabulary (unit names, status words) and the words the report and the lexicon know, never corrected. */
  typos(): { vocabulary: TypoVocabulary; known(word: string): boolean } {
    if (!this.typoDeps) {
      const names = this.units.flatMap((u) => [u.office?.name ?? u.department.name, u.englishName ?? '', ...u.aliases]);
      const statusWords = Object.values(STATUS_TYPO_WORDS).flatMap((w) => [...w]);
      const text = this.reportText();
      const latinKnown = new Set(text.match(/[a-z]{2,}/g) ?? []);
      this.typoDeps = {
        vocabulary: typoVocabulary([...names, ...statusWords]),
        known: (word) => (/^[a-z]+$/.test(word) ? latinKnown.has(word) || this.englishWords.has(word) || this.translate(word).some((t) => t.zh.length > 0) : text.includes(word)),
      };
    }
    return this.typoDeps;
  }

  private reportText(): string {
    this.text ??= this.records.map((r) => `${r.department.name}${r.office?.name ?? ''}${r.planned}${r.remarks}`).join('\n').toLowerCase();
    return this.text;
  }
}
