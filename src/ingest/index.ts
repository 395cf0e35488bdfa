// Ingest entry point: bytes in, normalised document out, whatever the format. Every refusal is
// a ReadError with a stable code and a one-line message the analyst can act on.

import { decodeTextFile } from "./decode.js";
import { detectFormat, imageKind, oleKind, zipHint } from "./detect.js";
import { emptyFile, maxFileBytes, tooLarge } from "./limits.js";
import { readError } from "./messages.js";
import { readText } from "./text.js";
import type { NormalizedDocument } from "./types.js";
import { guardDocx, guardZip, readArchiveMembers, ZIP_LIMITS, type ZipKind, type ZipLimits } from "./zip-guard.js";

export { ReadError } from "./types.js";
export type { NormalizedDocument, Block, Row, Cell, Format } from "./types.js";
export { readInputFile, maxFileBytes, DEFAULT_MAX_FILE_MB } from "./limits.js";

export interface ReadOptions {
  fileName?: string;
  /** Largest input accepted, in bytes (default: TONGHOP_MAX_FILE_MB or 50 MiB). */
  maxBytes?: number;
  /** Limits for the DOCX zip guard. */
  zipLimits?: ZipLimits;
  /** PDF: told the page count, then after each page, with how many pages needed OCR so far. */
  onPage?: (done: number, total: number, ocr: number) => void;
}

export async function readDocument(bytes: Uint8Array, opts: ReadOptions = {}): Promise<NormalizedDocument> {
  const limit = maxFileBytes(opts.maxBytes);
  if (bytes.length > limit) throw tooLarge(bytes.length, limit);
  const kind = detectFormat(bytes, opts.fileName);
  switch (kind) {
    case "empty":
      throw emptyFile();
    case "text":
    case "markdown": {
      const decoded = decodeTextFile(bytes);
      const doc = readText(decoded.text, kind);
      doc.warnings.push(...decoded.warnings);
      return doc;
    }
    case "pdf": {
      const { readPdf } = await import("./pdf.js");
      return readPdf(bytes, { onPage: opts.onPage });
    }
    case "image": {
      const { imageToPdf } = await import("./image.js");
      const { readPdf } = await import("./pdf.js");
      return readPdf(imageToPdf(bytes, imageKind(bytes)!), { onPage: opts.onPage, format: "image" });
    }
    case "rtf": {
      const { readRtf } = await import("./rtf.js");
      return readRtf(bytes);
    }
    case "docx":
    case "odt":
    case "xlsx":
    case "zip": {
      const hint = zipHint(bytes);
      if (hint === "docx") {
        await guardDocx(bytes, opts.zipLimits ?? ZIP_LIMITS);
        const { readDocx } = await import("./docx.js");
        return readDocx(bytes);
      }
      const { kind } = await guardZip(bytes, opts.zipLimits ?? ZIP_LIMITS);
      return readZipDocument(bytes, kind);
    }
    case "doc":
    case "ole": {
      if (oleKind(bytes) !== "word") throw oleError(bytes);
      const { readDoc } = await import("./doc.js");
      return readDoc(bytes);
    }
    case "binary":
      throw readError(
        "binary",
        "Tệp chứa dữ liệu nhị phân, không phải văn bản, PDF, Word, ODT, RTF hay Excel",
        "hãy kiểm tra đúng tệp báo cáo hoặc xin lại bản .docx/.pdf",
        "binary data, not text, PDF, Word, ODT, RTF or Excel",
      );
  }
}

async function readZipDocument(bytes: Uint8Array, kind: ZipKind): Promise<NormalizedDocument> {
  switch (kind) {
    case "docx": {
      const { readDocx } = await import("./docx.js");
      return readDocx(bytes);
    }
    case "odt": {
      const { readOdt } = await import("./odt.js");
      return readOdt(bytes);
    }
    case "xlsx": {
      const { readXlsx } = await import("./xlsx.js");
      return readXlsx(bytes);
    }
    case "pptx":
      throw readError("unsupported_format", "Tệp PowerPoint (.pptx), không phải báo cáo văn bản", "hãy gửi báo cáo dạng .docx, .odt hoặc .pdf", "PowerPoint presentation");
    case "ods":
      throw readError("unsupported_format", "Bảng tính OpenDocument (.ods)", "hãy lưu lại thành .xlsx hoặc gửi báo cáo dạng .docx/.pdf", "OpenDocument spreadsheet");
    case "odf":
      throw readError("unsupported_format", "Tệp OpenDocument không phải văn bản (.odt)", "hãy gửi báo cáo dạng .odt, .docx hoặc .pdf", "OpenDocument file that is not text");
    case "archive":
      throw archiveNotExpanded();
  }
}

