// Format detection from the bytes, not the file name: a text file named .pdf is text.

import type { Format } from "./types.js";

export type Detected = Format | "zip" | "ole" | "binary" | "empty";

export function detectFormat(bytes: Uint8Array, fileName = ""): Detected {
  if (bytes.length === 0) return "empty";
  const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 1024)));
  // PDF: "%PDF-" within the first KiB (some writers put junk before it)
  if (head.indexOf("%PDF-") >= 0) return "pdf";
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05 || head[2] === 0x07)) return "zip";
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return "ole";
  if (looksBinary(bytes)) return "binary";
  return /\.(md|markdown)$/i.test(fileName) ? "markdown" : "text";
}

/** NUL bytes or many control characters: not text (UTF-16 with a BOM is text). */
export function looksBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control > n * 0.02;
}
