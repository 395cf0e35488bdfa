// Ruling lines (table borders) a page draws, two ways. From pdf.js's operator list (exact, but
// the list costs as much again as the page's text); and straight from the page's content stream
// (pdf-objects.ts), enough to tell that a page cannot hold a ruled table, so that pdf-load.ts
// need not ask pdf.js for the operator list at all. The content stream is read conservatively:
// anything whose drawing it cannot follow (form XObjects, inline images, patterns, soft masks,
// annotations with appearances, unknown operators, a wrong operand count) gives up, and the
// caller asks pdf.js.

import { CLASS, isDict, isStream, nameOf, type PdfDict, type PdfFile, type PdfValue, Ref } from "./pdf-objects.js";

export interface Ruling {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The operator codes rulings() reads (pdf.js's OPS). */
export interface OpCodes {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
}

export interface OpList {
  fnArray: number[];
  argsArray: unknown[];
}

/**
 * Straight horizontal/vertical strokes and thin rectangles: the borders tables are drawn with.
 * With `slack` > 0 the thresholds widen by that much and a segment near both thresholds counts
 * as both: a superset of the exact answer, for coordinates known only to within `slack`.
 */
export function rulings(ops: OpList, OPS: OpCodes, ox: number, oy: number, slack = 0): Ruling[] {
  const out: Ruling[] = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
  const tx = (x: number, y: number) => [ctm[0]! * x + ctm[2]! * y + ctm[4]! - ox, ctm[1]! * x + ctm[3]! * y + ctm[5]! - oy] as const;
  const add = (ax: number, ay: number, bx: number, by: number) => {
    const [x0, y0] = tx(ax, ay);
    const [x1, y1] = tx(bx, by);
    const flat = Math.abs(y1 - y0) < 1.5 + slack && Math.abs(x1 - x0) > 4 - slack;
    const upright = Math.abs(x1 - x0) < 1.5 + slack && Math.abs(y1 - y0) > 4 - slack;
    if (flat) out.push({ x0: Math.min(x0, x1), x1: Math.max(x0, x1), y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
    if (upright && (slack > 0 || !flat)) out.push({ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0: Math.min(y0, y1), y1: Math.max(y0, y1) });
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform) {
      const [a, b, c, d, e, f] = args as number[];
      const m = ctm;
      ctm = [m[0]! * a! + m[2]! * b!, m[1]! * a! + m[3]! * b!, m[0]! * c! + m[2]! * d!, m[1]! * c! + m[3]! * d!, m[0]! * e! + m[2]! * f! + m[4]!, m[1]! * e! + m[3]! * f! + m[5]!];
    } else if (fn === OPS.constructPath) {
      // pdfjs 5: [paintOp, [path data: 0 moveTo x y, 1 lineTo x y, 2 curveTo 6, 3 quadratic 4, 4 close], bbox]
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data) continue;
      let cx = 0;
      let cy = 0;
      let sx = 0;
      let sy = 0;
      const points: [number, number][] = [];
      for (let k = 0; k < data.length; ) {
        const op = data[k++];
        if (op === 0) {
          cx = sx = data[k++]!;
          cy = sy = data[k++]!;
          points.push([cx, cy]);
        } else if (op === 1) {
          const x = data[k++]!;
          const y = data[k++]!;
          add(cx, cy, x, y);
          cx = x;
          cy = y;
          points.push([cx, cy]);
        } else if (op === 2) {
          k += 4;
          cx = data[k++]!;
          cy = data[k++]!;
        } else if (op === 3) {
          k += 2;
          cx = data[k++]!;
          cy = data[k++]!;
        } else if (op === 4) {
          add(cx, cy, sx, sy);
          cx = sx;
          cy = sy;
        } else break;
      }
      // a filled thin rectangle is a line too: take its long middle axis
      if (points.length >= 4) {
        const xs = points.map((p) => p[0]);
        const ys = points.map((p) => p[1]);
        const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        const thinFlat = maxY - minY < 2.5 + slack && maxX - minX > 4 - slack;
        const thinUpright = maxX - minX < 2.5 + slack && maxY - minY > 4 - slack;
        if (thinFlat) add(minX, (minY + maxY) / 2, maxX, (minY + maxY) / 2);
        if (thinUpright && (slack > 0 || !thinFlat)) add((minX + maxX) / 2, minY, (minX + maxX) / 2, maxY);
      }
    }
  }
  return out;
}

/** How far the content-stream reading may be from pdf.js's numbers (float32 path data, merged transforms), in points. */
export const SLACK = 0.05;

/**
 * Could these rulings make findTables (pdf-tables.ts) find a table? A table needs at least two
 * horizontal lines narrower than the page and two vertical lines, touching, in one connected
 * group, and text between them (a row whose cells are all empty is dropped). With `slack` the
 * tests widen by that much, so "no" is certain for rulings known only to within it.
 */
export function mayHoldTable(lines: Ruling[], pageWidth: number, items: readonly { x: number; y: number; width: number }[], slack = SLACK): boolean {
  if (!items.length) return false;
  const H = lines.filter((r) => r.y0 === r.y1 && r.x1 - r.x0 < pageWidth * 0.97 + slack);
  const V = lines.filter((r) => r.x0 === r.x1);
  if (H.length < 2 || V.length < 2) return false;
  const near = 2.5 + slack;
  const parent = [...H, ...V].map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  H.forEach((h, i) =>
    V.forEach((v, k) => {
      if (v.x0 >= h.x0 - near && v.x0 <= h.x1 + near && h.y0 >= v.y0 - near && h.y0 <= v.y1 + near) parent[find(i)] = find(H.length + k);
    }),
  );
  // per group: its horizontal and vertical lines, and the box they span (top/bottom from the
  // horizontal ones, left/right from the vertical ones, as findTables takes them)
  const groups = new Map<number, { h: number; v: number; bottom: number; top: number; left: number; right: number }>();
  parent.forEach((_, i) => {
    const key = find(i);
    const g = groups.get(key) ?? { h: 0, v: 0, bottom: Infinity, top: -Infinity, left: Infinity, right: -Infinity };
    if (i < H.length) {
      g.h++;
      g.bottom = Math.min(g.bottom, H[i]!.y0);
      g.top = Math.max(g.top, H[i]!.y0);
    } else {
      g.v++;
      g.left = Math.min(g.left, V[i - H.length]!.x0);
      g.right = Math.max(g.right, V[i - H.length]!.x0);
    }
    groups.set(key, g);
  });
  return [...groups.values()].some(
    (g) =>
      g.h >= 2 &&
      g.v >= 2 &&
      items.some((it) => it.y > g.bottom - slack && it.y < g.top + slack && it.x + it.width / 2 > g.left - slack && it.x + it.width / 2 < g.right + slack),
  );
}

/** pdf.js's content operators: operand count, and whether it may vary (colour operators). */
const ARITY = new Map<string, number>(Object.entries({
  w: 1, J: 1, j: 1, M: 1, d: 2, ri: 1, i: 1, gs: 1, q: 0, Q: 0, cm: 6,
  m: 2, l: 2, c: 6, v: 4, y: 4, h: 0, re: 4, S: 0, s: 0, f: 0, F: 0, "f*": 0, B: 0, "B*": 0, b: 0, "b*": 0, n: 0, W: 0, "W*": 0,
  BT: 0, ET: 0, Tc: 1, Tw: 1, Tz: 1, TL: 1, Tf: 2, Tr: 1, Ts: 1, Td: 2, TD: 2, Tm: 6, "T*": 0, Tj: 1, TJ: 1, "'": 1, '"': 3,
  d0: 2, d1: 6, CS: 1, cs: 1, SC: 4, SCN: 33, sc: 4, scn: 33, G: 1, g: 1, RG: 3, rg: 3, K: 4, k: 4, sh: 1,
  BI: 0, ID: 0, EI: 1, Do: 1, MP: 1, DP: 2, BMC: 1, BDC: 2, EMC: 0, BX: 0, EX: 0,
}));
const VARIABLE = new Set(["SC", "SCN", "sc", "scn"]);
const PAINT = new Set(["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"]);
const CLOSING_PAINT = new Set(["s", "b", "b*"]);
/** Operators whose drawing this reader does not follow. */
const GIVE_UP = new Set(["BI", "ID", "EI", "d0", "d1"]);

/** A page's own resources, or the nearest ancestor's that has this category (pdf.js merges them so). */
function resource(file: PdfFile, page: PdfDict, category: string, name: string): PdfValue | undefined {
  let node: PdfDict | undefined = page;
  for (let depth = 0; node && depth < 32; depth++) {
    const res = file.get(node, "Resources");
    const cat = isDict(res) ? file.get(res, category) : undefined;
    if (isDict(cat)) return file.get(cat, name);
    const parent = file.get(node, "Parent");
    node = isDict(parent) ? parent : undefined;
  }
  return undefined;
}

/** Annotations pdf.js would draw into the operator list: any but links without an appearance. */
function drawsAnnotations(file: PdfFile, page: PdfDict): boolean {
  const annots = file.get(page, "Annots");
  if (annots === undefined || annots === null) return false;
  if (!Array.isArray(annots)) return true;
  return annots.some((a) => {
    const d = file.resolve(a);
    return !isDict(d) || nameOf(file.get(d, "Subtype")) !== "Link" || d.has("AP");
  });
}

/**
 * The rulings a page draws, read from its content stream in the shape of pdf.js's operator list
 * and measured with `slack` (a superset of what the operator list would give), or null when the
 * page draws something this reader does not follow.
 */
export function contentRulings(file: PdfFile, pageRef: { num: number; gen: number }, OPS: OpCodes, ox: number, oy: number, slack = SLACK): Ruling[] | null {
  const page = file.fetch(new Ref(pageRef.num, pageRef.gen));
  if (!isDict(page) || drawsAnnotations(file, page)) return null;
  const contents = file.get(page, "Contents");
  const streams = contents === undefined || contents === null ? [] : Array.isArray(contents) ? contents.map((c) => file.resolve(c)) : [contents];
  const parts: Uint8Array[] = [];
  for (const s of streams) {
    if (!isStream(s)) return null;
    parts.push(file.data(s));
  }
  // pdf.js reads an array of content streams as one, with nothing between them
  const ops = pathOps(parts.length === 1 ? parts[0]! : Buffer.concat(parts), OPS, (category, name) => resource(file, page, category, name), file);
  return ops && rulings(ops, OPS, ox, oy, slack);
}

const OTHER = 0;
const NUM = 1;
const NAME = 2;

/**
 * The save/restore/transform/path operators of a content stream, as pdf.js lists them; null when
 * the stream holds anything this reader does not follow. Operands it does not need (strings,
 * arrays, dictionaries) are skipped over, not built: most of a report's stream is text.
 */
function pathOps(b: Uint8Array, OPS: OpCodes, lookup: (category: string, name: string) => PdfValue | undefined, file: PdfFile): OpList | null {
  const ops: OpList = { fnArray: [], argsArray: [] };
  const kinds: number[] = [];
  const nums: number[] = [];
  const names: string[] = [];
  // pdf.js's path buffer is one for the whole page (q does not start a new one); the current
  // point (for "v") is saved and restored with the graphics state
  let path: number[] = [];
  let point = [0, 0];
  const saved: number[][] = [];
  const n = b.length;
  let i = 0;
  const operand = (kind: number, num = 0, name = "") => {
    kinds.push(kind);
    nums.push(num);
    names.push(name);
  };
  while (i < n) {
    const c = b[i]!;
    const cls = CLASS[c]!;
    if (cls === 1) {
      i++;
      continue;
    }
    if (cls === 2) {
      if (c === 0x25) {
        while (i < n && b[i] !== 0x0a && b[i] !== 0x0d) i++;
      } else if (c === 0x2f) {
        const from = ++i;
        while (i < n && CLASS[b[i]!] === 0) i++;
        operand(NAME, 0, latin1(b, from, i));
      } else if (c === 0x28 || c === 0x5b || c === 0x3c) {
        i = skipValue(b, i);
        if (i < 0) return null;
        operand(OTHER);
      } else return null;
      continue;
    }
    const from = i;
    while (i < n && CLASS[b[i]!] === 0) i++;
    const num = number(b, from, i);
    if (num !== null) {
      operand(NUM, num);
      continue;
    }
    const op = latin1(b, from, i);
    if (op === "true" || op === "false" || op === "null") {
      operand(OTHER);
      continue;
    }
    const arity = ARITY.get(op);
    if (arity === undefined || GIVE_UP.has(op)) return null;
    const count = kinds.length;
    if (VARIABLE.has(op) ? count > arity : count !== arity) return null;
    const numeric = () => kinds.every((k) => k === NUM);
    switch (op) {
      case "q":
        saved.push(point);
        ops.fnArray.push(OPS.save);
        ops.argsArray.push(null);
        break;
      case "Q":
        point = saved.pop() ?? point;
        ops.fnArray.push(OPS.restore);
        ops.argsArray.push(null);
        break;
      case "cm":
        if (!numeric()) return null;
        ops.fnArray.push(OPS.transform);
        ops.argsArray.push(nums.slice());
        break;
      case "re": {
        if (!numeric()) return null;
        const [x, y, w, h] = nums as [number, number, number, number];
        point = [x, y];
        if (w === 0 || h === 0) path.push(0, x, y, 1, x + w, y + h, 4);
        else path.push(0, x, y, 1, x + w, y, 1, x + w, y + h, 1, x, y + h, 4);
        break;
      }
      case "m":
      case "l":
        if (!numeric()) return null;
        point = [nums[0]!, nums[1]!];
        path.push(op === "m" ? 0 : 1, nums[0]!, nums[1]!);
        break;
      case "c":
        if (!numeric()) return null;
        path.push(2, ...nums);
        point = [nums[4]!, nums[5]!];
        break;
      case "v":
        if (!numeric()) return null;
        path.push(2, point[0]!, point[1]!, ...nums);
        point = [nums[2]!, nums[3]!];
        break;
      case "y":
        if (!numeric()) return null;
        path.push(2, nums[0]!, nums[1]!, nums[2]!, nums[3]!, nums[2]!, nums[3]!);
        point = [nums[2]!, nums[3]!];
        break;
      case "h":
        path.push(4);
        break;
      case "scn":
      case "SCN":
        // a pattern: tiling patterns carry content of their own
        if (kinds.includes(NAME)) return null;
        break;
      case "gs": {
        const gs = kinds[0] === NAME ? lookup("ExtGState", decodeName(names[0]!)) : undefined;
        if (!isDict(gs)) return null;
        // a soft mask's group is drawn into the operator list
        const smask = file.get(gs, "SMask");
        if (smask !== undefined && nameOf(smask) !== "None") return null;
        break;
      }
      case "Do": {
        const xo = kinds[0] === NAME ? lookup("XObject", decodeName(names[0]!)) : undefined;
        // an image draws no lines; a form has content of its own
        if (!isStream(xo) || nameOf(file.get(xo.dict, "Subtype")) !== "Image") return null;
        break;
      }
      default:
        if (PAINT.has(op)) {
          if (CLOSING_PAINT.has(op)) path.push(4);
          if (path.length) {
            ops.fnArray.push(OPS.constructPath);
            ops.argsArray.push([0, [new Float32Array(path)], null]);
            path = [];
          }
        }
    }
    kinds.length = nums.length = names.length = 0;
  }
  return ops;
}

function latin1(b: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let k = from; k < to; k++) s += String.fromCharCode(b[k]!);
  return s;
}

const decodeName = (s: string) => (s.includes("#") ? s.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s);

/**
 * A number token ([+-] digits [. digits], or [+-] . digits) computed as pdf.js's lexer computes
 * it, or null for anything else (pdf.js would read "1.2.3", "--1" or "1e3" its own way: those
 * end up as unknown operators here, and the page goes to pdf.js).
 */
function number(b: Uint8Array, from: number, to: number): number | null {
  let k = from;
  let sign = 1;
  if (b[k] === 0x2d) {
    sign = -1;
    k++;
  } else if (b[k] === 0x2b) k++;
  let value = 0;
  let divideBy = 0;
  let digits = 0;
  for (; k < to; k++) {
    const c = b[k]!;
    if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      if (divideBy) divideBy *= 10;
      digits++;
    } else if (c === 0x2e && !divideBy) divideBy = 1;
    else return null;
  }
  if (!digits) return null;
  return sign * (divideBy > 1 ? value / divideBy : value);
}

