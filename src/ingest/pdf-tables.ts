// Ruled tables: the borders a PDF draws (horizontal and vertical lines that touch) give the grid;
// text items are put in the cell whose box holds their centre. Borderless layout (header and
// signature blocks) is handled by pdf-columns.ts instead.

import type { RawItem, Ruling } from "./pdf-load.js";
import type { ProtoRow } from "./proto.js";

export interface PdfTable {
  top: number;
  bottom: number;
  left: number;
  right: number;
  rows: ProtoRow[];
  /** Base column count (vertical borders − 1). */
  columns: number;
  /** Per row, per cell: its items and box, for a ruled table that turns out to be layout. */
  boxes: { items: RawItem[]; x0: number; x1: number }[][];
}

const NEAR = 2.5;

function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) if (!out.length || v - out[out.length - 1]! > NEAR) out.push(v);
  return out;
}

/** Finds ruled tables on a page; returns them and the items not inside any. */
export function findTables(items: RawItem[], rulings: Ruling[], pageWidth: number): { tables: PdfTable[]; rest: RawItem[] } {
  const H = rulings.filter((r) => r.y0 === r.y1 && r.x1 - r.x0 < pageWidth * 0.97);
  const V = rulings.filter((r) => r.x0 === r.x1);
  if (H.length < 2 || V.length < 2) return { tables: [], rest: items };

  // connected components of lines that touch
  const all = [...H, ...V];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  H.forEach((h, i) =>
    V.forEach((v, k) => {
      if (v.x0 >= h.x0 - NEAR && v.x0 <= h.x1 + NEAR && h.y0 >= v.y0 - NEAR && h.y0 <= v.y1 + NEAR) parent[find(i)] = find(H.length + k);
    }),
  );
  const comps = new Map<number, Ruling[]>();
  all.forEach((r, i) => comps.set(find(i), [...(comps.get(find(i)) ?? []), r]));

  const tables: PdfTable[] = [];
  const used = new Set<RawItem>();
  for (const lines of comps.values()) {
    const hs = lines.filter((r) => r.y0 === r.y1);
    const vs = lines.filter((r) => r.x0 === r.x1);
    const ys = cluster(hs.map((h) => h.y0)).reverse();
    const xs = cluster(vs.map((v) => v.x0));
    if (ys.length < 2 || xs.length < 2) continue;
    const left = xs[0]!;
    const right = xs[xs.length - 1]!;
    const rows: ProtoRow[] = [];
    const boxes: PdfTable["boxes"] = [];
    // cells of the last row, by their left border: a cell with no border above it goes on below (rowspan)
    let above = new Map<number, ProtoRow["cells"][number]>();
    const ruledAt = (y: number, x: number) => hs.some((h) => Math.abs(h.y0 - y) <= NEAR && h.x0 <= x + NEAR && h.x1 >= x - NEAR);
    for (let r = 0; r + 1 < ys.length; r++) {
      const top = ys[r]!;
      const bottom = ys[r + 1]!;
      const mid = (top + bottom) / 2;
      // the borders that cross this band: merged cells lack some
      const bounds = xs.filter((x) => vs.some((v) => Math.abs(v.x0 - x) <= NEAR && v.y0 <= mid && v.y1 >= mid));
      if (bounds.length < 2) continue;
      const inBand = items.filter((it) => !used.has(it) && it.y < top && it.y > bottom && it.x + it.width / 2 > left && it.x + it.width / 2 < right);
      const cells: ProtoRow["cells"] = [];
      const rowBoxes: PdfTable["boxes"][number] = [];
      const next = new Map<number, ProtoRow["cells"][number]>();
      for (let c = 0; c + 1 < bounds.length; c++) {
        const cx0 = bounds[c]!;
        const cx1 = bounds[c + 1]!;
        const mine = inBand.filter((it) => it.x + Math.min(it.width, 4) / 2 >= cx0 - 1 && it.x < cx1 - 1);
        mine.forEach((it) => used.add(it));
        const span = xs.filter((x) => x > cx0 + NEAR && x < cx1 - NEAR).length + 1;
        const up = above.get(Math.round(cx0));
        if (rows.length && up && !ruledAt(top, (cx0 + cx1) / 2)) {
          up.rowspan = (up.rowspan ?? 1) + 1;
          const more = cellText(mine);
          if (more) up.text = up.text ? `${up.text} ${more}` : more;
          next.set(Math.round(cx0), up);
          continue;
        }
        const cell = { text: cellText(mine), ...(span > 1 ? { colspan: span } : {}), ...(mine.length && mine.every((m) => m.bold) ? { bold: true } : {}) };
        rowBoxes.push({ items: mine, x0: cx0, x1: cx1 });
        cells.push(cell);
        next.set(Math.round(cx0), cell);
      }
      if (!cells.length || cells.every((c) => !c.text)) continue;
      above = next;
      rows.push({ cells });
      boxes.push(rowBoxes);
    }
    if (rows.length) tables.push({ top: ys[0]!, bottom: ys[ys.length - 1]!, left, right, rows, columns: xs.length - 1, boxes });
  }
  tables.sort((a, b) => b.top - a.top);
  return { tables, rest: items.filter((it) => !used.has(it)) };
}

/** A cell's lines top to bottom, words joined; wrapped lines are one text. */
function cellText(items: RawItem[]): string {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: RawItem[][] = [];
  for (const it of sorted) {
    const l = lines[lines.length - 1];
    if (l && Math.abs(l[0]!.y - it.y) <= 0.45 * it.size) l.push(it);
    else lines.push([it]);
  }
  return lines
    .map((l) => {
      let s = "";
      let x1 = -Infinity;
      for (const it of l.sort((a, b) => a.x - b.x)) {
        if (s && it.x - x1 > 0.18 * it.size && !/\s$/.test(s) && !/^\s/.test(it.str)) s += " ";
        s += it.str;
        x1 = Math.max(x1, it.x + it.width);
      }
      return s.replace(/\s+/g, " ").trim();
    })
    .filter(Boolean)
    .reduce((acc, l) => (!acc ? l : /[\p{L}\p{N}][-/]$/u.test(acc) ? acc + l : `${acc} ${l}`), "");
}
