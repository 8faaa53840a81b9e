// Chart render time: renderChartPng (echarts SVG + resvg PNG with the chart's cut of the font) on the
// 12-department, five-status example. `npx tsx tests/bench/chart-bench.ts [n]`, or benchChart(n) from the
// main bench. Run alone it also times resvg with the whole 8 MB font, to show what the cut saves.
import { fileURLToPath } from 'node:url';
import { renderChartPng, renderChartSvg } from '../../present/chart.ts';
import { rasterize } from '../../present/chart-font.ts';
import { exampleSpec } from '../present/chart-example.ts';

export type ChartBench = {
  n: number; medianMs: number; p95Ms: number; svgMedianMs: number;
  /** The first render in the process: reads and indexes the font, writes the chart's font cut. */
  firstMs: number;
  width: number; height: number; pngBytes: number;
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

export async function benchChart(n = 30): Promise<ChartBench> {
  const spec = exampleSpec('zh');
  const t = performance.now();
  let last = await renderChartPng(spec); // doubles as the warm-up
  const firstMs = performance.now() - t;
  const times: number[] = [];
  const svgTimes: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    last = await renderChartPng(spec);
    const t1 = performance.now();
    times.push(t1 - t0);
    // The SVG half alone (synchronous, on the main thread) — the rest is resvg on the libuv pool.
    const t2 = performance.now();
    renderChartSvg(spec);
    svgTimes.push(performance.now() - t2);
  }
  return { n, medianMs: pct(times, 50), p95Ms: pct(times, 95), svgMedianMs: pct(svgTimes, 50), firstMs, width: last.width, height: last.height, pngBytes: last.png.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchChart(Number(process.argv[2] ?? 30));
  console.log(`renderChartPng, 12 categories × 5 series, ${r.width}×${r.height} px, ${(r.pngBytes / 1024).toFixed(0)} KB, ${r.n} runs:`);
  console.log(`  median ${r.medianMs.toFixed(1)} ms, p95 ${r.p95Ms.toFixed(1)} ms (of which SVG layout: median ${r.svgMedianMs.toFixed(1)} ms); first render ${r.firstMs.toFixed(0)} ms`);
  const svg = renderChartSvg(exampleSpec('zh'));
  const full: number[] = [];
  for (let i = 0; i < Math.min(10, r.n); i++) {
    const t0 = performance.now();
    await rasterize(svg, { fullFont: true });
    full.push(performance.now() - t0);
  }
  console.log(`  resvg with the whole font instead (PNG only, ${full.length} runs): median ${pct(full, 50).toFixed(1)} ms, p95 ${pct(full, 95).toFixed(1)} ms`);
}
