// Image preparation for OCR, on plain greyscale pixel arrays: grey from the brightest of the
// three channels (a red seal or a blue signature turns white, black print stays black), the
// paper's uneven light levelled out, the skew measured and taken out, the rows of a photographed
// table straightened so that its borders stand upright, ruling lines (table borders) found and
// then erased so the recogniser reads only text.

export interface Grey {
  width: number;
  height: number;
  /** One byte per pixel, 0 black … 255 white, row by row. */
  data: Uint8Array;
}

/**
 * RGBA (or RGB, `channels` 3) → grey as max(R, G, B): coloured ink (red seals, blue signatures)
 * drops out.
 */
export function greyDroppingColour(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: 3 | 4 = 4): Grey {
  const data = new Uint8Array(width * height);
  for (let i = 0, o = 0; i < data.length; i++, o += channels) {
    const r = rgba[o]!;
    const g = rgba[o + 1]!;
    const b = rgba[o + 2]!;
    // a saturated colour is not print: take the brightest channel; grey ink keeps its level
    data[i] = r > g ? (r > b ? r : b) : g > b ? g : b;
  }
  return { width, height, data };
}

/**
 * Levels the paper: each pixel divided by the paper's brightness around it (the largest value in
 * its neighbourhood of blocks), so a page lit from one side or photographed in shadow has white
 * paper everywhere.
 */
export function levelPaper(img: Grey, block = 48): void {
  const { width: w, height: h, data } = img;
  const bw = Math.ceil(w / block);
  const bh = Math.ceil(h / block);
  // a block's paper: the level a tenth of its pixels reach (its brightest pixel would be the
  // overshoot a JPEG rings with beside print, or a grain of noise: on dark paper, that lifted the
  // paper's level and left a grey cloud around the text)
  const max = new Uint8Array(bw * bh);
  const hist = new Uint32Array(bw * 256);
  for (let by = 0; by < bh; by++) {
    hist.fill(0);
    const y1 = Math.min(h, (by + 1) * block);
    for (let y = by * block; y < y1; y++)
      for (let bx = 0, i = y * w; bx < bw; bx++)
        for (let o = bx * 256, e = Math.min(w, (bx + 1) * block) + y * w; i < e; i++) hist[o + data[i]!]!++;
    for (let bx = 0; bx < bw; bx++) {
      const n = (Math.min(w, (bx + 1) * block) - bx * block) * (y1 - by * block);
      let v = 255;
      for (let seen = 0, o = bx * 256; v > 0; v--) if ((seen += hist[o + v]!) * 10 >= n) break;
      max[by * bw + bx] = v;
    }
  }
  // the paper around a block: the brightest of it and its neighbours (a block inside a thick
  // black bar then still sees paper), never darker than a quarter white
  const paper = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++)
    for (let bx = 0; bx < bw; bx++) {
      let m = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const x = bx + dx;
          const y = by + dy;
          if (x >= 0 && y >= 0 && x < bw && y < bh) m = Math.max(m, max[y * bw + x]!);
        }
      paper[by * bw + bx] = Math.max(m, 64);
    }
  // the bilinear weights along a row are the same on every row
  const X0 = new Int32Array(w);
  const X1 = new Int32Array(w);
  const TX = new Float64Array(w);
  for (let x = 0; x < w; x++) {
    const fx = Math.min(Math.max(x / block - 0.5, 0), bw - 1);
    const x0 = fx | 0;
    X0[x] = x0;
    X1[x] = Math.min(x0 + 1, bw - 1);
    TX[x] = fx - x0;
  }
  // and so are, along the rows between two rows of blocks, the paper of those two rows interpolated across
  const top = new Float64Array(w);
  const bottom = new Float64Array(w);
  let at = -1;
  for (let y = 0; y < h; y++) {
    const fy = Math.min(Math.max(y / block - 0.5, 0), bh - 1);
    const y0 = fy | 0;
    if (y0 !== at) {
      at = y0;
      const r0 = y0 * bw;
      const r1 = Math.min(y0 + 1, bh - 1) * bw;
      for (let x = 0; x < w; x++) {
        const tx = TX[x]!;
        const ux = 1 - tx;
        const x0 = X0[x]!;
        const x1 = X1[x]!;
        top[x] = paper[r0 + x0]! * ux + paper[r0 + x1]! * tx;
        bottom[x] = paper[r1 + x0]! * ux + paper[r1 + x1]! * tx;
      }
    }
    const ty = fy - y0;
    const uy = 1 - ty;
    for (let x = 0, i = y * w; x < w; x++, i++) {
      const v = (data[i]! * 255) / (top[x]! * uy + bottom[x]! * ty);
      data[i] = v >= 255 ? 255 : v;
    }
  }
}

/** Ink threshold on levelled grey. */
export const INK = 150;

/**
 * The pixels four at a time, for the passes over every pixel: most of a levelled page is paper at
 * 255, and a word of four such pixels (PAPER4) is skipped at once. Null when the pixels do not
 * start on a word's boundary (then every pixel is looked at).
 */
function quads(data: Uint8Array): Uint32Array | null {
  return data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, data.length >> 2) : null;
}
const PAPER4 = 0xffffffff;

/** Share of the page that is ink (after levelling), on a sample of rows. */
export function inkShare(img: Grey): number {
  let ink = 0;
  let n = 0;
  for (let y = 0; y < img.height; y += 3)
    for (let x = 0, i = y * img.width; x < img.width; x += 3, i += 3) {
      n++;
      if (img.data[i]! < INK) ink++;
    }
  return n ? ink / n : 0;
}

/**
 * The page's skew in degrees (positive: text lines fall to the right, clockwise), from the
 * projection profile of the ink: the angle at which rows of ink are sharpest. Searches ±5°.
 */
