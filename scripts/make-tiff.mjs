#!/usr/bin/env node
// Makes fixtures/photos/002-pages1-2.tif, a scanner's multi-page TIFF, from the black-and-white
// scanned fixture fixtures/scanned/002 (200 dpi): page 1 as 1 bit a pixel compressed CCITT
// Group 4 (what office scanners and fax software write for black and white), page 2 as 8-bit grey
// compressed LZW, both saying 200 dpi. The pages' pixels are taken from the PDF as they are (pdf.js);
// this script writes them uncompressed, and libtiff's `tiffcp` (Debian libtiff-tools) compresses
// them, so the fixture holds what a real libtiff writes. Usage: node scripts/make-tiff.mjs
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");

/** The one image of page `n`: 1-bit rows padded to whole bytes, a set bit white (pdf.js's GRAYSCALE_1BPP). */
async function pageBits(doc, n) {
  const page = await doc.getPage(n);
  const ops = await page.getOperatorList();
  const [id, width, height] = ops.argsArray[ops.fnArray.indexOf(pdfjs.OPS.paintImageXObject)];
  const img = await new Promise((r) => page.objs.get(id, r));
  if (img.kind !== 1) throw new Error(`page ${n} is not black and white`);
  return { width, height, bits: img.data };
}

/** An uncompressed one-strip TIFF (little-endian) of one page: 1 or 8 bits, BlackIsZero, `dpi`. */
function tiff({ width, height, data, bitsPerSample }, dpi) {
  const entries = [
    [256, 4, width], // ImageWidth, LONG
    [257, 4, height], // ImageLength
    [258, 3, bitsPerSample], // BitsPerSample, SHORT
    [259, 3, 1], // Compression: none
    [262, 3, 1], // PhotometricInterpretation: BlackIsZero
    [273, 4, 0], // StripOffsets (set below)
    [277, 3, 1], // SamplesPerPixel
    [278, 4, height], // RowsPerStrip
    [279, 4, data.length], // StripByteCounts
    [282, 5, 0], // XResolution, RATIONAL (offset set below)
    [283, 5, 0], // YResolution
    [296, 3, 2], // ResolutionUnit: inch
  ];
  const ifdSize = 2 + entries.length * 12 + 4;
  const rational = 8 + ifdSize;
  const pixels = rational + 8;
  const out = Buffer.alloc(pixels + data.length);
  out.write("II", 0, "latin1");
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  out.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(1, at + 4);
    const v = tag === 273 ? pixels : type === 5 ? rational : value;
    if (type === 3) out.writeUInt16LE(v, at + 8);
    else out.writeUInt32LE(v, at + 8);
  });
  out.writeUInt32LE(0, 10 + entries.length * 12); // no next IFD
  out.writeUInt32LE(dpi, rational);
  out.writeUInt32LE(1, rational + 4);
  out.set(data, pixels);
  return out;
}

const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(join(root, "fixtures", "scanned", "002_937598931c7507e2.pdf"))), verbosity: 0, isEvalSupported: false }).promise;
const one = await pageBits(doc, 1);
const two = await pageBits(doc, 2);
await doc.destroy();
// page 2 as 8-bit grey: each bit spread to a byte
const rowBytes = (two.width + 7) >> 3;
const grey = new Uint8Array(two.width * two.height);
for (let y = 0; y < two.height; y++)
  for (let x = 0; x < two.width; x++) grey[y * two.width + x] = two.bits[y * rowBytes + (x >> 3)] & (128 >> (x & 7)) ? 255 : 0;

const work = mkdtempSync(join(tmpdir(), "tonghop-tiff-"));
const p = (name) => join(work, name);
writeFileSync(p("1.tif"), tiff({ width: one.width, height: one.height, data: one.bits, bitsPerSample: 1 }, 200));
writeFileSync(p("2.tif"), tiff({ width: two.width, height: two.height, data: grey, bitsPerSample: 8 }, 200));
execFileSync("tiffcp", ["-c", "g4", p("1.tif"), p("1g4.tif")]);
execFileSync("tiffcp", ["-c", "lzw", p("2.tif"), p("2lzw.tif")]);
const out = join(root, "fixtures", "photos", "002-pages1-2.tif");
rmSync(out, { force: true });
execFileSync("tiffcp", [p("1g4.tif"), p("2lzw.tif"), out]);
rmSync(work, { recursive: true, force: true });
console.log("fixtures/photos/002-pages1-2.tif");
