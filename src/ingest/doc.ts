// Word 97-2003 (.doc) reader: word-extractor reads the OLE compound file and the piece table into
// the document's characters; this turns them into the normalised document. Word marks the end of
// a paragraph with \r, a line break with \v, and the end of a table cell AND of a table row with
// \x07: a row is its cells then one more \x07. word-extractor's own clean-up turns \x07 into a
// tab, losing cells from rows, so its clean-up is wrapped to keep both marks apart (private-use
// characters) before the cells are put back into rows here.
//
// The binary format keeps no heading styles in the text: a heading is "evident" when the whole
// paragraph is upper case (the national heading, "BÁO CÁO", "I. CÔNG TÁC …"); numbered headings
// in mixed case stay paragraphs with their typed marker, as in a text file.

import { createRequire } from "node:module";
import iconv from "iconv-lite";
import { readAsLegacy } from "./decode.js";
import { looksVietnamese, scoreVietnamese } from "./vietnamese-syllables.js";
import { classifyTyped, cleanText, emitDocument, joinCutBlocks, type ProtoBlock } from "./proto.js";
import { tableProtos, type PlainRow } from "./proto-tables.js";
import { symbolBullets } from "./markers.js";
import { readError } from "./messages.js";
import type { NormalizedDocument } from "./types.js";

const CELL = "\uE007";
const LINE = "\uE00B";

interface WordDocument {
  getBody(opts?: { filterUnicode?: boolean }): string;
  getTextboxes(opts?: { filterUnicode?: boolean; includeHeadersAndFooters?: boolean; includeBody?: boolean }): string;
}
interface WordExtractorClass {
  new (): { extract(input: Buffer): Promise<WordDocument> };
}

let extractorClass: WordExtractorClass | null = null;

/** word-extractor, with its clean-up wrapped before its Word reader takes a reference to it. */
function wordExtractor(): WordExtractorClass {
  if (extractorClass) return extractorClass;
  const require = createRequire(import.meta.url);
  const filters = require("word-extractor/lib/filters.js") as { clean: (s: string) => string; __tonghop?: boolean };
  if (!filters.__tonghop) {
    const clean = filters.clean;
    // \x1f (optional hyphen) is missing from its replacement table and would come out as "undefined"
    filters.clean = (s: string) => clean(s.replace(/\x07/g, CELL).replace(/\x0b/g, LINE).replace(/\x1f/g, ""));
    filters.__tonghop = true;
  }
  extractorClass = require("word-extractor") as WordExtractorClass;
  return extractorClass;
}

export async function readDoc(bytes: Uint8Array): Promise<NormalizedDocument> {
  let body: string;
  try {
    const doc = await new (wordExtractor())().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    body = doc.getBody({ filterUnicode: false });
    // text boxes in the body (a commune's name or a "Dự thảo" stamp drawn in a box) are stored
    // apart from the main text, without their anchors: they follow the body
    const boxes = doc.getTextboxes({ filterUnicode: false, includeHeadersAndFooters: false });
    if (boxes.trim()) body = `${body.replace(/\n*$/, "")}\n${boxes}`;
  } catch (e) {
    throw readError(
      "corrupt",
      "Tệp Word 97-2003 (.doc) bị hỏng, không đọc được nội dung",
      "hãy mở bằng Word rồi lưu lại thành .docx, hoặc xin bản .pdf",
      `corrupt .doc: ${String((e as Error)?.message ?? e).split("\n")[0]!.slice(0, 100)}`,
    );
  }
  const warnings: string[] = [];
  const legacy = fromLegacyFont(body);
  if (legacy) {
    body = legacy.text;
    warnings.push(`Văn bản Word gõ bằng phông chữ mã cũ. ${legacy.warning}`);
  }
  const protos = joinCutBlocks(docProtos(body));
  const doc = emitDocument(protos, "doc", { warnings });
  if (!doc.text.trim()) throw readError("empty", "Tệp Word 97-2003 (.doc) không có chữ nào", "hãy kiểm tra lại bản gửi", ".doc holds no text");
  return doc;
}

