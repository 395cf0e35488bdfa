// Checks a ZIP before any reader inflates it (DOCX, XLSX, ODT, or a .zip of reports): what it
// holds, and that it cannot exhaust memory. The one owner of zip limits: every reader calls it. Two layers, because a zip bomb may lie in its headers:
//  1. the central directory: entry count, declared sizes, compression ratios, overlapping data;
//  2. a real inflate of every entry, counting bytes and discarding them, stopped at the declared
//     size (yauzl validates it) and at the total cap — so memory stays small whatever the file says.

import iconv from "iconv-lite";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { readError } from "./messages.js";
import { scoreVietnamese } from "./vietnamese-syllables.js";

export interface ZipLimits {
  maxEntries: number;
  /** Largest inflated size of one part. */
  maxEntryBytes: number;
  /** Largest inflated size of all parts together. */
  maxTotalBytes: number;
}

// A commune report's DOCX has tens of parts and inflates to a few MiB; these leave wide room.
export const ZIP_LIMITS: ZipLimits = { maxEntries: 5000, maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024 };

// Deflate cannot compress better than 1032:1; a higher declared ratio is a forged header.
const MAX_DEFLATE_RATIO = 1032;

export interface ZipReport {
  entries: number;
  /** Bytes actually inflated while checking. */
  inflated: number;
}

const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;

function bomb(detail: string) {
  return readError(
    "zip_bomb",
    `Tệp nén (DOCX/XLSX/ODT/ZIP) bất thường, giải nén ra quá lớn (${detail})`,
    "không đọc tệp này; hãy xin bản khác hoặc bản PDF",
    `zip bomb refused: ${detail}`,
  );
}

function corrupt(detail: string) {
  return readError("corrupt", "Tệp DOCX/ZIP bị hỏng hoặc tải về chưa hết", "hãy xin lại tệp hoặc mở bằng Word rồi lưu lại", `corrupt zip: ${detail.replace(/\s+/g, " ").slice(0, 100)}`);
}

/** What a sound ZIP holds, from its part names. */
export type ZipKind = "docx" | "xlsx" | "odt" | "pptx" | "ods" | "odf" | "archive";

export function zipKindOf(names: Iterable<string>, mimetype?: string): ZipKind {
  const set = new Set(names);
  if (set.has("word/document.xml")) return "docx";
  if (set.has("xl/workbook.xml")) return "xlsx";
  if (set.has("ppt/presentation.xml")) return "pptx";
  if (set.has("mimetype") && set.has("content.xml")) {
    const m = (mimetype ?? "").trim();
    if (m === "application/vnd.oasis.opendocument.text") return "odt";
    if (m === "application/vnd.oasis.opendocument.spreadsheet") return "ods";
    return "odf";
  }
  if (set.has("[Content_Types].xml")) return "docx"; // Office file without its document part: the DOCX reader says so
  return "archive";
}

/** Path guard (yauzl's): a part named "../x" or "/x" would be written outside any folder it is unpacked to. */
function unsafePath(detail: string) {
  return readError(
    "corrupt",
    "Tệp nén có đường dẫn không an toàn (ra ngoài thư mục giải nén)",
    "không đọc tệp này; hãy xin lại bản nén đúng",
    `unsafe path in zip: ${detail.replace(/\s+/g, " ").slice(0, 100)}`,
  );
}

function notWord(what: string, en: string) {
  return readError("unsupported_format", `Không phải tài liệu Word (.docx): đây là ${what}`, "hãy gửi báo cáo dạng .docx hoặc .pdf", `not a Word document: ${en}`);
}

/**
 * Refuses anything but a sound DOCX; resolves with what it checked. `stats`, when given, is kept
 * up to date even when the guard refuses (tests use it to see how much was inflated).
 */
export async function guardDocx(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS, stats: ZipReport = { entries: 0, inflated: 0 }): Promise<ZipReport> {
  await guardZip(bytes, limits, stats, checkIsWord);
  return stats;
}

export interface GuardedZip extends ZipReport {
  kind: ZipKind;
  names: string[];
}

/**
 * Refuses a ZIP that could exhaust memory (both layers), whatever it holds; resolves with what it
 * holds. `check`, when given, may refuse by the part names before anything is inflated.
 */
