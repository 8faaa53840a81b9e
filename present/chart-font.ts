// SVG -> PNG with resvg and the bundled Noto Sans SC Regular font, and nothing else: no system fonts, so the
// PNG is the same on every machine, and a missing glyph cannot silently come from some other font.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { renderAsync } from '@resvg/resvg-js';
import { FontCutter } from './font-subset.ts';

/** The family name inside NotoSansHans-Regular.otf; the SVG names it so resvg picks that face. */
export const FONT_FAMILY = 'Noto Sans S Chinese';
const FONT_FILE = 'NotoSansHans-Regular.otf';

/** Path of the Regular weight only: the package ships five weights of ~8 MB each. */
export function fontPath(): string {
  // The package exports only its JS entry, so find the fonts folder next to it.
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  const path = join(dirname(entry), '..', 'fonts', FONT_FILE);
  if (!existsSync(path)) throw new Error(`chart font not found: ${path} (is @embedpdf/fonts-sc installed?)`);
  return path;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** The characters the SVG draws: the content of its <text> elements, entities decoded. */
export function svgText(svg: string): string {
  let out = ' ';
  for (const m of svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)) {
    out += m[1]!
      .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
      .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
      .replace(/&(\w+);/g, (e, name: string) => ENTITIES[name] ?? e);
  }
  return out;
}

// Cut fonts (see font-subset.ts for why) are kept in a private temp folder, one file per glyph set: charts of
// the same units reuse one. Files in use by a running render are never evicted (resvg reads them throughout).
const MAX_CUTS = 16;
let cutter: FontCutter | null | undefined;
let folder: string | undefined;
const cuts = new Map<string, { path: string; users: number }>();

const PREFIX = 'chart-font-';
function makeFolder(): string {
  // A process that was killed (test workers often are) could not remove its folder: remove those first.
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(name.slice(PREFIX.length).split('-')[0]);
    if (name.startsWith(PREFIX) && pid > 0 && !alive(pid)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function cutFor(svg: string): { path: string; release: () => void } {
  const full = fontPath();
  if (cutter === undefined) cutter = FontCutter.from(readFileSync(full)); // once; null = use the whole file
  if (!cutter) return { path: full, release: () => {} };
  const glyphs = cutter.glyphs(svgText(svg));
  const key = createHash('sha1').update(glyphs.join(',')).digest('hex').slice(0, 20);
  let entry = cuts.get(key);
  if (entry) cuts.delete(key); // re-inserted below: Map order doubles as least-recently-used order
  else {
    folder ??= makeFolder();
    entry = { path: join(folder, `${key}.otf`), users: 0 };
  }
  // Written when new, and again if a temp cleaner removed it (resvg would silently draw no text at all).
  if (!existsSync(entry.path)) {
    mkdirSync(dirname(entry.path), { recursive: true });
    writeFileSync(`${entry.path}.tmp`, cutter.cut(glyphs));
    renameSync(`${entry.path}.tmp`, entry.path);
  }
  cuts.set(key, entry);
  for (const [k, e] of cuts) {
    if (cuts.size <= MAX_CUTS) break;
    if (e.users === 0 && e !== entry) (cuts.delete(k), rmSync(e.path, { force: true }));
  }
  const e = entry;
  e.users++;
  return { path: e.path, release: () => void e.users-- };
}

export type Raster = { png: Buffer; width: number; height: number };

/** Rasterise on the libuv thread pool (resvg's renderAsync), never on the main thread. */
export async function rasterize(svg: string, options: { fullFont?: boolean } = {}): Promise<Raster> {
  const font = options.fullFont ? { path: fontPath(), release: () => {} } : cutFor(svg);
  try {
    const image = await renderAsync(svg, {
      font: { fontFiles: [font.path], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
      background: '#FFFFFF',
      fitTo: { mode: 'original' },
      logLevel: 'off',
    });
    return { png: image.asPng(), width: image.width, height: image.height };
  } finally {
    font.release();
  }
}
