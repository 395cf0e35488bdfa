// What a scanned page's preparation hands the recogniser (src/ingest/ocr/image.ts): the print
// without the page's white margins, as a PNG, and the stroke width that tells bold print, on small
// synthetic greyscale images.
import { describe, expect, it } from "vitest";
import { cropToInk, strokeWidth, type Grey } from "../src/ingest/ocr/image.js";
import { toPng } from "../src/ingest/ocr/png.js";

function paper(w: number, h: number): Grey {
  return { width: w, height: h, data: new Uint8Array(w * h).fill(255) };
}
function fill(img: Grey, x0: number, y0: number, x1: number, y1: number, v = 0): void {
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) img.data[y * img.width + x] = v;
}

describe("cropToInk", () => {
  it("keeps the print and a margin around it, with the offset to place words back on the page", () => {
    const img = paper(400, 500);
    fill(img, 60, 80, 340, 95); // a line of print
    fill(img, 60, 400, 200, 415);
    img.data[10 * 400 + 390] = 0; // a speck of dust in the corner
    const { img: out, x, y } = cropToInk(img, 10);
    expect({ x, y, width: out.width, height: out.height }).toEqual({ x: 50, y: 70, width: 301, height: 356 });
    // the pixels are the page's own, moved by the offset
    expect(out.data[(80 - y) * out.width + (60 - x)]).toBe(0);
    expect(out.data[(80 - y) * out.width + (59 - x)]).toBe(255);
    expect(out.data[(415 - y) * out.width + (200 - x)]).toBe(0);
  });

  it("gives a blank page and a page printed to its edges back whole", () => {
    const blank = paper(100, 100);
    expect(cropToInk(blank, 5)).toEqual({ img: blank, x: 0, y: 0 });
    const full = paper(100, 100);
    fill(full, 0, 0, 99, 3);
    fill(full, 0, 96, 99, 99);
    fill(full, 0, 0, 3, 99);
    fill(full, 96, 0, 99, 99);
    expect(cropToInk(full, 5).img).toBe(full);
  });
});

describe("strokeWidth", () => {
  it("measures the same on a box with fractional corners (scaled back from an enlarged page) as on whole pixels", () => {
    const img = paper(60, 30);
    // three vertical strokes 4 px wide
    for (const x of [10, 25, 40]) fill(img, x, 5, x + 3, 24);
    expect(strokeWidth(img, 5, 2, 50, 28)).toBe(4);
    expect(strokeWidth(img, 5.33, 2.4, 49.67, 27.8)).toBe(4);
  });
});

describe("toPng", () => {
  it("writes a greyscale PNG that a real decoder reads back pixel for pixel", async () => {
    const { loadImage, createCanvas } = await import("@napi-rs/canvas");
    const img = paper(37, 21);
    fill(img, 3, 4, 20, 9, 0);
    fill(img, 25, 12, 30, 19, 128);
    const png = toPng(img);
    expect(Array.from(png.subarray(1, 4), (c) => String.fromCharCode(c)).join("")).toBe("PNG");
    const decoded = await loadImage(Buffer.from(png));
    expect([decoded.width, decoded.height]).toEqual([37, 21]);
    const canvas = createCanvas(37, 21);
    const ctx = canvas.getContext("2d");
    ctx.drawImage(decoded, 0, 0);
    const rgba = ctx.getImageData(0, 0, 37, 21).data;
    const grey = Array.from({ length: 37 * 21 }, (_, i) => rgba[i * 4]);
    expect(grey).toEqual(Array.from(img.data));
  });
});
