// pdfjs-dist (legacy build, the one that runs on Node without a DOM): opens the PDF, maps its
// errors to ReadError, and hands back per page the text items, their fonts' weight and the
// ruling lines (table borders) drawn on the page. Nothing may reach stdout: JSON goes there.

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { restoreInflate, useSyncInflate } from "./pdf-inflate.js";
import { PdfFile } from "./pdf-objects.js";
import { contentRulings, mayHoldTable, rulings, type Ruling } from "./pdf-rulings.js";
import { ReadError } from "./types.js";

export interface RawItem {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  bold: boolean;
  /** A recognised word (OCR): the recognised line it is on, counted on its page. */
  ocrLine?: number;
}

export type { Ruling };

export interface RawPage {
  number: number;
  width: number;
  height: number;
  items: RawItem[];
  /**
   * Horizontal (y0 === y1) and vertical (x0 === x1) lines, page coordinates, y up; empty when
   * the page's content stream shows it cannot hold a ruled table (then they are not read).
   */
  rulings: Ruling[];
  /** Set when the page had no usable text layer and its text was recognised from its image (OCR). */
  ocr?: PageOcr;
}

export interface PageOcr {
  /** Mean word confidence, 0…100. */
  confidence: number;
  words: number;
  /** Skew taken out, degrees. */
  skew: number;
  /** The image holds nothing to read (an empty sheet). */
  blank: boolean;
}

export interface LoadOptions {
  /** Recognise pages without a text layer (default true). */
  ocr?: boolean;
  /** Told before the pages are read (page count) and after each page, with the pages read by OCR so far. */
  onPage?: (done: number, total: number, ocr: number) => void;
}

/** A page with fewer visible characters than this and an image is read by OCR. */
const MIN_TEXT_CHARS = 20;

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
type TextItem = import("pdfjs-dist/types/src/display/api.js").TextItem;
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

