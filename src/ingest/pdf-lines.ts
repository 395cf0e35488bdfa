// PDF text items → lines (same baseline, left to right) → segments (runs of text separated by a
// gap wide enough to be a column gutter, e.g. "Số: …" and "…, ngày …" on one baseline).

import { MARKER_RUN } from "./markers.js";
import type { RawItem, RawPage } from "./pdf-load.js";

export interface Segment {
  text: string;
  x0: number;
  x1: number;
  size: number;
  bold: boolean;
}

export interface Line {
  page: number;
  y: number;
  x0: number;
  x1: number;
  size: number;
  bold: boolean;
  segs: Segment[];
  text: string;
}


/** A gap this many font sizes wide between two runs on one baseline separates columns. */
const GUTTER = 1.8;

export function buildLines(items: RawItem[], page: number): Line[] {
  const sorted = items
    .map((i) => (/[\uE000-\uF8FF]/.test(i.str) ? { ...i, str: symbolChars(i.str) } : i))
    .filter((i) => i.str.trim())
    .sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: RawItem[][] = [];
  for (const it of sorted) {
    const g = groups[groups.length - 1];
    const ref = g?.[0];
    if (g && ref && Math.abs(ref.y - it.y) <= 0.45 * Math.max(Math.min(ref.size, it.size), 1)) g.push(it);
    else groups.push([it]);
  }
  // side-by-side cells rarely share a baseline exactly ("Nơi nhận:" beside "KT. CHỦ TỊCH"):
  // runs closer than a line apart that do not overlap sideways are one line of two columns
  for (let i = 0; i + 1 < groups.length; i++) {
    const a = groups[i]!;
    const b = groups[i + 1]!;
    const size = Math.min(a[0]!.size, b[0]!.size);
    const [ax0, ax1] = extent(a);
    const [bx0, bx1] = extent(b);
    const apart = bx0 - ax1 > 0 || ax0 - bx1 > 0;
    if (a[0]!.y - b[0]!.y < 0.9 * size && apart) {
      groups.splice(i, 2, [...a, ...b]);
      i--;
    }
  }
  return groups.map((g) => toLine(g.sort((a, b) => a.x - b.x), page));
}

function extent(items: RawItem[]): [number, number] {
  return [Math.min(...items.map((i) => i.x)), Math.max(...items.map((i) => i.x + i.width))];
}

function toLine(items: RawItem[], page: number): Line {
  const segs: Segment[] = [];
  let cur: { parts: RawItem[]; text: string; x1: number } | null = null;
  const close = () => {
    if (!cur) return;
    const chars = cur.parts.reduce((n, p) => n + p.str.length, 0) || 1;
    const boldChars = cur.parts.reduce((n, p) => n + (p.bold ? p.str.length : 0), 0);
    const size = cur.parts.reduce((n, p) => n + p.size * p.str.length, 0) / chars;
    segs.push({ text: cur.text.replace(/\s+/g, " ").trim(), x0: cur.parts[0]!.x, x1: cur.x1, size, bold: boldChars / chars > 0.6 });
    cur = null;
  };
  for (const it of items) {
    const end = it.x + it.width;
    if (cur) {
      const gap = it.x - cur.x1;
      if (gap > GUTTER * Math.max(it.size, 1) && gap > 12) close();
    }
    if (!cur) {
      cur = { parts: [it], text: it.str, x1: end };
      continue;
    }
    const gap = it.x - cur.x1;
    // a visible gap between two runs is a word space unless one of them already has it
    if (gap > 0.18 * it.size && !/\s$/.test(cur.text) && !/^\s/.test(it.str)) cur.text += " ";
    cur.text += it.str;
    cur.parts.push(it);
    cur.x1 = Math.max(cur.x1, end);
  }
  close();
  const real = segs.filter((s) => s.text);
  // a list bullet or number set off by a tab belongs to the text after it
  while (real.length >= 2 && MARKER_RUN.test(real[0]!.text) && real[1]!.x0 - real[0]!.x1 < 5 * real[1]!.size) {
    const [m, t] = real.splice(0, 2) as [Segment, Segment];
    real.unshift({ ...t, text: `${m.text} ${t.text}`, x0: m.x0 });
  }
  const chars = real.reduce((n, s) => n + s.text.length, 0) || 1;
  return {
    page,
    y: items.reduce((n, i) => n + i.y, 0) / items.length,
    x0: Math.min(...real.map((s) => s.x0)),
    x1: Math.max(...real.map((s) => s.x1)),
    size: real.reduce((n, s) => n + s.size * s.text.length, 0) / chars,
    bold: real.reduce((n, s) => n + (s.bold ? s.text.length : 0), 0) / chars > 0.6,
    segs: real,
    text: real.map((s) => s.text).join(" "),
  };
}

// "4", "- 4 -", "Trang 4", "4/12", "Page 4 of 12"; "4." too (a scan's speck beside the number)
const PAGE_NUMBER = /^(?:trang\s*)?[-–—]?\s*\d{1,4}\.?\s*[-–—]?$|^(?:trang\s*)?\d{1,4}\s*\/\s*\d{1,4}$|^page\s*\d+(\s*of\s*\d+)?$/i;

/** How far from the top or bottom edge (a share of the page's height) a running line stands. */
const EDGE = 0.14;

/** A line of text `y` up from the foot of a page `height` high (y up) that is the page's number. */
export function isPageNumber(text: string, y: number, height: number): boolean {
  return (y > height * (1 - EDGE) || y < height * EDGE) && PAGE_NUMBER.test(text.trim());
}

/**
 * Drops running page numbers and headers/footers repeated on most pages: the first or last line
 * of a page, near its edge, that is a page number or recurs (digits aside) on ≥ half the pages.
 */
export function dropRunningLines(pages: { page: RawPage; lines: Line[] }[]): number {
  const key = (l: Line) => l.text.replace(/\d+/g, "#").replace(/\s+/g, " ").trim().toLowerCase();
  const edge = (p: { page: RawPage; lines: Line[] }) => {
    const h = p.page.height;
    const out: Line[] = [];
    const first = p.lines[0];
    const last = p.lines[p.lines.length - 1];
    if (first && first.y > h * (1 - EDGE)) out.push(first);
    if (last && last !== first && last.y < h * EDGE) out.push(last);
    return out;
  };
  const counts = new Map<string, number>();
  for (const p of pages) for (const k of new Set(edge(p).map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
  const repeated = (k: string) => pages.length >= 3 && (counts.get(k) ?? 0) >= Math.max(3, pages.length / 2);
  let dropped = 0;
  for (const p of pages) {
    const drop = new Set(edge(p).filter((l) => isPageNumber(l.text, l.y, p.page.height) || repeated(key(l))));
    if (drop.size) {
      p.lines = p.lines.filter((l) => !drop.has(l));
      dropped += drop.size;
    }
  }
  return dropped;
}

/** Symbol/Wingdings glyphs come out in the private use area: bullets become "•", the rest goes. */
function symbolChars(s: string): string {
  return s.replace(/[\uE000-\uF8FF]+/g, (m, at: number) => (at === 0 || /\s$/.test(s.slice(0, at)) ? "•" : ""));
}
