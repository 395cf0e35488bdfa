// Ingest entry point: bytes in, normalised document out, whatever the format.

import { decodeText } from "./decode.js";
import { detectFormat } from "./detect.js";
import { readText } from "./text.js";
import { ReadError, type NormalizedDocument } from "./types.js";

export { ReadError } from "./types.js";
export type { NormalizedDocument, Block, Row, Cell, Format } from "./types.js";

export interface ReadOptions {
  fileName?: string;
}

export async function readDocument(bytes: Uint8Array, opts: ReadOptions = {}): Promise<NormalizedDocument> {
  const kind = detectFormat(bytes, opts.fileName);
  switch (kind) {
    case "empty":
      throw new ReadError("empty", "Tệp rỗng (0 byte): hãy xin lại bản đầy đủ");
    case "text":
    case "markdown":
      return readText(decodeText(bytes), kind);
    case "pdf": {
      const { readPdf } = await import("./pdf.js");
      return readPdf(bytes);
    }
    case "docx":
    case "zip": {
      const { readDocx } = await import("./docx.js");
      return readDocx(bytes);
    }
    case "ole":
      throw new ReadError("unsupported_format", "Tệp Word 97-2003 (.doc) hoặc tệp Office cũ: hãy lưu lại thành .docx hoặc .pdf");
    case "binary":
      throw new ReadError("binary", "Tệp chứa dữ liệu nhị phân, không phải văn bản, PDF hay DOCX");
  }
}
