// Just enough PNG reading for the chart tests: the IHDR header, and RGBA pixels of the 8-bit RGBA,
// non-interlaced images resvg writes. Written here so the tests check the bytes renderChartPng returns.
import { inflateSync } from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

type Chunk = { type: string; data: Buffer };
function chunks(png: Buffer): Chunk[] {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  const out: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    out.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length; // length, type, data, CRC
  }
  return out;
}

export function pngHeader(png: Buffer): { width: number; height: number; bitDepth: number; colorType: number; interlace: number } {
  const ihdr = chunks(png)[0]!;
  if (ihdr.type !== 'IHDR') throw new Error('first chunk is not IHDR');
  const d = ihdr.data;
  return { width: d.readUInt32BE(0), height: d.readUInt32BE(4), bitDepth: d[8]!, colorType: d[9]!, interlace: d[12]! };
}

/** RGBA bytes, row-major. Only colour type 6 (RGBA), bit depth 8, no interlace. */
export function pngPixels(png: Buffer): { width: number; height: number; rgba: Buffer } {
  const h = pngHeader(png);
  if (h.bitDepth !== 8 || h.colorType !== 6 || h.interlace !== 0) throw new Error(`unsupported PNG ${JSON.stringify(h)}`);
  const raw = inflateSync(Buffer.concat(chunks(png).filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = h.width * 4;
  const rgba = Buffer.alloc(stride * h.height);
  for (let y = 0; y < h.height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const b = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1
        : pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      rgba[y * stride + x] = (line[x]! + pred) & 0xff;
    }
  }
  return { width: h.width, height: h.height, rgba };
}

/** Pixels in the box clearly darker than the white background (text and bars). */
export function inkInBox(img: { width: number; rgba: Buffer }, box: { x: number; y: number; w: number; h: number }): number {
  let ink = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) {
      const i = (y * img.width + x) * 4;
      if ((img.rgba[i]! + img.rgba[i + 1]! + img.rgba[i + 2]!) / 3 < 160) ink++;
    }
  }
  return ink;
}

/** The box's pixels as one buffer, to compare two renderings of it. */
export function boxBytes(img: { width: number; rgba: Buffer }, box: { x: number; y: number; w: number; h: number }): Buffer {
  const rows: Buffer[] = [];
  for (let y = box.y; y < box.y + box.h; y++) rows.push(img.rgba.subarray((y * img.width + box.x) * 4, (y * img.width + box.x + box.w) * 4));
  return Buffer.concat(rows);
}
