// npm run bench: ingest time, cold start to first answer, warm latency per intent (median / p95), RSS —
// on the real report and on a synthetic corpus 100x its size (rows derived from the real ones).
// Runs variants side by side in one process so machine noise hits them alike.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import hnswlib from 'hnswlib-node';
import { passageText } from '../../ingest/build-index.ts';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';
import { runIngest } from '../../ingest/pipeline.ts';
import type { OutputRecord } from '../../store/schema.ts';
import { DEFAULT_SEED_PATH } from '../../app/open.ts';
import { createReportQueries, type ChatEngine } from '../../retrieval/index.ts';

const QUESTIONS: Record<string, string[]> = {
  list: ['哪些产出被推迟了？', 'Which outputs of the Department of Field Support were below plan?', '人权高专办有哪些产出没有完成？'],
  count: ['外勤支助部有多少产出低于计划？', 'How many outputs were postponed?', '整份报告中一共有多少项产出高于计划？'],
  breakdown: ['各部门有多少产出被推迟？', 'How many outputs were below plan by department?'],
  lookup: ['副秘书长接受了多少次媒体访谈？', 'How many security staff were certified in the safety certification programme?', '不当行为指控录入追踪系统的情况如何'],
  overview: ['法律事务厅', 'OIOS'],
  none: ['明天北京天气怎么样？', 'Who won the football World Cup in 2014?', 'How much did the support account spend on travel?'],
  rank: ['哪个部门超出计划的产出最多？', 'Which office of the Department of Field Support had the most outputs below plan?'],
  share: ['维和部的产出中有多大比例标为“是”？', 'What percentage of the Ombudsman office\'s outputs were above plan?'],
  compare: ['比较维和部和外勤部低于计划的产出数量', 'DSS vs ACABQ secretariat: how many outputs above plan each?'],
  summary: ['Summarise the whole report for me'],
};
/** A two-turn conversation, timed per follow-up turn. */
const CHAT: Array<[string, string]> = [
  ['哪些产出没有完成？', '其中哪些属于新闻部？'],
  ['外勤部副秘书长办公室有多少产出低于计划？', '高于计划的呢？'],
];
const ROUNDS = 30;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const rssMb = () => (process.memoryUsage().rss / 1024 / 1024).toFixed(0);

async function warmLatency(engine: ChatEngine, label: string, intents?: string[]): Promise<void> {
  console.log(`\n${label}: warm latency over ${ROUNDS} rounds per question (median / p95)`);
  for (const [intent, qs] of Object.entries(QUESTIONS)) {
    if (intents && !intents.includes(intent)) continue;
    for (const q of qs) await engine.ask(q); // warm-up
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      for (const q of qs) {
        const t = performance.now();
        await engine.ask(q);
        times.push(performance.now() - t);
      }
    }
    console.log(`  ${intent.padEnd(10)} median ${fmt(pct(times, 50)).padStart(10)}   p95 ${fmt(pct(times, 95)).padStart(10)}   (n=${times.length})`);
  }
  if (intents && !intents.includes('follow-up')) return;
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    for (const [first, second] of CHAT) {
      await engine.ask(first, { conversation: `bench-${i}` });
      const t = performance.now();
      await engine.ask(second, { conversation: `bench-${i}` });
      times.push(performance.now() - t);
    }
  }
  console.log(`  ${'follow-up'.padEnd(10)} median ${fmt(pct(times, 50)).padStart(10)}   p95 ${fmt(pct(times, 95)).padStart(10)}   (n=${times.length})`);
}

/** A corpus `factor` times the report: each row repeated with a changed id, line and a varied number. */
function synthetic(records: readonly OutputRecord[], factor: number): OutputRecord[] {
  const out: OutputRecord[] = [];
  for (let k = 0; k < factor; k++) {
    for (const r of records) {
      out.push({ ...r, id: `${r.id}-${k}`, line: r.line + k * 10_000, lineEnd: r.lineEnd + k * 10_000, planned: k === 0 ? r.planned : `${r.planned}（副本 ${k}）` });
    }
  }
  return out;
}

