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

export async function processBytes(
  bytes: Uint8Array,
  filePath: string,
  rules: Rules,
  opts: { onPage?: (done: number, total: number, ocr: number) => void } = {},
): Promise<Processed> {
  const t0 = performance.now();
  const doc = await readDocument(bytes, { fileName: basename(filePath), onPage: opts.onPage });
  const t1 = performance.now();
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const extraction = extractDocument(
    doc,
    {
      file: basename(filePath),
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
