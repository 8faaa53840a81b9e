// Bar charts (counts per department or office, by status) as SVG and PNG for Discord and briefings.
// echarts lays the chart out server-side as SVG; chart-font.ts rasterises it with resvg and the bundled
// Noto Sans SC font only, so the PNG looks the same on every machine and Chinese never turns into empty boxes.
import { z } from 'zod';
import * as echarts from 'echarts/core';
import { BarChart, ScatterChart } from 'echarts/charts';
import type { BarSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, TitleComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { FONT_FAMILY, rasterize } from './chart-font.ts';
import { StatusFlagSchema } from '../store/schema.ts';

echarts.use([BarChart, ScatterChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

type Option = echarts.ComposeOption<BarSeriesOption | ScatterSeriesOption | GridComponentOption | LegendComponentOption | TitleComponentOption>;

export const ChartSpecSchema = z
  .object({
    title: z.string().min(1),
    /** A second line under the title, e.g. the source ("A/69/653；444 项产出"). */
    subtitle: z.string().optional(),
    language: z.enum(['zh', 'en']),
    categoryAxisLabel: z.string(),
    valueAxisLabel: z.string(),
    /** The bars, top to bottom: units such as "A. 维持和平行动部" or "(a) 副秘书长办公室". */
    categories: z.array(z.string().min(1)).min(1).max(40),
    series: z
      .array(
        z.object({
          /** Legend text, usually a status label ("高于计划"). */
          name: z.string().min(1),
          /** Fixes the colour; without it the colour is looked up from the name, so a status keeps its colour in every chart. */
          status: StatusFlagSchema.optional(),
          values: z.array(z.number().finite().nonnegative()),
        }),
      )
      .min(1)
      .max(12),
    stacked: z.boolean(),
  })
  .superRefine((spec, ctx) => {
    spec.series.forEach((s, i) => {
      if (s.values.length !== spec.categories.length) {
        ctx.addIssue({ code: 'custom', path: ['series', i, 'values'], message: `${s.values.length} values for ${spec.categories.length} categories` });
      }
    });
    if (new Set(spec.series.map((s) => s.name)).size !== spec.series.length) ctx.addIssue({ code: 'custom', path: ['series'], message: 'series names must be unique' });
  });
export type ChartSpec = z.infer<typeof ChartSpecSchema>;
/** Pixels; the height defaults to what the categories need. */
export const ChartSizeSchema = z.object({ width: z.number().int().min(320).max(4096).optional(), height: z.number().int().min(200).max(4096).optional() });
export type ChartSize = z.infer<typeof ChartSizeSchema>;
export type RenderedChart = { png: Buffer; svg: string; width: number; height: number };

export { FONT_FAMILY };

import { seriesColor } from './chart-colors.ts';
export { seriesColor, STATUS_COLORS } from './chart-colors.ts';

/** Numbers as drawn on the bars (tests look for exactly this text). */
export function formatValue(v: number, language: ChartSpec['language']): string {
  return v.toLocaleString(language === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 });
}

// Layout constants in px. The text-width estimate only has to be close: it decides margins and whether a
// number fits inside its bar segment, and Noto Sans SC draws CJK at 1 em and digits at about 0.55 em.
const PAD = 24;
const FONT = 13;
const LABEL_FONT = 12;
const TITLE_FONT = 20;
const TEXT = '#1F2328';
const MUTED = '#59606A';

export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x2e80) em += 1; // CJK and full-width punctuation
    else if (ch === ' ') em += 0.27;
    else if (/[0-9]/.test(ch)) em += 0.56;
    else if (/[A-Z]/.test(ch)) em += 0.66;
    else em += 0.52;
  }
  return em * fontSize;
}

function niceStep(rough: number): number {
  const p = 10 ** Math.floor(Math.log10(rough));
  const f = rough / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
}

/** The shortest round axis that holds `need`, with 4–10 ticks (whole-number steps for counts). */
function niceAxis(need: number, integers: boolean): { max: number; step: number } {
  let best = { max: Infinity, step: 1 };
  for (let ticks = 4; ticks <= 10; ticks++) {
    const step = Math.max(integers ? 1 : 0, niceStep(need / ticks));
    const max = Math.max(1, Math.ceil(need / step - 1e-9)) * step;
    if (max < best.max - 1e-9 || (Math.abs(max - best.max) < 1e-9 && step > best.step)) best = { max, step };
  }
  return best;
}

