// Just enough of a PDF object reader to reach a page's content streams and resources straight
// from the file's bytes: cross-reference tables and streams (incremental updates, hybrid files),
// object streams, Flate. It checks what it reads (every object's "n g obj" header, every
// stream's "endstream") and throws on anything it does not handle (encryption, other filters,
// a damaged cross-reference table that pdf.js would rebuild): pdf-rulings.ts then asks pdf.js.

import { inflateSync } from "node:zlib";

export class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

export class Name {
  constructor(readonly name: string) {}
}

/** A string operand; its bytes are never needed here. */
export class PdfString {}

/** A PDF keyword outside a value: an operator in a content stream, "obj", "stream", "R"… */
export class Keyword {
  constructor(readonly word: string) {}
}

export type PdfDict = Map<string, PdfValue>;
export interface PdfStream {
  dict: PdfDict;
  /** Offset and length of the raw (still encoded) data in the file. */
  start: number;
  length: number;
}
export type PdfValue = number | boolean | null | Name | PdfString | Ref | PdfDict | PdfValue[] | PdfStream;

export const isDict = (v: unknown): v is PdfDict => v instanceof Map;
export const isStream = (v: unknown): v is PdfStream => typeof v === "object" && v !== null && "dict" in v && "start" in v;
export const nameOf = (v: unknown): string | undefined => (v instanceof Name ? v.name : undefined);

class ParseError extends Error {}
const fail = (msg: string): never => {
  throw new ParseError(msg);
};

/** Character classes: 1 whitespace, 2 delimiter, 0 regular. */
export const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of "()<>[]{}/%") CLASS[c.charCodeAt(0)] = 2;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const END_ARRAY = Symbol("]");
const END_DICT = Symbol(">>");
type Token = PdfValue | Keyword | typeof END_ARRAY | typeof END_DICT;

/** Tokens and values of PDF syntax over a byte range (a file, or a decoded content stream). */
export class Lexer {
  constructor(
    readonly bytes: Uint8Array,
    public pos = 0,
    readonly end = bytes.length,
  ) {}

  skipSpace(): void {
    const b = this.bytes;
    while (this.pos < this.end) {
      const c = b[this.pos]!;
      if (CLASS[c] === 1) this.pos++;
      else if (c === 0x25) while (this.pos < this.end && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      else break;
    }
  }

  /** The next token, or undefined at the end. Arrays and dictionaries come whole; "n g R" is a Ref. */
  next(): Token | undefined {
    this.skipSpace();
    if (this.pos >= this.end) return undefined;
    const b = this.bytes;
    const c = b[this.pos]!;
    if (c === 0x2f) return new Name(this.regular(this.pos + 1, true));
    if (c === 0x28) return this.literalString();
    if (c === 0x3c) {
      if (b[this.pos + 1] === 0x3c) {
        this.pos += 2;
        return this.dict();
      }
      const close = b.indexOf(0x3e, this.pos);
      if (close < 0 || close >= this.end) fail("unterminated hex string");
      this.pos = close + 1;
      return new PdfString();
    }
    if (c === 0x3e) {
      if (b[this.pos + 1] !== 0x3e) fail("stray >");
      this.pos += 2;
      return END_DICT;
    }
    if (c === 0x5b) {
      this.pos++;
      const arr: PdfValue[] = [];
      for (;;) {
        const t = this.next();
        if (t === END_ARRAY) return arr;
        if (t === undefined || t === END_DICT || t instanceof Keyword) fail("bad array");
        arr.push(t as PdfValue);
      }
    }
    if (c === 0x5d) {
      this.pos++;
      return END_ARRAY;
    }
    if (CLASS[c] === 2) fail(`unexpected ${String.fromCharCode(c)}`);
    const word = this.regular(this.pos, false);
    if (NUMBER.test(word)) {
      const n = Number(word);
      // "n g R": a reference
      if (Number.isInteger(n) && n >= 0 && /^\d+$/.test(word)) {
        const save = this.pos;
        this.skipSpace();
        const g = this.pos < this.end && b[this.pos]! >= 0x30 && b[this.pos]! <= 0x39 ? this.regular(this.pos, false) : "";
        if (/^\d+$/.test(g)) {
          this.skipSpace();
          if (b[this.pos] === 0x52 && (this.pos + 1 >= this.end || CLASS[b[this.pos + 1]!] !== 0)) {
            this.pos++;
            return new Ref(n, Number(g));
          }
        }
        this.pos = save;
      }
      return n;
    }
    if (word === "true") return true;
    if (word === "false") return false;
    if (word === "null") return null;
    return new Keyword(word);
  }

  /** The next token, which must be a value. */
  value(): PdfValue {
    const t = this.next();
    if (t === undefined || t === END_ARRAY || t === END_DICT || t instanceof Keyword) return fail("expected a value");
    return t;
  }

  private dict(): PdfDict {
    const d: PdfDict = new Map();
    for (;;) {
      const k = this.next();
      if (k === END_DICT) return d;
      if (!(k instanceof Name)) return fail("bad dictionary key");
      d.set(k.name, this.value());
    }
  }

  /** A run of regular characters from `from`; names decode #xx. */
  private regular(from: number, name: boolean): string {
    const b = this.bytes;
    let i = from;
    while (i < this.end && CLASS[b[i]!] === 0) i++;
    let s = "";
    for (let k = from; k < i; k++) s += String.fromCharCode(b[k]!);
    if (name && s.includes("#")) s = s.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    this.pos = i;
    return s;
  }

  private literalString(): PdfString {
    const b = this.bytes;
    let depth = 0;
    for (let i = this.pos; i < this.end; i++) {
      const c = b[i];
      if (c === 0x5c) i++;
      else if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) {
        this.pos = i + 1;
        return new PdfString();
      }
    }
    return fail("unterminated string");
  }
}