function archiveNotExpanded() {
  return readError(
    "unsupported_format",
    "Tệp nén ZIP chứa nhiều tệp, không phải một báo cáo",
    "hãy dùng tonghop import hoặc tonghop extract với tệp ZIP để đọc từng tệp bên trong",
    "zip archive: read through import/extract, one document per member",
  );
}

export function emptyArchive() {
  return readError("empty", "Tệp nén ZIP không chứa tệp nào", "hãy xin lại bản đầy đủ", "empty zip archive");
}

/** How deep archives are expanded: a .zip inside a .zip is read, one more level is refused. */
export const MAX_ARCHIVE_DEPTH = 2;

export interface ExpandedMember {
  /** "archive.zip/inner/file.docx": the archive's path (as given) then the member's path. */
  path: string;
  bytes?: Uint8Array;
  error?: Error;
}

/**
 * When `bytes` are a .zip of reports (not a DOCX/XLSX/ODT), their members, each with its path
 * under the archive's path; null for anything else. Every member goes through the zip guard's
 * limits; a zip inside a zip is expanded once more, deeper ones are refused for that member.
 */
export async function expandArchive(bytes: Uint8Array, path: string, opts: ReadOptions = {}, depth = 1): Promise<ExpandedMember[] | null> {
  if (detectFormat(bytes) !== "zip" || zipHint(bytes) !== "archive") return null;
  const limits = opts.zipLimits ?? ZIP_LIMITS;
  const { kind } = await guardZip(bytes, limits);
  if (kind !== "archive") return null;
  const out: ExpandedMember[] = [];
  for (const m of await readArchiveMembers(bytes, limits, maxFileBytes(opts.maxBytes))) {
    const p = `${path}/${m.name}`;
    if (m.error || !m.bytes) {
      out.push({ path: p, error: m.error });
      continue;
    }
    if (detectFormat(m.bytes) === "zip" && zipHint(m.bytes) === "archive") {
      if (depth >= MAX_ARCHIVE_DEPTH) {
        out.push({
          path: p,
          error: readError("unsupported_format", "Tệp ZIP lồng quá nhiều lớp", "hãy giải nén rồi gửi lại các tệp báo cáo", `zip nested more than ${MAX_ARCHIVE_DEPTH} deep`),
        });
        continue;
      }
      try {
        out.push(...((await expandArchive(m.bytes, p, opts, depth + 1)) ?? []));
      } catch (error) {
        out.push({ path: p, error: error as Error });
      }
      continue;
    }
    out.push({ path: p, bytes: m.bytes });
  }
  return out;
}

function oleError(bytes: Uint8Array) {
  switch (oleKind(bytes)) {
    case "encrypted":
      return readError("encrypted", "Tài liệu Office được đặt mật khẩu", "hãy xin bản không đặt mật khẩu", "password-protected Office document");
    case "damaged":
      return readError("corrupt", "Tệp Office 97-2003 (.doc/.xls) bị hỏng hoặc tải về chưa hết", "hãy xin lại tệp, hoặc mở bằng Word rồi lưu lại thành .docx", "corrupt or truncated OLE compound file");
    case "excel":
      return readError("unsupported_format", "Tệp Excel 97-2003 (.xls), không phải báo cáo văn bản", "hãy lưu lại thành .xlsx hoặc gửi báo cáo dạng .docx/.pdf", "legacy .xls file");
    case "outlook":
      return readError("unsupported_format", "Thư Outlook (.msg), không phải báo cáo", "hãy lưu tệp đính kèm trong thư rồi đọc tệp đó", "Outlook message");
    case "powerpoint":
      return readError("unsupported_format", "Tệp PowerPoint 97-2003 (.ppt)", "hãy gửi báo cáo dạng .docx hoặc .pdf", "legacy .ppt file");
    default:
      return readError("unsupported_format", "Tệp Office 97-2003 không rõ loại", "hãy lưu lại thành .docx hoặc .pdf", "legacy OLE file");
  }
}
