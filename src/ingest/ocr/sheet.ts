// A phone photo of a report: the sheet lies on a darker desk or floor, seen at an angle (its
// outline a general quadrilateral, the far edge shorter), with the background and a finger or the
// edge of another sheet around it. The sheet is found as the large bright region of the picture,
// its four edges fitted, and it is warped to an upright rectangle (a projective transform,
// bilinear sampling) before the page is prepared as a scan is. A picture in which no sheet
// clearly stands out against a darker surround (a flat scan, a sheet filling the frame) is left as
// it is.

import type { Grey } from "./image.js";

/** A point in pixels of the picture. */
export type Point = [number, number];

export interface Sheet {
  /** Corners in the picture's pixels: top left, top right, bottom right, bottom left. */
  corners: [Point, Point, Point, Point];
  /** Share of the picture inside the outline (0…1). */
  area: number;
}

/** The picture is examined at about this many pixels along its longer side. */
const SMALL = 400;
/** A sheet covers between these shares of the picture: less is a detail, more is a scan or a sheet filling the frame. */
const MIN_AREA = 0.2;
const MAX_AREA = 0.9;
/** Paper must be this much brighter than the surround (mean levels of the two classes, 0…255). */
const MIN_CONTRAST = 50;
/** An A4 sheet's height over its width; a measured outline within this share of it is taken as A4. */
const A4_RATIO = Math.SQRT2;
const A4_SNAP = 0.2;
/** A4's width in inches and in points. */
const A4_INCHES = 210 / 25.4;
const A4_POINTS = 595.28;

/**
 * The sheet in a picture (grey, paper bright), or null when none clearly stands out: the picture
 * is reduced, split into bright and dark at Otsu's threshold, and the largest bright connected
 * region taken; its outer silhouette gives four edges, each a line fitted robustly (a finger or a
 * dog-ear over an edge is left out), and the corners are where they meet.
 */
export function findSheet(img: Grey): Sheet | null {
  const f = Math.max(1, Math.ceil(Math.max(img.width, img.height) / SMALL));
  const s = reduce(img, f);
  const { width: w, height: h, data } = s;
  const { threshold, contrast } = otsu(data);
  if (contrast < MIN_CONTRAST) return null;
  const region = largestRegion(s, threshold);
  if (!region) return null;
  const share = region.size / (w * h);
  if (share < MIN_AREA || share > MAX_AREA) return null;
  // the outer silhouette: each row's first and last pixel of the region, each column's top and bottom
  const left: Point[] = [];
  const right: Point[] = [];
  const top: Point[] = [];
  const bottom: Point[] = [];
  for (let y = 0; y < h; y++) {
    let a = -1;
    let b = -1;
    for (let x = 0; x < w; x++) if (region.mask[y * w + x]) (a < 0 ? (a = x) : 0), (b = x);
    // a silhouette on the picture's border is the frame, not the sheet's edge
    if (a > 0) left.push([a, y]);
    if (b >= 0 && b < w - 1) right.push([b + 1, y]);
  }
  for (let x = 0; x < w; x++) {
    let a = -1;
    let b = -1;
    for (let y = 0; y < h; y++) if (region.mask[y * w + x]) (a < 0 ? (a = y) : 0), (b = y);
    if (a > 0) top.push([x, a]);
    if (b >= 0 && b < h - 1) bottom.push([x, b + 1]);
  }
  // rough corners: the extremes along the diagonals
  const all = [...left, ...right, ...top, ...bottom];
  if (all.length < 40) return null;
  const ext = (score: (p: Point) => number) => all.reduce((m, p) => (score(p) > score(m) ? p : m));
  const tl = ext(([x, y]) => -x - y);
  const tr = ext(([x, y]) => x - y);
  const br = ext(([x, y]) => x + y);
  const bl = ext(([x, y]) => y - x);
  // each edge from the silhouette points between its rough corners, the ends (near the corners) left out
  const between = (pts: Point[], k: 0 | 1, a: number, b: number) => {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const m = 0.08 * (hi - lo);
    return pts.filter((p) => p[k] > lo + m && p[k] < hi - m);
  };
  const topLine = fitLine(between(top, 0, tl[0], tr[0]), false);
  const bottomLine = fitLine(between(bottom, 0, bl[0], br[0]), false);
  const leftLine = fitLine(between(left, 1, tl[1], bl[1]), true);
  const rightLine = fitLine(between(right, 1, tr[1], br[1]), true);
  if (!topLine || !bottomLine || !leftLine || !rightLine) return null;
  const small = [meet(topLine, leftLine), meet(topLine, rightLine), meet(bottomLine, rightLine), meet(bottomLine, leftLine)];
  if (small.some((p) => !p)) return null;
  const q = small as Point[];
  // a corner may lie a little outside the picture (a corner cut off), not far
  if (q.some(([x, y]) => x < -0.03 * w || y < -0.03 * h || x > 1.03 * w || y > 1.03 * h)) return null;
  if (!convex(q)) return null;
  const quadArea = polygonArea(q);
  // the region is that quadrilateral: not a blob of another shape
  if (region.size < 0.85 * quadArea || region.size > 1.1 * quadArea) return null;
  const area = quadArea / (w * h);
  if (area > MAX_AREA) return null;
  const corners = q.map(([x, y]) => [x * f, y * f] as Point) as Sheet["corners"];
  return { corners, area };
}