export async function loadPdf(bytes: Uint8Array, opts: LoadOptions = {}): Promise<RawPage[]> {
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
    let recognised = false;
    // scanned pages are recognised while the next ones are prepared: as many in flight as the
    // recogniser reads at once (an import's pool spans the cores); their order is kept by number
    const inFlight = new Set<Promise<void>>();
    try {
      doc = await task.promise;
    } catch (e) {
      throw mapError(e, bytes);
    }
    try {
      const pages: (RawPage | undefined)[] = [];
      let file: PdfFile | null | undefined;
      let ocrCount = 0;
      let done = 0;
      let ocrFailure: unknown = null;
      opts.onPage?.(0, doc.numPages, 0);
      for (let n = 1; n <= doc.numPages && !ocrFailure; n++) {
        const page = await doc.getPage(n);
        const [x0, y0, x1, y1] = page.view as number[];
        const content = await page.getTextContent();
        const texts = content.items.filter((it): it is TextItem => "str" in it && !!it.str);
        const visible = texts.reduce((k, it) => k + it.str.replace(/\s+/g, "").length, 0);
        if (visible < MIN_TEXT_CHARS && opts.ocr !== false) {
          const ops = await page.getOperatorList();
          const imageOps = IMAGE_OPS(OPS);
          if (ops.fnArray.some((f) => imageOps.has(f))) {
            // paintImageXObject's arguments: [object id, width, height]
            let imageWidth = 0;
            ops.fnArray.forEach((f, i) => {
              if (f === OPS.paintImageXObject) imageWidth = Math.max(imageWidth, Number((ops.argsArray[i] as unknown[])[1]) || 0);
            });
            const { ocrPage } = await import("./ocr/page.js");
            const { fullPageImage, greyOfImage } = await import("./ocr/embedded.js");
            // a page that is one scanned image: its decoded pixels, instead of rendering it
            const imageId = fullPageImage(ops, OPS as unknown as Record<string, number>, page.view as number[]);
            const pixels = imageId
              ? () => new Promise<import("./ocr/embedded.js").PageImage>((resolve) => page.objs.get(imageId, resolve as (o: unknown) => void)).then(greyOfImage)
              : undefined;
            const { reservePage } = await import("./ocr/engine.js");
            recognised = true;
            opts.onPage?.(done, doc.numPages, ++ocrCount);
            const free = await reservePage();
            if (ocrFailure) {
              free();
              break;
            }
            const number = n;
            const task: Promise<void> = ocrPage(page as unknown as import("./ocr/page.js").RenderablePage, imageWidth || undefined, pixels)
              .then((r) => {
                pages[number - 1] = {
                  number,
                  // the page as read (a sheet read a quarter turned is as wide as it is high)
                  width: r.width,
                  height: r.height,
                  items: r.items,
                  rulings: r.rulings,
                  ocr: { confidence: r.confidence, words: r.words, skew: r.skew, blank: r.blank },
                };
                page.cleanup();
                opts.onPage?.(++done, doc.numPages, ocrCount);
              })
              .catch((e) => void (ocrFailure ??= e))
              .finally(() => {
                free();
                inFlight.delete(task);
              });
            inFlight.add(task);
            continue;
          }
        }
        const at = texts.map((it) => ({ x: (it.transform[4] as number) - x0!, y: (it.transform[5] as number) - y0!, width: it.width }));
        // The operator list parses the page a second time. It gives the rulings, and it is what
        // sends the fonts (their names tell the weight): it is skipped when every font of the
        // text is already known and the content stream shows the page cannot hold a table
        // (or there is no text for one).
        let lines: Ruling[] | null = null;
        if (!texts.length) lines = [];
        else if (page.ref && texts.every((it) => page.commonObjs.has(it.fontName))) {
          if (file === undefined) file = openFile(bytes);
          const drawn = file ? drawnRulings(file, page.ref, OPS, x0!, y0!) : null;
          if (drawn && !mayHoldTable(drawn, x1! - x0!, at)) lines = [];
        }
        if (!lines) {
          const ops = await page.getOperatorList();
          // fonts arrive with the list and resolve a few promise turns later
          await new Promise((resolve) => setImmediate(resolve));
          lines = rulings(ops, OPS, x0!, y0!);
        }
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
        const items: RawItem[] = texts.map((it, i) => {
          const [a, b, , d] = it.transform as number[];
          const size = Math.hypot(a!, b!) || Math.abs(d!) || it.height;
          return { str: it.str, x: at[i]!.x, y: at[i]!.y, width: it.width, size, bold: isBold(it.fontName) };
        });
        pages[n - 1] = { number: n, width: x1! - x0!, height: y1! - y0!, items, rulings: lines };
        page.cleanup();
        opts.onPage?.(++done, doc.numPages, ocrCount);
      }
      await Promise.all(inFlight);
      if (ocrFailure) throw ocrFailure;
      const read = pages.filter((p): p is RawPage => !!p);
      // the dots of heading and row numbers, put back with the numbering of all recognised pages
      if (recognised) (await import("./ocr/page.js")).repairLabels(read);
      return read;
    } catch (e) {
      throw e instanceof ReadError ? e : mapError(e, bytes);
    } finally {
      await Promise.allSettled(inFlight);
      await doc.destroy();
      if (recognised) await (await import("./ocr/engine.js")).documentDone();
    }
  });
}

/** pdf.js operators that paint an image: a page drawn from them is a scan or a photo. */
const IMAGE_OPS = (OPS: PdfJs["OPS"]) => new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat, OPS.paintInlineImageXObjectGroup]);

/** The file for reading content streams directly, or null when it is beyond pdf-objects.ts. */
function openFile(bytes: Uint8Array): PdfFile | null {
  try {
    return new PdfFile(bytes);
  } catch {
    return null;
  }
}

/** The page's rulings read from its content stream (a superset), or null when it cannot tell. */
function drawnRulings(file: PdfFile, ref: { num: number; gen: number }, OPS: PdfJs["OPS"], ox: number, oy: number): Ruling[] | null {
  try {
    return contentRulings(file, ref, OPS, ox, oy);
  } catch {
    return null;
  }
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
