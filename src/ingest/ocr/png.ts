// A prepared page as a greyscale PNG, the form it is handed to the recogniser in. A page of print
// is mostly white, so it deflates to a twentieth of its raw size: what crosses between threads
// (file worker → recogniser → tesseract's file system) and to a native tesseract's stdin is then
// a few hundred kilobytes instead of 4–9 MB a page. Big short-lived buffers in several threads
// are what fragments the C allocator's memory (it keeps it), so the smaller hand-over keeps an
// import's peak memory down. Leptonica (inside tesseract) reads PNG natively.

import { constants, crc32, deflateSync } from "node:zlib";
import { scratchBytes, type Grey } from "./image.js";

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(Buffer.from(type, "latin1"), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * 8-bit greyscale PNG; rows unfiltered, deflated fast: as runs only (Z_RLE), which on a page of
 * print is as small as deflate's fastest level and a quarter cheaper.
 */
export function toPng(img: Grey): Uint8Array {
  const { width: w, height: h, data } = img;
  const head = new Uint8Array(13);
  const view = new DataView(head.buffer);
  view.setUint32(0, w);
  view.setUint32(4, h);
  head[8] = 8; // bit depth
  head[9] = 0; // greyscale
  const raw = scratchBytes((w + 1) * h, false);
  for (let y = 0; y < h; y++) (raw[y * (w + 1)] = 0), raw.set(data.subarray(y * w, (y + 1) * w), y * (w + 1) + 1); // filter byte 0
  const parts = [SIGNATURE, chunk("IHDR", head), chunk("IDAT", deflateSync(raw, { strategy: constants.Z_RLE })), chunk("IEND", new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, at), (at += p.length);
  return out;
}
