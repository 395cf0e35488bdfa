// Reports sent as pictures (fixtures/photos, made by scripts/make-photos.mjs and make-tiff.mjs from the scanned
// fixtures): detected from their bytes, wrapped as a one-page scan (a phone's EXIF orientation
// applied), read by OCR like a scanned PDF; pictures that cannot be read are refused with a reason.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collectFiles } from "../src/batch/walk.js";
import { detectFormat, imageKind } from "../src/ingest/detect.js";
import { inflateSync } from "node:zlib";
import { encode as encodePng } from "fast-png";
import UTIF from "utif2";
import { imageToPdf, jpegImage, placement, pngImage, tiffImages } from "../src/ingest/image.js";
import { readDocument, ReadError } from "../src/ingest/index.js";
import { LazyRecognizer, useRecognizer } from "../src/ingest/ocr/engine.js";
import { FIXTURES } from "./helpers.js";
import { tempDir } from "./store-helpers.js";

const PHOTOS = join(FIXTURES, "photos");
const photo = (name: string) => new Uint8Array(readFileSync(join(PHOTOS, name)));

/** The code of the ReadError a promise rejects with. */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ReadError);
    return (e as ReadError).code;
  }
  throw new Error("expected a ReadError");
}

describe("pictures: detection and wrapping", () => {
  it("tells pictures from their first bytes, whatever their name", () => {
    expect(imageKind(photo("004-page1.jpg"))).toBe("jpeg");
    expect(imageKind(photo("002-page1.png"))).toBe("png");
    expect(detectFormat(photo("002-page1.png"), "bao-cao.txt")).toBe("image");
    expect(imageKind(Buffer.from("II*\0\x08\0\0\0", "latin1"))).toBe("tiff");
    expect(imageKind(Buffer.from("\0\0\0\x18ftypheic", "latin1"))).toBe("heic");
    expect(imageKind(Buffer.from("RIFF\0\0\0\0WEBPVP8 ", "latin1"))).toBe("webp");
    expect(imageKind(Buffer.from("%PDF-1.4", "latin1"))).toBeNull();
  });

  it("reads a JPEG's size and its EXIF orientation without decoding it", () => {
    const j = jpegImage(photo("004-page1.jpg"));
    // stored a quarter turn anticlockwise: wider than high, orientation 6 turns it upright
    expect(j.width).toBeGreaterThan(j.height);
    expect(j.orientation).toBe(6);
    expect(j.dict).toMatch(/DCTDecode/);
  });

  it("draws a picture turned as its orientation says: the stored top-left corner lands where it is shown", () => {
    const apply = (m: number[], u: number, v: number) => [m[0]! * u + m[2]! * v + m[4]!, m[1]! * u + m[3]! * v + m[5]!];
    // (u, v) = (0, 1) is the stored picture's top-left corner; the page is 100 wide, 200 high (y up)
    expect(apply(placement(1, 100, 200), 0, 1)).toEqual([0, 200]); // stays top left
    expect(apply(placement(3, 100, 200), 0, 1)).toEqual([100, 0]); // half a turn: bottom right
    expect(apply(placement(6, 100, 200), 0, 1)).toEqual([100, 200]); // a quarter clockwise: top right
    expect(apply(placement(8, 100, 200), 0, 1)).toEqual([0, 0]); // a quarter anticlockwise: bottom left
    // and the stored bottom-right corner opposite
    expect(apply(placement(6, 100, 200), 1, 0)).toEqual([0, 0]);
    expect(apply(placement(8, 100, 200), 1, 0)).toEqual([100, 200]);
    // mirrored: left-right, top-bottom, across the main diagonal (5) and the other one (7)
    expect(apply(placement(2, 100, 200), 0, 1)).toEqual([100, 200]);
    expect(apply(placement(4, 100, 200), 0, 1)).toEqual([0, 0]);
    expect(apply(placement(5, 100, 200), 0, 1)).toEqual([0, 200]);
    expect(apply(placement(5, 100, 200), 1, 1)).toEqual([0, 0]); // stored top-right: shown bottom-left
    expect(apply(placement(7, 100, 200), 0, 1)).toEqual([100, 0]);
    expect(apply(placement(7, 100, 200), 1, 1)).toEqual([100, 200]); // stored top-right: shown top-right
  });

  it("wraps a photo as a one-page PDF of A4 width with the picture's proportions, drawn upright", () => {
    const bytes = Buffer.from(imageToPdf(photo("004-page1.jpg"), "jpeg")).toString("latin1");
    expect(bytes).toMatch(/\/MediaBox \[0 0 595\.28 \d+(\.\d+)?\]/);
    expect(bytes).toMatch(/^q 0 -\d+(\.\d+)? 595\.28 0 0 \d+(\.\d+)? cm \/Im0 Do Q$/m);
    expect(bytes).toMatch(/\/Count 1 /);
  });

  it("refuses HEIC and WebP with what to send instead, a broken JPEG, PNG or TIFF as corrupt, a giant as too large", async () => {
    expect(await codeOf(readDocument(Buffer.from("MM\0*\0\0\0\x08\0\0", "latin1")))).toBe("corrupt");
    expect(await codeOf(readDocument(Buffer.from("RIFF\0\0\0\0WEBPVP8 \0\0", "latin1")))).toBe("unsupported_format");
    await expect(readDocument(Buffer.from("\0\0\0\x18ftypheic\0\0\0\0", "latin1"))).rejects.toThrow(/PDF, JPEG hoặc PNG/);
    expect(await codeOf(readDocument(photo("004-page1.jpg").subarray(0, 40)))).toBe("corrupt");
    // a frame header claiming 20000 × 20000 pixels
    const sof = Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x4e, 0x20, 0x4e, 0x20, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);
    expect(await codeOf(readDocument(sof))).toBe("too_large");
    // a PNG signature then garbage: an error for this file, not a crash of the process
    expect(await codeOf(readDocument(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)])))).toBe("corrupt");
  });

  it("lays a PNG of any depth on white: 1-bit, 16-bit, palette, transparency", () => {
    const pixels = (png: Uint8Array) => new Uint8Array(inflateSync(pngImage(png).data));
    // 1 bit a pixel, 10 wide (rows padded to whole bytes): black, white, black …
    const bits = encodePng({ width: 10, height: 2, channels: 1, depth: 1, data: new Uint8Array([0b01010101, 0b01000000, 0b10101010, 0b10000000]) });
    expect([...pixels(bits)]).toEqual([0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0]);
    // 16-bit grey with alpha: opaque dark, fully transparent (paper)
    const deep = encodePng({ width: 2, height: 1, channels: 2, depth: 16, data: new Uint16Array([0x1000, 0xffff, 0x1000, 0]) });
    expect([...pixels(deep)]).toEqual([16, 255]);
    // a palette of red and blue: colour kept as RGB (the OCR's grey drops the red later)
    const pal = encodePng({ width: 2, height: 1, channels: 1, depth: 8, data: new Uint8Array([0, 1]), palette: [[255, 0, 0], [0, 0, 255]] });
    expect(pngImage(pal).dict).toMatch(/DeviceRGB/);
    expect([...pixels(pal)]).toEqual([255, 0, 0, 0, 0, 255]);
  });

  it("wraps a scanner's multi-page TIFF a page per image, at the resolution it states, black and white kept 1 bit", () => {
    const tif = photo("002-pages1-2.tif");
    expect(imageKind(tif)).toBe("tiff");
    const [g4, lzw] = tiffImages(tif);
    // page 1: CCITT Group 4, 1 bit; page 2: LZW, 8-bit grey; both 1654 × 2339 at 200 dpi
    expect(g4?.dict).toMatch(/\/BitsPerComponent 1 /);
    expect(lzw?.dict).toMatch(/\/DeviceGray \/BitsPerComponent 8 /);
    expect(inflateSync(g4!.data).length).toBe(Math.ceil(1654 / 8) * 2339);
    const pdf = Buffer.from(imageToPdf(tif, "tiff")).toString("latin1");
    expect(pdf).toMatch(/\/Count 2 /);
    // 1654 px at 200 dpi is 595.44 points: the sheet's own size, not a guess
    expect(pdf.match(/\/MediaBox \[0 0 595\.44 842\.04\]/g)).toHaveLength(2);
    // a colour TIFF without a resolution: RGB on white, A4 wide
    const rgb = new Uint8Array(UTIF.encodeImage(new Uint8Array([255, 0, 0, 255, 0, 0, 255, 0]), 2, 1));
    const [colour] = tiffImages(rgb);
    expect(colour?.dict).toMatch(/DeviceRGB/);
    expect([...inflateSync(colour!.data)]).toEqual([255, 0, 0, 255, 255, 255]);
    expect(Buffer.from(imageToPdf(rgb, "tiff")).toString("latin1")).toMatch(/\/MediaBox \[0 0 841\.89 420\.95\]/);
  });

  it("takes pictures from folders, and leaves other graphics and the system's files out", () => {
    const dir = join(tempDir(), "in");
    mkdirSync(dir);
    // Thumbs.db and a Word lock file are skipped as in a zip (zip-guard junkFileName)
    for (const n of ["anh-bao-cao.JPG", "trang-2.png", "logo.gif", "so-do.bmp", "Thumbs.db", "~$bao-cao.docx"]) writeFileSync(join(dir, n), "x");
    const w = collectFiles([dir]);
    expect(w.files.map((f) => f.path.split("/").pop())).toEqual(["anh-bao-cao.JPG", "trang-2.png"]);
    expect(w.ignored.map((p) => p.split("/").pop())).toEqual(["logo.gif", "so-do.bmp"]);
  });
});