/** White or dark text on a bar colour, whichever contrasts more (WCAG relative luminance). */
function textOn(hex: string): string {
  const lin = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(1) + 0.7152 * lin(3) + 0.0722 * lin(5);
  const dark = 0.016; // luminance of TEXT
  return 1.05 / (l + 0.05) > (l + 0.05) / (dark + 0.05) ? '#FFFFFF' : TEXT;
}

type Layout = {
  width: number; height: number; legendTop: number; gridTop: number; gridBottom: number; note: boolean; gridLeft: number; plotWidth: number;
  labelWidth: number; labelLines: number; axisMax: number; step: number;
  /** fits[s][c]: the number of series s fits inside its segment of bar c. */
  fits: boolean[][];
};

function layout(spec: ChartSpec, size: ChartSize): Layout {
  const n = spec.categories.length;
  const width = Math.round(size.width ?? 1200);
  const labelNeed = Math.max(...spec.categories.map((c) => textWidth(c, FONT)), textWidth(spec.categoryAxisLabel, FONT));
  const labelCap = Math.round(width * 0.4);
  const labelWidth = Math.ceil(Math.min(labelNeed, labelCap));
  // Names longer than 40 % of the width wrap (echarts 'break') instead of squeezing the plot.
  const labelLines = Math.min(3, Math.ceil(labelNeed / labelCap));
  const gridLeft = PAD + labelWidth + 12;
  const plotWidth = width - gridLeft - PAD;
  // Title and legend wrap rather than run off the image; the plot starts below however many lines they take.
  const textBox = width - 2 * PAD;
  const titleLines = Math.ceil(textWidth(spec.title, TITLE_FONT) / textBox);
  const subtitleLines = spec.subtitle ? Math.ceil(textWidth(spec.subtitle, FONT) / textBox) : 0;
  let legendRows = 1;
  let x = 0;
  for (const s of spec.series) {
    const w = 14 + 5 + textWidth(s.name, FONT) + 20;
    if (x > 0 && x + w > textBox) (legendRows++, (x = 0));
    x += w;
  }
  const legendTop = PAD - 8 + titleLines * 26 + (subtitleLines ? 6 + subtitleLines * 18 : 0) + 10;
  // echarts stacks legend rows itemHeight + itemGap apart; then comes the category axis name above the labels.
  const gridTop = legendTop + legendRows * 34 - 20 + 44;
  const rowHeight = Math.max(spec.stacked ? 34 : 14 * spec.series.length + 14, labelLines * 16 + 10);
  const note = spec.stacked && spec.series.length > 1;
  const gridBottom = 56 + (note ? 22 : 0);
  const height = Math.round(size.height ?? gridTop + n * rowHeight + gridBottom + 6);

  const totals = spec.categories.map((_, c) => spec.series.reduce((sum, s) => sum + s.values[c]!, 0));
  const peak = Math.max(1e-9, ...(spec.stacked ? totals : spec.series.flatMap((s) => s.values)));
  const integers = spec.series.every((s) => s.values.every(Number.isInteger));
  let axis = niceAxis(peak, integers);
  let fits: boolean[][] = [];
  // Grow the axis until every bar's end label fits inside the plot; a longer axis can push more segment
  // numbers out of their segments (into the end label), so repeat until nothing changes.
  for (let round = 0; round < 8; round++) {
    const scale = plotWidth / axis.max;
    fits = spec.series.map((s) => s.values.map((v) => v > 0 && v * scale >= textWidth(formatValue(v, spec.language), LABEL_FONT) + 6));
    let need = peak;
    for (let c = 0; c < n; c++) {
      const ends = spec.stacked ? [{ v: totals[c]!, w: endLabelWidth(spec, fits, c, totals[c]!) }]
        : spec.series.map((s) => ({ v: s.values[c]!, w: textWidth(formatValue(s.values[c]!, spec.language), LABEL_FONT) + 6 }));
      for (const e of ends) if (e.v > 0) need = Math.max(need, (e.v * plotWidth) / Math.max(1, plotWidth - e.w - 8));
    }
    const next = niceAxis(need, integers);
    if (next.max <= axis.max + 1e-9) break;
    axis = next;
  }
  return { width, height, legendTop, gridTop, gridBottom, note, gridLeft, plotWidth, labelWidth, labelLines, axisMax: axis.max, step: axis.step, fits };
}

