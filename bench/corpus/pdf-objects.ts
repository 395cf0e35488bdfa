// Just enough of a PDF reader to find page content streams and the fonts' ToUnicode maps in the
// fixtures (LibreOffice output: classic xref tables, Flate streams). Not a general parser: it
// throws on anything else, and the corpus builder then falls back to byte-only variants.

import { inflateSync } from "node:zlib";

export interface PdfFile {
  bytes: Buffer;
  /** latin1 view of the bytes: offsets in the string are offsets in the file. */
  src: string;
  offsets: Map<number, number>;
  trailer: string;
  startxref: number;
}

export function openPdf(bytes: Buffer): PdfFile {
  const src = bytes.toString("latin1");
  const sx = src.lastIndexOf("startxref");
  if (sx < 0) throw new Error("no startxref");
  const startxref = Number(/startxref\s+(\d+)/.exec(src.slice(sx))![1]);
  const offsets = new Map<number, number>();
  let trailer = "";
  for (let at: number | null = startxref; at !== null; ) {
    if (!src.startsWith("xref", at)) throw new Error("not a classic xref table");
    const end = src.indexOf("trailer", at);
    const lines = src.slice(at + 4, end).trim().split(/\r\n|\r|\n/);
    for (let i = 0; i < lines.length; ) {
      const [first, count] = lines[i++]!.trim().split(/\s+/).map(Number) as [number, number];
      for (let k = 0; k < count; k++, i++) {
        const m = /^(\d{10}) (\d{5}) ([nf])/.exec(lines[i]!.trim());
        if (m && m[3] === "n" && !offsets.has(first + k)) offsets.set(first + k, Number(m[1]));
      }
    }
    const t = src.slice(end, src.indexOf("startxref", end));
    if (!trailer) trailer = t;
    const prev = /\/Prev\s+(\d+)/.exec(t);
    at = prev ? Number(prev[1]) : null;
  }
  return { bytes, src, offsets, trailer, startxref };
}

/** The object's source from "n 0 obj" to "endobj" (the stream data included, as latin1). */
export function objectSource(pdf: PdfFile, n: number): string {
  const at = pdf.offsets.get(n);
  if (at === undefined) throw new Error(`object ${n} not in xref`);
  return pdf.src.slice(at, pdf.src.indexOf("endobj", at));
}

/** The object's dictionary text (before "stream"), for reading keys with regular expressions. */
export function dictOf(pdf: PdfFile, n: number): string {
  const s = objectSource(pdf, n);
  const i = s.indexOf("stream");
  return i < 0 ? s : s.slice(0, i);
}

export function ref(dict: string, key: string): number | null {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
  return m ? Number(m[1]) : null;
}

/** The decoded data of stream object n (Flate or none). */
export function streamData(pdf: PdfFile, n: number): Buffer {
  const at = pdf.offsets.get(n)!;
  const s = objectSource(pdf, n);
  const dict = s.slice(0, s.indexOf("stream"));
  const lenRef = ref(dict, "Length");
  const length = lenRef !== null ? Number(/obj\s*(\d+)/.exec(objectSource(pdf, lenRef))![1]) : Number(/\/Length\s+(\d+)/.exec(dict)![1]);
  const m = /stream\r?\n/.exec(s)!;
  const start = at + m.index + m[0].length;
  const raw = pdf.bytes.subarray(start, start + length);
  if (/\/Filter\s*\/FlateDecode/.test(dict)) return inflateSync(raw);
  if (/\/Filter/.test(dict)) throw new Error(`object ${n}: unsupported filter`);
  return Buffer.from(raw);
}

/** Page objects in file order (enough for counting pages and visiting their contents). */
export function pageObjects(pdf: PdfFile): number[] {
  return [...pdf.offsets.keys()].filter((n) => /\/Type\s*\/Page(?![a-z])/.test(dictOf(pdf, n))).sort((a, b) => a - b);
}

/** The page's content stream objects. */
export function pageContents(pdf: PdfFile, page: number): number[] {
  const dict = dictOf(pdf, page);
  const one = ref(dict, "Contents");
  if (one !== null) return [one];
  const arr = /\/Contents\s*\[([^\]]*)\]/.exec(dict);
  return arr ? [...arr[1]!.matchAll(/(\d+)\s+0\s+R/g)].map((m) => Number(m[1])) : [];
}

/** The page's font resources: name ("F1") → font object, following an indirect /Resources or /Font. */
export function pageFonts(pdf: PdfFile, page: number): Map<string, number> {
  let res = dictOf(pdf, page);
  const resRef = ref(res, "Resources");
  if (resRef !== null) res = dictOf(pdf, resRef);
  else if (!/\/Resources/.test(res)) {
    const parent = ref(res, "Parent"); // inherited from the page tree
    if (parent !== null) return pageFonts(pdf, parent);
  }
  const fontRef = ref(res, "Font");
  const fonts = fontRef !== null ? dictOf(pdf, fontRef) : (/\/Font\s*<<([^>]*)>>/.exec(res)?.[1] ?? "");
  const out = new Map<string, number>();
  for (const m of fonts.matchAll(/\/([^\s/<>\[\]()]+)\s+(\d+)\s+0\s+R/g)) out.set(m[1]!, Number(m[2]));
  return out;
}

/** A font's ToUnicode map: code (hex, upper case) → text, and the code width in hex digits. */
export function toUnicode(pdf: PdfFile, font: number): { map: Map<string, string>; width: number } | null {
  const tu = ref(dictOf(pdf, font), "ToUnicode");
  if (tu === null) return null;
  const cmap = streamData(pdf, tu).toString("latin1");
  const space = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(cmap);
  const width = space ? space[1]!.length : 2;
  const map = new Map<string, string>();
  const hexText = (h: string) => String.fromCodePoint(...h.match(/.{4}/g)!.map((x) => parseInt(x, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(m[1]!.toUpperCase(), hexText(m[2]!));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      const base = parseInt(m[3]!, 16);
      for (let c = lo; c <= hi; c++) map.set(c.toString(16).toUpperCase().padStart(width, "0"), String.fromCodePoint(base + c - lo));
    }
  return { map, width };
}
