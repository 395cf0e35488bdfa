// pdfjs-dist (legacy build, the one that runs on Node without a DOM): opens the PDF, maps its
// errors to ReadError, and hands back per page the text items, their fonts' weight and the
// ruling lines (table borders) drawn on the page. Nothing may reach stdout: JSON goes there.

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { restoreInflate, useSyncInflate } from "./pdf-inflate.js";
import { ReadError } from "./types.js";

export interface RawItem {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  bold: boolean;
}

export interface Ruling {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface RawPage {
  number: number;
  width: number;
  height: number;
  items: RawItem[];
  /** Horizontal (y0 === y1) and vertical (x0 === x1) lines, page coordinates, y up. */
  rulings: Ruling[];
}

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjs: Promise<PdfJs> | null = null;
const loadPdfJs = () => (pdfjs ??= quietly(importPdfJs));

/** pdf.js's worker side runs in this thread (Node has no web workers): the module it would import at the first document. */
const WORKER_MODULE = "pdfjs-dist/legacy/build/pdf.worker.mjs";

/**
 * Loads pdf.js and its worker module, then puts back the native Array.prototype.push: core-js in
 * the legacy build replaces it, on V8 before 12.2 (Node 20), with a JavaScript version that fixes
 * arrays whose length is read-only. pdf.js pushes once per token and glyph, and the rest of the
 * process (extraction, storage) would keep the slow push too: it was 19 % of the CPU time of
 * reading a PDF. The two differ only on frozen-length arrays, which neither pdf.js nor tonghop use.
 */
async function importPdfJs(): Promise<PdfJs> {
  const push = Array.prototype.push;
  const lib = await import("pdfjs-dist/legacy/build/pdf.mjs");
  // loaded now rather than at the first getDocument, so its own polyfills are in place before
  // push is put back; pdf.js finds it on globalThis.pdfjsWorker (the variable keeps tsc from
  // looking for types the worker module does not ship)
  const worker: string = WORKER_MODULE;
  await import(worker);
  if (Array.prototype.push !== push) Object.defineProperty(Array.prototype, "push", { value: push, writable: true, configurable: true, enumerable: false });
  return lib;
}

/** Where pdfjs keeps its standard fonts and CMaps, so fonts resolve without any network. */
function assetDir(sub: string): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("pdfjs-dist/package.json")), sub) + "/";
}

let guards = 0;
let savedLog: typeof console.log | null = null;
/**
 * pdfjs logs with console.log; while it works, console.log goes to stderr. And it inflates
 * streams synchronously meanwhile (pdf-inflate.ts).
 */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  if (guards++ === 0) {
    savedLog = console.log;
    console.log = (...args: unknown[]) => console.error(...args);
  }
  useSyncInflate();
  try {
    return await fn();
  } finally {
    restoreInflate();
    if (--guards === 0 && savedLog) {
      console.log = savedLog;
      savedLog = null;
    }
  }
}

const BOLD_NAME = /bold|black|heavy|semibold|demibold|[-,]bd\b|\bbd$|extrabold/i;

export async function loadPdf(bytes: Uint8Array): Promise<RawPage[]> {
  return quietly(async () => {
    const { getDocument, VerbosityLevel, OPS } = await loadPdfJs();
    // pdfjs takes ownership of the buffer it is given: hand it a copy
    const task = getDocument({
      data: new Uint8Array(bytes),
      verbosity: VerbosityLevel.ERRORS,
      standardFontDataUrl: assetDir("standard_fonts"),
      cMapUrl: assetDir("cmaps"),
      cMapPacked: true,
      disableFontFace: true,
      isEvalSupported: false,
      useSystemFonts: false,
      stopAtErrors: false,
    });
    let doc;
    try {
      doc = await task.promise;
    } catch (e) {
      throw mapError(e, bytes);
    }
    try {
      const pages: RawPage[] = [];
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const [x0, y0, x1, y1] = page.view as number[];
        const ops = await page.getOperatorList();
        const content = await page.getTextContent();
        const boldFont = new Map<string, boolean>();
        const isBold = (name: string): boolean => {
          let b = boldFont.get(name);
          if (b == null) {
            b = false;
            try {
              const f = page.commonObjs.get(name) as { name?: string; bold?: boolean; black?: boolean } | undefined;
              b = !!f && (!!f.bold || !!f.black || BOLD_NAME.test(f.name ?? ""));
            } catch {
              // font not loaded on this side: weight unknown, treat as regular
            }
            boldFont.set(name, b);
          }
          return b;
        };
        const items: RawItem[] = [];
        for (const it of content.items) {
          if (!("str" in it) || !it.str) continue;
          const [a, b, , d, e, f] = it.transform as number[];
          const size = Math.hypot(a!, b!) || Math.abs(d!) || it.height;
          items.push({ str: it.str, x: e! - x0!, y: f! - y0!, width: it.width, size, bold: isBold(it.fontName) });
        }
        pages.push({ number: n, width: x1! - x0!, height: y1! - y0!, items, rulings: rulings(ops, OPS, x0!, y0!) });
        page.cleanup();
      }
      return pages;
    } catch (e) {
      throw e instanceof ReadError ? e : mapError(e, bytes);
    } finally {
      await doc.destroy();
    }
  });
}

