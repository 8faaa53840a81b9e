import { describe, expect, it } from 'vitest';
import { renderAsync } from '@resvg/resvg-js';
import { ChartSpecSchema, FONT_FAMILY, formatValue, renderChartPng, renderChartSvg, seriesColor, STATUS_COLORS, type ChartSpec } from '../../present/chart.ts';
import { rasterize, svgText } from '../../present/chart-font.ts';
import { FontCutter } from '../../present/font-subset.ts';
import { exampleSpec } from './chart-example.ts';
import { boxBytes, inkInBox, PNG_SIGNATURE, pngHeader, pngPixels } from './png.ts';

/** Text content of every <text> element, unescaped. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  );
}
const count = (xs: string[], x: string) => xs.filter((t) => t === x).length;

/** Every non-zero cell (and, when stacked, every bar total) must be drawn as its own number. */
function expectEveryNumber(spec: ChartSpec, texts: string[]): void {
  const needed = new Map<string, number>();
  const want = (v: number) => v > 0 && needed.set(formatValue(v, spec.language), (needed.get(formatValue(v, spec.language)) ?? 0) + 1);
  for (const s of spec.series) s.values.forEach(want);
  if (spec.stacked) spec.categories.forEach((_, c) => want(spec.series.reduce((sum, s) => sum + s.values[c]!, 0)));
  // Axis ticks can add more of a number, never fewer.
  for (const [text, n] of needed) expect(count(texts, text), `number ${text}`).toBeGreaterThanOrEqual(n);
}

