import { describe, expect, it } from 'vitest';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function norm(a: Float32Array): number {
  return Math.sqrt(dot(a, a));
}

describe('LocalNgramEmbedder', () => {
  const embedder = new LocalNgramEmbedder();

  it('has a versioned id and the configured dimension', async () => {
    expect(embedder.id).toBe('local-ngram-v1-d512');
    expect(embedder.dimensions).toBe(512);
    const small = new LocalNgramEmbedder({ dimensions: 128 });
    expect(small.id).toBe('local-ngram-v1-d128');
    expect((await small.embedQuery('预算执行情况')).length).toBe(128);
    expect(() => new LocalNgramEmbedder({ dimensions: 0 })).toThrow(/dimensions/);
  });

  it('is deterministic across instances and calls', async () => {
    const text = '2013/14年度联合国维持和平行动预算执行情况 peacekeeping budget';
    const a = await embedder.embedQuery(text);
    const b = await new LocalNgramEmbedder().embedQuery(text);
    const [c] = await embedder.embedPassages([text]);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).toEqual(Array.from(c!));
  });

  it('keeps the v1 vector space stable (stored vectors stay valid while the id is unchanged)', async () => {
    // Golden values: if these change, the hashing/weighting changed and LOCAL_NGRAM_VERSION must be bumped.
    const zh = await embedder.embedQuery('联合国维持和平行动');
    const nonZeroZh = Array.from(zh).flatMap((x, i) => (x !== 0 ? [[i, Number(x.toFixed(6))]] : []));
    expect(nonZeroZh.length).toBe(22);
    expect(nonZeroZh.slice(0, 4)).toEqual([
      [55, -0.298109],
      [71, -0.149055],
      [74, 0.149055],
      [101, -0.298109],
    ]);
    const en = await embedder.embedQuery('peacekeeping budget 2013');
    const nonZeroEn = Array.from(en).flatMap((x, i) => (x !== 0 ? [[i, Number(x.toFixed(6))]] : []));
    expect(nonZeroEn.length).toBe(37);
    expect(nonZeroEn.slice(0, 2)).toEqual([
      [3, -0.121867],
      [14, -0.121867],
    ]);
  });

  it('returns unit-length vectors of the right dimension', async () => {
    const texts = ['联合国', 'A', '2 702', '维持和平行动部 Department of Peacekeeping Operations', '！？。'];
    for (const v of await embedder.embedPassages(texts)) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(512);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
  });

  it('handles empty and punctuation-only text with a finite unit vector', async () => {
    const empty = await embedder.embedQuery('');
    expect(empty.length).toBe(512);
    expect(empty.every(Number.isFinite)).toBe(true);
    expect(norm(empty)).toBeCloseTo(1, 5);
    expect(Array.from(await embedder.embedQuery('  ，。  '))).toEqual(Array.from(empty));
    // …and it is not confused with real content.
    expect(Math.abs(dot(empty, await embedder.embedQuery('预算')))).toBeLessThan(0.5);
  });

  it('puts a Chinese query nearer a passage sharing its words than an unrelated one', async () => {
    const query = await embedder.embedQuery('维持和平行动的预算执行情况如何？');
    const [related, unrelated] = await embedder.embedPassages([
      '2013/14年度维持和平行动预算执行情况报告，秘书长的报告',
      '本期间共举办了十二次培训讲习班，参加人数为三百人',
    ]);
    expect(dot(query, related!)).toBeGreaterThan(dot(query, unrelated!) + 0.2);
  });

  it('puts an English query nearer a passage sharing its words than an unrelated one', async () => {
    const query = await embedder.embedQuery('What was the budget performance of peacekeeping operations?');
    const [related, unrelated] = await embedder.embedPassages([
      'Budget performance for the period from 1 July 2013 to 30 June 2014 of the peacekeeping operations',
      'Twelve training workshops were held for three hundred participants',
    ]);
    expect(dot(query, related!)).toBeGreaterThan(dot(query, unrelated!) + 0.2);
  });

  it('normalises case and full-width forms (NFKC) and keeps digits as distinct tokens', async () => {
    expect(Array.from(await embedder.embedQuery('ＢＵＤＧＥＴ ２０１３'))).toEqual(
      Array.from(await embedder.embedQuery('budget 2013')),
    );
    const query = await embedder.embedQuery('2013 预算');
    const [same, other] = await embedder.embedPassages(['2013 预算', '2014 预算']);
    expect(dot(query, same!)).toBeCloseTo(1, 5);
    expect(dot(query, other!)).toBeLessThan(0.9);
  });

  it('matches inflected English words through character n-grams', async () => {
    const query = await embedder.embedQuery('vehicles');
    const [inflected, unrelated] = await embedder.embedPassages(['vehicle', 'aircraft']);
    expect(dot(query, inflected!)).toBeGreaterThan(dot(query, unrelated!) + 0.3);
  });

  it('reports progress and keeps input order for large batches', async () => {
    const texts = Array.from({ length: 600 }, (_, i) => `第${i}行 row ${i}`);
    const progress: Array<[number, number]> = [];
    const vectors = await embedder.embedPassages(texts, (done, total) => progress.push([done, total]));
    expect(vectors).toHaveLength(600);
    expect(progress.at(-1)).toEqual([600, 600]);
    expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b));
    expect(Array.from(vectors[123]!)).toEqual(Array.from(await embedder.embedQuery(texts[123]!)));
  });
});