/** Skips a string, array or dictionary starting at i (nested, strings inside); -1 when it does not end. */
function skipValue(b: Uint8Array, i: number): number {
  const n = b.length;
  // open brackets: 1 array, 2 dictionary
  const open: number[] = [];
  do {
    const c = b[i]!;
    if (c === 0x28) {
      // literal string: balanced parentheses, backslash escapes
      let parens = 0;
      for (; i < n; i++) {
        const d = b[i];
        if (d === 0x5c) i++;
        else if (d === 0x28) parens++;
        else if (d === 0x29 && --parens === 0) break;
      }
      if (i >= n) return -1;
      i++;
    } else if (c === 0x3c && b[i + 1] === 0x3c) {
      open.push(2);
      i += 2;
    } else if (c === 0x3c) {
      const close = b.indexOf(0x3e, i);
      if (close < 0) return -1;
      i = close + 1;
    } else if (c === 0x3e && b[i + 1] === 0x3e) {
      if (open.pop() !== 2) return -1;
      i += 2;
    } else if (c === 0x5b) {
      open.push(1);
      i++;
    } else if (c === 0x5d) {
      if (open.pop() !== 1) return -1;
      i++;
    } else if (c === 0x25) {
      while (i < n && b[i] !== 0x0a && b[i] !== 0x0d) i++;
    } else if (c === 0x7b || c === 0x7d || c === 0x29 || c === 0x3e) return -1;
    else i++;
  } while (open.length && i < n);
  return open.length ? -1 : i;
}
