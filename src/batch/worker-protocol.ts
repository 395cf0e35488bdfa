// Messages between the import (main thread) and its workers.

import type { ExtractionDocument, Source } from "../extract/types.js";
import type { NormalizedDocument } from "../ingest/types.js";
import type { StoredText } from "../store/text.js";

export interface WorkerInit {
  rulesDir: string;
  /** How many scanned pages a file may have in recognition at once (the import's recognisers). */
  ocrParallel: number;
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

/** An error as it crosses between threads (its class is lost; name and code say what it was). */
export function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return { name: e.name, message: e.message, code: typeof code === "string" ? code : undefined, stack: e.stack };
  }
  return { name: "Error", message: String(e) };
}
