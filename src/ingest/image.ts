// A report sent as a picture (a phone photo or a scanner's JPEG/PNG, often forwarded through a
// chat app) is a scanned page without its PDF: it is wrapped as a one-page PDF holding that image
// and read like any scanned PDF (ocr/page.ts: grey, paper levelled, deskewed, tables, OCR), so
// pages, confidence and doubts mean the same thing as for a scan.
//
// A JPEG goes in as it is (pdf.js decodes it, as it does a scanner's PDF); its EXIF orientation,
// which phones set instead of turning the pixels, is applied by the way the image is drawn. A PNG
// is decoded in JavaScript, laid on white and stored deflated. Other pictures (TIFF, HEIC, WebP,
// GIF, BMP) are refused with what to send instead.
// The page is A4 wide (landscape A4 for a picture wider than high), as tall as the picture's
// proportions make it, so a photo's resolution is read as dots per inch of an A4 sheet.

import { deflateSync } from "node:zlib";
import { convertIndexedToRgb, decode as decodePng, type DecodedPng } from "fast-png";
import type { ImageKind } from "./detect.js";
import { imageTooLarge, MAX_IMAGE_PIXELS } from "./limits.js";
import { readError } from "./messages.js";

/** A4 in points: the width a picture is laid out at (the long side when it is wider than high). */
const A4_SHORT = 595.28;
const A4_LONG = 841.89;

interface Placed {
  /** The image XObject's dictionary entries (without /Length) and its data. */
  dict: string;
  data: Uint8Array;
  /** Pixels as stored. */
  width: number;
  height: number;
  /** EXIF orientation 1…8 (1: as stored). */
  orientation: number;
}

/** The picture as a one-page PDF (the bytes readPdf reads); a ReadError for what cannot be read. */
export function imageToPdf(bytes: Uint8Array, kind: ImageKind): Uint8Array {
  if (kind === "jpeg") return onePagePdf(jpegImage(bytes));
  if (kind === "png") return onePagePdf(pngImage(bytes));
  throw unsupportedPicture(kind);
}

function unsupportedPicture(kind: ImageKind) {
  const name = kind === "heic" ? "HEIC/AVIF" : kind.toUpperCase();
  return readError("unsupported_format", `Ảnh ${name} chưa đọc được`, "hãy lưu ảnh thành PDF, JPEG hoặc PNG rồi gửi lại", `${name} picture: save it as PDF, JPEG or PNG`);
}

function corruptPicture(what: string) {
  return readError("corrupt", "Ảnh hỏng, không đọc được", "hãy xin gửi lại ảnh hoặc bản scan", `corrupt picture: ${what}`);
}

/** A JPEG's size, colour components and EXIF orientation from its markers; the bytes stay as they are. */
export function jpegImage(bytes: Uint8Array): Placed {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let orientation = 1;
  let adobe = false;
  for (let i = 2; i + 4 <= b.length; ) {
    if (b[i] !== 0xff) throw corruptPicture("JPEG marker expected");
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = b.readUInt16BE(i + 2);
    const seg = i + 4;
    if (len < 2 || seg + len - 2 > b.length) break;
    if (marker === 0xe1 && b.toString("latin1", seg, seg + 6) === "Exif\0\0") orientation = exifOrientation(b.subarray(seg + 6, seg + len - 2));
    if (marker === 0xee && b.toString("latin1", seg, seg + 5) === "Adobe") adobe = true;
    // start of frame (not DHT C4, JPG C8, DAC CC): precision, height, width, components
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = b.readUInt16BE(seg + 1);
      const width = b.readUInt16BE(seg + 3);
      const comps = b[seg + 5]!;
      if (!width || !height) throw corruptPicture("JPEG without a size");
      checkPixels(width, height);
      const space = comps === 1 ? "/DeviceGray" : comps === 4 ? "/DeviceCMYK" : "/DeviceRGB";
      // Adobe's CMYK JPEGs are stored inverted
      const decode = comps === 4 && adobe ? " /Decode [1 0 1 0 1 0 1 0]" : "";
      return { dict: `/ColorSpace ${space} /BitsPerComponent 8 /Filter /DCTDecode${decode}`, data: bytes, width, height, orientation };
    }
    if (marker === 0xda) break;
    i = seg + len - 2;
  }
  throw corruptPicture("JPEG without a frame header");
}

/** Orientation tag (0x0112) of IFD0 in an EXIF block (a TIFF header and its directories); 1 when absent. */
function exifOrientation(t: Buffer): number {
  if (t.length < 8) return 1;
  const le = t.toString("latin1", 0, 2) === "II";
  const u16 = (o: number) => (le ? t.readUInt16LE(o) : t.readUInt16BE(o));
  const u32 = (o: number) => (le ? t.readUInt32LE(o) : t.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > t.length) return 1;
  const n = u16(ifd);
  for (let k = 0; k < n; k++) {
    const e = ifd + 2 + 12 * k;
    if (e + 12 > t.length) break;
    if (u16(e) === 0x0112) {
      const v = u16(e + 8);
      return v >= 1 && v <= 8 ? v : 1;
    }
  }
  return 1;
}