export function measureSkew(img: Grey): number {
  const { width: w, height: h, data } = img;
  const step = Math.max(1, Math.round(w / 1200));
  // the sampled ink points, as runs of neighbouring points along a row: their first column and
  // their number of points, and where each row's begin (room for 64 runs a row, more when a row
  // could overflow it)
  const rowsN = Math.ceil(h / step);
  const rowStart = new Int32Array(rowsN + 1);
  let runX = new Int32Array(rowsN * 64);
  let runN = new Int32Array(rowsN * 64);
  let n = 0;
  let runs = 0;
  for (let y = 0, r = 0; y < h; y += step, r++) {
    rowStart[r] = runs;
    if (runs + w > runX.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(Math.max(a.length * 2, runs + w));
        b.set(a);
        return b;
      };
      runX = grow(runX);
      runN = grow(runN);
    }
    let c = 0;
    for (let x = 0, i = y * w; x < w; x += step, i += step) {
      if (data[i]! < INK) {
        if (!c) runX[runs] = x;
        c++;
      } else if (c) {
        runN[runs++] = c;
        n += c;
        c = 0;
      }
    }
    if (c) {
      runN[runs++] = c;
      n += c;
    }
  }
  if (n < 100) return 0;
  rowStart[rowsN] = runs;
  const off = Math.ceil((w * 0.1) / step) + 2;
  // rows of the profile; a point falling outside them does not count: the counts are kept in a
  // wider array whose margins take those points (x·tan 5.25° < 0.1 w) and are left out of the score
  const size = rowsN + off + 2;
  const margin = off + 4;
  const bins = new Int32Array(size + 2 * margin);
  const shift = new Int32Array(w);
  const next = new Int32Array(w);
  // a point's bin only grows (or only falls) along a row: a run whose ends share a bin is all in it
  const score = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    if (step === 1) {
      // y is whole: round(y - x·t) is y + round(-x·t), one rounding per column instead of per point
      for (let x = 0; x < w; x++) shift[x] = Math.round(-x * t) + off + margin;
      // and the shift changes only every so many columns: where it next does, from each column
      next[w - 1] = w;
      for (let x = w - 2; x >= 0; x--) next[x] = shift[x + 1] !== shift[x] ? x + 1 : next[x + 1]!;
      for (let y = 0; y < rowsN; y++)
        for (let k = rowStart[y]!, e = rowStart[y + 1]!; k < e; k++) {
          // the run in pieces of one shift each
          let x = runX[k]!;
          const end = x + runN[k]!;
          for (;;) {
            const b = y + shift[x]!;
            const n = next[x]!;
            if (n >= end) {
              bins[b] = bins[b]! + end - x;
              break;
            }
            bins[b] = bins[b]! + n - x;
            x = n;
          }
        }
    } else
      for (let r = 0, y = 0; r < rowsN; r++, y += step)
        for (let k = rowStart[r]!, e = rowStart[r + 1]!; k < e; k++) {
          const x0 = runX[k]!;
          const c = runN[k]!;
          const b = Math.round((y - x0 * t) / step) + off + margin;
          if (b === Math.round((y - (x0 + (c - 1) * step) * t) / step) + off + margin) bins[b] = bins[b]! + c;
          else for (let j = 0, x = x0; j < c; j++, x += step) bins[Math.round((y - x * t) / step) + off + margin]!++;
        }
    let s = 0;
    for (let i = margin, e = margin + size; i < e; i++) s += bins[i]! * bins[i]!;
    return s;
  };
  let best = 0;
  let bestScore = -1;
  for (let a = -5; a <= 5.0001; a += 0.25) {
    const s = score(a);
    if (s > bestScore) (bestScore = s), (best = a);
  }
  const coarse = best;
  for (let a = coarse - 0.25; a <= coarse + 0.2501; a += 0.05) {
    const s = score(a);
    if (s > bestScore) (bestScore = s), (best = a);
  }
  return Math.abs(best) < 0.05 ? 0 : best;
}