async function main(): Promise<void> {
  const seedPath = resolve(DEFAULT_SEED_PATH);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
  const embedder = new LocalNgramEmbedder();
  console.log(`node ${process.version}, embedder ${embedder.id}; RSS at start ${rssMb()} MB`);

  // Ingest (parse + embed + index + write), 3 runs.
  const ingestTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await runIngest({ seedPath, dataDir, embedder });
    ingestTimes.push(performance.now() - t);
  }
  console.log(`ingest (parse + embed + hnswlib + atomic writes), 3 runs: median ${fmt(pct(ingestTimes, 50))}, max ${fmt(Math.max(...ingestTimes))}`);

  // Cold start: a fresh process loads the built data/ and answers one question.
  const cold: number[] = [];
  const inProcess: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'tests/bench/cold-start.ts', dataDir], { encoding: 'utf8', env: { ...process.env, EMBEDDER: 'local' } });
    cold.push(performance.now() - t);
    inProcess.push(Number(JSON.parse(out.trim().split('\n').pop()!).sinceProcessStartMs));
  }
  console.log(`cold start to first answer (fresh process, built index), 5 runs: wall median ${fmt(pct(cold, 50))} max ${fmt(Math.max(...cold))}; ` +
    `inside the process (from process start, excluding node boot) median ${fmt(pct(inProcess, 50))}`);

  const { openReportEngine } = await import('../../app/open.ts');
  const engine = await openReportEngine({ dataDir, embedder, log: () => {} });
  await warmLatency(engine, `real report (${engine.engine.records.length} rows)`);
  console.log(`RSS after real-report runs: ${rssMb()} MB`);

  // 100x: build the same structures in memory from derived rows.
  const big = synthetic(engine.engine.records, 100);
  const t0 = performance.now();
  const vectors = await embedder.embedPassages(big.map(passageText));
  const index = new hnswlib.HierarchicalNSW('cosine', embedder.dimensions);
  index.initIndex(big.length, 16, 200, 100);
  vectors.forEach((v, i) => index.addPoint(Array.from(v), i));
  index.setEf(200);
  const bigEngine = createReportQueries({ records: big, glossary: [], index }, embedder);
  console.log(`\n100x corpus: ${big.length} rows; embed + index build ${fmt(performance.now() - t0)}`);
  await warmLatency(bigEngine, `100x corpus (${big.length} rows)`);
  // Variant in the same run: what the vector side of the fusion costs.
  const keywordOnly = createReportQueries({ records: big, glossary: [], index }, embedder, { fusion: 'keyword' });
  await warmLatency(keywordOnly, `100x corpus, keyword-only ranking (variant)`, ['lookup']);
  // Variant: hnswlib neighbours join the candidates (as with a real model); a bar the n-gram embedder
  // clears often, so the cost of searchKnn plus the extra candidates shows.
  const withKnn = createReportQueries({ records: big, glossary: [], index }, embedder, { vectorCandidates: { k: 50, minSimilarity: 0.3 } });
  await warmLatency(withKnn, `100x corpus, vector candidates joined (variant)`, ['lookup']);
  const smallKnn = createReportQueries({ records: engine.engine.records, glossary: [], index: (engine.engine as unknown as { options: { data: { index: typeof index } } }).options.data.index }, embedder, { vectorCandidates: { k: 50, minSimilarity: 0.3 } });
  await warmLatency(smallKnn, `real report, vector candidates joined (variant)`, ['lookup']);
  await warmLatency(bigEngine, `100x corpus, hybrid ranking again (noise check)`, ['lookup']);
  console.log(`RSS after 100x runs: ${rssMb()} MB`);

  // Chart render (echarts SVG on the main thread, resvg PNG off it), uncached, 12 departments × 5 statuses.
  const { benchChart } = await import('./chart-bench.ts');
  const chart = await benchChart(20);
  console.log(`\nchart PNG (${chart.width}×${chart.height}), ${chart.n} renders: median ${fmt(chart.medianMs)} p95 ${fmt(chart.p95Ms)}; SVG layout alone median ${fmt(chart.svgMedianMs)}; first render in the process ${fmt(chart.firstMs)}`);
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
