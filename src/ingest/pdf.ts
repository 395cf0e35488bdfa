// PDF reader (pdfjs-dist legacy build): text items → lines → paragraphs, ruled tables as rows
// of cells, side-by-side header/signature columns read one column at a time, running page
// numbers and headers/footers dropped, paragraphs rejoined across page breaks.

import { findColumnRegions } from "./pdf-columns.js";
import { buildLines, dropRunningLines, type Line } from "./pdf-lines.js";
import { loadPdf, type RawPage } from "./pdf-load.js";
import { measure, paragraphs, type Metrics } from "./pdf-paragraphs.js";
import { findTables, type PdfTable } from "./pdf-tables.js";
import { isLayoutTable } from "./layout-tables.js";
import { classifyTyped, emitDocument, joinCutBlocks, type ProtoBlock } from "./proto.js";
import { readError } from "./messages.js";
import { itemConfidence } from "./ocr/page.js";
import type { NormalizedDocument, OcrDoubt, PageSpan } from "./types.js";

interface PageLayout {
  page: RawPage;
  lines: Line[];
  tables: PdfTable[];
}

export interface PdfOptions {
  /** Told the page count, then after each page, with how many pages needed OCR so far. */
  onPage?: (done: number, total: number, ocr: number) => void;
  /** What the analyst sent: a PDF, or a picture read as a one-page scan (image.ts). */
  format?: "pdf" | "image";
}

export async function readPdf(bytes: Uint8Array, opts: PdfOptions = {}): Promise<NormalizedDocument> {
  const raw = await loadPdf(bytes, { onPage: opts.onPage });
  const scanned = raw.filter((p) => p.ocr);
  if (scanned.length) unreadableScan(raw);
  const pages: PageLayout[] = raw.map((page) => {
    const { tables, rest } = findTables(page.items, page.rulings, page.width);
    return { page, tables, lines: buildLines(rest, page.number) };
  });
  dropRunningLines(pages);

  const warnings: string[] = [];
  const chars = pages.reduce((n, p) => n + p.lines.reduce((k, l) => k + l.text.length, 0) + p.tables.length, 0);
  if (!scanned.length && raw.length && chars < 20 * raw.length) {
    warnings.push(
      chars === 0
        ? "PDF không có lớp chữ (bản scan/ảnh chụp): chưa hỗ trợ nhận dạng chữ (OCR), hãy xin bản PDF xuất từ Word (no text layer: scanned PDF, OCR not supported)"
        : "PDF gần như không có lớp chữ, có thể là bản scan: chưa hỗ trợ OCR, số liệu có thể thiếu (little text: likely scanned, OCR not supported)",
    );
  }

  const m = measure(pages.flatMap((p) => p.lines));
  const protos = layout(pages, m);
  for (const p of scanned)
    if (p.ocr!.blank) warnings.push(`Trang ${p.number} là ảnh trống, không có chữ để nhận dạng (page ${p.number}: blank scanned page)`);
  const doc = emitDocument(joinCutBlocks(protos.map(classifyTyped)), opts.format ?? "pdf", { pageCount: raw.length, warnings, ocr: scanned.length > 0 });
  if (scanned.length) {
    for (const p of scanned) {
      const span = doc.pages?.find((s) => s.number === p.number);
      if (!span) continue;
      span.ocr = Math.round(p.ocr!.confidence * 10) / 10;
      const doubts = locateDoubts(doc.text, span, p);
      if (doubts.length) span.doubts = doubts;
    }
    const pages = scanned.map((p) => p.number).join(", ");
    warnings.push(
      opts.format === "image"
        ? "Báo cáo gửi dạng ảnh (ảnh chụp/ảnh scan): đã nhận dạng chữ (OCR), cần đối chiếu số liệu với ảnh (picture: read by OCR)"
        : scanned.length === raw.length
        ? `PDF không có lớp chữ (bản scan/ảnh chụp): đã nhận dạng chữ (OCR) ${raw.length} trang, cần đối chiếu số liệu với bản scan (no text layer: ${raw.length} pages read by OCR)`
        : `Trang ${pages} không có lớp chữ: đã nhận dạng chữ (OCR) (pages ${pages} read by OCR)`,
    );
  }
  return doc;
}

/** Below this mean word confidence a scanned page is not trusted to hold text at all. */
const UNREADABLE_CONFIDENCE = 45;
/** A figure read with less confidence than this is flagged for checking against the scan. */
export const DOUBT_CONFIDENCE = 80;

/**
 * A PDF whose every page is a scan and nothing readable came out of them is a failed file, never
 * an empty report: blank sheets, or recognition so unsure (noise, a photo of something else,
 * handwriting) that its text would only mislead.
 */
function unreadableScan(raw: RawPage[]): void {
  if (raw.some((p) => !p.ocr)) return;
  const words = raw.reduce((n, p) => n + p.ocr!.words, 0);
  const conf = words ? raw.reduce((n, p) => n + p.ocr!.confidence * p.ocr!.words, 0) / words : 0;
  if (raw.every((p) => p.ocr!.blank))
    throw readError("unreadable", "Bản scan không có chữ: mọi trang đều là ảnh trống", "hãy kiểm tra lại tệp hoặc xin bản scan/PDF khác", "scanned PDF with blank pages only: nothing to read");
  if (words < 30 || conf < UNREADABLE_CONFIDENCE)
    throw readError(
      "unreadable",
      `Không nhận dạng được chữ trong bản scan (${words} từ, độ tin cậy trung bình ${Math.round(conf)}%)`,
      "ảnh quá mờ, nhiễu hoặc không phải văn bản; hãy xin bản scan rõ hơn (ít nhất 200 dpi) hoặc bản PDF xuất từ Word",
      `scanned PDF unreadable by OCR: ${words} words, mean confidence ${Math.round(conf)}%`,
    );
}