/** Rotates by -deg about the centre (bilinear), paper white outside: takes out a measured skew. */
export function rotate(img: Grey, deg: number): Grey {
  if (!deg) return img;
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  const a = (deg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = w / 2;
  const cy = h / 2;
  // cos·dx and sin·dx are the same on every row: taken once per column (the very same products)
  const cosDx = new Float64Array(w);
  const sinDx = new Float64Array(w);
  for (let x = 0; x < w; x++) (cosDx[x] = cos * (x - cx)), (sinDx[x] = sin * (x - cx));
  for (let y = 0, row = 0; y < h; y++, row += w) {
    const dy = y - cy;
    const sinDy = sin * dy;
    const cosDy = cos * dy;
    // where a pixel of the straightened page was on the tilted one is on the page over one
    // stretch of the row, as it moves one way along it: the stretch's ends found first, paper beyond
    let a = 0;
    let b = w;
    while (a < b && !within(cosDx[a]! - sinDy + cx, sinDx[a]! + cosDy + cy, w, h)) out[row + a++] = 255;
    while (b > a && !within(cosDx[b - 1]! - sinDy + cx, sinDx[b - 1]! + cosDy + cy, w, h)) out[row + --b] = 255;
    for (let x = a, o = row + a; x < b; x++, o++) {
      const sx = cosDx[x]! - sinDy + cx;
      const sy = sinDx[x]! + cosDy + cy;
      const x0 = sx | 0;
      const y0 = sy | 0;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      out[o] = (data[i]! * (1 - fx) + data[i + 1]! * fx) * (1 - fy) + (data[i + w]! * (1 - fx) + data[i + w + 1]! * fx) * fy;
    }
  }
  return { width: w, height: h, data: out };
}

/** Whether a point's bilinear neighbourhood lies on a `w` × `h` image. */
function within(sx: number, sy: number, w: number, h: number): boolean {
  return sx >= 0 && sy >= 0 && Math.floor(sx) + 1 < w && Math.floor(sy) + 1 < h;
}

/**
 * The image enlarged by `f` (bilinear): small print in narrow table cells reads better larger.
 */
export function upscale(img: Grey, f: number): Grey {
  const { width: w, height: h, data } = img;
  const W = Math.round(w * f);
  const H = Math.round(h * f);
  const out = new Uint8Array(W * H);
  const X0 = new Int32Array(W);
  const TX = new Float64Array(W);
  for (let x = 0; x < W; x++) {
    const sx = Math.min(Math.max((x + 0.5) / f - 0.5, 0), w - 1);
    X0[x] = Math.min(sx | 0, w - 2);
    TX[x] = sx - X0[x]!;
  }
  // each source row interpolated along x once: the lower row of one output row is the upper of the next ones
  let top = new Float64Array(W);
  let bottom = new Float64Array(W);
  let at = -2;
  const along = (line: Float64Array, r: number) => {
    for (let x = 0; x < W; x++) {
      const x0 = X0[x]!;
      const a = data[r + x0]!;
      line[x] = a + (data[r + x0 + 1]! - a) * TX[x]!;
    }
  };
  for (let y = 0; y < H; y++) {
    const sy = Math.min(Math.max((y + 0.5) / f - 0.5, 0), h - 1);
    const y0 = Math.min(sy | 0, h - 2);
    const ty = sy - y0;
    if (y0 !== at) {
      if (y0 === at + 1) {
        const t = top;
        top = bottom;
        bottom = t;
      } else along(top, y0 * w);
      along(bottom, (y0 + 1) * w);
      at = y0;
    }
    for (let x = 0, o = y * W; x < W; x++, o++) {
      const t = top[x]!;
      out[o] = t + (bottom[x]! - t) * ty + 0.5;
    }
  }
  return { width: W, height: H, data: out };
}

/** A ruling found in the image, pixel coordinates: horizontal (y0 === y1) or vertical (x0 === x1). */
export interface PixelRuling {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Thickness in pixels. */
  thick: number;
}

/**
 * Grey a border may be drawn in: a light-grey hairline scanned in greyscale stays lighter than
 * print. It counts only as a thin ridge (clearly darker than the paper a few pixels to either
 * side across the line), so the soft shadows and blur of a photographed page do not.
 */
export const FAINT = 215;
const RIDGE = 3;
const RIDGE_DEPTH = 20;

/**
 * One direction of the page as bits, 32 positions to a word: `across` rows of `words` words, each
 * `len` positions long (bits past `len` clear). `ink`: darker than INK; `band`: ink or a faint
 * ridge across the direction of the rows.
 */
interface Planes {
  ink: Int32Array;
  band: Int32Array;
  len: number;
  across: number;
  words: number;
}

/**
 * The page as ink or paper, row by row (`rows`: a ridge there is a horizontal hairline), and the
 * same turned a quarter so that columns are rows (`cols`: a vertical hairline): every scan for
 * lines then runs along a row of bits, through memory in order.
 */
function inkMasks(img: Grey): { rows: Planes; cols: Planes } {
  const { width: w, height: h, data } = img;
  const ww = (w + 31) >> 5;
  const wh = (h + 31) >> 5;
  const rows: Planes = { ink: new Int32Array(ww * h), band: new Int32Array(ww * h), len: w, across: h, words: ww };
  const cols: Planes = { ink: new Int32Array(wh * w), band: new Int32Array(wh * w), len: h, across: w, words: wh };
  const { ink: rInk, band: rBand } = rows;
  const { ink: cInk, band: cBand } = cols;
  const q = quads(data);
  for (let y = 0, i = 0; y < h; y++) {
    const ro = y * ww;
    const cw = y >> 5;
    const cb = 1 << (y & 31);
    for (let x = 0; x < w; x++, i++) {
      if (q && (i & 3) === 0 && x + 4 <= w && q[i >> 2] === PAPER4) {
        x += 3;
        i += 3;
        continue;
      }
      const d = data[i]!;
      if (d >= FAINT) continue;
      const rk = ro + (x >> 5);
      const rb = 1 << (x & 31);
      const ck = x * wh + cw;
      if (d < INK) {
        rInk[rk] = rInk[rk]! | rb;
        rBand[rk] = rBand[rk]! | rb;
        cInk[ck] = cInk[ck]! | cb;
        cBand[ck] = cBand[ck]! | cb;
      } else {
        const t = d + RIDGE_DEPTH;
        if (y >= RIDGE && y + RIDGE < h && data[i - RIDGE * w]! >= t && data[i + RIDGE * w]! >= t) rBand[rk] = rBand[rk]! | rb;
        if (x >= RIDGE && x + RIDGE < w && data[i - RIDGE]! >= t && data[i + RIDGE]! >= t) cBand[ck] = cBand[ck]! | cb;
      }
    }
  }
  return { rows, cols };
}

/** Set bits in a 32-bit word. */
function bitCount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Along each row j (1 … across-2) of `planes`: runs where the row or a neighbour row is ink, with
 * gaps of at most `gap`, at least `minLen` long (last - start). A run still open within `gap` of
 * the row's end is not kept.
 */
function solidRuns(planes: Planes, minLen: number, gap: number): { at: number; lo: number; hi: number }[] {
  const { ink, len, across, words } = planes;
  const out: { at: number; lo: number; hi: number }[] = [];
  for (let j = 1; j + 1 < across; j++) {
    const up = (j - 1) * words;
    const mid = j * words;
    const down = (j + 1) * words;
    let start = -1;
    let last = -1;
    // from ink position to ink position: more than `gap` positions of paper between two ends a run
    for (let k = 0; k < words; k++) {
      let m = ink[up + k]! | ink[mid + k]! | ink[down + k]!;
      while (m) {
        const low = m & -m;
        const q = (k << 5) + 31 - Math.clz32(low);
        m ^= low;
        if (start >= 0 && q - last > gap + 1) {
          if (last - start >= minLen) out.push({ at: j, lo: start, hi: last });
          start = -1;
        }
        if (start < 0) start = q;
        last = q;
      }
    }
    if (start >= 0 && len - last > gap && last - start >= minLen) out.push({ at: j, lo: start, hi: last });
  }
  return out;
}

/**
 * Straight ink runs at least `minLen` pixels long: table borders. A run may have gaps of a few
 * pixels (scan noise, a slight residual skew is absorbed by looking at three rows at once).
 */
export function findRulings(img: Grey, minLen: number): PixelRuling[] {
  return solidRulings(minLen, inkMasks(img));
}

function solidRulings(minLen: number, masks: { rows: Planes; cols: Planes }): PixelRuling[] {
  const GAP = 3;
  const hRuns = solidRuns(masks.rows, minLen, GAP);
  const vRuns = solidRuns(masks.cols, minLen, GAP);
  // a line is thin: a black bar or a row of bold capitals is not a border
  const maxThick = Math.max(8, minLen / 12);
  return [
    ...lines(hRuns, maxThick).map((g) => ({ x0: g.lo, x1: g.hi, y0: g.at, y1: g.at, thick: g.thick })),
    ...lines(vRuns, maxThick).map((g) => ({ x0: g.at, x1: g.at, y0: g.lo, y1: g.hi, thick: g.thick })),
  ];
}

/**
 * Runs of ink along one direction (`at` the row or column, `lo`–`hi` their extent) that overlap in
 * neighbouring rows or columns are one line, as thick as the rows it spans; lines thicker than
 * `maxThick` are dropped. `at` of a line is the middle of its rows.
 */
function lines(runs: { at: number; lo: number; hi: number }[], maxThick: number): { at: number; lo: number; hi: number; thick: number }[] {
  runs.sort((a, b) => a.at - b.at || a.lo - b.lo);
  const groups: { first: number; last: number; n: number; lo: number; hi: number }[] = [];
  for (const r of runs) {
    const g = groups.find((g) => r.at - g.last <= 1 && r.lo < g.hi && r.hi > g.lo);
    if (g) {
      g.n++;
      g.last = r.at;
      g.lo = Math.min(g.lo, r.lo);
      g.hi = Math.max(g.hi, r.hi);
    } else groups.push({ first: r.at, last: r.at, n: 1, lo: r.lo, hi: r.hi });
  }
  return groups.filter((g) => g.n <= maxThick).map((g) => ({ at: (g.first + g.last) / 2, lo: g.lo, hi: g.hi, thick: g.n }));
}

/**
 * Faint or broken borders (a thin line a black-and-white scan has turned into dashes and dots):
 * along a band three pixels across, ink over at least a third of a sliding window, and no ink
 * just beside the band on either side. A real ruling stands alone; the bottom of a row of bold
 * capitals, or a line of text, has ink just above it. Windows that pass are chained across gaps
 * up to two windows long; a chain twice `minLen` long with ink over a quarter of it and almost
 * none beside it is a ruling. Joined with the solid
 * runs `findRulings` finds: a broken line replaces the pieces of it found there.
 */
export function findBrokenRulings(img: Grey, minLen: number, solid: PixelRuling[]): PixelRuling[] {
  return brokenRulings(minLen, solid, inkMasks(img));
}

/** Both finders on one page, sharing the ink masks: what a page's preparation calls. */
export function findAllRulings(img: Grey, minLen: number): PixelRuling[] {
  const masks = inkMasks(img);
  return brokenRulings(minLen, solidRulings(minLen, masks), masks);
}

/** Set bits in each 16-bit number. */
const ONES16 = Uint8Array.from({ length: 1 << 16 }, (_, v) => bitCount(v));

/** The rows of bits brokenAlong looks at along a candidate line (see RowBits). */
const BAND = 0;
const ABOVE = 1;
const BELOW = 2;
const UP = 3;
const DOWN = 4;

/**
 * Along one candidate line: for each of BAND (its ink, three rows), ABOVE and BELOW (ink within
 * SIDE rows beside it, past NEAR), UP and DOWN (ink right beside the band, 2 or 3 rows off), a row
 * of bits, 32 positions a word with a clear word past the end, and how many positions are set
 * before each word: any stretch's count is then two look-ups and two word counts.
 */
class RowBits {
  readonly stride: number;
  readonly bits: Int32Array;
  readonly before: Int32Array;
  constructor(words: number) {
    this.stride = words + 1;
    this.bits = new Int32Array(5 * this.stride);
    this.before = new Int32Array(5 * this.stride);
  }
  /** Counts the set positions before each word, once the words are filled. */
  tally(kind: number): void {
    const { bits, before } = this;
    for (let k = kind * this.stride, e = k + this.stride - 1, n = 0; k < e; k++) {
      before[k] = n;
      const v = bits[k]!;
      if (v) n += bitCount(v);
      before[k + 1] = n;
    }
  }
  /** Set positions of `kind` before position `i`. */
  upTo(kind: number, i: number): number {
    const k = kind * this.stride + (i >> 5);
    const v = this.bits[k]! & ~(-1 << (i & 31));
    return this.before[k]! + ONES16[v & 0xffff]! + ONES16[v >>> 16]!;
  }
  /** Set positions of `kind` in `a` … `b - 1`. */
  ones(kind: number, a: number, b: number): number {
    return this.upTo(kind, b) - this.upTo(kind, a);
  }
  /** Whether position `i` of `kind` is set. */
  has(kind: number, i: number): boolean {
    return ((this.bits[kind * this.stride + (i >> 5)]! >>> (i & 31)) & 1) === 1;
  }
}

/**
 * Beside the stretch `a` … `b - 1` of a candidate line: clear on both sides but for one position
 * in `share`; or clear on one side and, on the other, text kept apart by a gap (cell text under
 * its border): letters the band cuts through (the top or bottom of a line of text) leave no gap.
 * 2: clear on both sides, 1: on one, 0: not clear.
 */
function clear(row: RowBits, a: number, b: number, share: number): 0 | 1 | 2 {
  const most = Math.floor((b - a) / share);
  if (row.ones(ABOVE, a, b) <= most && row.ones(BELOW, a, b) <= most) return 2;
  return untilClear(row, a, b, share) <= 0 ? 1 : 0;
}

/**
 * How many positions the stretch `a` … `b - 1` is from being clear (see clear): 0 or less when it
 * is. Each count beside it changes by at most one as a window moves by one position, so a window
 * this far from clear is followed by that many minus one that are not clear either.
 */
function untilClear(row: RowBits, a: number, b: number, share: number): number {
  const most = Math.floor((b - a) / share);
  const above = row.ones(ABOVE, a, b) - most;
  const below = row.ones(BELOW, a, b) - most;
  // clear above, and below too or parted from the text there; or clear below and parted above
  return Math.min(Math.max(above, Math.min(below, row.ones(DOWN, a, b) - most)), Math.max(below, row.ones(UP, a, b) - most));
}

/** How far beside a broken line must be clear: past the accents above a line of text and the letters below them. */
const SIDE = 9;
const NEAR = 4;

/**
 * Broken lines along the rows of `planes` (i along the line, j across it), added to `found`
 * (`horizontal`: the rows are the page's rows).
 */
function brokenAlong(planes: Planes, minLen: number, win: number, horizontal: boolean, found: PixelRuling[]): void {
  const { ink, band, len, across, words } = planes;
  const row = new RowBits(words);
  const { bits, stride } = row;
  const lines: { j: number; i0: number; i1: number }[] = [];
  for (let j = SIDE; j + SIDE < across; j++) {
    // a chain needs ink over a quarter of twice minLen: most rows between lines of print end here
    let n = 0;
    for (let k = 0, up = (j - 1) * words; k < words; k++, up++) {
      const b = band[up]! | band[up + words]! | band[up + 2 * words]!;
      bits[k] = b;
      if (b) n += bitCount(b);
    }
    if (n * 2 < minLen) continue;
    for (let k = 0; k < words; k++) {
      let a = 0;
      for (let r = j - SIDE; r <= j - NEAR; r++) a |= ink[r * words + k]!;
      bits[ABOVE * stride + k] = a;
      let b = 0;
      for (let r = j + NEAR; r <= j + SIDE; r++) b |= ink[r * words + k]!;
      bits[BELOW * stride + k] = b;
      bits[UP * stride + k] = ink[(j - 2) * words + k]! | ink[(j - 3) * words + k]!;
      bits[DOWN * stride + k] = ink[(j + 2) * words + k]! | ink[(j + 3) * words + k]!;
    }
    for (let kind = BAND; kind <= DOWN; kind++) row.tally(kind);
    let start = -1;
    let end = -1;
    // a window needs ink over a quarter of it, and moving by one position adds at most one: past
    // a window short of `need` by d, the next d - 1 windows are short too
    const need = Math.ceil(win / 4);
    for (let i = 0; i + win <= len; i++) {
      const ink = row.ones(BAND, i, i + win);
      if (ink < need) {
        i += need - ink - 1;
        continue;
      }
      const far = untilClear(row, i, i + win, 10);
      if (far > 0) {
        i += far - 1;
        continue;
      }
      // trim to the ink inside the window
      let a = i;
      while (!row.has(BAND, a)) a++;
      let b = i + win - 1;
      while (!row.has(BAND, b)) b--;
      if (start >= 0 && a - end > 2 * win) {
        if (chain(row, start, end, minLen)) lines.push({ j, i0: start, i1: end });
        start = -1;
      }
      if (start < 0) start = a;
      end = Math.max(end, b);
    }
    if (chain(row, start, end, minLen)) lines.push({ j, i0: start, i1: end });
  }
  // neighbouring rows with overlapping chains are one line
  const groups: { js: number[]; i0: number; i1: number; last: number }[] = [];
  for (const r of lines) {
    const g = groups.find((g) => r.j - g.last <= 1 && r.i0 < g.i1 && r.i1 > g.i0);
    if (g) {
      g.js.push(r.j);
      g.last = r.j;
      g.i0 = Math.min(g.i0, r.i0);
      g.i1 = Math.max(g.i1, r.i1);
    } else groups.push({ js: [r.j], i0: r.i0, i1: r.i1, last: r.j });
  }
  for (const g of groups) {
    const j = (g.js[0]! + g.js[g.js.length - 1]!) / 2;
    const thick = g.js.length + 2;
    if (horizontal) found.push({ x0: g.i0, x1: g.i1, y0: j, y1: j, thick });
    else found.push({ x0: j, x1: j, y0: g.i0, y1: g.i1, thick });
  }
}

/** A chain of windows from `start` to `end` (-1: none) is a line: long, a fair share of ink, and almost nothing beside it. */
function chain(row: RowBits, start: number, end: number, minLen: number): boolean {
  if (start < 0 || end - start < 2 * minLen) return false;
  const span = end - start + 1;
  const ink = row.ones(BAND, start, end + 1);
  // with text along one side the line must be the denser: a row of accents over a line of
  // print is clear above and parted from the letters below too, but it is mostly paper
  const k = clear(row, start, end + 1, 25);
  return k !== 0 && ink * (k === 2 ? 4 : 2) >= span;
}

function brokenRulings(minLen: number, solid: PixelRuling[], masks: { rows: Planes; cols: Planes }): PixelRuling[] {
  const win = Math.max(8, Math.round(minLen / 4));
  const found: PixelRuling[] = [];
  brokenAlong(masks.rows, minLen, win, true, found);
  brokenAlong(masks.cols, minLen, win, false, found);
  if (!found.length) return solid;
  // a solid piece lying on a broken line is part of it
  const near = (s: PixelRuling, f: PixelRuling) =>
    s.y0 === s.y1
      ? f.y0 === f.y1 && Math.abs(s.y0 - f.y0) <= 4 && s.x0 >= f.x0 - 4 && s.x1 <= f.x1 + 4
      : f.x0 === f.x1 && s.y0 !== s.y1 && Math.abs(s.x0 - f.x0) <= 4 && s.y0 >= f.y0 - 4 && s.y1 <= f.y1 + 4;
  // a broken piece lying on a longer broken line (a row or two beside it) is part of it too
  const byLength = [...found].sort((a, b) => b.x1 - b.x0 + b.y1 - b.y0 - (a.x1 - a.x0 + a.y1 - a.y0));
  const distinct: PixelRuling[] = [];
  for (const f of byLength) {
    const on = distinct.find((d) => near(f, d));
    if (on) on.thick = Math.max(on.thick, f.thick);
    else distinct.push(f);
  }
  const lines = found.filter((f) => distinct.includes(f));
  const kept = solid.filter((s) => !lines.some((f) => near(s, f)));
  // and a broken line that lies on a longer solid one adds nothing
  const extra = lines.filter((f) => !kept.some((s) => near(f, s)));
  for (const f of extra) {
    for (const s of solid) if (near(s, f)) f.thick = Math.max(f.thick, s.thick);
  }
  return [...kept, ...extra];
}

/** Paints the rulings white (with a margin of a pixel), so the recogniser does not read them as letters. */
export function eraseRulings(img: Grey, rulings: PixelRuling[]): void {
  const { width: w, height: h, data } = img;
  for (const r of rulings) {
    const half = Math.ceil(r.thick / 2) + 2;
    if (r.y0 === r.y1) {
      for (let y = Math.max(0, Math.round(r.y0) - half); y <= Math.min(h - 1, Math.round(r.y0) + half); y++)
        for (let x = Math.max(0, r.x0 - 1); x <= Math.min(w - 1, r.x1 + 1); x++) data[y * w + x] = 255;
    } else {
      for (let x = Math.max(0, Math.round(r.x0) - half); x <= Math.min(w - 1, Math.round(r.x0) + half); x++)
        for (let y = Math.max(0, r.y0 - 1); y <= Math.min(h - 1, r.y1 + 1); y++) data[y * w + x] = 255;
    }
  }
}

/**
 * The part of the page that holds print, `pad` pixels wider on every side, as a copy with its
 * offset: the recogniser's memory and its layout pass grow with the pixels it gets, and a page's
 * margins are a fifth to a third of them. A row or column counts as print when it has more than a
 * speck's worth of ink, so dust in the margins does not keep them.
 */
export function cropToInk(img: Grey, pad: number): { img: Grey; x: number; y: number } {
  const { width: w, height: h, data } = img;
  const rows = new Int32Array(h);
  const cols = new Int32Array(w);
  const q = quads(data);
  for (let y = 0, i = 0; y < h; y++) {
    let n = 0;
    for (let x = 0; x < w; x++, i++)
      if (q && (i & 3) === 0 && x + 4 <= w && q[i >> 2] === PAPER4) (x += 3), (i += 3);
      else if (data[i]! < INK) {
        n++;
        cols[x]!++;
      }
    rows[y] = n;
  }
  const minInk = Math.max(3, Math.round(Math.min(w, h) / 300));
  const first = (c: Int32Array) => c.findIndex((n) => n >= minInk);
  const last = (c: Int32Array) => c.findLastIndex((n) => n >= minInk);
  if (first(rows) < 0) return { img, x: 0, y: 0 };
  const x0 = Math.max(0, first(cols) - pad);
  const x1 = Math.min(w, last(cols) + 1 + pad);
  const y0 = Math.max(0, first(rows) - pad);
  const y1 = Math.min(h, last(rows) + 1 + pad);
  if (x0 === 0 && y0 === 0 && x1 === w && y1 === h) return { img, x: 0, y: 0 };
  const cw = x1 - x0;
  const out = new Uint8Array(cw * (y1 - y0));
  for (let y = y0; y < y1; y++) out.set(data.subarray(y * w + x0, y * w + x1), (y - y0) * cw);
  return { img: { width: cw, height: y1 - y0, data: out }, x: x0, y: y0 };
}

/** Share of a box's pixels that are ink (darker than INK): a solid dot fills most of its box, a letter a third. */
export function inkFill(img: Grey, x0: number, y0: number, x1: number, y1: number): number {
  const [xa, xb] = [Math.max(0, Math.round(x0)), Math.min(img.width, Math.round(x1))];
  const [ya, yb] = [Math.max(0, Math.round(y0)), Math.min(img.height, Math.round(y1))];
  if (xb <= xa || yb <= ya) return 0;
  let ink = 0;
  for (let y = ya; y < yb; y++) for (let i = y * img.width + xa, end = y * img.width + xb; i < end; i++) if (img.data[i]! < INK) ink++;
  return ink / ((xb - xa) * (yb - ya));
}

/**
 * Mean length of the horizontal ink runs inside a box: the stroke width, which tells bold from
 * regular print whatever the letters' case.
 */
export function strokeWidth(img: Grey, x0: number, y0: number, x1: number, y1: number): number {
  const { width: w, data } = img;
  let ink = 0;
  let runs = 0;
  // whole pixels: a box scaled back from an enlarged page has fractional corners
  const [xa, xb] = [Math.max(0, Math.round(x0)), Math.min(w, Math.round(x1))];
  const [ya, yb] = [Math.max(0, Math.round(y0)), Math.min(img.height, Math.round(y1))];
  for (let y = ya; y < yb; y++) {
    let on = false;
    for (let x = xa, i = y * w + xa; x < xb; x++, i++) {
      const dark = data[i]! < INK;
      if (dark) {
        ink++;
        if (!on) runs++;
      }
      on = dark;
    }
  }
  return runs ? ink / runs : 0;
}

/**
 * The typical stroke width of the print, pixels: the median length of the horizontal ink runs
 * (every other row). 0 on a page without ink.
 */
export function typicalStroke(img: Grey): number {
  const { width: w, height: h, data } = img;
  const hist = new Uint32Array(64);
  let n = 0;
  for (let y = 0; y < h; y += 2) {
    let run = 0;
    for (let x = 0, i = y * w; x <= w; x++, i++) {
      if (x < w && data[i]! < INK) run++;
      else if (run) {
        hist[Math.min(63, run)]!++;
        n++;
        run = 0;
      }
    }
  }
  if (!n) return 0;
  for (let k = 1, seen = 0; k < 64; k++) if ((seen += hist[k]!) * 2 >= n) return k;
  return 63;
}

/**
 * `n` bytes (zeroed unless `zeroed` is false) for one pass that runs to its end without waiting
 * and keeps nothing of them (never across an await): one buffer a thread, reused page after page
 * instead of a page-sized array allocated, faulted in and collected for each.
 */
let scratch = new Uint8Array(0);
export function scratchBytes(n: number, zeroed = true): Uint8Array {
  if (scratch.length < n) scratch = new Uint8Array(n);
  else if (zeroed) scratch.fill(0, 0, n);
  return scratch.subarray(0, n);
}

/** removeSpecks' stack of pixels to visit, grown as a blob needs and kept for the next. */
let blobStack = new Int32Array(1 << 16);

/**
 * Takes out specks: blobs of ink (8-connected, darker than INK) are painted white, with the grey
 * rim around them, when they are smaller across and down than three quarters of the print's
 * stroke width (`stroke`, typicalStroke), or no larger than a stroke and alone (no other ink
 * within one and a half strokes). Dust, toner spatter and the salt-and-pepper of a black-and-white
 * scan are that small; a full stop, the dot of an i and a tone mark are at least a stroke wide or
 * sit right by their letter, so they stay. Returns how many blobs were taken out.
 */
export function removeSpecks(img: Grey, stroke = typicalStroke(img)): number {
  if (stroke < 2) return 0;
  const tiny = 0.75 * stroke;
  const alone = Math.max(3, Math.round(1.5 * stroke));
  const { width: w, height: h, data } = img;
  const seen = scratchBytes(w * h);
  let removed = 0;
  for (let start = 0; start < data.length; start++) {
    if (data[start]! >= INK || seen[start]) continue;
    seen[start] = 1;
    // the blob's pixels to visit, as x and y pairs
    let stack = blobStack;
    let top = 0;
    stack[top++] = start % w;
    stack[top++] = (start / w) | 0;
    let size = 0;
    let x0 = w;
    let x1 = -1;
    let y0 = h;
    let y1 = -1;
    while (top) {
      const y = stack[--top]!;
      const x = stack[--top]!;
      size++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      const xa = x > 0 ? x - 1 : x;
      const xb = x < w - 1 ? x + 1 : x;
      const yb = y < h - 1 ? y + 1 : y;
      for (let yy = y > 0 ? y - 1 : y; yy <= yb; yy++)
        for (let xx = xa, j = yy * w + xa; xx <= xb; xx++, j++)
          if (!seen[j] && data[j]! < INK) {
            seen[j] = 1;
            if (top + 2 > stack.length) {
              const more = new Int32Array(stack.length * 2);
              more.set(stack);
              stack = blobStack = more;
            }
            stack[top++] = xx;
            stack[top++] = yy;
          }
    }
    const bw = x1 - x0 + 1;
    const bh = y1 - y0 + 1;
    if (bw > stroke || bh > stroke) continue;
    if (bw >= tiny || bh >= tiny) {
      // as large as a stroke: a speck only where nothing else is near (the ink around is its own)
      let ink = 0;
      for (let y = Math.max(0, y0 - alone); y <= Math.min(h - 1, y1 + alone); y++)
        for (let x = Math.max(0, x0 - alone), i = y * w + x; x <= Math.min(w - 1, x1 + alone); x++, i++) if (data[i]! < INK) ink++;
      if (ink > size) continue;
      // or a dot with another dot (or a comma) straight above or below it: a colon, a semicolon
      if (dotBeside(data, w, h, x0, x1, y1 + 2, Math.min(h - 1, y1 + 3 * stroke), stroke) || dotBeside(data, w, h, x0, x1, Math.max(0, y0 - 3 * stroke), y0 - 2, stroke)) continue;
    }
    removed++;
    // the blob and the grey rim around it (a speck in a greyscale scan fades out into the paper)
    for (let y = Math.max(0, y0 - 1); y <= Math.min(h - 1, y1 + 1); y++)
      for (let x = Math.max(0, x0 - 1); x <= Math.min(w - 1, x1 + 1); x++)
        if (data[y * w + x]! >= INK || (x >= x0 && x <= x1 && y >= y0 && y <= y1)) data[y * w + x] = 255;
  }
  return removed;
}

/**
 * Whether rows `ya`…`yb` of columns `x0`…`x1` hold ink of a dot or a comma: a blob no wider than a
 * stroke and a half and no taller than two (the first one met, followed up to a small size). A
 * letter there is not one.
 */
function dotBeside(data: Uint8Array, w: number, h: number, x0: number, x1: number, ya: number, yb: number, stroke: number): boolean {
  for (let y = ya; y <= yb; y++)
    for (let x = x0; x <= x1; x++) {
      if (data[y * w + x]! >= INK) continue;
      // the blob met: its box, stopping once it is too large for a dot
      const seen = new Set<number>([y * w + x]);
      const stack = [y * w + x];
      let [bx0, bx1, by0, by1] = [x, x, y, y];
      while (stack.length) {
        const i = stack.pop()!;
        const cx = i % w;
        const cy = (i - cx) / w;
        bx0 = Math.min(bx0, cx);
        bx1 = Math.max(bx1, cx);
        by0 = Math.min(by0, cy);
        by1 = Math.max(by1, cy);
        if (bx1 - bx0 + 1 > 1.5 * stroke || by1 - by0 + 1 > 2 * stroke) return false;
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const nx = cx + dx;
            const ny = cy + dy;
            const j = ny * w + nx;
            if (nx >= 0 && ny >= 0 && nx < w && ny < h && !seen.has(j) && data[j]! < INK) seen.add(j), stack.push(j);
          }
      }
      return true;
    }
  return false;
}