/** A robust straight line through points: y = a·x + b, or x = a·y + b when `steep`. */
interface Line {
  a: number;
  b: number;
  steep: boolean;
}

function fitLine(pts: Point[], steep: boolean): Line | null {
  let use = pts.map(([x, y]) => (steep ? [y, x] : [x, y]) as Point);
  let line: Line | null = null;
  for (let round = 0; round < 4; round++) {
    if (use.length < 8) return null;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    for (const [u, v] of use) (sx += u), (sy += v), (sxx += u * u), (sxy += u * v);
    const n = use.length;
    const d = n * sxx - sx * sx;
    if (Math.abs(d) < 1e-9) return null;
    const a = (n * sxy - sx * sy) / d;
    const b = (sy - a * sx) / n;
    line = { a, b, steep };
    const res = use.map(([u, v]) => Math.abs(v - (a * u + b)));
    const med = [...res].sort((p, q) => p - q)[res.length >> 1]!;
    const keep = Math.max(1.5, 2.5 * med);
    const next = use.filter((_, i) => res[i]! <= keep);
    if (next.length === use.length) break;
    use = next;
  }
  return line;
}

/** Where two lines cross (one along the rows, one along the columns), or null when they do not. */
function meet(p: Line, q: Line): Point | null {
  // p: y = a x + b (not steep), q: x = c y + d (steep)
  const [flat, steep] = p.steep ? [q, p] : [p, q];
  if (flat.steep || !steep.steep) return null;
  const den = 1 - flat.a * steep.a;
  if (Math.abs(den) < 1e-6) return null;
  const y = (flat.a * steep.b + flat.b) / den;
  return [steep.a * y + steep.b, y];
}

function convex(q: Point[]): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = q[i]!;
    const [bx, by] = q[(i + 1) % 4]!;
    const [cx, cy] = q[(i + 2) % 4]!;
    const z = (bx - ax) * (cy - by) - (by - ay) * (cx - bx);
    if (z === 0) return false;
    if (sign === 0) sign = Math.sign(z);
    else if (Math.sign(z) !== sign) return false;
  }
  return true;
}

function polygonArea(q: Point[]): number {
  let s = 0;
  for (let i = 0; i < q.length; i++) {
    const [ax, ay] = q[i]!;
    const [bx, by] = q[(i + 1) % q.length]!;
    s += ax * by - bx * ay;
  }
  return Math.abs(s) / 2;
}

/** The picture reduced by `f` (each pixel the mean of an f × f block). */
function reduce(img: Grey, f: number): Grey {
  const w = Math.floor(img.width / f);
  const h = Math.floor(img.height / f);
  const sum = new Uint32Array(w * h);
  for (let y = 0; y < h * f; y++) {
    const row = ((y / f) | 0) * w;
    for (let x = 0, i = y * img.width; x < w; x++) {
      let s = 0;
      for (const e = i + f; i < e; i++) s += img.data[i]!;
      sum[row + x]! += s;
    }
  }
  const data = new Uint8Array(w * h);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(sum[i]! / (f * f));
  return { width: w, height: h, data };
}

/** Otsu's threshold and the distance between the mean levels of the two classes. */
function otsu(data: Uint8Array): { threshold: number; contrast: number } {
  const hist = new Float64Array(256);
  for (const v of data) hist[v]!++;
  const n = data.length;
  let total = 0;
  for (let v = 0; v < 256; v++) total += v * hist[v]!;
  let best = -1;
  let threshold = 128;
  let contrast = 0;
  let w0 = 0;
  let s0 = 0;
  for (let t = 0; t < 255; t++) {
    w0 += hist[t]!;
    s0 += t * hist[t]!;
    const w1 = n - w0;
    if (!w0 || !w1) continue;
    const m0 = s0 / w0;
    const m1 = (total - s0) / w1;
    const between = w0 * w1 * (m1 - m0) * (m1 - m0);
    if (between > best) (best = between), (threshold = t), (contrast = m1 - m0);
  }
  return { threshold, contrast };
}

