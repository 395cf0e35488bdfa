// The recogniser: tesseract.js (WebAssembly, runs wherever Node runs) with the Vietnamese LSTM
// model from @tesseract.js-data/vie, both installed by `npm install`. The model is read from
// node_modules and never cached or fetched: langPath is a local folder and cacheMethod "none".
// One tesseract worker per thread that asks for it (each import worker has its own), reused for
// every page it reads; it recognises one page at a time on one thread.

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

/** Where the Vietnamese model lives (the LSTM-only "best_int" build). */
export function modelDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@tesseract.js-data/vie/package.json")), "4.0.0_best_int");
}

let worker: Promise<TWorker> | null = null;
let keep = false;

/**
 * Keeps the recogniser between documents (an import worker reads many); otherwise it stops after
 * each document so that a one-shot command can exit.
 */
export function keepRecognizer(on = true): void {
  keep = on;
}

/** Called by the PDF reader when a document is read. */
export async function documentDone(): Promise<void> {
  if (!keep) await stopRecognizer();
}

async function start(): Promise<TWorker> {
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
    });
    return w;
  } catch (e) {
    worker = null;
    throw new ReadError("unreadable", `Không khởi động được bộ nhận dạng chữ (OCR engine failed to start: ${String((e as Error)?.message ?? e).slice(0, 160)})`);
  }
}

/** Recognises one prepared page image (PGM or any format Leptonica reads). */
export async function recognize(image: Uint8Array): Promise<OcrPageResult> {
  const w = await (worker ??= start());
  const { data } = await w.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength), {}, { blocks: true, text: false });
  const words: OcrWord[] = [];
  let lineNo = 0;
  for (const block of data.blocks ?? [])
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
  const confidence = words.length ? words.reduce((n, w) => n + w.confidence, 0) / words.length : 0;
  return { words, confidence };
}

/** Stops the recogniser (tests and one-shot commands; an import worker just exits). */
export async function stopRecognizer(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await (await w).terminate().catch(() => {});
}