/** Stacked bars: the total, then (as "■ n" in the series colour) every number too narrow for its segment. */
function endLabelParts(spec: ChartSpec, fits: boolean[][], c: number, total: number): { rich: string; plain: string[] } {
  const parts = [`{t|${formatValue(total, spec.language)}}`];
  const plain = [formatValue(total, spec.language)];
  if (spec.series.length > 1) {
    spec.series.forEach((s, i) => {
      const v = s.values[c]!;
      if (v > 0 && !fits[i]![c]) {
        parts.push(`{s${i}|■}{n|${formatValue(v, spec.language)}}`);
        plain.push(`■${formatValue(v, spec.language)}`);
      }
    });
  }
  return { rich: parts.join('{g| }'), plain };
}
function endLabelWidth(spec: ChartSpec, fits: boolean[][], c: number, total: number): number {
  const { plain } = endLabelParts(spec, fits, c, total);
  return plain.reduce((w, p, i) => w + textWidth(p, i === 0 ? FONT : LABEL_FONT) + (i ? 8 : 0), 6);
}

const NOTES = {
  zh: (chips: boolean) => `条形末端的数字为合计${chips ? '；“■ 数字”为条形内放不下的数值，颜色同图例' : ''}。`,
  en: (chips: boolean) => `The number after each bar is its total${chips ? '; "■ n" is a value too small to print inside its segment, coloured as in the legend' : ''}.`,
};

function buildOption(spec: ChartSpec, L: Layout): Option {
  const colors = spec.series.map((s, i) => seriesColor(s, i));
  const single = spec.series.length === 1;
  const bars: BarSeriesOption[] = spec.series.map((s, i) => ({
    type: 'bar',
    name: s.name,
    ...(spec.stacked ? { stack: 'total' } : {}),
    barMaxWidth: spec.stacked ? 24 : 14,
    itemStyle: { color: colors[i] },
    emphasis: { disabled: true },
    data: s.values.map((v, c) => {
      const inside = spec.stacked && !single;
      // A stack of one series shows only its end label (the total is the value).
      const show = v > 0 && (inside ? L.fits[i]![c]! : !spec.stacked);
      return {
        value: v,
        label: {
          show,
          position: inside ? 'inside' : 'right',
          formatter: () => formatValue(v, spec.language),
          color: inside ? textOn(colors[i]!) : TEXT,
          fontSize: LABEL_FONT,
        },
      };
    }),
  }));
  const series: Option['series'] = [...bars];
  if (spec.stacked) {
    const rich: Record<string, object> = { t: { fontSize: FONT, color: TEXT }, n: { fontSize: LABEL_FONT, color: MUTED }, g: { width: 8 } };
    colors.forEach((col, i) => (rich[`s${i}`] = { fontSize: FONT + 1, color: col, padding: [0, 2, 0, 0] }));
    // The totals ride on an invisible scatter point at the end of each bar, outside the legend.
    series.push({
      type: 'scatter',
      name: '__total__',
      symbolSize: 0,
      silent: true,
      itemStyle: { opacity: 1 }, // scatter defaults to 0.8, which its labels inherit
      data: spec.categories.map((_, c) => {
        const total = spec.series.reduce((sum, s) => sum + s.values[c]!, 0);
        return { value: [total, c], label: { show: true, formatter: endLabelParts(spec, L.fits, c, total).rich } };
      }),
      label: { position: 'right', distance: 6, rich },
    });
  }
  return {
    animation: false,
    backgroundColor: '#FFFFFF',
    textStyle: { fontFamily: FONT_FAMILY, fontWeight: 'normal' },
    title: [{
      text: spec.title,
      subtext: spec.subtitle ?? '',
      left: PAD - 4,
      top: PAD - 8,
      itemGap: 8,
      textStyle: { fontSize: TITLE_FONT, lineHeight: 26, color: TEXT, fontWeight: 'normal', fontFamily: FONT_FAMILY, width: L.width - 2 * PAD, overflow: 'break' },
      subtextStyle: { fontSize: FONT, lineHeight: 18, color: MUTED, fontFamily: FONT_FAMILY, width: L.width - 2 * PAD, overflow: 'break' },
    }, {
      // Says what the end-of-bar numbers are, so a reader of a printed briefing needs no explanation.
      show: L.note,
      text: L.note ? NOTES[spec.language](L.fits.some((row, i) => row.some((f, c) => !f && spec.series[i]!.values[c]! > 0))) : '',
      left: PAD - 4,
      bottom: 6,
      textStyle: { fontSize: LABEL_FONT, color: MUTED, fontWeight: 'normal', fontFamily: FONT_FAMILY },
    }],
    legend: {
      data: spec.series.map((s) => s.name),
      top: L.legendTop,
      width: L.width - 2 * PAD,
      left: PAD - 4,
      icon: 'rect',
      itemWidth: 14,
      itemHeight: 14,
      itemGap: 20,
      textStyle: { fontSize: FONT, color: TEXT, fontFamily: FONT_FAMILY },
    },
    grid: { top: L.gridTop, left: L.gridLeft, width: L.plotWidth, bottom: L.gridBottom, containLabel: false },
    xAxis: {
      type: 'value',
      min: 0,
      max: L.axisMax,
      interval: L.step,
      name: spec.valueAxisLabel,
      nameLocation: 'middle',
      nameGap: 30,
      nameTextStyle: { fontSize: FONT, color: MUTED },
      axisLabel: { fontSize: LABEL_FONT, color: MUTED, formatter: (v: number) => v.toLocaleString(spec.language === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 }) },
      splitLine: { lineStyle: { color: '#E4E7EB' } },
    },
    yAxis: {
      type: 'category',
      inverse: true, // first category on top, as in the report
      data: spec.categories,
      name: spec.categoryAxisLabel,
      nameLocation: 'start',
      nameGap: 12,
      nameTextStyle: { fontSize: FONT, color: MUTED, align: 'right', padding: [0, 12, 0, 0] },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#9AA1AA' } },
      axisLabel: { fontSize: FONT, color: TEXT, margin: 12, width: L.labelWidth, overflow: L.labelLines > 1 ? 'break' : 'none', lineHeight: 16 },
    },
    series,
  };
}

