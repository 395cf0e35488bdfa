// One file through ingest and extract: what `tonghop extract` prints and what an import worker stores.

import { createHash } from "node:crypto";
import { basename } from "node:path";
import { extractDocument } from "../extract/index.js";
import { ocrPagesOf } from "../extract/ocr-trust.js";
import type { ExtractionDocument } from "../extract/types.js";
import { readDocument } from "../ingest/index.js";
import type { NormalizedDocument } from "../ingest/types.js";
import type { Rules } from "../rules/schema.js";

export interface Processed {
  extraction: ExtractionDocument;
  doc: NormalizedDocument;
  /** Milliseconds spent reading and extracting (for the benchmark). */
  timings: { read: number; extract: number };
}

/**
 * `filePath` names the file; a member of a .zip is named "archive.zip/inner/file.docx" and its
 * source.file is that path from the archive's name on (`memberOf`: the archive).
 */
export async function processBytes(
  bytes: Uint8Array,
  filePath: string,
  rules: Rules,
  opts: { memberOf?: string; onPage?: (done: number, total: number, ocr: number) => void } = {},
): Promise<Processed> {
  const t0 = performance.now();
  const doc = await readDocument(bytes, { fileName: basename(filePath), onPage: opts.onPage });
  const t1 = performance.now();
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const extraction = extractDocument(
    doc,
    {
      file: opts.memberOf ? sourceName(filePath, opts.memberOf) : basename(filePath),
      sha256,
      format: doc.format,
      pages: doc.pages ? doc.pages.length : null,
      ocr: !!doc.ocr,
      ...(doc.ocr ? { ocr_pages: ocrPagesOf(doc) } : {}),
    },
    rules,
  );
  const t2 = performance.now();
  return { extraction, doc, timings: { read: t1 - t0, extract: t2 - t1 } };
}

/** "…/reports/archive.zip/inner/file.docx" with archive "…/reports/archive.zip" → "archive.zip/inner/file.docx". */
export function sourceName(memberPath: string, archivePath: string): string {
  return basename(archivePath) + memberPath.slice(archivePath.length);
}