/**
 * Text typed in a TCVN3 (.VnTime) or VNI font is stored as the font's bytes, which read as
 * Windows-1252 letters: when the text is not Vietnamese as it stands but its bytes read as a
 * legacy Vietnamese encoding, that reading (decode.ts decides, as for text files).
 */
function fromLegacyFont(body: string): { text: string; warning: string } | null {
  const plain = body.replaceAll(CELL, "\x07").replaceAll(LINE, "\x0b");
  if (looksVietnamese(scoreVietnamese(plain.slice(0, 200_000)))) return null;
  const bytes = iconv.encode(plain, "windows1252");
  // only when every character is one Windows-1252 byte (real Unicode text is left alone)
  if (iconv.decode(bytes, "windows1252") !== plain) return null;
  const read = readAsLegacy(bytes);
  if (!read) return null;
  return { text: read.text.replaceAll("\x07", CELL).replaceAll("\x0b", LINE), warning: read.warnings.join(" ") };
}

type Seg = { text: string; end: "para" | "cell" };

/** The body as paragraphs and table cells, in order. */
function segments(body: string): Seg[] {
  const out: Seg[] = [];
  let cur = "";
  for (const ch of body) {
    if (ch === "\n") {
      out.push({ text: cur, end: "para" });
      cur = "";
    } else if (ch === CELL) {
      out.push({ text: cur, end: "cell" });
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) out.push({ text: cur, end: "para" });
  return out;
}

export function docProtos(body: string): ProtoBlock[] {
  const segs = segments(body);
  const out: ProtoBlock[] = [];
  const blank = (t: string) => !t.replaceAll(LINE, "").trim();
  let i = 0;
  while (i < segs.length) {
    const s = segs[i]!;
    if (s.end === "para") {
      const b = paragraph(s.text);
      if (b) out.push(b);
      i++;
      continue;
    }
    // a table, from its first cell mark. Rows end either with one more cell mark (Word: an empty
    // chunk, told from an empty cell by the column count) or with an empty paragraph right after
    // a cell mark (LibreOffice's .doc). A cell's earlier paragraphs end in \r before its mark.
    const chunks: string[] = [];
    const explicitRows: string[][] = [];
    let row: string[] = [];
    let pending: string[] = [];
    let rowEnded = false;
    let j = i;
    for (; j < segs.length; j++) {
      const t = segs[j]!;
      const prev = segs[j - 1];
      if (t.end === "cell") {
        const text = [...pending, t.text].join("\n\n");
        chunks.push(text);
        row.push(text);
        pending = [];
        rowEnded = false;
        continue;
      }
      if (blank(t.text) && !pending.length && prev?.end === "cell" && j > i) {
        explicitRows.push(row);
        row = [];
        rowEnded = true;
        continue;
      }
      // a paragraph after the end of a row (or after an empty chunk, Word's row mark) is past the
      // table, unless it is the first paragraph of a cell of one more row as wide as the others
      if (!pending.length && (rowEnded || blank(chunks[chunks.length - 1] ?? "x"))) {
        const width = rowEnded ? (explicitRows[explicitRows.length - 1]?.length ?? 0) : chunks.findIndex((c) => blank(c));
        if (!cellParagraphsOfNextRow(segs, j, width, !rowEnded)) break;
      }
      pending.push(t.text);
    }
    let rows: PlainRow[];
    if (explicitRows.length) {
      if (row.length) explicitRows.push(row);
      rows = explicitRows.map((r) => ({ cells: r.map((c) => ({ text: c.replaceAll(LINE, "\n") })) }));
    } else rows = rowsOf(chunks);
    out.push(...tableProtos(rows));
    for (const p of pending) {
      const b = paragraph(p);
      if (b) out.push(b);
    }
    i = j;
  }
  return out;
}

/**
 * True when the paragraphs from `segs[j]` are the first paragraphs of a cell that opens a row of
 * `width` cells (the text alone cannot tell a cell's paragraph from one between two tables):
 * at most a few non-empty paragraphs, not a caption ending in ":", then exactly `width` cells
 * and the row's end (Word: one more empty cell mark; LibreOffice: an empty paragraph).
 */
function cellParagraphsOfNextRow(segs: Seg[], j: number, width: number, wordRowMark: boolean): boolean {
  if (width < 1) return false;
  const blank = (t: string) => !t.replaceAll(LINE, "").trim();
  let k = j;
  for (; k < segs.length && segs[k]!.end === "para"; k++) if (blank(segs[k]!.text) || k - j >= 5) return false;
  if (k === j || k >= segs.length || /:\s*$/.test(segs[j]!.text)) return false;
  let cells = 0;
  for (; k < segs.length && segs[k]!.end === "cell"; k++) {
    if (wordRowMark && cells === width) return blank(segs[k]!.text);
    cells++;
  }
  if (wordRowMark) return false;
  return cells === width && (k >= segs.length || blank(segs[k]!.text));
}

/**
 * Cells → rows. The row mark is an empty chunk after a row's cells, so is an empty cell: the
 * column count that makes every (n+1)th chunk empty wins; failing that (merged cells), the first
 * row's width, a row ending early at an empty chunk.
 */
function rowsOf(chunks: string[]): PlainRow[] {
  const empty = (c: string | undefined) => c != null && !c.replace(LINE, "").trim();
  const toRow = (cells: string[]): PlainRow => ({ cells: cells.map((c) => ({ text: c.replaceAll(LINE, "\n") })) });
  for (let n = 1; n <= 63; n++) {
    if (chunks.length % (n + 1) !== 0) continue;
    let ok = true;
    for (let k = n; k < chunks.length; k += n + 1) if (!empty(chunks[k])) ok = false;
    if (!ok) continue;
    const rows: PlainRow[] = [];
    for (let k = 0; k < chunks.length; k += n + 1) rows.push(toRow(chunks.slice(k, k + n)));
    return rows;
  }
  const firstEnd = chunks.findIndex((c, k) => k > 0 && empty(c));
  const width = firstEnd > 0 ? firstEnd : chunks.length;
  const rows: PlainRow[] = [];
  let k = 0;
  while (k < chunks.length) {
    let end = k + width;
    if (!(end < chunks.length && empty(chunks[end]))) {
      const e = chunks.findIndex((c, m) => m > k && empty(c));
      end = e > 0 ? e : chunks.length;
    }
    rows.push(toRow(chunks.slice(k, end)));
    k = end + 1;
  }
  return rows;
}

function paragraph(raw: string): ProtoBlock | null {
  const text = cleanText(symbolBullets(raw.replaceAll(LINE, "\n")));
  if (!text) return null;
  const b = classifyTyped({ kind: "paragraph", text, page: null });
  if (evidentHeading(text)) return { ...b, kind: "heading", bold: true };
  if (numberedTitle(b)) return { ...b, kind: "heading" };
  return b;
}

/**
 * A numbered title ("2. Kết quả …", "2.1. Công tác …", "a) Nguyên nhân …"): a typed section
 * number, one short clause without a figure, ending without a colon or semicolon.
 */
function numberedTitle(b: ProtoBlock): boolean {
  if (!b.marker || b.kind !== "paragraph" || /^[-+*•–]$/.test(b.marker)) return false;
  const rest = b.text.slice(b.text.indexOf(b.marker) + b.marker.length).trim();
  if (rest.length < 4 || rest.length > 180 || b.text.includes("\n")) return false;
  if (/[:;,]$/.test(rest) || /\.\s+\p{Lu}/u.test(rest) || /\d\s*%|\d+\s*\/\s*\d+/.test(rest)) return false;
  return /^\p{Lu}/u.test(rest);
}

/** A short paragraph in capitals with at least two words, not ending a sentence. */
function evidentHeading(text: string): boolean {
  if (text.length > 160 || text.includes("\n") || /[.;,]$/.test(text)) return false;
  const letters = text.replace(/[^\p{L}]/gu, "");
  if (letters.length < 4 || letters !== letters.toUpperCase()) return false;
  return /\p{L}{2,}\s+\p{L}{2,}/u.test(text) || /^\p{Lu}{4,}$/u.test(text.replace(/[\s.:]/g, ""));
}
