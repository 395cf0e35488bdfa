// Input limits, so one file cannot exhaust the machine, and reading a file from disk with them:
// the size is checked on the open file before any byte is read.
//
// Maximum input size: 50 MiB by default (a commune report is a few MiB even with scans);
// TONGHOP_MAX_FILE_MB or the `maxBytes` option changes it.

import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { readError } from "./messages.js";

export const DEFAULT_MAX_FILE_MB = 50;

/** The size limit in bytes: option, then TONGHOP_MAX_FILE_MB, then the default. */
export function maxFileBytes(override?: number): number {
  if (override !== undefined && override > 0) return override;
  const env = Number(process.env.TONGHOP_MAX_FILE_MB);
  return Math.floor((Number.isFinite(env) && env > 0 ? env : DEFAULT_MAX_FILE_MB) * 1024 * 1024);
}

export function tooLarge(size: number, limit: number) {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0);
  return readError(
    "too_large",
    `Tệp quá lớn (${mb(size)} MiB, giới hạn ${mb(limit)} MiB)`,
    "hãy kiểm tra đúng tệp báo cáo, hoặc tăng giới hạn bằng biến TONGHOP_MAX_FILE_MB",
    `file too large: ${size} bytes, limit ${limit}`,
  );
}

export function emptyFile() {
  return readError("empty", "Tệp rỗng (0 byte)", "hãy xin lại bản đầy đủ", "empty file");
}

/**
 * Reads a report file with the size limit checked first (so a 3 GB file is refused without
 * being read). Errors from the file system (ENOENT, EACCES, ELOOP, EISDIR) are thrown as they are:
 * the CLI's describeError turns them into one line.
 */
export function readInputFile(path: string, opts: { maxBytes?: number } = {}): Buffer {
  const limit = maxFileBytes(opts.maxBytes);
  const fd = openSync(path, "r");
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: ${path}`), { code: "EISDIR" });
    if (st.size > limit) throw tooLarge(st.size, limit);
    // a file can grow while read (or be a FIFO): never read past the limit
    const buf = Buffer.allocUnsafe(Math.min(st.isFile() ? st.size : limit, limit) + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) break;
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
    }
    if (n > limit) throw tooLarge(n, limit);
    if (n === 0) throw emptyFile();
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Largest picture read (a report sent as a photo or an image scan): 50 megapixels, a 48 MP phone
 * photo or an A4 page scanned at 600 dpi (35 MP). A picture is decoded whole before it is read.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

export function imageTooLarge(width: number, height: number) {
  return readError(
    "too_large",
    `Ảnh quá lớn (${width}×${height} điểm ảnh, giới hạn ${MAX_IMAGE_PIXELS / 1_000_000} triệu)`,
    "hãy chụp hoặc scan lại ở độ phân giải thấp hơn (200–300 dpi là đủ)",
    `picture too large: ${width}x${height} pixels, limit ${MAX_IMAGE_PIXELS}`,
  );
}