describe("pictures: read by OCR", () => {
  it("reads a phone photo stored sideways, and a PNG scan, as one recognised page each", async () => {
    for (const [name, unit] of [
      ["004-page1.jpg", "Trung Thành"],
      ["002-page1.png", "Đại Sơn"],
    ] as const) {
      const doc = await readDocument(photo(name), { fileName: name });
      expect(doc.format).toBe("image");
      expect(doc.ocr).toBe(true);
      expect(doc.pages?.length).toBe(1);
      expect(doc.pages?.[0]?.ocr).toBeGreaterThan(80);
      expect(doc.text).toContain(unit);
      expect(doc.warnings.join(" ")).toMatch(/picture: read by OCR/);
    }
  }, 300_000);
});

describe("a scanner's TIFF: read by OCR", () => {
  it("reads both pages of a multi-page TIFF", async () => {
    const doc = await readDocument(photo("002-pages1-2.tif"), { fileName: "002-pages1-2.tif" });
    expect(doc.format).toBe("image");
    expect(doc.pages?.map((p) => p.ocr! > 80)).toEqual([true, true]);
    expect(doc.text).toContain("Đại Sơn");
    // page 2's text is there too: its span holds figures
    const two = doc.pages?.[1];
    expect(two && doc.text.slice(two.start, two.end)).toMatch(/\d+([,.]\d+)?\s*%/);
  }, 300_000);
});