/** The image turned half a turn (a page fed into the scanner upside down, turned back). */
export function turnHalf(img: Grey): Grey {
  return { width: img.width, height: img.height, data: new Uint8Array(img.data).reverse() };
}

/** The image turned a quarter turn clockwise (`clockwise` false: anticlockwise). */
export function turnQuarter(img: Grey, clockwise: boolean): Grey {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  // the new image is h wide and w high
  for (let y = 0; y < h; y++)
    for (let x = 0, i = y * w; x < w; x++, i++) {
      const nx = clockwise ? h - 1 - y : y;
      const ny = clockwise ? x : w - 1 - x;
      out[ny * h + nx] = data[i]!;
    }
  return { width: h, height: w, data: out };
}

/** The image turned `degrees` clockwise: 0, 90, 180 or 270 (anything else: as it is). */
export function turnBy(img: Grey, degrees: number): Grey {
  if (degrees === 180) return turnHalf(img);
  return degrees === 90 || degrees === 270 ? turnQuarter(img, degrees === 90) : img;
}

/**
 * Whether the lines of print run down the page rather than across it (a sheet scanned or
 * photographed a quarter turned). Counted row by row, within the ink's bounds, ink comes and goes
 * with the lines of print and the gaps between them; counted column by column it is about even.
 * The direction whose counts vary more (relative to their mean) is the one across the lines.
 */
