// A photographed table: the phone held over the desk sees the sheet as a trapezoid (the top edge
// narrower than the bottom), so once the skew is out the table's vertical borders still lean,
// each its own way. Erasing such a border as the band it spans took the first letters of the
// cells beside it, and the borders standing at no one place split columns. The rows are
// straightened along the borders first (image.ts straightenColumns). Real print: a table page of
// a text-layer fixture rendered at 200 dpi, given the perspective here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopRecognizer } from "../src/ingest/ocr/engine.js";
import { eraseRulings, findAllRulings, followVertical, INK, LEAN, levelPaper, straightenColumns, type Grey, type PixelRuling } from "../src/ingest/ocr/image.js";
import { readPrepared } from "../src/ingest/ocr/page.js";
import { renderFixturePage } from "./render-helpers.js";

const render = renderFixturePage;

/** The page seen in perspective: each row narrowed towards the middle, by `top` of the width at the top row, nothing at the bottom. */
function keystone(img: Grey, top: number): Grey {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h).fill(255);
  for (let y = 0; y < h; y++) {
    const shrink = top * (1 - y / h);
    const x0 = w * shrink;
    const span = w * (1 - 2 * shrink);
    for (let x = Math.ceil(x0); x < x0 + span; x++) {
      const sx = ((x - x0) / span) * (w - 1);
      const a = Math.floor(sx);
      const f = sx - a;
      out[y * w + x] = data[y * w + a]! * (1 - f) + data[y * w + Math.min(w - 1, a + 1)]! * f;
    }
  }
  return { width: w, height: h, data: out };
}

const vertical = (px: PixelRuling[]) => px.filter((r) => r.x0 === r.x1 && r.y1 - r.y0 > 400);
const inkPixels = (img: Grey) => img.data.reduce((n, v) => n + (v < INK ? 1 : 0), 0);
const MIN_LEN = 90;

describe("a photographed table", () => {
  let flat: Grey;
  let photo: Grey;
  beforeAll(async () => {
    // a page of the indicator table: five columns, borders the full height
    flat = await render("003_3b144be784d99a16.pdf", 6);
    levelPaper(flat);
    photo = keystone(flat, 0.03);
  });
  afterAll(() => stopRecognizer());

  it("follows a leaning border: where it runs at its top and bottom, and its own thickness", () => {
    const borders = vertical(findAllRulings(photo, MIN_LEN));
    // the outer borders lean most: found as bands far thicker than a line
    const outer = [borders[0]!, borders[borders.length - 1]!];
    for (const r of outer) {
      expect(r.thick).toBeGreaterThan(15);
      const f = followVertical(photo, r)!;
      expect(Math.abs(f.bottom - f.top)).toBeGreaterThan(20);
      expect(f.thick).toBeLessThanOrEqual(4);
    }
    // the left one leans right going up, the right one left
    expect(followVertical(photo, outer[0]!)!.top).toBeGreaterThan(followVertical(photo, outer[0]!)!.bottom);
    expect(followVertical(photo, outer[1]!)!.top).toBeLessThan(followVertical(photo, outer[1]!)!.bottom);
  });

  it("straightens the rows so that every border stands upright and thin", () => {
    const before = findAllRulings(photo, MIN_LEN);
    const straight = straightenColumns(photo, before)!;
    expect(straight).not.toBeNull();
    const after = vertical(findAllRulings(straight, MIN_LEN));
    const upright = vertical(findAllRulings(flat, MIN_LEN));
    expect(after.length).toBe(upright.length);
    // as thin as the borders of the page before its photo was taken, near enough
    const thin = Math.max(...upright.map((r) => r.thick)) + 2;
    for (const r of after) {
      expect(r.thick).toBeLessThanOrEqual(thin);
      const f = followVertical(straight, r)!;
      expect(Math.abs(f.bottom - f.top)).toBeLessThan(LEAN);
    }
  });

  it("so that erasing the borders keeps the cells' print", () => {
    const erasedInk = (img: Grey) => {
      const copy: Grey = { ...img, data: new Uint8Array(img.data) };
      eraseRulings(copy, findAllRulings(copy, MIN_LEN));
      return inkPixels(copy);
    };
    // erased as bands, the leaning borders took print with them; straightened, about none is lost
    const straight = straightenColumns(photo, findAllRulings(photo, MIN_LEN))!;
    const kept = erasedInk(straight);
    expect(erasedInk(photo)).toBeLessThan(0.98 * kept);
    expect(kept).toBeGreaterThan(0.97 * erasedInk(flat));
  });

  it("leaves a page whose borders stand upright as it is", () => {
    expect(straightenColumns(flat, findAllRulings(flat, MIN_LEN))).toBeNull();
  });

  it("reads the first words of the cells beside a leaning border", async () => {
    // the rows of the table's lower half
    const band = (img: Grey): Grey => {
      const [y0, h] = [Math.round(img.height * 0.55), Math.round(img.height * 0.35)];
      return { width: img.width, height: h, data: img.data.slice(y0 * img.width, (y0 + h) * img.width) };
    };
    const words = async (img: Grey) => (await readPrepared(img, 200)).words.map((w) => w.text);
    const read = await words(band(photo));
    const want = (await words(band(flat))).filter((t) => /^\d\.\d+$/.test(t) || t === "Số");
    expect(want.length).toBeGreaterThan(3);
    for (const t of new Set(want)) expect(read.filter((r) => r === t).length).toBeGreaterThanOrEqual(want.filter((r) => r === t).length);
  });
});
