// Reads named parts of a DOCX (a ZIP) with yauzl, refusing archives that would inflate to far
// more than a report can hold before mammoth unpacks them whole.

import yauzl from "yauzl";
import { ReadError } from "./types.js";

/** Inflated bytes a whole DOCX may hold: reports with photos stay far below this. */
const MAX_TOTAL = 256 << 20;
/** A part that inflates this many times its compressed size is a bomb, not a document. */
const MAX_RATIO = 200;

export interface DocxParts {
  names: string[];
  parts: Map<string, string>;
}

export function readDocxParts(bytes: Uint8Array, wanted: string[]): Promise<DocxParts> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true }, (err, zip) => {
      if (err || !zip) {
        reject(new ReadError("corrupt", `Tệp DOCX hỏng, không mở được (corrupt DOCX: ${oneLine(err)})`));
        return;
      }
      const names: string[] = [];
      const parts = new Map<string, string>();
      let total = 0;
      const fail = (e: unknown) => {
        zip.close();
        reject(e);
      };
      zip.on("error", (e) => fail(new ReadError("corrupt", `Tệp DOCX hỏng (corrupt DOCX: ${oneLine(e)})`)));
      zip.on("end", () => resolve({ names, parts }));
      zip.on("entry", (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        total += entry.uncompressedSize;
        if (total > MAX_TOTAL) {
          fail(new ReadError("zip_bomb", "Tệp DOCX giải nén ra quá lớn, có thể là tệp độc hại (DOCX inflates too large)"));
          return;
        }
        if (entry.compressedSize > 0 && entry.uncompressedSize > (1 << 20) && entry.uncompressedSize / entry.compressedSize > MAX_RATIO) {
          fail(new ReadError("zip_bomb", "Tệp DOCX có phần nén bất thường, có thể là tệp độc hại (DOCX zip bomb)"));
          return;
        }
        if (!wanted.includes(entry.fileName)) {
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) {
            fail(new ReadError("corrupt", `Tệp DOCX hỏng (corrupt DOCX part ${entry.fileName})`));
            return;
          }
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", (se) => fail(new ReadError("corrupt", `Tệp DOCX hỏng (corrupt DOCX: ${oneLine(se)})`)));
          stream.on("end", () => {
            parts.set(entry.fileName, Buffer.concat(chunks).toString("utf8"));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

function oneLine(e: unknown): string {
  return String((e as Error)?.message ?? e ?? "unknown").split("\n")[0]!.slice(0, 120);
}