type Entry = { offset: number; gen: number } | { stm: number; index: number } | null;

/** A PDF file's objects, read on demand. The constructor throws when the file is beyond this reader. */
export class PdfFile {
  private entries = new Map<number, Entry>();
  private cache = new Map<number, PdfValue>();
  private objStreams = new Map<number, { data: Uint8Array; pairs: [number, number][] }>();
  readonly trailer: PdfDict;

  constructor(readonly bytes: Uint8Array) {
    const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString("latin1");
    // the last startxref (as pdf.js finds it: anything may follow, a comment, another %%EOF)
    const m = /startxref\s+(\d+)/.exec(tail.slice(tail.lastIndexOf("startxref"))) ?? fail("no startxref");
    let trailer: PdfDict | null = null;
    const seen = new Set<number>();
    for (let at: number | null = Number(m[1]); at !== null; ) {
      if (seen.has(at) || seen.size > 64) fail("xref loop");
      seen.add(at);
      const t = this.readXref(at);
      trailer ??= t;
      if (t.has("Encrypt")) fail("encrypted");
      const stm = t.get("XRefStm");
      if (typeof stm === "number" && !seen.has(stm)) {
        seen.add(stm);
        this.readXref(stm);
      }
      const prev = t.get("Prev");
      at = typeof prev === "number" ? prev : null;
    }
    this.trailer = trailer!;
  }

  /** Follows a reference (once; objects are cached). */
  resolve(v: PdfValue | undefined): PdfValue | undefined {
    return v instanceof Ref ? this.fetch(v) : v;
  }

  get(d: PdfDict, key: string): PdfValue | undefined {
    return this.resolve(d.get(key));
  }

  fetch(ref: Ref): PdfValue {
    const hit = this.cache.get(ref.num);
    if (hit !== undefined) return hit;
    const e = this.entries.get(ref.num) ?? fail(`object ${ref.num} not in xref`);
    let v: PdfValue;
    if ("offset" in e) {
      if (e.gen !== ref.gen) fail(`object ${ref.num}: generation`);
      v = this.objectAt(e.offset, ref.num, ref.gen);
    } else {
      if (ref.gen !== 0) fail(`object ${ref.num}: generation`);
      v = this.fromObjectStream(e.stm, e.index, ref.num);
    }
    this.cache.set(ref.num, v);
    return v;
  }

