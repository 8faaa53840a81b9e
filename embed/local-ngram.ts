// Built-in embedder used when no neural model can be loaded (offline, no model files). It is a
// bag of hashed n-grams, so it is deterministic, dependency-free and fast, and good enough for
// lexical retrieval over the report: Chinese has no spaces, so Han text is covered by character
// uni/bi/trigrams; Latin text by whole words plus character 3/4-grams (which absorb inflection).
import type { Embedder } from './types.ts';

export const LOCAL_NGRAM_VERSION = 'v1';
export const DEFAULT_LOCAL_DIMENSIONS = 512;

export interface LocalNgramOptions {
  /** Size of the hashed feature space (default 512). Changing it changes `id`. */
  dimensions?: number;
}

// Feature kinds are hashed in as a tag so that e.g. the word "a" and the character "a" never share a bucket.
const Kind = { HanUni: 1, HanBi: 2, HanTri: 3, Word: 4, Gram3: 5, Gram4: 6, Empty: 7 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

// Any change to these weights, the tokenisation or the hash changes the vector space: bump LOCAL_NGRAM_VERSION.
const KIND_WEIGHT: Record<Kind, number> = {
  [Kind.HanUni]: 0.5,
  [Kind.HanBi]: 1,
  [Kind.HanTri]: 0.5,
  [Kind.Word]: 1,
  [Kind.Gram3]: 0.3,
  [Kind.Gram4]: 0.3,
  [Kind.Empty]: 1,
};
// Very frequent function words/characters carry little topical signal but would otherwise dominate short queries.
const STOP_WEIGHT = 0.1;
const EN_STOPWORDS = new Set(
  'a an the of and or to in on at by for from with as is are was were be been it its this that these those which what how'.split(' '),
);
const HAN_STOPCHARS = new Set([...'的了和与及或在是为对于之其并等而也'].map((c) => c.codePointAt(0)!));

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Word boundary markers for character grams ("<word>"), outside any text code point after NFKC.
const BOUNDARY_START = 0x02;
const BOUNDARY_END = 0x03;

function fnvStep(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, FNV_PRIME);
}

/** FNV-1a over a kind tag and 16-bit halves of code points; stable across runs and platforms. */
function hashCodePoints(kind: Kind, cps: readonly number[], start: number, end: number): number {
  let h = fnvStep(FNV_OFFSET, kind);
  for (let i = start; i < end; i++) {
    const cp = cps[i]!;
    h = fnvStep(h, cp & 0xffff);
    if (cp > 0xffff) h = fnvStep(h, cp >>> 16);
  }
  return h;
}

/** murmur3 fmix32: FNV's low bits are weak, and both bucket and sign are taken from the low bits. */
function finalMix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function isHanLike(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK Unified Ideographs
    (cp >= 0x3400 && cp <= 0x4dbf) || // Extension A
    (cp >= 0x20000 && cp <= 0x3134f) || // Extensions B–G
    (cp >= 0xf900 && cp <= 0xfaff) || // Compatibility Ideographs
    (cp >= 0x3040 && cp <= 0x30ff) || // Hiragana, Katakana
    (cp >= 0xac00 && cp <= 0xd7af) // Hangul syllables
  );
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(cp: number): boolean {
  if (cp < 0x80) {
    return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a);
  }
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

function isDigit(cp: number | undefined): boolean {
  return cp !== undefined && cp >= 0x30 && cp <= 0x39;
}

/** Accumulates term counts per hashed feature; weights are applied once counts are final (sublinear tf). */
export class FeatureBag {
  readonly counts = new Map<number, number>();
  readonly weights = new Map<number, number>();

  add(hash: number, weight: number): void {
    const c = this.counts.get(hash);
    if (c === undefined) {
      this.counts.set(hash, 1);
      this.weights.set(hash, weight);
    } else {
      this.counts.set(hash, c + 1);
    }
  }
}

function addHanRun(bag: FeatureBag, cps: readonly number[]): void {
  const n = cps.length;
  for (let i = 0; i < n; i++) {
    const uniWeight = HAN_STOPCHARS.has(cps[i]!) ? KIND_WEIGHT[Kind.HanUni] * STOP_WEIGHT : KIND_WEIGHT[Kind.HanUni];
    bag.add(hashCodePoints(Kind.HanUni, cps, i, i + 1), uniWeight);
    if (i + 2 <= n) bag.add(hashCodePoints(Kind.HanBi, cps, i, i + 2), KIND_WEIGHT[Kind.HanBi]);
    if (i + 3 <= n) bag.add(hashCodePoints(Kind.HanTri, cps, i, i + 3), KIND_WEIGHT[Kind.HanTri]);
  }
}

