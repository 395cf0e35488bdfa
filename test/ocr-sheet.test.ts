// A phone photo of a report on a desk (fixtures/photos/*-desk.jpg, made by scripts/make-photos.mjs
// from page 1 of fixtures/pdf/000 and 001): the sheet is found in the picture and warped upright
// before the page is prepared (src/ingest/ocr/sheet.ts); a flat scan is left as it is.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractDocument } from "../src/extract/index.js";
import { readDocument } from "../src/ingest/index.js";
import { greyDroppingColour, type Grey } from "../src/ingest/ocr/image.js";
import { findSheet, unwarpSheet, type Point } from "../src/ingest/ocr/sheet.js";
import { loadRules } from "../src/rules/load.js";
import { FIXTURES } from "./helpers.js";
import { renderFixturePage } from "./render-helpers.js";

const PHOTOS = join(FIXTURES, "photos");

/** A picture of fixtures/photos decoded as the OCR's grey. */
async function greyOf(name: string): Promise<Grey> {
  const { createCanvas, loadImage } = await import("@napi-rs/canvas");
  const img = await loadImage(readFileSync(join(PHOTOS, name)));
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(img, 0, 0);
  return greyDroppingColour(ctx.getImageData(0, 0, img.width, img.height).data, img.width, img.height);
}

describe("a photographed sheet on a desk", () => {
  // where make-photos.mjs laid the page's corners, as shares of the 3000 × 4000 frame
  const laid: Record<string, number[][]> = {
    "000-page1-desk.jpg": [
      [0.15, 0.17],
      [0.8, 0.12],
      [0.88, 0.84],
      [0.1, 0.87],
    ],
    "001-page1-desk.jpg": [
      [0.18, 0.12],
      [0.86, 0.17],
      [0.93, 0.88],
      [0.12, 0.84],
    ],
  };

  it("is found: its four corners within 1 % of the frame's width, a finger over an edge left out", async () => {
    for (const [name, quad] of Object.entries(laid)) {
      const img = await greyOf(name);
      expect([img.width, img.height]).toEqual([3000, 4000]);
      const sheet = findSheet(img);
      expect(sheet, name).not.toBeNull();
      sheet!.corners.forEach(([x, y]: Point, i) => {
        expect(Math.abs(x - quad[i]![0]! * 3000), `${name} corner ${i} x`).toBeLessThan(30);
        expect(Math.abs(y - quad[i]![1]! * 4000), `${name} corner ${i} y`).toBeLessThan(30);
      });
      // warped upright as an A4 page, between 200 and 300 dpi
      const flat = unwarpSheet(img, sheet!, 200, 300);
      expect(flat.img.height / flat.img.width).toBeCloseTo(Math.SQRT2, 2);
      expect(flat.dpi).toBeGreaterThanOrEqual(200);
      expect(flat.dpi).toBeLessThanOrEqual(300);
      expect(flat.widthPt).toBeCloseTo(595.28, 1);
    }
  });

  it("is read upright without the desk: the report's commune, period and the indicator figures of its page", async () => {
    const name = "000-page1-desk.jpg";
    const doc = await readDocument(new Uint8Array(readFileSync(join(PHOTOS, name))), { fileName: name });
    expect(doc.ocr).toBe(true);
    const x = extractDocument(doc, { file: name, sha256: "0", format: "image", pages: 1, ocr: true }, loadRules());
    expect(x.document.unit?.name).toBe("Vĩnh Thông");
    expect(x.document.period).toEqual({ start: "2026-01-01", end: "2026-06-30" });
    const facts = x.facts.map((f) => `${f.indicator}=${"value" in f ? f.value : "?"}`).sort();
    // the page's five percentages, as its text layer gives them (read with the desk in the frame,
    // the lower three were missed)
    expect(facts).toEqual(["3.1=100", "3.2=100", "3.3=60", "3.5=100", "to_cnscd_trang_bi=100"]);
  }, 300_000);
});

describe("a picture that is not a sheet on a desk", () => {
  it("is left as it is: a flat scan, a photographed page filling the frame, a rendered page", async () => {
    expect(findSheet(await greyOf("002-page1.png"))).toBeNull();
    expect(findSheet(await greyOf("004-page1.jpg"))).toBeNull();
    expect(findSheet(await renderFixturePage("002_937598931c7507e2.pdf", 1))).toBeNull();
  });
});
