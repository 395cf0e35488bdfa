// A fixture PDF page rendered by pdf.js on @napi-rs/canvas, as the OCR's grey (for the image
// preparation tests: real print, no recognition).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { greyDroppingColour, type Grey } from "../src/ingest/ocr/image.js";
import { FIXTURES } from "./helpers.js";

/** Page `n` of fixtures/`dir`/`file` at `dpi`, as grey (`dir` pdf-alt: the same reports in another layout). */
export async function renderFixturePage(file: string, n: number, dpi = 200, dir = "pdf"): Promise<Grey> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const { createCanvas } = await import("@napi-rs/canvas");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(join(FIXTURES, dir, file))), verbosity: 0 }).promise;
  try {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvasContext: ctx as never, viewport, canvas: canvas as never }).promise;
    return greyDroppingColour(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
  } finally {
    await doc.destroy();
  }
}
