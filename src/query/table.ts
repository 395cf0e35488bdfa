// Plain-text tables for the terminal, fitted to its width (`COLUMNS`, else 80): columns keep
// their natural width when they fit; otherwise long text columns (quotes, messages) shrink first
// and are cut with "…", then other text columns down to their header; headers of number columns
// wrap onto several lines. A table that still cannot fit is printed one record per block, every
// value wrapped, nothing cut. Columns marked `fit: "keep"` (document names and ids, what an
// analyst pastes into `tonghop show`) are never cut.

import type { Column, Row } from "./columns.js";
import { formatNumber, terminalSafe } from "./text.js";

/** Display width: combining marks take no room (NFD input), everything else one column. */
export function displayWidth(s: string): number {
  return s.normalize("NFC").replace(/\p{M}/gu, "").length;
}

export function cut(s: string, max: number): string {
  const t = s.normalize("NFC");
  return displayWidth(t) <= max ? t : t.slice(0, Math.max(1, max - 1)) + "…";
}

/** Word-wraps one line of text to `width` columns; words longer than a line are split. */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(4, width);
  const out: string[] = [];
  let line = "";
  for (let word of text.normalize("NFC").split(/ +/)) {
    while (displayWidth(word) > w) {
      if (line) {
        out.push(line);
        line = "";
      }
      out.push(word.slice(0, w));
      word = word.slice(w);
    }
    if (!line) line = word;
    else if (displayWidth(line) + 1 + displayWidth(word) <= w) line += " " + word;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line || !out.length) out.push(line);
  return out;
}

/** Every line of a block of text wrapped to `width`, continuation lines indented like the first. */
export function wrapText(text: string, width: number): string {
  return text
    .split("\n")
    .flatMap((l) => {
      if (displayWidth(l) <= width) return [l];
      const indent = /^ */.exec(l)![0];
      const extra = /^ *(?:[-•⚠*]|\d+\.|“) /.test(l) ? "    " : "";
      const first = wrap(l.slice(indent.length), width - indent.length);
      const rest = first.length > 1 ? wrap(first.slice(1).join(" "), width - indent.length - extra.length) : [];
      return [indent + first[0]!, ...rest.map((r) => indent + extra + r)];
    })
    .join("\n");
}

/** The terminal's width: the TTY's, else $COLUMNS, else 80. */
export function terminalWidth(): number {
  const n = process.stdout.isTTY ? process.stdout.columns : Number(process.env.COLUMNS);
  return Number.isFinite(n) && n! >= 20 ? n! : Number(process.env.COLUMNS) >= 20 ? Number(process.env.COLUMNS) : 80;
}

export function cellText(v: unknown, col: Column): string {
  if (v == null) return "";
  if (typeof v === "number") return col.kind === "bool" ? (v ? "có" : "không") : formatNumber(v);
  if (typeof v === "boolean") return v ? "có" : "không";
  if (col.labels && typeof v === "string" && v in col.labels) return col.labels[v]!;
  return terminalSafe(String(v));
}

const isNumeric = (c: Column, s: string) => c.kind === "number" || (c.kind === undefined && /^-?[\d.,]+[*?]?$/.test(s));

interface Layout {
  widths: number[];
  /** Header lines (several when number headers wrap). */
  head: string[][];
}

function natural(columns: Column[], texts: string[][]): number[] {
  return columns.map((c, i) => Math.min(c.fit === "keep" ? Infinity : (c.width ?? 60), texts.reduce((w, row) => Math.max(w, displayWidth(row[i]!)), 0)));
}

/** Header of a number (or short) column wraps to its content's width, at least 6 and its longest word. */
function headWidth(c: Column, content: number): number {
  const title = displayWidth(c.title);
  if (title <= Math.max(content, 6)) return Math.max(content, title);
  const longest = Math.max(...c.title.split(" ").map(displayWidth));
  if (c.kind === "number" || content <= 10) return Math.max(content, Math.min(longest, 14), Math.min(title, 10));
  return Math.max(content, title);
}

