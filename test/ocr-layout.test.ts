// OCR of layouts the scanned fixtures do not have (fixtures/pdf-alt: the same reports set in
// DejaVu Sans on B5, measured on its scans, see scripts/make-scans.mjs SCANS_IN): what the
// recogniser misreads of a page's layout is put back before lines and paragraphs are rebuilt.
// Real print: a page of a text-layer fixture rendered at 300 dpi and recognised.
import { afterAll, describe, expect, it } from "vitest";
import { stopRecognizer } from "../src/ingest/ocr/engine.js";
import { levelPaper } from "../src/ingest/ocr/image.js";
import { markBullets, readUpright } from "../src/ingest/ocr/page.js";
import { renderFixturePage } from "./render-helpers.js";

afterAll(() => stopRecognizer());

describe("list bullets", () => {
  it("reads a round bullet (•) the recogniser took for a letter as a bullet, and nothing else", async () => {
    // page 2: three paragraphs of text, then three bulleted items, numbered headings and more text
    const img = await renderFixturePage("001_715a5b70f3b78fcd.pdf", 2, 300, "pdf-alt");
    levelPaper(img);
    const { read } = await readUpright(img, 300);
    const firsts = () => read.words.filter((w, i) => i === 0 || read.words[i - 1]!.line !== w.line);
    // the recogniser gives the bullets as letters ("s"), not as bullets
    expect(firsts().filter((w) => w.text === "•")).toHaveLength(0);
    const marked = markBullets(read.img, read.words);
    expect(marked.size).toBe(3);
    // each starts a line that goes on with a capitalised word, and no line starts with a lone letter
    for (const w of marked) {
      const next = read.words[read.words.indexOf(w) + 1]!;
      expect(next.line).toBe(w.line);
      expect(next.text).toMatch(/^\p{Lu}/u);
    }
    expect(firsts().filter((w) => /^\p{L}$/u.test(w.text))).toHaveLength(0);
    // the headings' numbers and the other words are untouched
    expect(firsts().map((w) => w.text)).toEqual(expect.arrayContaining(["2.", "2.1.", "2.1.1."]));
    expect(read.words.filter((w) => w.text === "•")).toHaveLength(3);
  });
});
