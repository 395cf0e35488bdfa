// Messages between the import (main thread) and its workers.

import type { ExtractionDocument, Source } from "../extract/types.js";
import type { NormalizedDocument } from "../ingest/types.js";
import type { StoredText } from "../store/text.js";

export interface WorkerInit {
  rulesDir: string;
}

/** Read and extract a file's bytes (import), or re-extract stored text (reextract). */
export type WorkerRequest =
  | { type: "file"; path: string; bytes: Uint8Array; /** the .zip the file came from, when it is a member */ archive?: string }
  | { type: "text"; doc: NormalizedDocument; source: Source };

/** Posted while a file is read: pages read so far, of how many, and how many needed OCR. */
export interface PageProgress {
  done: number;
  total: number;
  ocr: number;
}

export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

export type WorkerResult =
  | { ok: true; extraction: ExtractionDocument; text?: StoredText; warnings: string[]; timings: { read: number; extract: number } }
  | { ok: false; error: SerializedError };
