// Bytes → string for text files: BOMs, UTF-16, and UTF-8 checked strictly so that a legacy
// 8-bit file is never silently read as mojibake.

import { ReadError } from "./types.js";

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  return utf8(bytes);
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ReadError(
      "legacy_encoding",
      "Tệp văn bản không phải UTF-8 (có thể là bảng mã cũ TCVN3/VNI/Windows-1258): hãy lưu lại bằng Unicode UTF-8",
    );
  }
}