function layout(columns: Column[], texts: string[][], total: number): Layout | null {
  const nat = natural(columns, texts);
  // whole headers when they fit; else headers of number columns wrap
  const whole = columns.map((c, i) => Math.max(nat[i]!, displayWidth(c.title)));
  const fits = whole.reduce((a, w) => a + w, 0) + 2 * (columns.length - 1) <= total;
  const widths = fits ? whole : columns.map((c, i) => headWidth(c, nat[i]!));
  const sum = () => widths.reduce((a, w) => a + w, 0) + 2 * (columns.length - 1);
  // shrink long text, then other text columns (never below their header's longest word, 8, or "keep")
  const floor = columns.map((c, i) => {
    if (c.fit === "keep" || c.kind === "number" || c.kind === "bool") return widths[i]!;
    const longest = Math.max(...c.title.split(" ").map(displayWidth));
    return Math.min(widths[i]!, c.min ?? (c.kind === "long" ? 16 : Math.max(8, longest)));
  });
  for (const pass of ["long", "text"] as const) {
    while (sum() > total) {
      let best = -1;
      columns.forEach((c, i) => {
        if ((pass === "long") !== (c.kind === "long")) return;
        if (widths[i]! > floor[i]! && (best < 0 || widths[i]! > widths[best]!)) best = i;
      });
      if (best < 0) break;
      widths[best]!--;
    }
  }
  if (sum() > total) return null;
  const wrapped = columns.map((c, i) => (displayWidth(c.title) <= widths[i]! ? [c.title] : wrap(c.title, widths[i]!).map((l) => cut(l, widths[i]!))));
  const lines = Math.max(...wrapped.map((w) => w.length));
  const head = Array.from({ length: lines }, (_, k) => wrapped.map((w) => w[k - (lines - w.length)] ?? ""));
  return { widths, head };
}

/**
 * One record per block when a table cannot fit: "Tiêu đề: giá trị" pairs flowing across the
 * width, separated by " · ", continuation lines indented; long text (quotes, messages) on lines
 * of its own; empty values left out; nothing cut.
 */
export function renderRecords(columns: Column[], rows: Row[], total: number): string {
  const out: string[] = [];
  rows.forEach((r) => {
    const lines: string[] = [];
    let line = "";
    const flush = () => {
      if (line) lines.push(line);
      line = "";
    };
    const indent = () => (lines.length || line ? "  " : "");
    for (const c of columns) {
      const text = cellText(r[c.key], c);
      if (!text) continue;
      const pair = `${c.title}: ${text}`;
      if (c.kind === "long" || displayWidth(pair) > total - 2) {
        flush();
        const first = lines.length ? "  " : "";
        lines.push(...wrap(pair, total - 2 - first.length).map((l, i) => (i === 0 ? first : first + "  ") + l));
        continue;
      }
      const sep = line ? " · " : indent();
      if (displayWidth(line + sep + pair) > total) {
        flush();
        line = "  " + pair;
      } else line += sep + pair;
    }
    flush();
    out.push(...lines, "");
  });
  return out.join("\n");
}

/** A table fitted to `total` columns (default: the terminal's width); one record per block when it cannot fit. */
export function renderTable(columns: Column[], rows: Row[], opts: { total?: number } = {}): string {
  const total = opts.total ?? terminalWidth();
  const texts = rows.map((r) => columns.map((c) => cellText(r[c.key], c)));
  const l = layout(columns, texts, total);
  if (!l) return renderRecords(columns, rows, total);
  const pad = (s: string, i: number, numeric: boolean) => {
    const t = cut(s, l.widths[i]!);
    const gap = " ".repeat(l.widths[i]! - displayWidth(t));
    return numeric ? gap + t : t + gap;
  };
  const line = (row: string[], head = false) => row.map((s, i) => pad(s, i, head ? columns[i]!.kind === "number" : isNumeric(columns[i]!, s))).join("  ").trimEnd();
  const out = [...l.head.map((h) => line(h, true)), line(l.widths.map((w) => "─".repeat(w))), ...texts.map((t) => line(t))];
  return out.join("\n") + "\n";
}

/**
 * Splits a wide table into blocks that fit `total` columns of terminal, each block repeating
 * the first `keep` columns (the unit), like a printed spreadsheet continued on the next page.
 */
export function renderWideTable(columns: Column[], rows: Row[], keep: number, total = terminalWidth()): string {
  const texts = rows.map((r) => columns.map((c) => cellText(r[c.key], c)));
  const nat = natural(columns, texts);
  const all = columns.map((c, i) => headWidth(c, nat[i]!));
  const fixed = all.slice(0, keep).reduce((a, w) => a + w + 2, 0);
  const blocks: number[][] = [];
  let cur: number[] = [];
  let used = fixed;
  for (let i = keep; i < columns.length; i++) {
    if (cur.length && used + all[i]! > total) {
      blocks.push(cur);
      cur = [];
      used = fixed;
    }
    cur.push(i);
    used += all[i]! + 2;
  }
  if (cur.length || !blocks.length) blocks.push(cur);
  const head = columns.slice(0, keep);
  return blocks.map((b) => renderTable([...head, ...b.map((i) => columns[i]!)], rows, { total })).join("\n");
}
