// The recogniser: tesseract.js (WebAssembly, runs wherever Node runs) with the Vietnamese LSTM
// model from @tesseract.js-data/vie, both installed by `npm install`. The model is read from
// node_modules and never cached or fetched: langPath is a local folder and cacheMethod "none".
//
// Who recognises is pluggable. A one-shot command uses one local tesseract worker (one page at a
// time, stopped after the document). An import runs a pool of recognisers in its main thread, one
// per core, and its file workers send their prepared pages there (src/batch/ocr-service.ts), so
// the pages of one scanned file are recognised on every core while the next pages are prepared.
// Each recogniser reads one page at a time on one thread.

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ReadError } from "../types.js";

type Tesseract = typeof import("tesseract.js");
type TWorker = Awaited<ReturnType<Tesseract["createWorker"]>>;

export interface OcrWord {
  text: string;
  /** 0…100 */
  confidence: number;
  /** Box in image pixels, y down. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** The line's baseline at this word (pixels, y down) and the line's height (pixels). */
  baseline: number;
  lineHeight: number;
  /** Per-character confidence (0…100), when the recogniser gave it. */
  chars?: number[];
  /** Index of the recognised line the word is on. */
  line: number;
}

export interface OcrPageResult {
  words: OcrWord[];
  /** Mean word confidence, 0…100 (0 when nothing was read). */
  confidence: number;
}

/** Something that turns a prepared page image (a greyscale PNG, png.ts) into words with boxes. */
export interface Engine {
  /** How many pages it recognises at once. */
  readonly parallel: number;
  recognize(image: Uint8Array): Promise<OcrPageResult>;
  close(): Promise<void>;
}

/** An engine with the count of pages in flight the PDF reader asks for a place in. */
export interface Recognizer extends Engine {
  /**
   * Waits until another page may be rendered and prepared, and gives the function that frees its
   * place once the page is recognised (or failed). Pages in flight (rendered, prepared, waiting or
   * being recognised) are what an import's memory grows with: one more than the recognisers take at
   * once keeps every core busy, more only costs memory. An import's file workers share one count.
   */
  reserve(): Promise<() => void>;
}

/** Places for `size` pages at a time, handed out in the order they were asked for. */
export class Places {
  private used = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}
  async take(): Promise<() => void> {
    if (this.used >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.used++;
    let freed = false;
    return () => {
      if (freed) return;
      freed = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.used--;
    };
  }
}

/** Where the Vietnamese model lives (the LSTM-only "best_int" build). */
export function modelDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@tesseract.js-data/vie/package.json")), "4.0.0_best_int");
}

/** tesseract.js workers, `size` of them, each reading one page at a time; pages wait for a free one. */
export class TesseractPool implements Engine {
  private readonly idle: TWorker[] = [];
  private readonly waiting: ((w: TWorker) => void)[] = [];
  private all: Promise<TWorker>[] = [];
  private closed = false;

  constructor(readonly parallel = 1) {}