  /** A stream's decoded bytes: no filter, or Flate without a predictor (xref streams: PNG predictors). */
  data(s: PdfStream, predictors = false): Uint8Array {
    const raw = this.bytes.subarray(s.start, s.start + s.length);
    let filter = this.get(s.dict, "Filter");
    let parms = this.get(s.dict, "DecodeParms");
    if (Array.isArray(filter)) {
      if (filter.length > 1) fail("filter chain");
      filter = this.resolve(filter[0]);
      parms = Array.isArray(parms) ? this.resolve(parms[0]) : parms;
    }
    if (filter === undefined || filter === null) return raw;
    if (nameOf(filter) !== "FlateDecode") return fail("filter");
    const out = inflateSync(raw);
    const predictor = isDict(parms) ? this.get(parms, "Predictor") : undefined;
    if (predictor === undefined || predictor === null || predictor === 1) return out;
    if (!predictors || typeof predictor !== "number" || predictor < 10) return fail("predictor");
    const colors = isDict(parms) ? (this.get(parms, "Colors") ?? 1) : 1;
    const bpc = isDict(parms) ? (this.get(parms, "BitsPerComponent") ?? 8) : 8;
    const columns = isDict(parms) ? (this.get(parms, "Columns") ?? 1) : 1;
    if (colors !== 1 || bpc !== 8 || typeof columns !== "number") return fail("predictor parameters");
    return unpredictPng(out, columns);
  }

  private objectAt(offset: number, num: number, gen: number): PdfValue {
    const lx = new Lexer(this.bytes, offset);
    if (lx.next() !== num || lx.next() !== gen) fail(`object ${num}: header`);
    const kw = lx.next();
    if (!(kw instanceof Keyword) || kw.word !== "obj") fail(`object ${num}: obj`);
    const v = lx.value();
    const save = lx.pos;
    const after = lx.next();
    if (!(after instanceof Keyword) || after.word !== "stream") {
      lx.pos = save;
      return v;
    }
    if (!isDict(v)) return fail("stream without dictionary");
    // data starts after the end of the "stream" line (as pdf.js reads it)
    const b = this.bytes;
    let i = lx.pos;
    while (i < b.length && b[i] !== 0x0a && b[i] !== 0x0d) i++;
    if (b[i] === 0x0d && b[i + 1] === 0x0a) i += 2;
    else i++;
    const length = this.get(v, "Length");
    if (typeof length !== "number" || !Number.isInteger(length) || length < 0 || i + length > b.length) fail("stream length");
    const end = new Lexer(b, i + (length as number));
    const kw2 = end.next();
    if (!(kw2 instanceof Keyword) || kw2.word !== "endstream") fail("no endstream after Length");
    return { dict: v, start: i, length: length as number };
  }

  private fromObjectStream(stm: number, index: number, num: number): PdfValue {
    let os = this.objStreams.get(stm);
    if (!os) {
      const s = this.fetch(new Ref(stm, 0));
      if (!isStream(s) || nameOf(this.get(s.dict, "Type")) !== "ObjStm") return fail("not an object stream");
      const n = this.get(s.dict, "N");
      const first = this.get(s.dict, "First");
      if (typeof n !== "number" || typeof first !== "number") return fail("object stream header");
      const data = this.data(s);
      const lx = new Lexer(data);
      const pairs: [number, number][] = [];
      for (let k = 0; k < n; k++) {
        const o = lx.next();
        const at = lx.next();
        if (typeof o !== "number" || typeof at !== "number") return fail("object stream pairs");
        pairs.push([o, first + at]);
      }
      os = { data, pairs };
      this.objStreams.set(stm, os);
    }
    // the index-th pair names the object (as pdf.js checks)
    const pair = os.pairs[index] ?? fail(`object ${num}: index in object stream`);
    if (pair[0] !== num) fail(`object ${num}: object stream pair`);
    return new Lexer(os.data, pair[1]).value();
  }