export async function guardZip(
  bytes: Uint8Array,
  limits: ZipLimits = ZIP_LIMITS,
  stats: ZipReport = { entries: 0, inflated: 0 },
  check?: (entries: Entry[]) => void,
): Promise<GuardedZip> {
  const zip = await openZip(bytes);
  try {
    if (zip.entryCount > limits.maxEntries) throw bomb(`${zip.entryCount} phần, giới hạn ${limits.maxEntries}`);
    const entries = await listEntries(zip);
    stats.entries = entries.length;
    // in a .zip of reports a member with a password fails alone (readArchiveMembers says which)
    const archive = zipKindOf(entries.map((e) => e.fileName)) === "archive";
    checkDirectory(entries, bytes.length, limits, archive);
    check?.(entries);
    let mimetype: string | undefined;
    for (const e of entries) {
      if (e.fileName.endsWith("/") || e.isEncrypted()) continue;
      const keep = e.fileName === "mimetype" && e.uncompressedSize < 200;
      const got = await inflateCounting(zip, e, limits.maxTotalBytes, stats, keep);
      if (keep) mimetype = got.text;
    }
    const names = entries.map((e) => e.fileName);
    return { ...stats, kind: zipKindOf(names, mimetype), names };
  } finally {
    zip.close();
  }
}

/** A member of a .zip of reports, inflated (after guardZip passed the whole archive). */
export interface ArchiveMember {
  /** Path inside the archive, "/"-separated. */
  name: string;
  bytes?: Uint8Array;
  /** Why the member is not read (unsafe path, nested archive, too large). */
  error?: Error;
}

/** Path guard: a member name that would climb out of the archive or name a drive is refused. */
export function unsafeMemberPath(name: string): boolean {
  const n = name.replace(/\\/g, "/");
  return n.startsWith("/") || /^[A-Za-z]:/.test(n) || n.split("/").some((p) => p === "..") || n.includes("\0");
}

/** Files a computer leaves beside the reports: Windows thumbnails and folder settings, Office lock files ("~$bao cao.docx"). */
const JUNK = /^(?:thumbs\.db|ehthumbs\.db|desktop\.ini|~\$.*|~wrl\d+\.tmp)$/i;

/** True for a file name (no folder) that is no report, in a folder or a zip: hidden, or system junk. */
export function junkFileName(name: string): boolean {
  return name.startsWith(".") || JUNK.test(name);
}

/** True for a member that is no report: a folder, a hidden file, a macOS resource fork, system junk. */
export function junkMember(name: string): boolean {
  if (name.endsWith("/")) return true;
  const parts = name.split("/");
  return parts.some((p) => p.startsWith(".")) || parts[0] === "__MACOSX" || junkFileName(parts[parts.length - 1] ?? "");
}

/**
 * A member's name as its writer meant it. With the UTF-8 flag (or Info-ZIP's Unicode path field)
 * yauzl's reading stands. Without it, the bytes are in whatever the writer used: UTF-8 all the same
 * (macOS Archive Utility, many tools), the OEM code page of a Vietnamese Windows (1258), or IBM
 * 437 (the ZIP default, yauzl's reading): valid UTF-8 wins, then whichever of 1258 and 437 reads
 * as Vietnamese.
 */
export function memberName(e: Entry): string {
  const raw = (e as Entry & { fileNameRaw?: Buffer }).fileNameRaw;
  if (!raw || (e.generalPurposeBitFlag & 0x800) !== 0 || e.extraFields.some((f) => f.id === 0x7075) || raw.every((b) => b < 0x80)) return e.fileName;
  const slash = (s: string) => s.replace(/\\/g, "/").normalize("NFC");
  try {
    return slash(new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch {
    // not UTF-8
  }
  const vn = slash(iconv.decode(raw, "cp1258"));
  const a = scoreVietnamese(vn);
  const b = scoreVietnamese(e.fileName);
  return a.valid > b.valid || (a.valid === b.valid && a.common > b.common) ? vn : e.fileName;
}

/**
 * Inflates the members of a .zip of reports with the same limits (call guardZip first: it has
 * checked every declared and real size). Folders, hidden files, macOS resource forks and system
 * junk are skipped; names are read in the writer's encoding (memberName); an unsafe path or a member larger than `maxMemberBytes` is listed with its error.
 */
export async function readArchiveMembers(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS, maxMemberBytes = limits.maxEntryBytes): Promise<ArchiveMember[]> {
  const zip = await openZip(bytes);
  try {
    const entries = await listEntries(zip);
    checkDirectory(entries, bytes.length, limits, true);
    const out: ArchiveMember[] = [];
    const stats = { entries: entries.length, inflated: 0 };
    for (const e of entries) {
      const name = memberName(e);
      if (junkMember(name)) continue;
      if (unsafeMemberPath(name)) {
        out.push({ name, error: readError("unreadable", `Tệp trong ZIP có đường dẫn không an toàn "${name}"`, "không đọc tệp này", "unsafe path inside the zip") });
        continue;
      }
      if (e.isEncrypted()) {
        out.push({ name, error: readError("encrypted", `Tệp "${name}" trong ZIP được đặt mật khẩu`, "hãy xin bản không đặt mật khẩu", "password-protected zip member") });
        continue;
      }
      if (e.uncompressedSize > maxMemberBytes) {
        out.push({ name, error: readError("too_large", `Tệp "${name}" trong ZIP quá lớn (${mib(e.uncompressedSize)})`, "hãy gửi riêng tệp này", "zip member too large") });
        continue;
      }
      const got = await inflateCounting(zip, e, limits.maxTotalBytes, stats, true);
      out.push({ name, bytes: got.bytes! });
    }
    return out;
  } finally {
    zip.close();
  }
}

function openZip(bytes: Uint8Array): Promise<ZipFile> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true }, (err, zip) => {
      if (err || !zip) reject(corrupt(err?.message ?? "cannot open"));
      else resolve(zip);
    });
  });
}

function listEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on("entry", (e: Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.once("end", () => resolve(entries));
    zip.once("error", (err: Error) => reject(/relative path|absolute path/.test(err.message) ? unsafePath(err.message) : corrupt(err.message)));
    zip.readEntry();
  });
}

/** Layer 1: what the central directory declares. */
function checkDirectory(entries: Entry[], fileSize: number, limits: ZipLimits, allowEncrypted = false): void {
  let total = 0;
  let compressed = 0;
  for (const e of entries) {
    if (e.isEncrypted() && !allowEncrypted)
      throw readError("encrypted", "Tệp DOCX được đặt mật khẩu", "hãy xin bản không đặt mật khẩu", "password-protected zip");
    if (e.uncompressedSize > limits.maxEntryBytes) throw bomb(`"${e.fileName}" ${mib(e.uncompressedSize)}, giới hạn ${mib(limits.maxEntryBytes)}`);
    if (e.compressedSize > 0 && e.uncompressedSize / e.compressedSize > MAX_DEFLATE_RATIO) throw bomb(`"${e.fileName}" tỷ lệ nén ${Math.round(e.uncompressedSize / e.compressedSize)}:1`);
    total += e.uncompressedSize;
    compressed += e.compressedSize;
  }
  if (total > limits.maxTotalBytes) throw bomb(`tổng ${mib(total)}, giới hạn ${mib(limits.maxTotalBytes)}`);
  // parts sharing the same compressed bytes (the overlapping-file bomb) add up to more than the file
  if (compressed > fileSize) throw bomb("các phần dùng chung dữ liệu nén");
}

function checkIsWord(entries: Entry[]): void {
  const names = new Set(entries.map((e) => e.fileName));
  if (names.has("word/document.xml")) return;
  if (names.has("xl/workbook.xml")) throw notWord("bảng tính Excel (.xlsx)", "Excel workbook");
  if (names.has("ppt/presentation.xml")) throw notWord("bản trình chiếu PowerPoint (.pptx)", "PowerPoint presentation");
  if (names.has("mimetype") && names.has("content.xml")) throw notWord("tài liệu OpenDocument (.odt/.ods), hãy lưu lại thành .docx", "OpenDocument file");
  if (names.has("[Content_Types].xml")) throw notWord("tệp Office thiếu word/document.xml", "Office file without word/document.xml");
  throw notWord("tệp nén ZIP", "zip archive");
}

/** Layer 2: inflates one entry into nothing (or, when `keep`, into memory), counting bytes; stops at the declared size or the cap. */
function inflateCounting(zip: ZipFile, entry: Entry, budget: number, stats: ZipReport, keep = false): Promise<{ n: number; text?: string; bytes?: Uint8Array }> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(corrupt(err?.message ?? "cannot read entry"));
      let n = 0;
      let done = false;
      const chunks: Buffer[] = [];
      const fail = (e: Error) => {
        if (done) return;
        done = true;
        stream.destroy();
        reject(e);
      };
      stream.on("data", (chunk: Buffer) => {
        n += chunk.length;
        stats.inflated += chunk.length;
        if (keep) chunks.push(chunk);
        if (stats.inflated > budget) fail(bomb(`giải nén vượt ${mib(stats.inflated)}`));
      });
      stream.on("error", (e: Error) =>
        // yauzl's size check: the data inflates to more than the header declares — a forged header
        fail(/too many bytes/i.test(e.message) ? bomb(`"${entry.fileName}" lớn hơn kích thước khai báo`) : corrupt(e.message)),
      );
      stream.on("end", () => {
        if (done) return;
        done = true;
        if (!keep) return resolve({ n });
        const all = Buffer.concat(chunks);
        resolve({ n, bytes: new Uint8Array(all.buffer, all.byteOffset, all.byteLength), text: all.toString("utf8") });
      });
    });
  });
}