describe("a scan stored sideways in a PDF and shown upright by the page's /Rotate", () => {
  it("is read upright at the first reading, its page as shown", async () => {
    // the PNG scan's pixels stored a quarter turn anticlockwise, on a landscape page turned 90° to show
    const { createCanvas, loadImage } = await import("@napi-rs/canvas");
    const src = await loadImage(readFileSync(join(PHOTOS, "002-page1.png")));
    const side = createCanvas(src.height, src.width);
    const ctx = side.getContext("2d");
    ctx.translate(0, src.width);
    ctx.rotate(-Math.PI / 2);
    ctx.drawImage(src, 0, 0);
    const stored = Buffer.from(imageToPdf(await side.encode("jpeg", 85), "jpeg")).toString("latin1");
    expect(stored).toMatch(/\/MediaBox \[0 0 841\.89 /);
    // (the objects after the page move by the insertion: pdf.js finds them again by scanning)
    const pdf = Buffer.from(stored.replace("/Type /Page /Parent", "/Type /Page /Rotate 90 /Parent"), "latin1");
    let reads = 0;
    const real = new LazyRecognizer(1);
    useRecognizer({ parallel: 1, reserve: () => real.reserve(), recognize: (png) => (reads++, real.recognize(png)), close: () => real.close() });
    try {
      const doc = await readDocument(new Uint8Array(pdf));
      expect(doc.text).toContain("Đại Sơn");
      // no second reading turned: the page's own pixels were turned as the page is shown
      expect(reads).toBe(1);
      expect(doc.pages?.[0]?.ocr).toBeGreaterThan(80);
    } finally {
      useRecognizer(null);
      await real.close();
    }
  }, 300_000);
});
