// PDF variants without a PDF writer: the fixture's bytes are kept and an incremental update is
// appended (the way a PDF editor saves), holding new versions of the page content streams in
// which figures were changed digit for digit. Fonts are subsets, so names cannot be swapped
// (their letters may have no glyphs) and a figure changes only when its new digits exist in
// the font and it keeps its length; every variant also carries a comment with its number, so
// its bytes differ even when no figure could change.

import { deflateSync } from "node:zlib";
import { figureEdits } from "./vary.js";
import type { Rand } from "./rng.js";
import { objectSource, openPdf, pageContents, pageFonts, pageObjects, streamData, toUnicode, type PdfFile } from "./pdf-objects.js";

/** Where one character of the page text came from in its content stream. */
interface Origin {
  stream: number;
  /** Offset of the code's hex digits in the decoded stream. */
  at: number;
  font: number;
}

interface PageText {
  text: string;
  origins: (Origin | null)[];
}

export interface PdfTemplate {
  pdf: PdfFile;
  pages: number;
  /** Decoded content streams and, per font, its codes for the digits 0-9. */
  streams: Map<number, Buffer>;
  digitCodes: Map<number, Map<string, string>>;
  pageTexts: PageText[];
}

export function pdfTemplate(bytes: Buffer): PdfTemplate {
  const pdf = openPdf(bytes);
  const pages = pageObjects(pdf);
  const streams = new Map<number, Buffer>();
  const digitCodes = new Map<number, Map<string, string>>();
  const pageTexts: PageText[] = [];
  const maps = new Map<number, ReturnType<typeof toUnicode>>();
  for (const page of pages) {
    const fonts = pageFonts(pdf, page);
    for (const f of fonts.values())
      if (!maps.has(f)) {
        const tu = toUnicode(pdf, f);
        maps.set(f, tu);
        const digits = new Map<string, string>();
        for (const [code, ch] of tu?.map ?? []) if (/^[0-9]$/.test(ch) && !digits.has(ch)) digits.set(ch, code);
        digitCodes.set(f, digits);
      }
    const pt: PageText = { text: "", origins: [] };
    for (const n of pageContents(pdf, page)) {
      const data = streamData(pdf, n);
      streams.set(n, data);
      readText(data.toString("latin1"), n, fonts, maps, pt);
    }
    pageTexts.push(pt);
  }
  return { pdf, pages: pages.length, streams, digitCodes, pageTexts };
}

// Tf selects the font; <hex> strings are shown text; ET ends a line of LibreOffice output.
const TOKENS = /\/([^\s/<>[\]()]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>|\bET\b|\]\s*TJ|\bTj\b/g;

function readText(content: string, stream: number, fonts: Map<string, number>, maps: Map<number, ReturnType<typeof toUnicode>>, pt: PageText): void {
  let font = -1;
  const push = (s: string, o: Origin | null) => {
    pt.text += s;
    for (let i = 0; i < s.length; i++) pt.origins.push(o);
  };
  for (const m of content.matchAll(TOKENS)) {
    if (m[1] !== undefined) font = fonts.get(m[1]) ?? -1;
    else if (m[2] !== undefined) {
      const tu = maps.get(font);
      if (!tu || /\s/.test(m[2])) continue;
      for (let i = 0; i + tu.width <= m[2].length; i += tu.width) {
        const ch = tu.map.get(m[2].slice(i, i + tu.width).toUpperCase()) ?? "\uFFFD";
        push(ch, ch.length === 1 ? { stream, at: m.index! + 1 + i, font } : null);
      }
    } else push(m[0] === "ET" ? "\n" : " ", null);
  }
}

/** The variant's bytes and how many figures changed. */
export function varyPdf(t: PdfTemplate, variant: number, rand: Rand): { bytes: Buffer; figures: number } {
  const changed = new Map<number, Buffer>();
  let figures = 0;
  for (const pt of t.pageTexts) {
    for (const e of figureEdits(pt.text, rand)) {
      if (e.text.length !== e.end - e.start) continue;
      const writes: { o: Origin; code: string }[] = [];
      let ok = true;
      for (let i = 0; i < e.text.length && ok; i++) {
        const o = pt.origins[e.start + i];
        const code = o ? t.digitCodes.get(o.font)?.get(e.text[i]!) : undefined;
        if (!o || code === undefined || o.at < 0) ok = false;
        else writes.push({ o, code });
      }
      if (!ok) continue;
      for (const { o, code } of writes) {
        let buf = changed.get(o.stream);
        if (!buf) changed.set(o.stream, (buf = Buffer.from(t.streams.get(o.stream)!)));
        buf.write(code, o.at, "latin1");
      }
      figures++;
    }
  }
  return { bytes: incrementalUpdate(t.pdf, changed, variant), figures };
}

function incrementalUpdate(pdf: PdfFile, streams: Map<number, Buffer>, variant: number): Buffer {
  const parts: Buffer[] = [pdf.bytes];
  let at = pdf.bytes.length;
  const add = (b: Buffer) => {
    parts.push(b);
    at += b.length;
  };
  add(Buffer.from(`\n% tonghop bench variant ${variant}\n`, "latin1"));
  const entries: [number, number, string][] = [];
  for (const [n, data] of [...streams].sort((a, b) => a[0] - b[0])) {
    const z = deflateSync(data);
    const gen = /^\d+\s+(\d+)\s+obj/.exec(objectSource(pdf, n))![1];
    entries.push([n, at, gen!.padStart(5, "0")]);
    add(Buffer.from(`${n} ${gen} obj\n<</Length ${z.length}/Filter/FlateDecode>>\nstream\n`, "latin1"));
    add(z);
    add(Buffer.from("\nendstream\nendobj\n", "latin1"));
  }
  if (!entries.length) return Buffer.concat(parts); // a trailing comment: readers still find the last startxref
  const xref = at;
  let table = "xref\n";
  for (const [n, off, gen] of entries) table += `${n} 1\n${String(off).padStart(10, "0")} ${gen} n \n`;
  const keep = (key: string) => new RegExp(`/${key}\\s*(\\d+\\s+\\d+\\s+R|\\[[^\\]]*\\])`).exec(pdf.trailer)?.[0] ?? "";
  const size = /\/Size\s+(\d+)/.exec(pdf.trailer)![1];
  table += `trailer\n<</Size ${size}${keep("Root")}${keep("Info")}${keep("ID")}/Prev ${pdf.startxref}>>\nstartxref\n${xref}\n%%EOF\n`;
  add(Buffer.from(table, "latin1"));
  return Buffer.concat(parts);
}

/** The fixture's bytes and a trailing comment: distinct bytes, the same content. */
export function commentVariant(bytes: Buffer, variant: number): Buffer {
  return Buffer.concat([bytes, Buffer.from(`\n% tonghop bench variant ${variant}\n`, "latin1")]);
}

/** Pages by counting page objects in the raw bytes (for files the parser above cannot open). */
export function pdfPageCount(bytes: Buffer): number {
  return (bytes.toString("latin1").match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
}
