// OCR of layouts the scanned fixtures do not have (fixtures/pdf-alt: the same reports set in
// DejaVu Sans on B5, measured on its scans, see scripts/make-scans.mjs SCANS_IN): what the
// recogniser misreads of a page's layout is put back before lines and paragraphs are rebuilt.
// Real print: a page of a text-layer fixture rendered at 300 dpi and recognised.
import { afterAll, describe, expect, it } from "vitest";
import { stopRecognizer } from "../src/ingest/ocr/engine.js";
import { levelPaper } from "../src/ingest/ocr/image.js";
import { boldWords, markBullets, readUpright, steadyLineHeights } from "../src/ingest/ocr/page.js";
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

describe("bold", () => {
  it("does not take a figure alone on a wrapped line for bold: the date's year stays with its day", async () => {
    // page 1: the place and date line wraps, its year alone on the next line; nothing is bold
    const img = await renderFixturePage("001_715a5b70f3b78fcd.pdf", 1, 200, "pdf-alt");
    levelPaper(img);
    const { read } = await readUpright(img, 200);
    const year = read.words.find((w) => w.text === "2026");
    expect(year).toBeDefined();
    expect(read.words.filter((w) => w.line === year!.line)).toHaveLength(1);
    const bold = boldWords(read.img, read.words);
    expect(bold[read.words.indexOf(year!)]).toBe(false);
    // no figure on the page is bold, and the body text is not either
    expect(read.words.filter((w, i) => bold[i] && !/\p{L}/u.test(w.text))).toEqual([]);
    expect(bold.filter(Boolean).length).toBeLessThan(read.words.length / 20);
  });
});

describe("line heights", () => {
  it("gives the end of a wrapped sentence, a few letters and a figure, the height of the line above it", async () => {
    // page 8: "…tham gia học tập:" wraps, "110 người." alone on the next line at the usual spacing
    const img = await renderFixturePage("001_715a5b70f3b78fcd.pdf", 8, 200, "pdf-alt");
    levelPaper(img);
    const { read } = await readUpright(img, 200);
    const figure = read.words.find((w) => w.text === "110")!;
    expect(figure).toBeDefined();
    const above = read.words.filter((w) => w.line === figure.line - 1);
    expect(above.map((w) => w.text).join(" ")).toMatch(/học tập:$/);
    const heights = steadyLineHeights(read.words);
    const lh = heights.get(figure.line) ?? figure.lineHeight;
    expect(Math.abs(lh - above[0]!.lineHeight)).toBeLessThanOrEqual(0.1 * above[0]!.lineHeight);
    // full lines keep their own height; only short lines are given another
    for (const [line] of heights) {
      const letters = read.words.filter((w) => w.line === line).reduce((n, w) => n + (w.text.match(/\p{L}/gu) ?? []).length, 0);
      expect(letters).toBeLessThan(12);
    }
  });
});