/** Where the doubtful figures of a recognised page ended up in the text. */
function locateDoubts(text: string, span: PageSpan, p: RawPage): OcrDoubt[] {
  const out: OcrDoubt[] = [];
  // the same figure twice on a page: the second is looked for after the first
  const next = new Map<string, number>();
  for (const it of p.items) {
    const c = itemConfidence.get(it);
    if (c == null || c >= DOUBT_CONFIDENCE || !/\d/.test(it.str)) continue;
    const word = it.str.normalize("NFC");
    const at = text.indexOf(word, next.get(word) ?? span.start);
    if (at < 0 || at >= span.end + 200) continue;
    next.set(word, at + word.length);
    out.push({ start: at, end: at + word.length, confidence: Math.round(c), text: word });
  }
  return out;
}

/** Walks every page top to bottom: body lines, ruled tables and layout regions in reading order. */
function layout(pages: PageLayout[], m: Metrics): ProtoBlock[] {
  const out: ProtoBlock[] = [];
  let run: Line[] = [];
  const flush = () => {
    if (run.length) out.push(...paragraphs(run, m));
    run = [];
  };
  let lastWasTableEnd = false;
  let carried: { right: ProtoBlock[]; x0: number; split: number } | null = null;
  for (const { page, lines: all, tables } of pages) {
    let lines = all;
    if (carried) {
      const c = carried;
      let k = 0;
      while (k < lines.length && lines[k]!.segs.length === 1 && lines[k]!.x0 >= c.x0 - 3 && lines[k]!.x1 < c.split && (!tables[0] || tables[0].top < lines[k]!.y)) k++;
      out.push(...paragraphs(lines.slice(0, k), m, { left: c.x0, right: c.split, keepLines: true }), ...c.right);
      lines = lines.slice(k);
      carried = null;
    }
    const regions = findColumnRegions(lines);
    const regionAt = new Map(regions.map((r) => [r.from, r]));
    const pending = [...tables];
    let first = true;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      while (pending.length && pending[0]!.top > line.y) {
        flush();
        addTable(out, pending.shift()!, page.number, first && lastWasTableEnd, m);
        first = false;
      }
      const region = regionAt.get(i);
      if (region) {
        flush();
        const lx0 = Math.min(...region.left.map((l) => l.x0));
        const rx1 = Math.max(...region.right.map((l) => l.x1));
        out.push(...paragraphs(region.left, m, { left: lx0, right: region.split, keepLines: true }));
        const right = paragraphs(region.right, m, { left: region.split, right: Math.max(rx1, m.right), keepLines: true });
        // a signature table cut by the page break: its left column goes on at the next page's top
        if (region.to === lines.length - 1 && !pending.length) carried = { right, x0: lx0, split: region.split };
        else out.push(...right);
        i = region.to;
        first = false;
        continue;
      }
      run.push(line);
      first = false;
    }
    for (const t of pending) {
      flush();
      addTable(out, t, page.number, first && lastWasTableEnd, m);
      first = false;
    }
    const lastLine = lines[lines.length - 1];
    const lastTable = tables[tables.length - 1];
    lastWasTableEnd = !!lastTable && (!lastLine || lastLine.y > lastTable.top);
  }
  flush();
  if (carried) out.push(...carried.right);
  return out;
}

/** Adds a table; one that goes on from the previous page's last table extends it. */
function addTable(out: ProtoBlock[], t: PdfTable, page: number, carriesOn: boolean, m: Metrics) {
  // a header or signature block drawn with borders is still layout: column by column, as text
  if (isLayoutTable(t.rows.map((r) => r.cells.map((c) => c.text)))) {
    const width = Math.max(...t.boxes.map((r) => r.length));
    for (let col = 0; col < width; col++)
      for (const row of t.boxes) {
        const box = row[col];
        if (box?.items.length) out.push(...paragraphs(buildLines(box.items, page), m, { left: box.x0, right: box.x1, keepLines: true }));
      }
    return;
  }
  const rows = t.rows.map((r) => ({ ...r, page }));
  const prev = out[out.length - 1];
  if (carriesOn && prev?.kind === "table" && prev.rows?.length) {
    const width = (r: { cells: { colspan?: number }[] }) => r.cells.reduce((n, c) => n + (c.colspan ?? 1), 0);
    const firstPrev = prev.rows[0]!;
    if (width(firstPrev) === width(rows[0]!)) {
      const key = (r: { cells: { text: string }[] }) => r.cells.map((c) => c.text).join("\t");
      rows.forEach((r, i) => {
        if (rows.length && key(r) === key(firstPrev) && r.cells.length > 1) r.header = true;
        // a row that starts without its first cell right after the break carries on the row above
        else if (i === 0 && !r.cells[0]!.text && r.cells.some((c) => c.text)) r.continues = true;
      });
      prev.rows.push(...rows);
      return;
    }
  }
  out.push({ kind: "table", text: "", page, rows });
}
