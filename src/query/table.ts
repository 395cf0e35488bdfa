// Plain-text tables for the terminal: aligned columns, long cells cut with "…".

import type { Column, Row } from "./columns.js";
import { formatNumber, terminalSafe } from "./text.js";

/** Display width: combining marks take no room (NFD input), everything else one column. */
function width(s: string): number {
  return s.normalize("NFC").replace(/\p{M}/gu, "").length;
}

function cut(s: string, max: number): string {
  const t = s.normalize("NFC");
  return width(t) <= max ? t : t.slice(0, Math.max(1, max - 1)) + "…";
}

export function cellText(v: unknown, col: Column): string {
  if (v == null) return "";
  if (typeof v === "number") return col.kind === "bool" ? (v ? "có" : "không") : formatNumber(v);
  if (typeof v === "boolean") return v ? "có" : "không";
  if (col.labels && typeof v === "string" && v in col.labels) return col.labels[v]!;
  return terminalSafe(String(v));
}

function cells(columns: Column[], rows: Row[], maxWidth = 60): string[][] {
  const cap = (c: Column) => Math.min(c.width ?? 40, maxWidth);
  return rows.map((r) => columns.map((c) => cut(cellText(r[c.key], c), cap(c))));
}

function widthsOf(columns: Column[], cellRows: string[][]): number[] {
  return columns.map((c, i) => cellRows.reduce((w, row) => Math.max(w, width(row[i]!)), width(c.title)));
}

/**
 * Splits a wide table into blocks that fit `total` columns of terminal, each block repeating
 * the first `keep` columns (the unit), like a printed spreadsheet continued on the next page.
 */
export function renderWideTable(columns: Column[], rows: Row[], keep: number, total: number): string {
  const all = widthsOf(columns, cells(columns, rows));
  const fixed = all.slice(0, keep).reduce((a, w) => a + w + 2, 0);
  const blocks: number[][] = [];
  let cur: number[] = [];
  let used = fixed;
  for (let i = keep; i < columns.length; i++) {
    if (cur.length && used + all[i]! + 2 > total) {
      blocks.push(cur);
      cur = [];
      used = fixed;
    }
    cur.push(i);
    used += all[i]! + 2;
  }
  if (cur.length || !blocks.length) blocks.push(cur);
  const head = columns.slice(0, keep);
  return blocks.map((b) => renderTable([...head, ...b.map((i) => columns[i]!)], rows)).join("\n");
}

export function renderTable(columns: Column[], rows: Row[], opts: { maxWidth?: number } = {}): string {
  const cellRows = cells(columns, rows, opts.maxWidth);
  const widths = widthsOf(columns, cellRows);
  const pad = (s: string, i: number) => {
    const gap = " ".repeat(widths[i]! - width(s));
    return columns[i]!.kind === "number" || (columns[i]!.kind === undefined && /^-?[\d.,]+$/.test(s)) ? gap + s : s + gap;
  };
  const line = (row: string[]) => row.map(pad).join("  ").trimEnd();
  const out = [line(columns.map((c) => c.title)), line(widths.map((w) => "─".repeat(w))), ...cellRows.map(line)];
  return out.join("\n") + "\n";
}
