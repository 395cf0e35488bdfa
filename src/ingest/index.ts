// Ingest entry point: bytes in, normalised document out, whatever the format. Every refusal is
// a ReadError with a stable code and a one-line message the analyst can act on.

import { decodeTextFile } from "./decode.js";
import { detectFormat, oleKind } from "./detect.js";
import { emptyFile, maxFileBytes, tooLarge } from "./limits.js";
import { readError } from "./messages.js";
import { readText } from "./text.js";
import type { NormalizedDocument } from "./types.js";
import { guardDocx, ZIP_LIMITS, type ZipLimits } from "./zip-guard.js";

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
    case "docx":
    case "zip": {
      await guardDocx(bytes, opts.zipLimits ?? ZIP_LIMITS);
      const { readDocx } = await import("./docx.js");
      return readDocx(bytes);
    }
    case "ole":
      throw oleError(bytes);
    case "binary":
      throw readError(
        "binary",
        "Tệp chứa dữ liệu nhị phân, không phải văn bản, PDF hay DOCX",
        "hãy kiểm tra đúng tệp báo cáo hoặc xin lại bản .docx/.pdf",
        "binary data, not text, PDF or DOCX",
      );
  }
}

function oleError(bytes: Uint8Array) {
  switch (oleKind(bytes)) {
    case "encrypted":
      return readError("encrypted", "Tài liệu Office được đặt mật khẩu", "hãy xin bản không đặt mật khẩu", "password-protected Office document");
    case "word":
      return readError("unsupported_format", "Tệp Word 97-2003 (.doc)", "hãy mở bằng Word và lưu lại thành .docx hoặc .pdf", "legacy .doc file");
    case "excel":
      return readError("unsupported_format", "Tệp Excel 97-2003 (.xls), không phải báo cáo văn bản", "hãy gửi báo cáo dạng .docx hoặc .pdf", "legacy .xls file");
    case "powerpoint":
      return readError("unsupported_format", "Tệp PowerPoint 97-2003 (.ppt)", "hãy gửi báo cáo dạng .docx hoặc .pdf", "legacy .ppt file");
    default:
      return readError("unsupported_format", "Tệp Office 97-2003 không rõ loại", "hãy lưu lại thành .docx hoặc .pdf", "legacy OLE file");
  }
}
