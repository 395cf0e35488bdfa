// Bytes → string for text files: BOMs, UTF-16, UTF-8 checked strictly, then the legacy 8-bit
// Vietnamese encodings (converted only when the result reads as Vietnamese) and double-encoded
// UTF-8 (repaired only when unambiguous). Mojibake is never returned as if it were Vietnamese.

import { LEGACY_DECODERS, type LegacyEncoding } from "./legacy-encodings.js";
import { repairMojibake } from "./mojibake.js";
import { readError } from "./messages.js";
import { looksVietnamese, scoreVietnamese, type VietnameseScore } from "./vietnamese-syllables.js";

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | LegacyEncoding;

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** Notes for the analyst (conversions and repairs made). */
  warnings: string[];
}

// Deciding needs a sample, not the whole file.
const SAMPLE_BYTES = 256 * 1024;

const LEGACY_NAMES: Record<LegacyEncoding, string> = { "windows-1258": "Windows-1258", tcvn3: "TCVN3 (ABC)", vni: "VNI-Windows" };

export function decodeTextFile(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return checkMojibake(utf8(bytes.subarray(3)), "utf-8");
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), "utf-16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), "utf-16be");
  const bomless = utf16WithoutBom(bytes);
  if (bomless) return utf16(bytes, bomless);
  const s = utf8OrNull(bytes);
  if (s !== null) return checkMojibake(s, "utf-8");
  return decodeLegacy(bytes);
}

function utf8(bytes: Uint8Array): string {
  const s = utf8OrNull(bytes);
  if (s === null) throw legacyError("Tệp văn bản có dấu UTF-8 (BOM) nhưng chứa byte không hợp lệ", "invalid UTF-8 after a UTF-8 byte-order mark");
  return s;
}

/** Strict UTF-8; a sequence cut at the very end (a half-downloaded file) is dropped, not fatal. */
function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    let cut = bytes.length;
    while (cut > 0 && bytes.length - cut < 3 && (bytes[cut - 1]! & 0xc0) === 0x80) cut--;
    if (cut > 0 && bytes[cut - 1]! >= 0xc0) {
      try {
        return new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, cut - 1));
      } catch {
        return null;
      }
    }
    return null;
  }
}

function utf16(bytes: Uint8Array, enc: "utf-16le" | "utf-16be"): DecodedText {
  // an odd trailing byte is a cut file: drop it rather than fail
  const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
  try {
    return { text: new TextDecoder(enc, { fatal: true }).decode(even), encoding: enc, warnings: [] };
  } catch {
    throw readError("corrupt", "Tệp văn bản UTF-16 bị hỏng (ký tự không hợp lệ)", "hãy xin lại tệp hoặc lưu lại bằng UTF-8", "corrupt UTF-16 text");
  }
}

/** UTF-16 without a BOM: NUL in every other byte of ASCII-heavy text, never in the other half. */
export function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  const enc = oddNul > half * 0.3 && evenNul === 0 ? "utf-16le" : evenNul > half * 0.3 && oddNul === 0 ? "utf-16be" : null;
  if (!enc) return null;
  // binary tables can look like that too: the decoded sample must be text
  const sample = new TextDecoder(enc).decode(bytes.subarray(0, n));
  const odd = sample.match(/[\u0000-\u0008\u000B\u000E-\u001F\uFFFD\uD800-\uDFFF]/g)?.length ?? 0;
  return odd <= sample.length * 0.01 ? enc : null;
}

function checkMojibake(text: string, encoding: TextEncoding): DecodedText {
  const r = repairMojibake(text);
  if (r.kind === "clean") return { text, encoding, warnings: [] };
  // A stray match in real text (e.g. "XÃ" + no-break space) changes nothing measurable: keep it.
  const before = scoreVietnamese(text.slice(0, SAMPLE_BYTES));
  const after = r.kind === "repaired" ? scoreVietnamese(r.text.slice(0, SAMPLE_BYTES)) : null;
  if (after && after.valid <= before.valid + 0.02) return { text, encoding, warnings: [] };
  if (r.kind === "broken") {
    if (looksVietnamese(before)) return { text, encoding, warnings: [] };
    throw legacyError(`Tệp văn bản bị lỗi mã hóa kép và mất ký tự, không sửa được ("${r.sample}")`, "double-encoded UTF-8 with lost bytes");
  }
  return {
    text: r.text,
    encoding,
    warnings: [`Đã sửa ${r.letters} chữ bị mã hóa UTF-8 hai lần ("Bá»™" → "Bộ") (repaired double-encoded UTF-8)`],
  };
}

/** Tries each legacy encoding on a sample; converts only when exactly one reads as Vietnamese. */
function decodeLegacy(bytes: Uint8Array): DecodedText {
  const found = readAsLegacy(bytes);
  if (!found)
    throw legacyError(
      "Tệp văn bản không phải UTF-8 và không nhận ra bảng mã cũ (đã thử TCVN3, VNI, Windows-1258)",
      "not UTF-8 and no legacy Vietnamese encoding fits",
    );
  return found;
}

/**
 * The one legacy 8-bit Vietnamese encoding the bytes read as, with its warning; null when none
 * reads as Vietnamese, or two do equally well. Also for the readers of formats whose text was
 * typed in legacy fonts (.doc with .VnTime: the characters are the font's bytes).
 */
export function readAsLegacy(bytes: Uint8Array): DecodedText | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, SAMPLE_BYTES));
  const scored: { enc: LegacyEncoding; score: VietnameseScore }[] = [];
  for (const enc of Object.keys(LEGACY_DECODERS) as LegacyEncoding[]) {
    scored.push({ enc, score: scoreVietnamese(LEGACY_DECODERS[enc](sample)) });
  }
  const good = scored.filter((c) => looksVietnamese(c.score)).sort((a, b) => b.score.valid - a.score.valid || b.score.common - a.score.common);
  const best = good[0];
  const second = good[1];
  if (!best || (second && best.score.valid - second.score.valid < 0.05 && best.score.common <= second.score.common)) return null;
  return {
    text: LEGACY_DECODERS[best.enc](bytes),
    encoding: best.enc,
    warnings: [
      `Đã chuyển từ bảng mã ${LEGACY_NAMES[best.enc]} sang Unicode (converted from ${LEGACY_NAMES[best.enc]})` +
        (best.enc === "tcvn3" ? ": TCVN3 không có chữ hoa có dấu, hãy kiểm tra chữ hoa (TCVN3 has no accented capitals)" : ""),
    ],
  };
}

function legacyError(vi: string, en: string) {
  return readError("legacy_encoding", vi, "hãy mở bằng Word hoặc Unikey và lưu lại bằng Unicode UTF-8", en);
}