function addWord(bag: FeatureBag, cps: number[]): void {
  const word = String.fromCodePoint(...cps);
  const stop = EN_STOPWORDS.has(word);
  bag.add(hashCodePoints(Kind.Word, cps, 0, cps.length), KIND_WEIGHT[Kind.Word] * (stop ? STOP_WEIGHT : 1));
  // Grams only help words that can inflect; numbers and stopwords must match exactly or not at all.
  if (stop || cps.length < 3 || cps.every((c) => isDigit(c) || c === 0x2e || c === 0x2c)) return;
  const padded = [BOUNDARY_START, ...cps, BOUNDARY_END];
  for (let i = 0; i + 3 <= padded.length; i++) bag.add(hashCodePoints(Kind.Gram3, padded, i, i + 3), KIND_WEIGHT[Kind.Gram3]);
  for (let i = 0; i + 4 <= padded.length; i++) bag.add(hashCodePoints(Kind.Gram4, padded, i, i + 4), KIND_WEIGHT[Kind.Gram4]);
}

/** Splits normalised text into Han runs and word runs, feeding their features into `bag`. */
export function extractFeatures(text: string, bag: FeatureBag = new FeatureBag()): FeatureBag {
  const normalized = text.normalize('NFKC').toLowerCase();
  const cps: number[] = [];
  for (const ch of normalized) cps.push(ch.codePointAt(0)!);

  let han: number[] = [];
  let word: number[] = [];
  const flushHan = (): void => {
    if (han.length > 0) addHanRun(bag, han);
    han = [];
  };
  const flushWord = (): void => {
    if (word.length > 0) addWord(bag, word);
    word = [];
  };

  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    if (isHanLike(cp)) {
      flushWord();
      han.push(cp);
    } else if (isWordChar(cp)) {
      flushHan();
      word.push(cp);
    } else if ((cp === 0x2e || cp === 0x2c) && isDigit(word[word.length - 1]) && isDigit(cps[i + 1])) {
      // Keep "12.5" and "1,234" as one number token rather than two unrelated ones.
      word.push(cp);
    } else {
      flushHan();
      flushWord();
    }
  }
  flushHan();
  flushWord();
  return bag;
}

export class LocalNgramEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly acc: Float64Array;

  constructor(options: LocalNgramOptions = {}) {
    const dimensions = options.dimensions ?? DEFAULT_LOCAL_DIMENSIONS;
    if (!Number.isInteger(dimensions) || dimensions < 8 || dimensions > 1 << 20) {
      throw new Error(`LocalNgramEmbedder: dimensions must be an integer between 8 and ${1 << 20}, got ${dimensions}`);
    }
    this.dimensions = dimensions;
    this.id = `local-ngram-${LOCAL_NGRAM_VERSION}-d${dimensions}`;
    this.acc = new Float64Array(dimensions);
  }

  /** Synchronous core, exposed for callers (and benchmarks) that do not need the async interface. */
  embedSync(text: string): Float32Array {
    const bag = extractFeatures(text);
    // Empty or punctuation-only text still gets a unit vector (a fixed bucket) so cosine stays finite.
    if (bag.counts.size === 0) bag.add(hashCodePoints(Kind.Empty, [], 0, 0), KIND_WEIGHT[Kind.Empty]);

    const acc = this.acc;
    acc.fill(0);
    for (const [hash, count] of bag.counts) {
      const mixed = finalMix(hash);
      const index = (mixed >>> 1) % this.dimensions;
      const sign = mixed & 1 ? -1 : 1;
      acc[index]! += sign * bag.weights.get(hash)! * (1 + Math.log(count));
    }

    let norm = 0;
    for (let i = 0; i < acc.length; i++) norm += acc[i]! * acc[i]!;
    const out = new Float32Array(this.dimensions);
    if (norm === 0) {
      // Signed hashing can cancel a text's features exactly; fall back to the empty-text bucket.
      return this.embedSync('');
    }
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < acc.length; i++) out[i] = acc[i]! * inv;
    return out;
  }

  async embedPassages(
    texts: readonly string[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    const chunk = 256;
    for (let start = 0; start < texts.length; start += chunk) {
      const end = Math.min(texts.length, start + chunk);
      for (let i = start; i < end; i++) out.push(this.embedSync(texts[i]!));
      onProgress?.(end, texts.length);
      // Yield between chunks so a large ingest does not starve the event loop (e.g. a live bot).
      if (end < texts.length) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return out;
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return this.embedSync(text);
  }
}
