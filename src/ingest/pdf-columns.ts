// Side-by-side columns without borders: the national header ("UBND XÃ … / Số: …" beside
// "CỘNG HÒA … / …, ngày … tháng … năm …") and the signature ("Nơi nhận: …" beside "KT. CHỦ
// TỊCH / … / name"). Found from lines that hold two runs across a gutter, grown up and down over
// lines that keep to one side and line up with that side; read left column first, then right.

import type { Line, Segment } from "./pdf-lines.js";
import { isHeaderLine, isSignatureLine } from "./layout-tables.js";

export interface ColumnRegion {
  /** Index of the region's first and last line in the page's line list. */
  from: number;
  to: number;
  left: Line[];
  right: Line[];
  split: number;
}

interface Side {
  x0: number;
  center: number;
}

const center = (s: { x0: number; x1: number }) => (s.x0 + s.x1) / 2;

function lineOf(base: Line, segs: Segment[]): Line {
  const chars = segs.reduce((n, s) => n + s.text.length, 0) || 1;
  return {
    ...base,
    segs,
    x0: Math.min(...segs.map((s) => s.x0)),
    x1: Math.max(...segs.map((s) => s.x1)),
    size: segs.reduce((n, s) => n + s.size * s.text.length, 0) / chars,
    bold: segs.reduce((n, s) => n + (s.bold ? s.text.length : 0), 0) / chars > 0.6,
    text: segs.map((s) => s.text).join(" "),
  };
}

export function findColumnRegions(lines: Line[]): ColumnRegion[] {
  const regions: ColumnRegion[] = [];
  for (let i = 0; i < lines.length; i++) {
    const seed = lines[i]!;
    let a: Segment;
    let b: Segment;
    let last = i;
    if (seed.segs.length === 2) [a, b] = seed.segs as [Segment, Segment];
    else {
      // cells whose first lines do not share a baseline ("Nơi nhận:" set as a heading beside
      // "KT. CHỦ TỊCH"): a header/signature line and the next line, side by side
      const next = lines[i + 1];
      if (!next || seed.segs.length !== 1 || next.segs.length !== 1 || next.page !== seed.page || seed.y - next.y > 2.5 * seed.size) continue;
      if (!(isSignatureLine(seed.text) || isHeaderLine(seed.text) || isSignatureLine(next.text) || isHeaderLine(next.text))) continue;
      if (seed.x1 < next.x0 - seed.size) [a, b] = [seed.segs[0]!, next.segs[0]!];
      else if (next.x1 < seed.x0 - seed.size) [a, b] = [next.segs[0]!, seed.segs[0]!];
      else continue;
      last = i + 1;
    }
    const L = { sides: [{ x0: a.x0, center: center(a) }] as Side[], maxX1: a.x1 };
    const R = { sides: [{ x0: b.x0, center: center(b) }] as Side[], minX0: b.x0 };
    const size = seed.size;
    const aligned = (sides: Side[], s: { x0: number; x1: number }) =>
      sides.some((k) => Math.abs(k.x0 - s.x0) <= Math.max(3, 0.8 * size) || Math.abs(k.center - center(s)) <= Math.max(6, size * 0.6));
    // a line joins a column when it keeps clear of the other one and lines up with its own
    // (same left edge or same centre)
    const fits = (l: Line): boolean => {
      if (l.segs.length === 2) return l.segs[0]!.x1 < R.minX0 + 2 * size && l.segs[1]!.x0 > L.maxX1 - 2 * size;
      if (l.segs.length !== 1) return false;
      return (l.x1 < R.minX0 - 2 && aligned(L.sides, l)) || (l.x0 > L.maxX1 + 2 && aligned(R.sides, l));
    };
    const remember = (l: Line) => {
      for (const s of l.segs) {
        if (l.segs.length === 2 ? s === l.segs[0] : s.x1 < R.minX0 - 2) {
          L.sides.push({ x0: s.x0, center: center(s) });
          L.maxX1 = Math.max(L.maxX1, s.x1);
        } else {
          R.sides.push({ x0: s.x0, center: center(s) });
          R.minX0 = Math.min(R.minX0, s.x0);
        }
      }
    };
    let from = i;
    let to = last;
    while (from > 0 && (regions.length === 0 || from - 1 > regions[regions.length - 1]!.to)) {
      const up = lines[from - 1]!;
      if (up.page !== seed.page || up.y - lines[from]!.y > 4.5 * size || !fits(up)) break;
      remember(up);
      from--;
    }
    while (to + 1 < lines.length) {
      const down = lines[to + 1]!;
      if (down.page !== seed.page || lines[to]!.y - down.y > 7 * size || !fits(down)) break;
      remember(down);
      to++;
    }
    const span = lines.slice(from, to + 1);
    if (!span.some((l) => l.segs.some((s) => isHeaderLine(s.text) || isSignatureLine(s.text)))) continue;
    const left: Line[] = [];
    const right: Line[] = [];
    const split = (L.maxX1 + R.minX0) / 2;
    for (const l of span) {
      const ls = l.segs.filter((s) => center(s) < split);
      const rs = l.segs.filter((s) => center(s) >= split);
      if (ls.length) left.push(lineOf(l, ls));
      if (rs.length) right.push(lineOf(l, rs));
    }
    regions.push({ from, to, left, right, split });
    i = to;
  }
  return regions;
}
