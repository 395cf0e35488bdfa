// The intermediate blocks the DOCX and PDF readers build before text exists: plain strings and
// properties, no offsets. emitDocument lays them out exactly as the text reader does (blocks
// separated by "\n\n", table rows by "\n", cells by "\t"), so the extractor sees one layout.

import { BULLET, MARKER } from "./markers.js";
import { continuesBlock, TextBuilder } from "./blocks.js";
import { normalizeUnicode } from "./normalize.js";
import type { Block, BlockKind, Cell, Format, NormalizedDocument, PageSpan, Row } from "./types.js";

export interface ProtoCell {
  text: string;
  colspan?: number;
  rowspan?: number;
  bold?: boolean;
}

export interface ProtoRow {
  cells: ProtoCell[];
  page?: number | null;
  header?: boolean;
  continues?: boolean;
}

export interface ProtoBlock {
  kind: BlockKind;
  /** Block text; "\n" separates lines that the source breaks on purpose. */
  text: string;
  page: number | null;
  /** Where a later page starts inside `text` (a paragraph rejoined across a page break). */
  pageStarts?: { at: number; page: number }[];
  rows?: ProtoRow[];
  level?: number;
  bold?: boolean;
  marker?: string;
  size?: number;
  align?: Block["align"];
}

/** Text as every reader stores it: NFC, no invisible characters, no tabs outside tables. */
export function cleanText(s: string): string {
  return normalizeUnicode(s)
    .replace(/\t/g, " ")
    .replace(/ {2,}/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();
}


/** A paragraph typed with its own marker ("- ", "+ ", "1.", "a)") is classed as the text reader does. */
export function classifyTyped(b: ProtoBlock): ProtoBlock {
  if (b.kind !== "paragraph" || b.marker) return b;
  const m = MARKER.exec(b.text);
  if (!m) return b;
  return { ...b, kind: BULLET.test(b.text) ? "list_item" : "paragraph", marker: m[1]! };
}

/**
 * Rejoins paragraphs and list items cut by a page break or a stray paragraph mark
 * ("… có kiến thức" / "công nghệ số …") with one space, the rule the text reader uses.
 */
export function joinCutBlocks(blocks: ProtoBlock[]): ProtoBlock[] {
  const out: ProtoBlock[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (
      prev &&
      (prev.kind === "paragraph" || prev.kind === "list_item") &&
      b.kind === "paragraph" &&
      !prev.bold &&
      !b.bold &&
      continuesBlock(prev.text, b.text)
    ) {
      const at = prev.text.length + 1;
      const pageStarts = [...(prev.pageStarts ?? [])];
      if (b.page != null && b.page !== prev.page && !pageStarts.some((p) => p.page === b.page)) pageStarts.push({ at, page: b.page });
      for (const p of b.pageStarts ?? []) pageStarts.push({ at: at + p.at, page: p.page });
      out[out.length - 1] = { ...prev, text: prev.text + " " + b.text, ...(pageStarts.length ? { pageStarts } : {}) };
      continue;
    }
    out.push(b);
  }
  return out;
}

interface PageMark {
  offset: number;
  page: number;
}

/** Builds the normalised document: text, block/row/cell spans, page spans. */
export function emitDocument(
  protos: ProtoBlock[],
  format: Format,
  opts: { pageCount?: number; warnings?: string[]; ocr?: boolean } = {},
): NormalizedDocument {
  const out = new TextBuilder();
  const blocks: Block[] = [];
  const marks: PageMark[] = [];
  const mark = (offset: number, page: number | null | undefined) => {
    if (page == null) return;
    const last = marks[marks.length - 1];
    if (!last || last.page !== page) marks.push({ offset, page });
  };

  for (const p of protos) {
    if (p.kind === "table") {
      const rows = (p.rows ?? []).filter((r) => r.cells.length);
      if (!rows.length) continue;
      out.breakBlock();
      const start = out.offset;
      const outRows: Row[] = [];
      rows.forEach((r, i) => {
        if (i > 0) out.append("\n");
        const rowStart = out.offset;
        mark(rowStart, r.page ?? p.page);
        const cells: Cell[] = r.cells.map((c, k) => {
          if (k > 0) out.append("\t");
          const span = out.append(normalizeUnicode(c.text).replace(/\t/g, " ").trim());
          const cell: Cell = { start: span.start, end: span.end };
          if (c.colspan && c.colspan > 1) cell.colspan = c.colspan;
          if (c.rowspan && c.rowspan > 1) cell.rowspan = c.rowspan;
          if (c.bold) cell.bold = true;
          return cell;
        });
        const row: Row = { start: rowStart, end: out.offset, cells };
        if (r.header) row.header = true;
        if (r.continues) row.continues = true;
        outRows.push(row);
      });
      const block: Block = { kind: "table", start, end: out.offset, page: p.page, rows: outRows };
      blocks.push(block);
      continue;
    }
    const text = normalizeUnicode(p.text);
    if (!text.trim()) continue;
    out.breakBlock();
    mark(out.offset, p.page);
    const base = out.offset;
    const span = out.append(text);
    for (const s of p.pageStarts ?? []) mark(base + s.at, s.page);
    const block: Block = { kind: p.kind, start: span.start, end: span.end, page: p.page };
    if (p.level != null) block.level = p.level;
    if (p.bold) block.bold = true;
    if (p.marker) block.marker = p.marker;
    if (p.size != null) block.size = p.size;
    if (p.align) block.align = p.align;
    blocks.push(block);
  }

  const text = out.toString();
  let pages: PageSpan[] | null = null;
  // pages are known for what was laid out on pages: a PDF, a picture (read as a one-page scan)
  if (format === "pdf" || format === "image") pages = pageSpans(text, marks, opts.pageCount ?? 0);
  const doc: NormalizedDocument = { format, text, blocks, pages, warnings: opts.warnings ?? [] };
  if (opts.ocr != null) doc.ocr = opts.ocr;
  return doc;
}

/** One span per page, 1..pageCount; a page with no text gets an empty span where it would be. */
function pageSpans(text: string, marks: PageMark[], pageCount: number): PageSpan[] {
  const n = Math.max(pageCount, ...marks.map((m) => m.page), 0);
  const startOf = new Map<number, number>();
  for (const m of marks) if (!startOf.has(m.page)) startOf.set(m.page, m.offset);
  const spans: PageSpan[] = [];
  let carry = 0;
  for (let p = 1; p <= n; p++) {
    const start = startOf.get(p) ?? carry;
    let next = text.length;
    for (let q = p + 1; q <= n; q++) {
      const s = startOf.get(q);
      if (s != null && s >= start) {
        next = s;
        break;
      }
    }
    let end = next;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    spans.push({ number: p, start, end });
    carry = end;
  }
  return spans;
}
