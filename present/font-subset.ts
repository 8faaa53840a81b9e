// A per-chart cut of the Noto Sans SC Regular font: the same file with the outline of every CJK character the
// chart does not draw replaced by an empty one.
//
// Why: resvg-js (Node binding) takes fonts only as file paths, and re-reads the whole file for each text run
// and glyph it draws. With the 8 MB CJK font that is ~1.3 ms per <text> element, ~370 ms for a 12-department
// chart; with the cut (~1 MB) it is a fraction of that. Glyph ids stay the same (only the CFF CharStrings change),
// so cmap, hmtx, GSUB and GPOS are copied as they are. Only glyphs that cmap maps CJK code points to are
// emptied — they are most of the 7.5 MB of outlines — while Latin, punctuation, ligatures and every glyph
// reachable only through GSUB keep theirs, so a substitution (the "fi" ligature, say) never lands on an
// emptied glyph. The vertical-writing tables and the (now invalid) signature are dropped.
// Anything unexpected in the font makes cut() return null and the caller use the whole file.

type Table = { tag: string; data: Buffer };
type Index = { start: number; end: number; items: [number, number][] };
type DictArg = { value: number; encoding: number; at: number };
type DictEntry = { op: string; args: DictArg[] };

const DROP = new Set(['DSIG', 'vhea', 'vmtx', 'VORG']);
const ENDCHAR = Buffer.from([14]);
// CJK ideographs (with extensions and compatibility forms), kana and Hangul: the bulk of the outlines.
const CJK_RANGES: [number, number][] = [[0x3040, 0x30ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xac00, 0xd7af], [0xf900, 0xfaff], [0x20000, 0x2fa1f]];

function readTables(font: Buffer): Table[] {
  const n = font.readUInt16BE(4);
  return Array.from({ length: n }, (_, i) => {
    const o = 12 + i * 16;
    const offset = font.readUInt32BE(o + 8);
    return { tag: font.toString('latin1', o, o + 4), data: font.subarray(offset, offset + font.readUInt32BE(o + 12)) };
  });
}

function writeSfnt(version: Buffer, tables: Table[]): Buffer {
  const n = tables.length;
  const head = Buffer.alloc(12 + 16 * n);
  version.copy(head, 0, 0, 4);
  const es = Math.floor(Math.log2(n));
  head.writeUInt16BE(n, 4);
  head.writeUInt16BE(2 ** es * 16, 6);
  head.writeUInt16BE(es, 8);
  head.writeUInt16BE(n * 16 - 2 ** es * 16, 10);
  const bodies: Buffer[] = [];
  let at = head.length;
  [...tables].sort((a, b) => (a.tag < b.tag ? -1 : 1)).forEach((t, i) => {
    const body = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(body);
    let sum = 0;
    for (let p = 0; p < body.length; p += 4) sum = (sum + body.readUInt32BE(p)) >>> 0;
    const o = 12 + i * 16;
    head.write(t.tag, o, 'latin1');
    head.writeUInt32BE(sum, o + 4);
    head.writeUInt32BE(at, o + 8);
    head.writeUInt32BE(t.data.length, o + 12);
    bodies.push(body);
    at += body.length;
  });
  return Buffer.concat([head, ...bodies]);
}

