// A report sent as a picture (a phone photo or a scanner's JPEG/PNG/TIFF, often forwarded through
// a chat app) is a scanned document without its PDF: it is wrapped as a PDF holding its images, one
// a page, and read like any scanned PDF (ocr/page.ts: grey, paper levelled, deskewed, tables, OCR),
// so pages, confidence and doubts mean the same thing as for a scan.
//
// A JPEG goes in as it is (pdf.js decodes it, as it does a scanner's PDF); its EXIF orientation,
// which phones set instead of turning the pixels, is applied by the way the image is drawn. A PNG
// is decoded in JavaScript, laid on white and stored deflated. A TIFF (what office scanners and
// fax software write: often several pages, black and white in CCITT Group 4) is decoded in
// JavaScript (utif2), each page stored deflated, 1 bit a pixel kept as it is. Other pictures
// (HEIC, WebP, GIF, BMP) are refused with what to send instead.
// A page is as large as the resolution the picture states (a TIFF scan's 200 or 300 dpi); without
// one it is A4 wide (landscape A4 for a picture wider than high), as tall as the picture's
// proportions make it, so a photo's resolution is read as dots per inch of an A4 sheet.

import { deflateSync } from "node:zlib";
import { convertIndexedToRgb, decode as decodePng, type DecodedPng } from "fast-png";
import UTIF from "utif2";
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
  /** Dots per inch across and down as stored, when the picture says (a scanner's TIFF). */
  dpi?: [number, number];
}

/** The picture as a PDF, a page per image (the bytes readPdf reads); a ReadError for what cannot be read. */
export function imageToPdf(bytes: Uint8Array, kind: ImageKind): Uint8Array {
  if (kind === "jpeg") return pagesPdf([jpegImage(bytes)]);
  if (kind === "png") return pagesPdf([pngImage(bytes)]);
  if (kind === "tiff") return pagesPdf(tiffImages(bytes));
  throw unsupportedPicture(kind);
}

function unsupportedPicture(kind: ImageKind) {
  const name = kind === "heic" ? "HEIC/AVIF" : kind.toUpperCase();
  return readError("unsupported_format", `Ảnh ${name} chưa đọc được`, "hãy lưu ảnh thành PDF, JPEG hoặc PNG rồi gửi lại", `${name} picture: save it as PDF, JPEG or PNG`);
}

function unsupportedTiff(what: string) {
  return readError("unsupported_format", "Ảnh TIFF dạng này chưa đọc được", "hãy lưu bản scan thành PDF, JPEG hoặc PNG rồi gửi lại", `TIFF ${what}: save it as PDF, JPEG or PNG`);
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
    throw corruptPicture(`PNG: ${firstLine(e)}`);
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
  return { ...onWhite(width, height, channels, channels >= 3, channels === 2 || channels === 4, sample), width, height, orientation: 1 };
}

/**
 * Decoded pixels (`channels` samples each, read by `sample`) laid on white where they are
 * transparent, kept as RGB or grey (the first channel), stored deflated: the image's dictionary and data.
 */