/**
 * A PNG decoded in JavaScript (fast-png: a damaged file is an exception, never a crash of the
 * process, as a native decoder can be), transparency laid on white, stored deflated as grey or RGB.
 */
export function pngImage(bytes: Uint8Array): Placed {
  let png: DecodedPng;
  try {
    png = decodePng(bytes);
  } catch (e) {
    throw corruptPicture(`PNG: ${String((e as Error)?.message ?? e).split("\n")[0]}`);
  }
  const { width, height } = png;
  if (!width || !height) throw corruptPicture("PNG without a size");
  checkPixels(width, height);
  let channels = png.channels;
  let sample: (i: number) => number;
  if (png.palette) {
    const rgb = convertIndexedToRgb(png);
    channels = png.palette[0]?.length ?? 3;
    sample = (i) => rgb[i]!;
  } else sample = samples(png);
  const colour = channels >= 3;
  const alpha = channels === 2 || channels === 4;
  const out = new Uint8Array(width * height * (colour ? 3 : 1));
  for (let p = 0, o = 0; p < width * height; p++) {
    const a = alpha ? sample(p * channels + channels - 1) / 255 : 1;
    for (let c = 0; c < (colour ? 3 : 1); c++, o++) out[o] = Math.round(sample(p * channels + c) * a + 255 * (1 - a));
  }
  const space = colour ? "/DeviceRGB" : "/DeviceGray";
  return { dict: `/ColorSpace ${space} /BitsPerComponent 8 /Filter /FlateDecode`, data: deflateSync(out, { level: 1 }), width, height, orientation: 1 };
}

/** Sample i (pixel × channels + channel) of a decoded PNG as 0…255, whatever its bit depth. */
function samples(png: DecodedPng): (i: number) => number {
  const { data, depth, width, channels } = png;
  if (depth === 8) return (i) => data[i]!;
  if (depth === 16) return (i) => data[i]! >> 8;
  // 1, 2 or 4 bits a sample, each row starting on a whole byte
  const perRow = width * channels;
  const rowBytes = Math.ceil((perRow * depth) / 8);
  const max = (1 << depth) - 1;
  return (i) => {
    const row = Math.floor(i / perRow);
    const bit = (i - row * perRow) * depth;
    const byte = data[row * rowBytes + (bit >> 3)]!;
    return Math.round((((byte >> (8 - depth - (bit & 7))) & max) * 255) / max);
  };
}

function checkPixels(width: number, height: number): void {
  if (width * height > MAX_IMAGE_PIXELS) throw imageTooLarge(width, height);
}

/**
 * The page's drawing of the image: the unit square mapped onto the page (w × h points) so the
 * picture shows as EXIF says: 3 half a turn, 6 a quarter clockwise, 8 a quarter anticlockwise;
 * 2 and 4 mirrored left-right and top-bottom, 5 and 7 mirrored across a diagonal.
 */
export function placement(orientation: number, w: number, h: number): number[] {
  switch (orientation) {
    case 2:
      return [-w, 0, 0, h, w, 0];
    case 3:
      return [-w, 0, 0, -h, w, h];
    case 4:
      return [w, 0, 0, -h, 0, h];
    case 5:
      return [0, -h, -w, 0, w, h];
    case 6:
      return [0, -h, w, 0, 0, h];
    case 7:
      return [0, h, w, 0, 0, 0];
    case 8:
      return [0, h, -w, 0, w, 0];
    default:
      return [w, 0, 0, h, 0, 0];
  }
}

/** Catalog, pages, the page, its image and its content stream, with a cross-reference table. */
function onePagePdf(p: Placed): Uint8Array {
  const quarter = p.orientation >= 5;
  const [shown, other] = quarter ? [p.height, p.width] : [p.width, p.height];
  const pageW = shown > other ? A4_LONG : A4_SHORT;
  const pageH = Math.round(((pageW * other) / shown) * 100) / 100;
  const m = placement(p.orientation, pageW, pageH).map((v) => Math.round(v * 100) / 100);
  const content = `q ${m.join(" ")} cm /Im0 Do Q`;
  const objects: (string | [string, Uint8Array])[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageW} ${pageH}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>`,
    [`<< /Type /XObject /Subtype /Image /Width ${p.width} /Height ${p.height} ${p.dict} /Length ${p.data.length} >>`, p.data],
    [`<< /Length ${content.length} >>`, Buffer.from(content, "latin1")],
  ];
  const parts: Uint8Array[] = [];
  let size = 0;
  const put = (x: string | Uint8Array) => {
    const bytes = typeof x === "string" ? Buffer.from(x, "latin1") : x;
    parts.push(bytes);
    size += bytes.length;
  };
  put("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(size);
    if (typeof o === "string") put(`${i + 1} 0 obj\n${o}\nendobj\n`);
    else {
      put(`${i + 1} 0 obj\n${o[0]}\nstream\n`);
      put(o[1]);
      put("\nendstream\nendobj\n");
    }
  });
  const xref = size;
  put(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`);
  put(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts, size);
}
