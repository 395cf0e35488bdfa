// The import's worker threads: where the compiled worker lives, how much memory each may use,
// and what the analyst reads when the pool had to stop a file.

import { availableParallelism } from "node:os";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ReadError, type ReadErrorCode } from "../ingest/types.js";
import { PoolError, WorkerPool } from "./pool.js";
import { OcrService, type OcrCall } from "./ocr-service.js";
import type { PageProgress, SerializedError, WorkerInit, WorkerRequest, WorkerResult } from "./worker-protocol.js";

/** Per-file time limit unless --timeout says otherwise. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Heap limit per worker: a hostile file fails alone instead of exhausting the machine (two workers
 * and the main thread stay under 1 GiB together). */
export const WORKER_HEAP_MB = 320;

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** Workers run compiled JavaScript: next to this file in dist/, or dist/ when running from src/ (tests). */
export function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  const script = here.endsWith(".ts") ? join(dirname(here), "..", "..", "dist", "src", "batch", "worker.js") : join(dirname(here), "worker.js");
  if (!existsSync(script)) throw new Error(`worker not built: ${script} is missing; run \`npm run build\``);
  return script;
}

/**
 * The time limit of a file once it is known to hold scanned pages: the per-file limit once more
 * for each page (recognition takes a few seconds a page on an idle core, many times that on a
 * busy machine; the limit is there to stop a file that hangs, not a slow one).
 */
export function scanTimeoutMs(timeoutMs: number, pages: number): number {
  return timeoutMs * (1 + pages);
}

/**
 * `jobs` file workers and as many recognisers for scanned pages (`ocrJobs`, when fewer files than
 * jobs are read: the pages of one scan still use every core).
 */
export function workerPool(jobs: number, rulesDir: string, timeoutMs: number, ocrJobs = jobs): WorkerPool<WorkerRequest, WorkerResult> {
  const init: WorkerInit = { rulesDir, ocrParallel: ocrJobs };
  const ocr = new OcrService(ocrJobs);
  return new WorkerPool<WorkerRequest, WorkerResult>({
    size: jobs,
    script: workerScript(),
    workerData: init,
    timeoutMs,
    timeoutFor: (p) => {
      const { total, ocr } = p as PageProgress;
      return ocr > 0 ? scanTimeoutMs(timeoutMs, total) : null;
    },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, stackSizeMb: 8 },
    onCall: (request, worker) => ocr.handle(request as OcrCall, worker),
    onWorkerGone: (worker) => ocr.workerGone(worker),
    onClose: () => ocr.close(),
  });
}

/** What the analyst reads when the pool stopped a file. */
export function failureError(e: unknown, timeoutMs: number): unknown {
  if (!(e instanceof PoolError)) return e;
  if (e.kind === "timeout") {
    const limit = e.limitMs ?? timeoutMs;
    const scan = limit > timeoutMs ? " (bản scan: thời hạn đã tính theo số trang cần nhận dạng chữ)" : "";
    return new ReadError(
      "timeout",
      `Tệp quá thời gian xử lý (timed out) sau ${Math.round(limit / 100) / 10} giây${scan}: tệp có thể hỏng hoặc quá phức tạp; thử lại riêng tệp này với --timeout lớn hơn`,
    );
  }
  if (e.kind === "memory")
    return new ReadError(
      "too_large",
      `Tệp cần quá nhiều bộ nhớ khi xử lý (out of memory, giới hạn ${WORKER_HEAP_MB} MiB): đã dừng tệp này; tệp có thể hỏng hoặc cố ý gây hại`,
    );
  return new ReadError("corrupt", `Bộ đọc dừng bất thường khi xử lý tệp này (worker crashed: ${e.message.split("\n")[0]})`);
}

/** The worker's error as an Error the CLI's describeError understands (ReadError keeps its code). */
export function rebuildError(s: SerializedError): Error {
  const e = s.name === "ReadError" && s.code ? new ReadError(s.code as ReadErrorCode, s.message) : Object.assign(new Error(s.message), { name: s.name, code: s.code });
  if (s.stack) e.stack = s.stack;
  return e;
}