describe('renderChartSvg', () => {
  for (const [name, spec] of [
    ['Chinese, stacked', exampleSpec('zh')],
    ['English, stacked', exampleSpec('en')],
    ['Chinese, grouped', exampleSpec('zh', false)],
  ] as const) {
    it(`draws the title, every category, every series name and every number (${name})`, () => {
      const svg = renderChartSvg(spec);
      const texts = svgTexts(svg);
      expect(texts).toContain(spec.title);
      expect(texts).toContain(spec.subtitle);
      expect(texts).toContain(spec.categoryAxisLabel);
      expect(texts).toContain(spec.valueAxisLabel);
      for (const c of spec.categories) expect(texts).toContain(c);
      for (const s of spec.series) expect(texts).toContain(s.name);
      expectEveryNumber(spec, texts);
      // Every text is set in the bundled font's family, so resvg never needs another font.
      const families = new Set([...svg.matchAll(/font-family:([^;"]+)/g)].map((m) => m[1]!.trim()));
      expect([...families]).toEqual([FONT_FAMILY]);
    });
  }

  it('keeps a status colour whatever the order or language of the series', () => {
    const zh = exampleSpec('zh');
    const reversed = { ...zh, series: [...zh.series].reverse() };
    const svg = renderChartSvg(reversed);
    expect(seriesColor({ name: '推迟' }, 0)).toBe(STATUS_COLORS.postponed);
    expect(seriesColor({ name: 'Below plan' }, 3)).toBe(STATUS_COLORS.below_plan);
    expect(seriesColor({ name: '任意', status: 'completed' }, 4)).toBe(STATUS_COLORS.completed);
    for (const color of Object.values(STATUS_COLORS)) expect(svg).toContain(`fill="${color}"`);
  });

  it('labels narrow segments after the bar instead of dropping them, and escapes markup in names', () => {
    const spec: ChartSpec = {
      title: 'R&D <offices>', language: 'en', categoryAxisLabel: 'Office', valueAxisLabel: 'Outputs',
      categories: ['(a) Big & small', '(b) Tiny'],
      series: [{ name: 'Completed', values: [500, 1] }, { name: 'Postponed', values: [1, 2] }, { name: 'Below plan', values: [3, 0] }],
      stacked: true,
    };
    const svg = renderChartSvg(spec);
    expect(svg).not.toContain('<offices>');
    const texts = svgTexts(svg);
    expect(texts).toContain('R&D <offices>');
    expect(texts).toContain('(a) Big & small');
    expectEveryNumber(spec, texts);
    expect(count(texts, '■')).toBeGreaterThanOrEqual(3); // 1, 3 beside bar (a); bar (b) is all narrow
  });

  it('draws 15 long office names without squeezing the plot away', () => {
    const categories = Array.from({ length: 15 }, (_, i) => `(${String.fromCharCode(97 + i)}) 联合国监察员和调解事务办公室${i}`);
    const spec: ChartSpec = {
      title: '各办公室', language: 'zh', categoryAxisLabel: '办公室', valueAxisLabel: '产出数量', categories,
      series: [{ name: '已完成', values: categories.map((_, i) => i * 3) }, { name: '推迟', values: categories.map((_, i) => i % 4) }],
      stacked: true,
    };
    const svg = renderChartSvg(spec);
    for (const c of categories) expect(svgTexts(svg)).toContain(c);
    expectEveryNumber(spec, svgTexts(svg));
  });

  it('rejects a spec whose series do not match the categories', () => {
    const bad = { ...exampleSpec('zh'), series: [{ name: '推迟', values: [1, 2] }] };
    expect(ChartSpecSchema.safeParse(bad).success).toBe(false);
    expect(() => renderChartSvg(bad)).toThrow(/values for 12 categories/);
    expect(() => renderChartSvg({ ...exampleSpec('zh'), series: [{ name: 'x', values: Array(12).fill(-1) }] })).toThrow();
    expect(() => renderChartSvg(exampleSpec('zh'), { width: 0 })).toThrow();
  });
});

describe('renderChartPng', () => {
  it('returns a PNG of exactly the requested size, with the SVG it came from', async () => {
    const spec = exampleSpec('zh');
    const out = await renderChartPng(spec, { width: 900, height: 520 });
    expect(out.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngHeader(out.png)).toMatchObject({ width: 900, height: 520 });
    expect([out.width, out.height]).toEqual([900, 520]);
    expect(out.svg).toContain('width="900" height="520"');
  });

  it('sizes the height to the categories when only a width is given', async () => {
    const few = await renderChartPng({ ...exampleSpec('en'), categories: ['A', 'B'], series: [{ name: 'Postponed', values: [1, 2] }] });
    const many = await renderChartPng(exampleSpec('en'));
    expect(pngHeader(few.png)).toMatchObject({ width: 1200, height: few.height });
    expect(pngHeader(many.png)).toMatchObject({ width: 1200, height: many.height });
    expect(many.height).toBeGreaterThan(few.height + 300);
  });

  describe('draws Chinese with the bundled font', () => {
    // A chart whose text is Chinese only; the title's line (top-left, 20 px) holds nothing else.
    const chineseOnly = (title: string): ChartSpec => ({
      title, language: 'zh', categoryAxisLabel: '部门', valueAxisLabel: '数量',
      categories: ['维持和平行动部', '外勤支助部'], series: [{ name: '推迟', values: [0, 0] }], stacked: false,
    });
    const titleBox = { x: 18, y: 14, w: 7 * 20 + 8, h: 28 };

    it('puts glyph ink in the title area, and different characters give different ink (no tofu boxes)', async () => {
      const a = pngPixels((await renderChartPng(chineseOnly('维持和平行动部'), { width: 600, height: 300 })).png);
      const b = pngPixels((await renderChartPng(chineseOnly('内部监督事务厅'), { width: 600, height: 300 })).png);
      expect(inkInBox(a, titleBox)).toBeGreaterThan(150);
      expect(inkInBox(b, titleBox)).toBeGreaterThan(150);
      // Missing glyphs would all be the same .notdef box: the same pixels for any seven characters.
      expect(boxBytes(a, titleBox).equals(boxBytes(b, titleBox))).toBe(false);
    });

    it('and the check above would fail without the font: no font, no ink', async () => {
      const { svg } = await renderChartPng(chineseOnly('维持和平行动部'), { width: 600, height: 300 });
      const bare = await renderAsync(svg, { font: { loadSystemFonts: false }, background: '#FFFFFF' });
      expect(inkInBox(pngPixels(bare.asPng()), titleBox)).toBe(0);
    });
  });

  describe('the per-chart cut of the font (present/font-subset.ts)', () => {
    for (const language of ['zh', 'en'] as const) {
      it(`draws exactly what the whole font draws (${language})`, async () => {
        const { png, svg } = await renderChartPng(exampleSpec(language));
        const whole = await rasterize(svg, { fullFont: true });
        expect(pngPixels(png).rgba.equals(pngPixels(whole.png).rgba)).toBe(true);
      });
    }

    it('keeps only the glyphs the SVG draws, and is a fraction of the whole file', async () => {
      const { readFileSync } = await import('node:fs');
      const { fontPath } = await import('../../present/chart-font.ts');
      const full = readFileSync(fontPath());
      const cutter = FontCutter.from(full)!;
      expect(cutter).not.toBeNull();
      const text = svgText(renderChartSvg(exampleSpec('zh')));
      expect(text).toContain('维持和平行动部');
      const cut = cutter.cut(cutter.glyphs(text));
      expect(cut.length).toBeLessThan(full.length / 5);
      expect(cutter.glyphs('维')).toHaveLength(2); // .notdef and 维
      expect(cutter.glyphs('维')[1]).toBeGreaterThan(0);
    });
  });
});
