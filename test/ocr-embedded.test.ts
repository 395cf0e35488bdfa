// Issue 11, speed: a page that is one scanned image is read from the image's own pixels instead of
// being rendered. Only a page drawing exactly one image over exactly the page qualifies, and the
// pixels are the ones the renderer would draw.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fullPageImage, greyOfImage, type PageImage } from "../src/ingest/ocr/embedded.js";
import { greyDroppingColour } from "../src/ingest/ocr/image.js";
import { FIXTURES } from "./helpers.js";

const OPS = { save: 10, restore: 11, transform: 12, dependency: 1, paintImageXObject: 85, fill: 22 };
const A4 = [0, 0, 595.3, 841.9];

describe("a page that is one image", () => {
  it("is found only when the image covers exactly the page and nothing else is drawn", () => {
    const page = (extra: [number, unknown][] = [], m = [595.3, 0, 0, 841.9, 0, 0]) => ({
      fnArray: [OPS.save, OPS.transform, OPS.dependency, OPS.paintImageXObject, OPS.restore, ...extra.map((e) => e[0])],
      argsArray: [null, m, ["img1"], ["img1", 1654, 2339], null, ...extra.map((e) => e[1])],
    });
    expect(fullPageImage(page(), OPS, A4)).toBe("img1");
    // placed smaller, turned, moved, drawn twice, or with a drawing over it: rendered instead
    expect(fullPageImage(page([], [400, 0, 0, 600, 0, 0]), OPS, A4)).toBeNull();
    expect(fullPageImage(page([], [0, 841.9, -595.3, 0, 595.3, 0]), OPS, A4)).toBeNull();
    expect(fullPageImage(page([], [595.3, 0, 0, 841.9, 20, 0]), OPS, A4)).toBeNull();
    expect(fullPageImage(page([[OPS.paintImageXObject, ["img2", 10, 10]]]), OPS, A4)).toBeNull();
    expect(fullPageImage(page([[OPS.fill, null]]), OPS, A4)).toBeNull();
  });

  it("turns 1-bit, RGB and RGBA pixels into grey from the brightest channel", () => {
    // 10 px wide, 2 rows: row bytes are 2; set bits are white
    const bits: PageImage = { width: 10, height: 2, kind: 1, data: new Uint8Array([0b10100000, 0b01000000, 0xff, 0xc0]) };
    expect([...greyOfImage(bits)!.data]).toEqual([255, 0, 255, 0, 0, 0, 0, 0, 0, 255, ...Array(10).fill(255)]);
    // a red seal pixel and a black print pixel: the red drops out, the black stays
    const rgb: PageImage = { width: 2, height: 1, kind: 2, data: new Uint8Array([220, 30, 40, 10, 10, 10]) };
    expect([...greyOfImage(rgb)!.data]).toEqual([220, 10]);
    const rgba: PageImage = { width: 2, height: 1, kind: 3, data: new Uint8Array([220, 30, 40, 255, 10, 10, 10, 255]) };
    expect(greyOfImage(rgba)!.data).toEqual(greyDroppingColour(rgba.data, 2, 1).data);
    expect(greyOfImage({ width: 4, height: 4, kind: 2, data: new Uint8Array(5) })).toBeNull();
  });

  it("gives the pixels pdf.js draws for a real scanned page", async () => {
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const { createCanvas } = await import("@napi-rs/canvas");
    const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(join(FIXTURES, "scanned", "002_937598931c7507e2.pdf"))), verbosity: 0 }).promise;
    try {
      const page = await doc.getPage(1);
      const ops = await page.getOperatorList();
      const id = fullPageImage(ops, pdfjs.OPS as unknown as Record<string, number>, page.view);
      expect(id).not.toBeNull();
      const img = await new Promise<PageImage>((resolve) => page.objs.get(id!, resolve as (o: unknown) => void));
      const grey = greyOfImage(img)!;
      const viewport = page.getViewport({ scale: img.width / page.view[2]! });
      const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
      const ctx = canvas.getContext("2d");
      await page.render({ canvasContext: ctx as never, viewport, canvas: canvas as never }).promise;
      const drawn = greyDroppingColour(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
      expect([grey.width, grey.height]).toEqual([drawn.width, drawn.height]);
      let differ = 0;
      for (let i = 0; i < grey.data.length; i++) if (Math.abs(grey.data[i]! - drawn.data[i]!) > 8) differ++;
      expect(differ / grey.data.length).toBeLessThan(0.001);
    } finally {
      await doc.destroy();
    }
  });
});