  /** Reads one cross-reference section (table or stream) into entries not yet known; returns its trailer. */
  private readXref(at: number): PdfDict {
    const lx = new Lexer(this.bytes, at);
    const first = lx.next();
    if (first instanceof Keyword && first.word === "xref") {
      for (;;) {
        const t = lx.next();
        if (t instanceof Keyword && t.word === "trailer") {
          const d = lx.value();
          return isDict(d) ? d : fail("trailer");
        }
        const count = lx.next();
        if (typeof t !== "number" || typeof count !== "number") return fail("xref subsection");
        for (let k = 0; k < count; k++) {
          const off = lx.next();
          const gen = lx.next();
          const kind = lx.next();
          if (typeof off !== "number" || typeof gen !== "number" || !(kind instanceof Keyword)) return fail("xref entry");
          // pdf.js repairs a table numbered from 1 whose first entry is the free head: not here
          if (k === 0 && t === 1 && kind.word === "f" && gen === 65535) fail("xref numbered from 1");
          const n = t + k;
          if (n === 0 || this.entries.has(n)) continue;
          if (kind.word === "n") this.entries.set(n, { offset: off, gen });
          else if (kind.word === "f") this.entries.set(n, null);
          else fail("xref entry type");
        }
      }
    }
    // a cross-reference stream: "n g obj << /Type /XRef … >> stream"
    lx.pos = at;
    const num = lx.next();
    const gen = lx.next();
    if (typeof num !== "number" || typeof gen !== "number") return fail("xref");
    const s = this.objectAt(at, num, gen);
    if (!isStream(s) || nameOf(this.get(s.dict, "Type")) !== "XRef") return fail("xref stream");
    const w = this.get(s.dict, "W");
    const size = this.get(s.dict, "Size");
    if (!Array.isArray(w) || w.length !== 3 || !w.every((x) => typeof x === "number") || typeof size !== "number") return fail("xref stream W");
    const [w0, w1, w2] = w as [number, number, number];
    const index = this.get(s.dict, "Index") ?? [0, size];
    if (!Array.isArray(index) || index.length % 2 || !index.every((x) => typeof x === "number")) return fail("xref stream Index");
    const data = this.data(s, true);
    const field = (p: number, width: number, dflt: number) => {
      if (!width) return dflt;
      let v = 0;
      for (let k = 0; k < width; k++) v = v * 256 + data[p + k]!;
      return v;
    };
    let p = 0;
    for (let k = 0; k < index.length; k += 2) {
      const start = index[k] as number;
      const count = index[k + 1] as number;
      for (let j = 0; j < count; j++, p += w0 + w1 + w2) {
        if (p + w0 + w1 + w2 > data.length) fail("xref stream data");
        const type = field(p, w0, 1);
        const a = field(p + w0, w1, 0);
        const c = field(p + w0 + w1, w2, 0);
        const n = start + j;
        if (n === 0 || this.entries.has(n)) continue;
        if (type === 0) this.entries.set(n, null);
        else if (type === 1) this.entries.set(n, { offset: a, gen: c });
        else if (type === 2) this.entries.set(n, { stm: a, index: c });
        // other types are reserved: the object counts as absent (null)
        else this.entries.set(n, null);
      }
    }
    return s.dict;
  }
}

/** Undoes PNG row predictors (one byte per pixel): the rows of a cross-reference stream. */
function unpredictPng(data: Uint8Array, columns: number): Uint8Array {
  const row = columns + 1;
  if (data.length % row) fail("predictor rows");
  const rows = data.length / row;
  const out = new Uint8Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    const type = data[r * row]!;
    for (let c = 0; c < columns; c++) {
      const x = data[r * row + 1 + c]!;
      const left = c > 0 ? out[r * columns + c - 1]! : 0;
      const up = r > 0 ? out[(r - 1) * columns + c]! : 0;
      const upLeft = r > 0 && c > 0 ? out[(r - 1) * columns + c - 1]! : 0;
      let v: number;
      if (type === 0) v = x;
      else if (type === 1) v = x + left;
      else if (type === 2) v = x + up;
      else if (type === 3) v = x + ((left + up) >> 1);
      else if (type === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        v = x + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      } else return fail("predictor type");
      out[r * columns + c] = v & 0xff;
    }
  }
  return out;
}