export function printRunsDown(img: Grey): boolean {
  const { width: w, height: h, data } = img;
  const rows = new Float64Array(h);
  const cols = new Float64Array(w);
  for (let y = 0; y < h; y += 2)
    for (let x = 0, i = y * w; x < w; x += 2, i += 2)
      if (data[i]! < INK) {
        rows[y]!++;
        cols[x]!++;
      }
  // squared coefficient of variation of the counts (every other line) between the first and last with ink
  const spread = (v: Float64Array) => {
    let a = 0;
    while (a < v.length && !v[a]) a += 2;
    let b = v.length - 1 - ((v.length - 1) % 2);
    while (b > a && !v[b]) b -= 2;
    let n = 0;
    let s = 0;
    let q = 0;
    for (let i = a; i <= b; i += 2) (n++, (s += v[i]!), (q += v[i]! * v[i]!));
    return n && s ? (q * n) / (s * s) - 1 : 0;
  };
  return spread(cols) > 1.5 * spread(rows);
}

/**
 * A vertical ruling found as a wide band (a border that leans, as on a photographed sheet, spans
 * several columns of pixels: the finders report it as one line as thick as its lean) followed
 * where it runs: the straight path through the band that crosses the most ink, as x at its top
 * (`top`) and bottom (`bottom`) rows, and the line's own thickness along that path. Null when no
 * path through the band is mostly ink (not a line).
 */