/** The largest 4-connected region of pixels brighter than `threshold`. */
function largestRegion(img: Grey, threshold: number): { mask: Uint8Array; size: number } | null {
  const { width: w, height: h, data } = img;
  const label = new Int32Array(w * h);
  const stack = new Int32Array(w * h);
  let best = 0;
  let bestSize = 0;
  let next = 0;
  for (let start = 0; start < w * h; start++) {
    if (label[start] || data[start]! <= threshold) continue;
    const id = ++next;
    let size = 0;
    let top = 0;
    stack[top++] = start;
    label[start] = id;
    while (top) {
      const i = stack[--top]!;
      size++;
      const x = i % w;
      const visit = (j: number) => {
        if (!label[j] && data[j]! > threshold) (label[j] = id), (stack[top++] = j);
      };
      if (x > 0) visit(i - 1);
      if (x < w - 1) visit(i + 1);
      if (i >= w) visit(i - w);
      if (i < w * (h - 1)) visit(i + w);
    }
    if (size > bestSize) (bestSize = size), (best = id);
  }
  if (!best) return null;
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < mask.length; i++) if (label[i] === best) mask[i] = 1;
  return { mask, size: bestSize };
}

/**
 * The sheet warped to an upright rectangle: A4's proportions when its outline is near them (the
 * angle foreshortens it), else the outline's own; at the sheet's own resolution in the picture,
 * kept between `minDpi` and `maxDpi` for an A4 width. The page it makes is A4 wide, in points.
 */
export function unwarpSheet(img: Grey, sheet: Sheet, minDpi: number, maxDpi: number): { img: Grey; dpi: number; widthPt: number; heightPt: number } {
  const [tl, tr, br, bl] = sheet.corners;
  const len = (p: Point, q: Point) => Math.hypot(q[0] - p[0], q[1] - p[1]);
  const across = Math.max(len(tl, tr), len(bl, br));
  const down = Math.max(len(tl, bl), len(tr, br));
  let ratio = down / across;
  if (Math.abs(ratio / A4_RATIO - 1) < A4_SNAP) ratio = A4_RATIO;
  else if (Math.abs(ratio * A4_RATIO - 1) < A4_SNAP) ratio = 1 / A4_RATIO;
  // the sheet's width in inches: A4's, or its long side's for a sheet lying across
  const inches = ratio >= 1 ? A4_INCHES : A4_INCHES * A4_RATIO;
  const dpi = Math.min(maxDpi, Math.max(minDpi, Math.round(across / inches)));
  const W = Math.round(inches * dpi);
  const H = Math.round(W * ratio);
  const m = homography(
    [
      [0, 0],
      [W, 0],
      [W, H],
      [0, H],
    ],
    sheet.corners,
  );
  const { width: sw, height: sh, data: src } = img;
  const data = new Uint8Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0, o = y * W; x < W; x++, o++) {
      const u = x + 0.5;
      const v = y + 0.5;
      const d = m[6]! * u + m[7]! * v + 1;
      const sx = (m[0]! * u + m[1]! * v + m[2]!) / d - 0.5;
      const sy = (m[3]! * u + m[4]! * v + m[5]!) / d - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= sw - 1 || y0 >= sh - 1) {
        data[o] = 255;
        continue;
      }
      const tx = sx - x0;
      const ty = sy - y0;
      const i = y0 * sw + x0;
      const a = src[i]! + (src[i + 1]! - src[i]!) * tx;
      const b = src[i + sw]! + (src[i + sw + 1]! - src[i + sw]!) * tx;
      data[o] = Math.round(a + (b - a) * ty);
    }
  const widthPt = ratio >= 1 ? A4_POINTS : A4_POINTS * A4_RATIO;
  return { img: { width: W, height: H, data }, dpi, widthPt, heightPt: widthPt * ratio };
}

/**
 * The projective map taking the four points `from` onto `to`, as h11 h12 h13 h21 h22 h23 h31 h32
 * of x' = (h11 x + h12 y + h13) / (h31 x + h32 y + 1), y' likewise.
 */
export function homography(from: Point[], to: Point[]): number[] {
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const k = A[r]![c]! / A[c]![c]!;
      for (let j = c; j < 9; j++) A[r]![j]! -= k * A[c]![j]!;
    }
  }
  return A.map((row, i) => row[8]! / row[i]!);
}