  async recognize(image: Uint8Array): Promise<OcrPageResult> {
    const w = await this.take();
    try {
      const { data } = await w.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength), {}, { blocks: true, text: false });
      return wordsOf(data.blocks ?? []);
    } finally {
      this.give(w);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = this.all;
    this.all = [];
    this.idle.length = 0;
    await Promise.all(all.map((p) => p.then((w) => w.terminate()).catch(() => {})));
  }

  private take(): Promise<TWorker> {
    const w = this.idle.pop();
    if (w) return Promise.resolve(w);
    if (this.all.length < this.parallel) {
      const p = startTesseract();
      this.all.push(p);
      // a worker that cannot start is forgotten, so that the next page tries again
      p.catch(() => (this.all = this.all.filter((q) => q !== p)));
      return p;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private give(w: TWorker): void {
    if (this.closed) return void w.terminate().catch(() => {});
    const next = this.waiting.shift();
    if (next) next(w);
    else this.idle.push(w);
  }
}

async function startTesseract(): Promise<TWorker> {
  const T = (await import("tesseract.js")).default as unknown as Tesseract;
  try {
    const w = await T.createWorker("vie", T.OEM.LSTM_ONLY, {
      langPath: modelDir(),
      cacheMethod: "none",
      gzip: true,
      logger: () => {},
      errorHandler: () => {},
    });
    await w.setParameters({
      // automatic page segmentation: blocks, columns and table cells found on the page, not one block
      tessedit_pageseg_mode: T.PSM.AUTO,
      preserve_interword_spaces: "1",
      user_defined_dpi: "300",
      // print is dark on light after preparation: skip the inverted-text pass
      tessedit_do_invert: "0",
      // tesseract's own notes ("Detected 255 diacritics") would reach the analyst's terminal
      debug_file: "/dev/null",
    });
    return w;
  } catch (e) {
    throw new ReadError("unreadable", `Không khởi động được bộ nhận dạng chữ (OCR engine failed to start: ${String((e as Error)?.message ?? e).slice(0, 160)})`);
  }
}

type Block = NonNullable<Awaited<ReturnType<TWorker["recognize"]>>["data"]["blocks"]>[number];

/** tesseract's blocks → words in reading order, each with its line's baseline and height. */
function wordsOf(blocks: Block[]): OcrPageResult {
  const words: OcrWord[] = [];
  let lineNo = 0;
  for (const block of blocks)
    for (const para of block.paragraphs)
      for (const line of para.lines) {
        const b = line.baseline;
        const slope = b && b.x1 !== b.x0 ? (b.y1 - b.y0) / (b.x1 - b.x0) : 0;
        const lineHeight = line.rowAttributes?.rowHeight || line.bbox.y1 - line.bbox.y0;
        lineNo++;
        for (const word of line.words) {
          const text = word.text.normalize("NFC").trim();
          if (!text) continue;
          const cx = (word.bbox.x0 + word.bbox.x1) / 2;
          const base = b && b.x1 > b.x0 ? b.y0 + slope * (cx - b.x0) : word.bbox.y1;
          words.push({
            text,
            confidence: word.confidence,
            x0: word.bbox.x0,
            y0: word.bbox.y0,
            x1: word.bbox.x1,
            y1: word.bbox.y1,
            baseline: base,
            lineHeight,
            chars: word.symbols?.map((s) => s.confidence),
            line: lineNo,
          });
        }
      }
  return { words, confidence: meanConfidence(words) };
}

export function meanConfidence(words: readonly OcrWord[]): number {
  return words.length ? words.reduce((n, w) => n + w.confidence, 0) / words.length : 0;
}

/**
 * The recogniser for `parallel` pages at a time: the native tesseract program when it is installed
 * (native.ts; TONGHOP_OCR_ENGINE=js|native|auto, default auto), else tesseract.js.
 */
export async function recognizers(parallel: number): Promise<Engine> {
  const want = (process.env.TONGHOP_OCR_ENGINE ?? "auto").toLowerCase();
  if (want !== "js") {
    const native = await import("./native.js");
    if (native.nativeAvailable())
      try {
        return new native.NativeTesseract(parallel);
      } catch (e) {
        // the model could not be unpacked for it (a read-only temporary folder): tesseract.js reads
        // it from node_modules instead, unless the native program was asked for
        if (want === "native") throw e;
      }
    if (want === "native") throw new ReadError("unreadable", "TONGHOP_OCR_ENGINE=native nhưng không tìm thấy chương trình tesseract 4 trở lên (native tesseract not found)");
  }
  return new TesseractPool(parallel);
}

/** A recogniser made at its first page (nothing is loaded for files that need none). */
export class LazyRecognizer implements Recognizer {
  private r: Promise<Engine> | null = null;
  private readonly places: Places;
  constructor(readonly parallel: number) {
    this.places = new Places(parallel + 1);
  }
  reserve(): Promise<() => void> {
    return this.places.take();
  }
  async recognize(image: Uint8Array): Promise<OcrPageResult> {
    return (await (this.r ??= recognizers(this.parallel))).recognize(image);
  }
  async close(): Promise<void> {
    const r = this.r;
    this.r = null;
    if (r) await (await r.catch(() => null))?.close();
  }
}

let installed: Recognizer | null = null;
let local: LazyRecognizer | null = null;

/**
 * Puts a recogniser in charge for this thread (an import's file worker: the import's shared pool).
 * It is the caller's to close.
 */
export function useRecognizer(r: Recognizer | null): void {
  installed = r;
}

function current(): Recognizer {
  return installed ?? (local ??= new LazyRecognizer(1));
}

/** A place for one more page in flight (see Recognizer.reserve). */
export function reservePage(): Promise<() => void> {
  return current().reserve();
}

/** Recognises one prepared page image (PNG or any format Leptonica reads). */
export function recognize(image: Uint8Array): Promise<OcrPageResult> {
  return current().recognize(image);
}

/**
 * Called by the PDF reader when a document is read: the local recogniser stops, so that a one-shot
 * command can exit (an import's and `extract`'s recognisers are installed and closed by them).
 */
export async function documentDone(): Promise<void> {
  await stopRecognizer();
}

/** Stops the local recogniser (tests and one-shot commands; an import worker just exits). */
export async function stopRecognizer(): Promise<void> {
  const l = local;
  local = null;
  if (l) await l.close();
}