export function followVertical(img: Grey, r: PixelRuling): { top: number; bottom: number; thick: number } | null {
  const { width: w, data } = img;
  const half = Math.ceil(r.thick / 2) + 2;
  const lo = Math.max(0, Math.round(r.x0) - half);
  const hi = Math.min(w - 1, Math.round(r.x0) + half);
  const y0 = Math.round(r.y0);
  const y1 = Math.round(r.y1);
  const len = y1 - y0;
  if (len < 8 || hi <= lo) return null;
  // the band's ink (print or a faint line's grey) as a row per sampled row, window-relative
  const step = 3;
  const rows = Math.floor(len / step) + 1;
  const n = hi - lo + 1;
  const band = new Uint8Array(rows * n);
  for (let k = 0; k < rows; k++) {
    const o = (y0 + k * step) * w + lo;
    for (let x = 0; x < n; x++) band[k * n + x] = data[o + x]! < FAINT ? 1 : 0;
  }
  const hitsOf = (t: number, b: number) => {
    let hits = 0;
    const d = (b - t) / (rows - 1 || 1);
    for (let k = 0; k < rows; k++) hits += band[k * n + Math.round(t + d * k)]!;
    return hits;
  };
  let best = -1;
  let bt = 0;
  let bb = 0;
  const consider = (t: number, b: number) => {
    if (t < 0 || b < 0 || t >= n || b >= n) return;
    const hits = hitsOf(t, b);
    if (hits > best || (hits === best && Math.abs(b - t) < Math.abs(bb - bt))) (best = hits), (bt = t), (bb = b);
  };
  // every other position first, then the best one's neighbours
  for (let t = 0; t < n; t += 2) for (let b = 0; b < n; b += 2) consider(t, b);
  const [ct, cb] = [bt, bb];
  for (let t = ct - 1; t <= ct + 1; t++) for (let b = cb - 1; b <= cb + 1; b++) consider(t, b);
  // a border is ink over most of its length (a broken one over a third)
  if (best * 3 < rows) return null;
  // its thickness: the median run of ink through the path
  const runs: number[] = [];
  const d = (bb - bt) / (rows - 1 || 1);
  for (let k = 0; k < rows; k++) {
    const c = Math.round(bt + d * k);
    if (!band[k * n + c]) continue;
    let a = c;
    while (a > 0 && band[k * n + a - 1]) a--;
    let e = c;
    while (e + 1 < n && band[k * n + e + 1]) e++;
    runs.push(e - a + 1);
  }
  runs.sort((a, b) => a - b);
  const top = lo + bt;
  const bottom = lo + bb + (len - (rows - 1) * step) * d / step;
  return { top, bottom, thick: Math.min(r.thick, runs[runs.length >> 1] ?? 1) };
}

