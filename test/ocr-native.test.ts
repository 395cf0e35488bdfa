// Issue 11, speed: the optional native tesseract. Its hOCR becomes the same words, boxes, baselines
// and confidences tesseract.js gives (always tested, on a small hOCR page written here); when the
// program is installed (.ci/run installs Debian's tesseract-ocr), the scanned page of the mixed
// fixture is read by both engines and gives the same words.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stopRecognizer } from "../src/ingest/ocr/engine.js";
import { nativeAvailable, wordsOfHocr } from "../src/ingest/ocr/native.js";
import { readPdf } from "../src/ingest/pdf.js";
import { FIXTURES } from "./helpers.js";

const HOCR = `<?xml version="1.0" encoding="UTF-8"?>
<html><body><div class='ocr_page' title='bbox 0 0 1000 1400'>
 <div class='ocr_carea' title="bbox 100 100 900 200"><p class='ocr_par' title="bbox 100 100 900 200">
  <span class='ocr_line' title="bbox 100 100 600 140; baseline 0.01 -8; x_size 40; x_descenders 8; x_ascenders 10">
   <span class='ocrx_word' title='bbox 100 102 260 140; x_wconf 91'>
    <span class='ocrx_cinfo' title='x_bboxes 100 102 130 132; x_conf 99.5'>T</span><span class='ocrx_cinfo' title='x_bboxes 131 102 160 132; x_conf 88.25'>ỷ</span>
   </span>
   <span class='ocrx_word' title='bbox 300 104 420 140; x_wconf 62'>lệ</span>
  </span>
  <span class='ocr_caption' title="bbox 100 160 400 200; baseline 0 -5; x_size 30">
   <span class='ocrx_word' title='bbox 100 162 200 200; x_wconf 97'>85,5%</span>
  </span>
 </p></div></div></body></html>`;

describe("native tesseract's hOCR", () => {
  it("gives each word its box, its line's baseline and height, and its confidences", () => {
    const r = wordsOfHocr(HOCR);
    expect(r.words.map((w) => [w.text, w.line])).toEqual([
      ["Tỷ", 1],
      ["lệ", 1],
      ["85,5%", 2],
    ]);
    const [a, b, c] = r.words;
    expect(a).toMatchObject({ x0: 100, y0: 102, x1: 260, y1: 140, confidence: 91, lineHeight: 40, chars: [99.5, 88.25] });
    // baseline: 8 px above the line box's bottom, rising 0.01 px per px from its left edge
    expect(a!.baseline).toBeCloseTo(140 - 8 + 0.01 * (180 - 100));
    expect(b!.chars).toBeUndefined();
    expect(c).toMatchObject({ baseline: 195, lineHeight: 30 });
    expect(r.confidence).toBeCloseTo((91 + 62 + 97) / 3);
  });
});

describe.skipIf(!nativeAvailable())("native tesseract on a scanned page", () => {
  afterAll(async () => {
    process.env.TONGHOP_OCR_ENGINE = "js";
    await stopRecognizer();
  });
  it("reads the mixed fixture's scanned page with the words tesseract.js reads", async () => {
    const bytes = readFileSync(join(FIXTURES, "scanned-extra", "mixed.pdf"));
    const page2 = async (engine: string) => {
      process.env.TONGHOP_OCR_ENGINE = engine;
      const doc = await readPdf(new Uint8Array(bytes));
      const p = doc.pages![1]!;
      return { ocr: doc.ocr, words: doc.text.slice(p.start, p.end).split(/\s+/).filter(Boolean) };
    };
    const native = await page2("native");
    const js = await page2("js");
    expect(native.ocr).toBe(true);
    const mine = new Set(native.words);
    expect(js.words.filter((w) => mine.has(w)).length / js.words.length).toBeGreaterThan(0.97);
  });
});