/** code point -> glyph id, from the format 12 (full Unicode) or format 4 (BMP) subtable. */
function cmapLookup(cmap: Buffer): ((cp: number) => number) | null {
  const n = cmap.readUInt16BE(2);
  let f4: number | null = null;
  for (let i = 0; i < n; i++) {
    const platform = cmap.readUInt16BE(4 + i * 8), encoding = cmap.readUInt16BE(6 + i * 8), off = cmap.readUInt32BE(8 + i * 8);
    const format = cmap.readUInt16BE(off);
    if (format === 12 && platform === 3 && encoding === 10) {
      const groups = cmap.readUInt32BE(off + 12);
      return (cp) => {
        let lo = 0, hi = groups - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1, g = off + 16 + mid * 12;
          if (cp < cmap.readUInt32BE(g)) hi = mid - 1;
          else if (cp > cmap.readUInt32BE(g + 4)) lo = mid + 1;
          else return cmap.readUInt32BE(g + 8) + cp - cmap.readUInt32BE(g);
        }
        return 0;
      };
    }
    if (format === 4 && platform === 3 && encoding === 1) f4 = off;
  }
  if (f4 === null) return null;
  const off = f4, segs = cmap.readUInt16BE(off + 6) / 2;
  const ends = off + 14, starts = ends + segs * 2 + 2, deltas = starts + segs * 2, ranges = deltas + segs * 2;
  return (cp) => {
    for (let s = 0; s < segs; s++) {
      if (cp > cmap.readUInt16BE(ends + s * 2)) continue;
      const start = cmap.readUInt16BE(starts + s * 2);
      if (cp < start) return 0;
      const delta = cmap.readInt16BE(deltas + s * 2), ro = cmap.readUInt16BE(ranges + s * 2);
      if (ro === 0) return (cp + delta) & 0xffff;
      const g = cmap.readUInt16BE(ranges + s * 2 + ro + (cp - start) * 2);
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
}

function readIndex(c: Buffer, at: number): Index {
  const count = c.readUInt16BE(at);
  if (count === 0) return { start: at, end: at + 2, items: [] };
  const size = c[at + 2]!;
  const off = (i: number) => c.readUIntBE(at + 3 + i * size, size);
  const base = at + 2 + (count + 1) * size; // offsets are 1-based from the byte before the data
  const items: [number, number][] = [];
  for (let i = 0; i < count; i++) items.push([base + off(i), base + off(i + 1)]);
  return { start: at, end: base + off(count), items };
}

function writeIndex(items: Buffer[]): Buffer {
  const total = items.reduce((s, b) => s + b.length, 0) + 1;
  const size = total < 0x100 ? 1 : total < 0x10000 ? 2 : total < 0x1000000 ? 3 : 4;
  const head = Buffer.alloc(3 + (items.length + 1) * size);
  head.writeUInt16BE(items.length, 0);
  head[2] = size;
  let o = 1;
  items.forEach((b, i) => (head.writeUIntBE(o, 3 + i * size, size), (o += b.length)));
  head.writeUIntBE(o, 3 + items.length * size, size);
  return Buffer.concat([head, ...items]);
}

function readDict(c: Buffer, start: number, end: number): DictEntry[] {
  const out: DictEntry[] = [];
  let args: DictArg[] = [];
  for (let p = start; p < end; ) {
    const b = c[p]!;
    if (b <= 21) {
      const op = b === 12 ? `12 ${c[p + 1]}` : String(b);
      p += b === 12 ? 2 : 1;
      out.push({ op, args });
      args = [];
    } else if (b === 28) (args.push({ value: c.readInt16BE(p + 1), encoding: 28, at: p }), (p += 3));
    else if (b === 29) (args.push({ value: c.readInt32BE(p + 1), encoding: 29, at: p }), (p += 5));
    else if (b === 30) {
      let q = p + 1;
      while ((c[q]! & 0x0f) !== 0x0f && c[q]! >> 4 !== 0x0f) q++;
      args.push({ value: NaN, encoding: 30, at: p });
      p = q + 1;
    } else if (b >= 32 && b <= 246) (args.push({ value: b - 139, encoding: 1, at: p }), p++);
    else if (b >= 247 && b <= 250) (args.push({ value: (b - 247) * 256 + c[p + 1]! + 108, encoding: 2, at: p }), (p += 2));
    else if (b >= 251 && b <= 254) (args.push({ value: -(b - 251) * 256 - c[p + 1]! - 108, encoding: 2, at: p }), (p += 2));
    else throw new Error(`bad CFF DICT byte ${b}`);
  }
  return out;
}

// Top DICT / Font DICT operators whose (last) operand is an offset from the start of the CFF table.
const OFFSET_OPS = new Set(['15', '16', '17', '18', '12 36', '12 37']);

export class FontCutter {
  private readonly tables: Table[];
  private readonly version: Buffer;
  private readonly glyphOf: (cp: number) => number;
  private readonly cff: Buffer;
  private readonly charStrings: Index;
  /** Glyphs of CJK code points: the ones a cut may empty. */
  private readonly cjk = new Set<number>();
  /** Positions (in the CFF table) of 5-byte offset operands that point past the CharStrings and must move. */
  private readonly shifted: number[] = [];

  private constructor(font: Buffer) {
    this.version = font.subarray(0, 4);
    this.tables = readTables(font);
    const get = (tag: string) => this.tables.find((t) => t.tag === tag)?.data;
    const cmap = get('cmap'), cff = get('CFF ');
    if (!cmap || !cff || cff[0] !== 1) throw new Error('not a CFF OpenType font');
    const lookup = cmapLookup(cmap);
    if (!lookup) throw new Error('no Unicode cmap');
    this.glyphOf = lookup;
    for (const [from, to] of CJK_RANGES) for (let cp = from; cp <= to; cp++) this.cjk.add(lookup(cp));
    this.cjk.delete(0);
    this.cff = cff;
    const names = readIndex(cff, cff[2]!);
    const top = readIndex(cff, names.end);
    if (top.items.length !== 1) throw new Error('CFF with more than one font');
    const topDict = readDict(cff, ...top.items[0]!);
    const cs = topDict.find((d) => d.op === '17')?.args[0];
    if (!cs) throw new Error('no CharStrings');
    this.charStrings = readIndex(cff, cs.value);
    const dicts = [topDict];
    const fdArray = topDict.find((d) => d.op === '12 36')?.args[0];
    if (fdArray) for (const [s, e] of readIndex(cff, fdArray.value).items) dicts.push(readDict(cff, s, e));
    for (const d of dicts.flat()) {
      if (!OFFSET_OPS.has(d.op) || d.op === '17') continue;
      const arg = d.args[d.args.length - 1]!;
      if (arg.value < this.charStrings.end) {
        if (arg.value > this.charStrings.start) throw new Error('CFF structure inside the CharStrings');
        continue; // before the CharStrings: unmoved
      }
      if (arg.encoding !== 29) throw new Error('CFF offset not in 5-byte form');
      this.shifted.push(arg.at);
    }
  }

  /** null when the font is not laid out as this cutter expects. */
  static from(font: Buffer): FontCutter | null {
    try {
      return new FontCutter(font);
    } catch {
      return null;
    }
  }

  /** Glyph ids the characters of `text` map to, .notdef included. */
  glyphs(text: string): number[] {
    const ids = new Set([0]);
    for (const ch of text) ids.add(this.glyphOf(ch.codePointAt(0)!));
    return [...ids].sort((a, b) => a - b);
  }

  /** The font with the CJK glyphs not in `glyphs` emptied. */
  cut(glyphs: Iterable<number>): Buffer {
    const keep = new Set(glyphs);
    const { cff, charStrings: cs, cjk } = this;
    const strings = cs.items.map(([s, e], gid) => (keep.has(gid) || !cjk.has(gid) ? cff.subarray(s, e) : ENDCHAR));
    const newCs = writeIndex(strings);
    const delta = newCs.length - (cs.end - cs.start);
    const before = Buffer.from(cff.subarray(0, cs.start));
    const after = Buffer.from(cff.subarray(cs.end));
    for (const at of this.shifted) {
      // Offsets sit either in the Top DICT (before the CharStrings) or in Font DICTs (after them).
      const [buf, pos] = at < cs.start ? [before, at] : [after, at - cs.end];
      buf.writeInt32BE(buf.readInt32BE(pos + 1) + delta, pos + 1);
    }
    const newCff = Buffer.concat([before, newCs, after]);
    const tables = this.tables.filter((t) => !DROP.has(t.tag)).map((t) => (t.tag === 'CFF ' ? { tag: t.tag, data: newCff } : t));
    return writeSfnt(this.version, tables);
  }
}