function onWhite(width: number, height: number, channels: number, colour: boolean, alpha: boolean, sample: (i: number) => number): Pick<Placed, "dict" | "data"> {
  const out = new Uint8Array(width * height * (colour ? 3 : 1));
  for (let p = 0, o = 0; p < width * height; p++) {
    const a = alpha ? sample(p * channels + channels - 1) / 255 : 1;
    for (let c = 0; c < (colour ? 3 : 1); c++, o++) out[o] = Math.round(sample(p * channels + c) * a + 255 * (1 - a));
  }
  const space = colour ? "/DeviceRGB" : "/DeviceGray";
  return { dict: `/ColorSpace ${space} /BitsPerComponent 8 /Filter /FlateDecode`, data: deflateSync(out, { level: 1 }) };
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

/** A TIFF tag's first value (a RATIONAL as its quotient), or undefined. */
function tag(ifd: UTIF.IFD, id: number): number | undefined {
  const v = ifd[`t${id}`] as unknown;
  const first = Array.isArray(v) ? v[0] : v;
  if (Array.isArray(first)) return first[1] ? Number(first[0]) / Number(first[1]) : undefined;
  return typeof first === "number" ? first : undefined;
}

/**
 * The pages of a TIFF, decoded by utif2 (pure JavaScript: CCITT G3/G4, LZW, PackBits, Deflate,
 * JPEG): a black-and-white page stays 1 bit a pixel, any other is laid on white as grey or RGB.
 * Thumbnails (reduced-resolution images) are left out; the resolution and orientation tags kept.
 */
export function tiffImages(bytes: Uint8Array): Placed[] {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let ifds: UTIF.IFD[];
  try {
    ifds = UTIF.decode(buffer);
  } catch (e) {
    throw corruptPicture(`TIFF: ${firstLine(e)}`);
  }
  const pages: Placed[] = [];
  for (const ifd of ifds) {
    if ((tag(ifd, 254) ?? 0) & 1) continue; // NewSubfileType: a reduced-resolution copy
    const width = tag(ifd, 256) ?? 0;
    const height = tag(ifd, 257) ?? 0;
    if (!width || !height) continue;
    checkPixels(width, height);
    try {
      UTIF.decodeImage(buffer, ifd);
    } catch (e) {
      throw corruptPicture(`TIFF: ${firstLine(e)}`);
    }
    if (!ifd.data?.length) throw unsupportedTiff(`compression ${tag(ifd, 259) ?? "?"}`);
    const photometric = tag(ifd, 262) ?? 1;
    const bits = tag(ifd, 258) ?? 1;
    const spp = tag(ifd, 277) ?? 1;
    const orientation = tag(ifd, 274) ?? 1;
    const unit = tag(ifd, 296) ?? 2; // 2 inch, 3 centimetre, 1 none
    const res = [tag(ifd, 282), tag(ifd, 283)].map((r) => (r && unit !== 1 ? (unit === 3 ? r * 2.54 : r) : 0));
    const dpi: [number, number] | undefined = res.every((r) => r! >= 50 && r! <= 2400) ? [res[0]!, res[1]!] : undefined;
    const place = { width, height, orientation: orientation >= 1 && orientation <= 8 ? orientation : 1, ...(dpi ? { dpi } : {}) };
    if (bits === 1 && spp === 1 && photometric <= 1) {
      // rows padded to whole bytes as in a PDF; WhiteIsZero (0) is the other way round from DeviceGray
      const decode = photometric === 0 ? " /Decode [1 0]" : "";
      pages.push({ ...place, dict: `/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode${decode}`, data: deflateSync(ifd.data, { level: 1 }) });
      continue;
    }
    let rgba: Uint8Array;
    try {
      rgba = UTIF.toRGBA8(ifd);
    } catch (e) {
      throw unsupportedTiff(firstLine(e));
    }
    ifd.data = new Uint8Array(0); // the decoded samples go before the next page is decoded
    pages.push({ ...place, ...onWhite(width, height, 4, photometric > 1, true, (i) => rgba[i]!) });
  }
  if (!pages.length) throw corruptPicture("TIFF without a page");
  return pages;
}

/** A decoder's error message, its first line. */
function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split("\n")[0]!;
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

/** A page's size in points: from the stated resolution, else A4 wide (the long side when wider than high). */
function pageSize(p: Placed): [number, number] {
  const quarter = p.orientation >= 5;
  if (p.dpi) {
    const [w, h] = [(p.width / p.dpi[0]) * 72, (p.height / p.dpi[1]) * 72].map((v) => Math.round(v * 100) / 100) as [number, number];
    return quarter ? [h, w] : [w, h];
  }
  const [shown, other] = quarter ? [p.height, p.width] : [p.width, p.height];
  const pageW = shown > other ? A4_LONG : A4_SHORT;
  return [pageW, Math.round(((pageW * other) / shown) * 100) / 100];
}

/** Catalog, pages, each page with its image and its content stream, and a cross-reference table. */
function pagesPdf(images: Placed[]): Uint8Array {
  const n = images.length;
  // objects: 1 catalog, 2 pages, then per image: page, image, content
  const kids = images.map((_, i) => `${3 + 3 * i} 0 R`).join(" ");
  const objects: (string | [string, Uint8Array])[] = ["<< /Type /Catalog /Pages 2 0 R >>", `<< /Type /Pages /Kids [${kids}] /Count ${n} >>`];
  images.forEach((p, i) => {
    const [pageW, pageH] = pageSize(p);
    const m = placement(p.orientation, pageW, pageH).map((v) => Math.round(v * 100) / 100);
    const content = `q ${m.join(" ")} cm /Im0 Do Q`;
    const at = 3 + 3 * i;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageW} ${pageH}] /Resources << /XObject << /Im0 ${at + 1} 0 R >> >> /Contents ${at + 2} 0 R >>`,
      [`<< /Type /XObject /Subtype /Image /Width ${p.width} /Height ${p.height} ${p.dict} /Length ${p.data.length} >>`, p.data],
      [`<< /Length ${content.length} >>`, Buffer.from(content, "latin1")],
    );
  });
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
