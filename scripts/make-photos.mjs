#!/usr/bin/env node
// Makes the picture fixtures (reports sent as image files, not PDF) from the scanned fixtures, with
// npm packages only (pdf.js, @napi-rs/canvas):
//   fixtures/photos/004-page1.jpg  page 1 of the "photographed" fixtures/scanned/004 as a phone
//                                  leaves it: the pixels stored a quarter turn anticlockwise and an
//                                  EXIF orientation of 6 saying "turn clockwise to show"
//   fixtures/photos/002-page1.png  page 1 of the black-and-white fixtures/scanned/002 as a PNG
// Deterministic. Usage: node scripts/make-photos.mjs
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCanvas } from "@napi-rs/canvas";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
const out = join(root, "fixtures", "photos");
mkdirSync(out, { recursive: true });

/** Page 1's one image of a scanned fixture, drawn on a canvas of its own size. */
async function firstPageImage(name) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(join(root, "fixtures", "scanned", name))), verbosity: 0, isEvalSupported: false }).promise;
  const page = await doc.getPage(1);
  const ops = await page.getOperatorList();
  const i = ops.fnArray.indexOf(pdfjs.OPS.paintImageXObject);
  const [id, w, h] = ops.argsArray[i];
  const img = await new Promise((r) => page.objs.get(id, r));
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext("2d");
  const data = ctx.createImageData(w, h);
  const ch = img.kind === 3 ? 4 : img.kind === 2 ? 3 : 1;
  for (let p = 0; p < w * h; p++) {
    let r, g, b;
    // 1 bit a pixel, rows padded to whole bytes, set = white
    const x = p % w;
    if (ch === 1) r = g = b = img.data[((p - x) / w) * ((w + 7) >> 3) + (x >> 3)] & (128 >> (x & 7)) ? 255 : 0;
    else [r, g, b] = [img.data[p * ch], img.data[p * ch + 1], img.data[p * ch + 2]];
    data.data.set([r, g, b, 255], p * 4);
  }
  ctx.putImageData(data, 0, 0);
  await doc.destroy();
  return canvas;
}

/** An APP1 EXIF segment holding only IFD0's orientation tag (big-endian TIFF header). */
function exifOrientation(v) {
  const tiff = Buffer.alloc(26);
  tiff.write("MM", 0, "latin1");
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(v, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const body = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

// 004: stored turned a quarter anticlockwise, EXIF 6 turns it back
const photo = await firstPageImage("004_1e8afcbf59a4aba5.pdf");
const turned = createCanvas(photo.height, photo.width);
const tctx = turned.getContext("2d");
tctx.translate(0, photo.width);
tctx.rotate(-Math.PI / 2);
tctx.drawImage(photo, 0, 0);
const jpeg = await turned.encode("jpeg", 70);
writeFileSync(join(out, "004-page1.jpg"), Buffer.concat([jpeg.subarray(0, 2), exifOrientation(6), jpeg.subarray(2)]));

const scan = await firstPageImage("002_937598931c7507e2.pdf");
writeFileSync(join(out, "002-page1.png"), await scan.encode("png"));
console.log("fixtures/photos: 004-page1.jpg, 002-page1.png");
