// Format detection from the bytes, not the file name: a text file named .pdf is text, a PDF
// named .txt is a PDF, and random bytes named .docx are refused as binary.

import { utf16WithoutBom } from "./decode.js";
import type { Format } from "./types.js";

export type Detected = Format | "zip" | "ole" | "binary" | "empty";

export function detectFormat(bytes: Uint8Array, fileName = ""): Detected {
  if (bytes.length === 0) return "empty";
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024));
  // PDF: "%PDF-" within the first KiB (some writers put junk before it)
  if (head.indexOf("%PDF-") >= 0) return "pdf";
  // ZIP: local file header, or the end record of an empty archive; DOCX or not is the zip guard's call
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05 || head[2] === 0x07)) return "zip";
  // OLE compound file: Word/Excel 97-2003, or an Office document encrypted with a password
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return "ole";
  // RTF: "{\rtf" after an optional BOM or white space (RTF is 7-bit text: test before looksBinary)
  if (/^(?:\uFEFF|\xEF\xBB\xBF)?\s*\{\\rtf/.test(head.subarray(0, 64).toString("latin1"))) return "rtf";
  // a picture: a photo or an image scan of a report
  if (imageKind(head)) return "image";
  if (looksBinary(bytes)) return "binary";
  return /\.(md|markdown)$/i.test(fileName) ? "markdown" : "text";
}

/** NUL bytes or many control characters: not text (UTF-16, with or without a BOM, is text). */
export function looksBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  if (utf16WithoutBom(bytes)) return false;
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control > n * 0.02;
}

/** What an OLE compound file holds, from the stream names in its directory (UTF-16LE). */
export function oleKind(bytes: Uint8Array): "encrypted" | "word" | "excel" | "powerpoint" | "outlook" | "damaged" | "other" {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const has = (name: string) => buf.indexOf(Buffer.from(name, "utf16le")) >= 0;
  if (oleCutShort(buf)) return "damaged";
  if (has("EncryptedPackage")) return "encrypted";
  if (has("WordDocument")) return wordEncrypted(buf) ? "encrypted" : "word";
  if (has("Workbook") || has("Book")) return "excel";
  if (has("PowerPoint Document")) return "powerpoint";
  if (has("__substg1.0_")) return "outlook";
  return "other";
}

/** The header names sectors (FAT, directory) past the end of the file: a download cut short. */
function oleCutShort(buf: Buffer): boolean {
  if (buf.length < 512) return true;
  const size = 1 << (buf.readUInt16LE(30) || 9);
  const inFile = (sector: number) => sector >= 0xfffffffa || (sector + 2) * size <= buf.length;
  if (!inFile(buf.readUInt32LE(0x30))) return true;
  const fats = Math.min(buf.readUInt32LE(0x2c), 109);
  for (let i = 0; i < fats; i++) if (!inFile(buf.readUInt32LE(0x4c + 4 * i))) return true;
  return false;
}

/**
 * A Word 97-2003 file saved with a password: the FIB at the start of the WordDocument stream
 * (wIdent 0xA5EC at a sector boundary) has fEncrypted (bit 8 of the flags at offset 10) set.
 */
function wordEncrypted(buf: Buffer): boolean {
  const sector = 1 << (buf.readUInt16LE(30) || 9);
  for (let off = sector; off + 12 <= buf.length; off += sector) {
    if (buf[off] === 0xec && buf[off + 1] === 0xa5) return (buf.readUInt16LE(off + 10) & 0x0100) !== 0;
  }
  return false;
}

/** Which ZIP this is, from the bytes alone (the zip guard confirms from the whole directory). */
export function zipHint(bytes: Uint8Array): "docx" | "xlsx" | "pptx" | "odt" | "ods" | "odf" | "archive" {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  // ODF: the first entry is "mimetype", stored, its content right after the 30-byte header and the name
  if (buf.length > 38 && buf.toString("latin1", 30, 38) === "mimetype") {
    const extra = buf.readUInt16LE(28);
    const m = buf.toString("latin1", 38 + extra, 38 + extra + 60);
    if (m.startsWith("application/vnd.oasis.opendocument.text")) return "odt";
    if (m.startsWith("application/vnd.oasis.opendocument.spreadsheet")) return "ods";
    return "odf";
  }
  // OOXML: part names are stored uncompressed in the headers
  if (buf.indexOf("word/document.xml") >= 0) return "docx";
  if (buf.indexOf("xl/workbook.xml") >= 0) return "xlsx";
  if (buf.indexOf("ppt/presentation.xml") >= 0) return "pptx";
  if (buf.indexOf("[Content_Types].xml") >= 0) return "docx";
  return "archive";
}

export type ImageKind = "jpeg" | "png" | "webp" | "gif" | "bmp" | "tiff" | "heic";

/** The picture format from its first bytes, or null. */
export function imageKind(head: Uint8Array): ImageKind | null {
  const at = (i: number, ...b: number[]) => b.every((v, k) => head[i + k] === v);
  const ascii = (i: number, s: string) => at(i, ...[...s].map((c) => c.charCodeAt(0)));
  if (at(0, 0xff, 0xd8, 0xff)) return "jpeg";
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  if (ascii(0, "RIFF") && ascii(8, "WEBP")) return "webp";
  if (ascii(0, "GIF87a") || ascii(0, "GIF89a")) return "gif";
  if (ascii(0, "BM") && head.length > 26) return "bmp";
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return "tiff";
  if (ascii(4, "ftyp") && /^(heic|heix|hevc|mif1|msf1|avif)$/.test(String.fromCharCode(...head.subarray(8, 12)))) return "heic";
  return null;
}