/** The chart as an SVG string (text as <text> in the bundled font's family). */
export function renderChartSvg(spec: ChartSpec, size: ChartSize = {}): string {
  const parsed = ChartSpecSchema.parse(spec);
  const L = layout(parsed, ChartSizeSchema.parse(size));
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: L.width, height: L.height });
  try {
    chart.setOption(buildOption(parsed, L));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The chart as PNG, width × height px (height defaults to what the categories need); rasterised off the main thread. */
/** Recent charts by spec: a team channel asks the same counts again and again, and a render costs ~100 ms. */
const RECENT_CHARTS = new Map<string, Promise<RenderedChart>>();
const RECENT_CHART_LIMIT = 64;

export async function renderChartPng(spec: ChartSpec, size: ChartSize = {}, options: { cache?: boolean } = {}): Promise<RenderedChart> {
  const key = JSON.stringify([spec, size]);
  if (options.cache === false) return renderUncached(spec, size);
  const cached = RECENT_CHARTS.get(key);
  if (cached) {
    // Least recently used goes first: re-inserting moves this one to the end.
    RECENT_CHARTS.delete(key);
    RECENT_CHARTS.set(key, cached);
    return cached;
  }
  const rendering = renderUncached(spec, size);
  RECENT_CHARTS.set(key, rendering);
  // A failed render is not remembered.
  rendering.catch(() => RECENT_CHARTS.delete(key));
  while (RECENT_CHARTS.size > RECENT_CHART_LIMIT) RECENT_CHARTS.delete(RECENT_CHARTS.keys().next().value!);
  return rendering;
}

async function renderUncached(spec: ChartSpec, size: ChartSize): Promise<RenderedChart> {
  const svg = renderChartSvg(spec, size);
  const { png, width, height } = await rasterize(svg);
  return { png, svg, width, height };
}