/** Straight horizontal/vertical strokes and thin rectangles: the borders tables are drawn with. */
function rulings(ops: { fnArray: number[]; argsArray: unknown[] }, OPS: PdfJs["OPS"], ox: number, oy: number): Ruling[] {
  const out: Ruling[] = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
  const tx = (x: number, y: number) => [ctm[0]! * x + ctm[2]! * y + ctm[4]! - ox, ctm[1]! * x + ctm[3]! * y + ctm[5]! - oy] as const;
  const add = (ax: number, ay: number, bx: number, by: number) => {
    const [x0, y0] = tx(ax, ay);
    const [x1, y1] = tx(bx, by);
    if (Math.abs(y1 - y0) < 1.5 && Math.abs(x1 - x0) > 4) out.push({ x0: Math.min(x0, x1), x1: Math.max(x0, x1), y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
    else if (Math.abs(x1 - x0) < 1.5 && Math.abs(y1 - y0) > 4) out.push({ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0: Math.min(y0, y1), y1: Math.max(y0, y1) });
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform) {
      const [a, b, c, d, e, f] = args as number[];
      const m = ctm;
      ctm = [m[0]! * a! + m[2]! * b!, m[1]! * a! + m[3]! * b!, m[0]! * c! + m[2]! * d!, m[1]! * c! + m[3]! * d!, m[0]! * e! + m[2]! * f! + m[4]!, m[1]! * e! + m[3]! * f! + m[5]!];
    } else if (fn === OPS.constructPath) {
      // pdfjs 5: [paintOp, [path data: 0 moveTo x y, 1 lineTo x y, 2 curveTo 6, 3 quadratic 4, 4 close], bbox]
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data) continue;
      let cx = 0;
      let cy = 0;
      let sx = 0;
      let sy = 0;
      const points: [number, number][] = [];
      for (let k = 0; k < data.length; ) {
        const op = data[k++];
        if (op === 0) {
          cx = sx = data[k++]!;
          cy = sy = data[k++]!;
          points.push([cx, cy]);
        } else if (op === 1) {
          const x = data[k++]!;
          const y = data[k++]!;
          add(cx, cy, x, y);
          cx = x;
          cy = y;
          points.push([cx, cy]);
        } else if (op === 2) {
          k += 4;
          cx = data[k++]!;
          cy = data[k++]!;
        } else if (op === 3) {
          k += 2;
          cx = data[k++]!;
          cy = data[k++]!;
        } else if (op === 4) {
          add(cx, cy, sx, sy);
          cx = sx;
          cy = sy;
        } else break;
      }
      // a filled thin rectangle is a line too: take its long middle axis
      if (points.length >= 4) {
        const xs = points.map((p) => p[0]);
        const ys = points.map((p) => p[1]);
        const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        if (maxY - minY < 2.5 && maxX - minX > 4) add(minX, (minY + maxY) / 2, maxX, (minY + maxY) / 2);
        else if (maxX - minX < 2.5 && maxY - minY > 4) add((minX + maxX) / 2, minY, (minX + maxX) / 2, maxY);
      }
    }
  }
  return out;
}

function mapError(e: unknown, bytes: Uint8Array): ReadError {
  if (e instanceof ReadError) return e;
  const name = (e as { name?: string })?.name ?? "";
  const msg = String((e as Error)?.message ?? e).split("\n")[0]!.slice(0, 160);
  if (name === "PasswordException" || /password/i.test(msg)) {
    return new ReadError("encrypted", "PDF được bảo vệ bằng mật khẩu: hãy xin bản không đặt mật khẩu (password-protected PDF)");
  }
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString("latin1");
  if (!/%%EOF/.test(tail)) {
    return new ReadError("truncated", `PDF bị cắt cụt, thiếu phần cuối tệp: hãy xin gửi lại bản đầy đủ (truncated PDF: ${msg})`);
  }
  return new ReadError("corrupt", `PDF hỏng, không đọc được cấu trúc tệp: hãy xuất lại PDF từ bản gốc (corrupt PDF: ${msg})`);
}
