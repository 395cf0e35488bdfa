// A scanned page is usually one image drawn over the whole page. Its pixels, as pdf.js decoded
// them while reading the page's operators, are the page: taking them saves rendering the page on a
// canvas and copying it back (a quarter second and two page-sized buffers a page). Anything else
// (several images, an image placed, turned or scaled, drawing over it) is rendered as before.

import { greyDroppingColour, type Grey } from "./image.js";

/** pdf.js ImageKind: 1 bit a pixel (set = white), RGB, RGBA. */
const GRAYSCALE_1BPP = 1;
const RGB_24BPP = 2;
const RGBA_32BPP = 3;

export interface PageImage {
  width: number;
  height: number;
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** The operators a page that is only a scan may hold besides painting its one image. */
type Ops = { fnArray: number[]; argsArray: unknown[] };

/**
 * The id of the image when the page draws exactly one image covering exactly the page (the
 * transform before it is [width 0 0 height x0 y0] of the page's box), and nothing else; else null.
 */
export function fullPageImage(ops: Ops, OPS: Record<string, number>, view: number[]): string | null {
  const [x0, y0, x1, y1] = view as [number, number, number, number];
  const quiet = new Set([OPS.save, OPS.restore, OPS.dependency, OPS.transform, OPS.paintImageXObject]);
  let id: string | null = null;
  let ctm: number[] = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const f = ops.fnArray[i]!;
    if (!quiet.has(f)) return null;
    const args = ops.argsArray[i] as unknown[];
    if (f === OPS.save) stack.push(ctm);
    else if (f === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (f === OPS.transform) ctm = multiply(ctm, args as number[]);
    else if (f === OPS.paintImageXObject) {
      if (id !== null) return null;
      const [a, b, c, d, e, g] = ctm as [number, number, number, number, number, number];
      const near = (u: number, v: number) => Math.abs(u - v) < 0.5;
      if (!(near(a, x1 - x0) && near(b, 0) && near(c, 0) && near(d, y1 - y0) && near(e, x0) && near(g, y0))) return null;
      id = String(args[0]);
    }
  }
  return id;
}

function multiply(m: number[], n: number[]): number[] {
  const [a, b, c, d, e, f] = m as [number, number, number, number, number, number];
  const [p, q, r, s, t, u] = n as [number, number, number, number, number, number];
  return [p * a + q * c, p * b + q * d, r * a + s * c, r * b + s * d, t * a + u * c + e, t * b + u * d + f];
}

/**
 * The image as grey, from its brightest channel (greyDroppingColour, as for a rendered page: a red
 * seal or a blue signature drops out); null for a kind pdf.js did not decode to pixels.
 */
export function greyOfImage(img: PageImage): Grey | null {
  const { width: w, height: h, kind, data: src } = img;
  if (kind === GRAYSCALE_1BPP) {
    const rowBytes = (w + 7) >> 3;
    if (src.length < rowBytes * h) return null;
    // white paper first; then a byte at a time, only those with black in them, and the row's last few
    const data = new Uint8Array(w * h).fill(255);
    const whole = w >> 3;
    for (let y = 0; y < h; y++) {
      let s = y * rowBytes;
      let o = y * w;
      for (let k = 0; k < whole; k++, s++, o += 8) {
        const b = src[s]!;
        if (b === 255) continue;
        data[o] = -((b >> 7) & 1) & 255;
        data[o + 1] = -((b >> 6) & 1) & 255;
        data[o + 2] = -((b >> 5) & 1) & 255;
        data[o + 3] = -((b >> 4) & 1) & 255;
        data[o + 4] = -((b >> 3) & 1) & 255;
        data[o + 5] = -((b >> 2) & 1) & 255;
        data[o + 6] = -((b >> 1) & 1) & 255;
        data[o + 7] = -(b & 1) & 255;
      }
      for (let x = whole << 3; x < w; x++, o++) data[o] = src[s]! & (128 >> (x & 7)) ? 255 : 0;
    }
    return { width: w, height: h, data };
  }
  const channels = kind === RGB_24BPP ? 3 : kind === RGBA_32BPP ? 4 : 0;
  if (!channels || src.length < w * h * channels) return null;
  return greyDroppingColour(src, w, h, channels);
}