/** How far (pixels) a border must lean over its length for the page to be straightened. */
export const LEAN = 4;

/**
 * A photographed sheet, straightened along its rows: a phone held over the desk sees the page as
 * a trapezoid, so that after the skew is taken out the table's vertical borders still lean, each
 * its own way. Erasing such a border takes out a band as wide as its lean, and the first letters
 * of the cells beside it with it. Each leaning vertical ruling is followed (followVertical), and
 * each row of the page is moved and stretched along itself (x on the page read = A(y) + B(y)·x
 * taken from the photo, fitted to the borders as they cross that row) so that every border stands
 * where it crosses the page's middle row. Null when no border leans by LEAN pixels or more: the
 * page is left as it is.
 */
export function straightenColumns(img: Grey, rulings: PixelRuling[]): Grey | null {
  const { width: w, height: h, data } = img;
  const lines: { a: number; b: number; weight: number }[] = [];
  let leans = false;
  for (const r of rulings) {
    if (r.x0 !== r.x1 || r.thick < 3) continue;
    const f = followVertical(img, r);
    if (!f) continue;
    const len = r.y1 - r.y0;
    const b = (f.bottom - f.top) / len;
    lines.push({ a: f.top - b * r.y0, b, weight: len });
    if (Math.abs(f.bottom - f.top) >= LEAN && len >= h / 8) leans = true;
  }
  if (!leans) return null;
  // where each border stands on the straightened page: where it crosses the middle row
  const yc = h / 2;
  const X = lines.map((l) => l.a + l.b * yc);
  let sw = 0;
  let mx = 0;
  for (let i = 0; i < lines.length; i++) (sw += lines[i]!.weight), (mx += lines[i]!.weight * X[i]!);
  mx /= sw;
  let vx = 0;
  for (let i = 0; i < lines.length; i++) vx += lines[i]!.weight * (X[i]! - mx) ** 2;
  vx /= sw;
  // borders close together tell a shift but not a stretch: then rows are only moved
  const stretch = Math.sqrt(vx) >= w / 8;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    // the borders at this row (photo) against where they stand (page): x_photo = A + B·x_page
    let ms = 0;
    for (let i = 0; i < lines.length; i++) ms += lines[i]!.weight * (lines[i]!.a + lines[i]!.b * y);
    ms /= sw;
    let B = 1;
    if (stretch) {
      let c = 0;
      for (let i = 0; i < lines.length; i++) c += lines[i]!.weight * (X[i]! - mx) * (lines[i]!.a + lines[i]!.b * y - ms);
      B = Math.min(1.1, Math.max(0.9, c / sw / vx));
    }
    const A = ms - B * mx;
    const row = y * w;
    // the columns whose source lies on the photo (B > 0): paper beyond
    const xa = Math.max(0, Math.ceil(-A / B));
    const xb = Math.min(w - 1, Math.floor((w - 1.0001 - A) / B));
    out.fill(255, row, row + w);
    let sx = A + B * xa;
    for (let x = xa, o = row + xa; x <= xb; x++, o++, sx += B) {
      const x0 = sx | 0;
      const f = sx - x0;
      const i = row + x0;
      out[o] = data[i]! + (data[i + 1]! - data[i]!) * f + 0.5;
    }
  }
  return { width: w, height: h, data: out };
}
