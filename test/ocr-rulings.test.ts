// Table borders in scanned pages (src/ingest/ocr/image.ts): the solid-run finder, the finder for
// broken and faint borders, and both together as a page's preparation calls them, on small
// synthetic greyscale images. Each case asserts the lines found, in pixels; and the page
// preparation (page.ts) that finds and erases them in the image the recogniser gets.
import { describe, expect, it } from "vitest";
import { findAllRulings, findBrokenRulings, findRulings, type Grey, type PixelRuling } from "../src/ingest/ocr/image.js";

const W = 600;
const H = 400;
const MIN = 90; // what a 200-dpi page uses: 0.45 inch

function paper(w = W, h = H): Grey {
  return { width: w, height: h, data: new Uint8Array(w * h).fill(255) };
}
function fill(img: Grey, x0: number, y0: number, x1: number, y1: number, v = 0): void {
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) img.data[y * img.width + x] = v;
}
/** A line of "text": letters 7 px wide and `tall` high, 2 px apart, words of 5 letters 10 px apart. */
function textLine(img: Grey, x0: number, x1: number, top: number, tall = 14): void {
  for (let x = x0, n = 0; x + 7 <= x1; n++) {
    fill(img, x, top, x + 6, top + tall - 1);
    // an accent above every other letter and a descender now and then
    if (n % 2) fill(img, x + 2, top - 5, x + 4, top - 3);
    if (n % 7 === 3) fill(img, x + 1, top + tall, x + 2, top + tall + 4);
    x += n % 5 === 4 ? 17 : 9;
  }
}
const horizontal = (r: PixelRuling[]) => r.filter((l) => l.y0 === l.y1).map((l) => ({ y: Math.round(l.y0), x0: l.x0, x1: l.x1 }));
const vertical = (r: PixelRuling[]) => r.filter((l) => l.x0 === l.x1).map((l) => ({ x: Math.round(l.x0), y0: l.y0, y1: l.y1 }));
/** Every found line spans lo…hi give or take `slack` pixels. */
const spans = (ls: { lo: number; hi: number }[], lo: number, hi: number, slack = 6) => ls.every((l) => Math.abs(l.lo - lo) <= slack && Math.abs(l.hi - hi) <= slack);

describe("findRulings: solid borders", () => {
  it("finds each border of a grid once, at its place and length", () => {
    const img = paper();
    for (const y of [40, 200, 360]) fill(img, 50, y, 550, y + 1);
    for (const x of [50, 300, 549]) fill(img, x, 40, x + 1, 361);
    const found = findRulings(img, MIN);
    expect(horizontal(found).map((l) => l.y)).toEqual([41, 201, 361]);
    expect(spans(horizontal(found).map((l) => ({ lo: l.x0, hi: l.x1 })), 50, 550)).toBe(true);
    expect(vertical(found).map((l) => l.x)).toEqual([51, 301, 550]);
    expect(spans(vertical(found).map((l) => ({ lo: l.y0, hi: l.y1 })), 40, 361)).toBe(true);
  });

  it("takes no line from text, a black bar or a row of bold capitals", () => {
    const img = paper();
    for (const top of [40, 70, 100]) textLine(img, 30, 570, top);
    fill(img, 30, 160, 570, 190); // a black bar 31 px thick
    for (let x = 30; x + 14 <= 570; x += 16) fill(img, x, 250, x + 13, 270); // bold capitals touching
    expect(findRulings(img, MIN)).toEqual([]);
    expect(findAllRulings(img, MIN)).toEqual([]);
  });

  it("ignores lines shorter than the minimum length", () => {
    const img = paper();
    fill(img, 100, 100, 100 + MIN - 10, 101);
    expect(findAllRulings(img, MIN)).toEqual([]);
  });
});

describe("findBrokenRulings: broken and faint borders", () => {
  it("joins a border a black-and-white scan broke into dashes and dots into one line", () => {
    const img = paper();
    // 5 px of ink, 7 px of gap, with a longer hole now and then
    for (let x = 60; x < 540; x += 12) if (x % 120 !== 0) fill(img, x, 150, x + 4, 150);
    const solid = findRulings(img, MIN);
    expect(solid).toEqual([]);
    const h = horizontal(findBrokenRulings(img, MIN, solid));
    expect(h).toHaveLength(1);
    expect(h[0]!.y).toBe(150);
    expect(spans([{ lo: h[0]!.x0, hi: h[0]!.x1 }], 60, 540, 8)).toBe(true);
  });

  it("finds a hairline in light grey, across and down, and no line in a soft shadow", () => {
    const img = paper();
    fill(img, 40, 120, 560, 120, 180); // grey, lighter than print
    fill(img, 300, 20, 300, 380, 190);
    // a photographed page's shadow: grey that darkens slowly from left to right
    for (let y = 200; y < 400; y++) for (let x = 0; x < 250; x++) img.data[y * W + x] = 230 - Math.round(x / 6);
    const found = findAllRulings(img, MIN);
    expect(horizontal(found).map((l) => l.y)).toEqual([120]);
    expect(spans(horizontal(found).map((l) => ({ lo: l.x0, hi: l.x1 })), 40, 560, 8)).toBe(true);
    expect(vertical(found).map((l) => l.x)).toEqual([300]);
    expect(spans(vertical(found).map((l) => ({ lo: l.y0, hi: l.y1 })), 20, 380, 8)).toBe(true);
  });

  it("keeps a broken border whole where cell text sits a few pixels below it", () => {
    const img = paper();
    for (let x = 40; x < 560; x += 10) fill(img, x, 100, x + 5, 100);
    // three cells' first lines of text, their accents 5 px under the border, the letters 10
    textLine(img, 50, 170, 110);
    textLine(img, 230, 330, 110);
    textLine(img, 400, 540, 110);
    const h = horizontal(findAllRulings(img, MIN));
    expect(h.map((l) => l.y)).toEqual([100]);
    expect(spans([{ lo: h[0]!.x0, hi: h[0]!.x1 }], 40, 560, 10)).toBe(true);
  });

  it("takes no line from the bottom or the top of a line of text", () => {
    const img = paper();
    textLine(img, 30, 570, 100, 16);
    textLine(img, 30, 570, 200, 16);
    expect(findAllRulings(img, MIN)).toEqual([]);
  });

  it("adds nothing where a solid border was already found", () => {
    const img = paper();
    fill(img, 50, 100, 550, 101);
    const solid = findRulings(img, MIN);
    const h = horizontal(findBrokenRulings(img, MIN, solid));
    expect(h).toEqual(horizontal(solid));
  });
});

describe("rulings on a page whose sides are not a whole number of 32-pixel words", () => {
  it("finds each border at its exact extent across the words the masks are packed in", () => {
    // 613 × 397: the ink masks hold 32 positions a word, the last word of each row part-filled
    const img = paper(613, 397);
    fill(img, 37, 64, 600, 65);
    fill(img, 31, 95, 32, 390);
    const found = findAllRulings(img, MIN);
    expect(horizontal(found)).toEqual([{ y: 65, x0: 37, x1: 600 }]);
    expect(vertical(found)).toEqual([{ x: 32, y0: 95, y1: 390 }]);
  });
});
