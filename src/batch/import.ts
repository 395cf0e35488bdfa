// `tonghop import`: walk the paths, read each file (size-checked) and hash it on the main
// thread, skip what the database already holds, parse and extract in worker threads, and hand
// whole documents to the one writer. Every failure is recorded for its file; the batch goes on.

import { createHash } from "node:crypto";
import { resolve } from "node:path";
import pLimit from "p-limit";
import { emptyArchive, expandArchive } from "../ingest/index.js";
import { readInputFile } from "../ingest/limits.js";
import type { Rules } from "../rules/schema.js";
import { DocumentStore, errorRecorder, finishRun, setDefaultProvince, startRun, syncRules, type Db } from "../store/index.js";
import { DEFAULT_TIMEOUT_MS, defaultJobs, failureError, rebuildError, workerPool } from "./workers.js";
import { collectFiles } from "./walk.js";
import { PoolError } from "./pool.js";
import { BatchWriter } from "./writer.js";
import type { PageProgress, WorkerResult } from "./worker-protocol.js";

/** What a batch over folders needs, whether it stores (import) or only prints (extract DIR). */
export interface BatchOptions {
  paths: string[];
  rules: Rules;
  /** Worker threads (default: the number of cores). */
  jobs?: number;
  /** Per-file time limit in milliseconds. */
  timeoutMs?: number;
  /** Folders or files to leave out. */
  exclude?: string[];
  /** Turns an error into the one line recorded for the file (the CLI passes describeError). */
  describe: (e: unknown) => string;
  onStart?: (total: number) => void;
  onProgress?: (p: Progress) => void;
}

export interface ImportOptions extends BatchOptions {
  db: Db;
  /**
   * Province code of `--province`: the default for documents that name none, deciding between
   * same-named units; also recorded for files of the run already stored.
   */
  defaultProvince?: string | null;
  /** Pages of PDFs read so far and pages known of (grows as files are opened): OCR progress. */
  onPages?: (done: number, total: number) => void;
  /** Stops the import (Ctrl-C): no new file is started, files in the workers are dropped, what is extracted is stored. */
  signal?: AbortSignal;
}

export interface Progress {
  done: number;
  total: number;
  file: string;
  imported: number;
  skipped: number;
  failed: number;
}

export interface ImportSummary {
  imported: number;
  skipped: number;
  failed: number;
  errors: { file: string; error: string }[];
  seconds: number;
  files: number;
  /** Files in the folders that are not reports by their extension. */
  ignored: string[];
  /** Reader notes (file, warning) and rules notes (file ""). */
  warnings: { file: string; warning: string }[];
  /** Milliseconds summed over files: reading, extraction (in workers), writing. */
  timings: { read: number; extract: number; store: number };
  runId: number;
  /** Stopped before every file was processed (the signal fired). */
  interrupted: boolean;
}

export { DEFAULT_TIMEOUT_MS } from "./workers.js";

/** Extraction issues worth telling while importing, not only in `tonghop flags`. */
const WARN_AT_IMPORT = new Set(["not_a_report", "off_topic"]);

export async function runImport(opts: ImportOptions): Promise<ImportSummary> {
  const t0 = performance.now();
  const { db, rules, describe } = opts;
  const jobs = Math.max(1, opts.jobs ?? defaultJobs());
  const ruleNotes = syncRules(db, rules);
  const runId = startRun(db, "import", opts.paths, rules.version, jobs);
  const store = new DocumentStore(db);
  const recordError = errorRecorder(db, runId);
  const writer = new BatchWriter(db, { maxBatch: 256, maxDelayMs: 500, beforeCommit: () => store.indexPending() });
  const pool = workerPool(jobs, rules.dir, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);

  const s: ImportSummary = {
    imported: 0, skipped: 0, failed: 0, errors: [], seconds: 0, files: 0, ignored: [],
    warnings: ruleNotes.map((w) => ({ file: "", warning: w })),
    timings: { read: 0, extract: 0, store: 0 }, runId, interrupted: false,
  };
  const stop = () => {
    s.interrupted = true;
    void pool.close(); // terminate the workers now: their files are simply not stored
  };
  if (opts.signal?.aborted) stop();
  opts.signal?.addEventListener("abort", stop, { once: true });
  const walk = collectFiles(opts.paths, { exclude: opts.exclude });
  s.ignored = walk.ignored;
  let total = walk.files.length + walk.errors.length;
  s.files = total;
  opts.onStart?.(total);
  let done = 0;
  const progress = (file: string) => opts.onProgress?.({ done: ++done, total, file, imported: s.imported, skipped: s.skipped, failed: s.failed });

  const fail = (file: string, e: unknown) => {
    const error = describe(e);
    s.failed++;
    s.errors.push({ file, error });
    writer.push({ run: () => recordError(resolve(file), error.split("\n")[0]!, errorCode(e)), done: () => {} });
  };
  for (const w of walk.errors) {
    fail(w.path, w.error);
    progress(w.path);
  }

  const seen = new Set<string>(); // the same bytes twice in one run
  let pagesDone = 0;
  let pagesTotal = 0;
  const limit = pLimit(jobs * 2); // a file ready for each worker while it works on the current one
  const one = async (file: string): Promise<void> => {
    if (writer.fatal || s.interrupted) return;
    const r0 = performance.now();
    let bytes: Buffer;
    try {
      bytes = readInputFile(file);
    } catch (e) {
      return fail(file, e);
    }
    // a .zip of reports: each member is a file of its own, named "archive.zip/inner/file.docx"
    let members: Awaited<ReturnType<typeof expandArchive>>;
    try {
      members = await expandArchive(bytes, file);
    } catch (e) {
      return fail(file, e);
    }
    s.timings.read += performance.now() - r0;
    if (members && !members.length) return fail(file, emptyArchive());
    if (members) {
      total += members.length - 1;
      s.files += members.length - 1;
      for (const [k, m] of members.entries()) {
        if (k > 0) progress(m.path);
        if (m.error || !m.bytes) fail(m.path, m.error);
        else await oneBytes(m.path, Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength), file);
      }
      return;
    }
    return oneBytes(file, bytes);
  };
  const oneBytes = async (file: string, bytes: Buffer, archive?: string): Promise<void> => {
    if (writer.fatal || s.interrupted) return;
    const r0 = performance.now();
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    s.timings.read += performance.now() - r0;
    const stored = seen.has(sha256) ? undefined : store.find(sha256);
    if (seen.has(sha256) || stored !== undefined) {
      s.skipped++;
      if (stored !== undefined && opts.defaultProvince) {
        const code = opts.defaultProvince;
        writer.push({ run: () => void setDefaultProvince(db, stored, code), done: (err) => err && fail(file, err) });
      }
      return;
    }
    seen.add(sha256);
    // a transferable copy: readInputFile's buffer may be a view into a larger allocation
    const own = new Uint8Array(bytes.byteLength);
    own.set(bytes);
    let result: WorkerResult;
    try {
      let seenDone = 0;
      let seenTotal = 0;
      result = await pool.run({ type: "file", path: file, bytes: own, ...(archive ? { archive } : {}) }, [own.buffer], (p) => {
        const { done, total } = p as PageProgress;
        pagesDone += done - seenDone;
        pagesTotal += total - seenTotal;
        seenDone = done;
        seenTotal = total;
        opts.onPages?.(pagesDone, pagesTotal);
      });
    } catch (e) {
      if (s.interrupted) return;
      if (!(e instanceof PoolError)) throw e; // the workers cannot start at all: nothing can be done
      return fail(file, failureError(e, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS));
    }
    if (!result.ok) return fail(file, rebuildError(result.error));
    s.timings.read += result.timings.read;
    s.timings.extract += result.timings.extract;
    for (const w of result.warnings) s.warnings.push({ file, warning: w });
    // stored all the same (the analyst can look at it), but said at once
    for (const i of result.extraction.issues) if (WARN_AT_IMPORT.has(i.kind)) s.warnings.push({ file, warning: i.message });
    const input = { extraction: result.extraction, text: result.text!, path: resolve(file), bytes: bytes.byteLength, runId, defaultProvince: opts.defaultProvince };
    // not awaited: the file's slot goes to the next file while this one waits for its batch
    writer.push({
      run: () => {
        if (store.insert(input) === null) s.skipped++; // stored meanwhile by another import
        else s.imported++;
      },
      done: (err) => err && fail(file, err),
    });
  };

  try {
    await Promise.all(
      walk.files.map((f) =>
        limit(async () => {
          await one(f.path);
          progress(f.path);
        }),
      ),
    );
    writer.flush();
  } finally {
    opts.signal?.removeEventListener("abort", stop);
    await pool.close();
  }
  if (writer.fatal) throw writer.fatal;
  s.timings.store = writer.storeMs;
  s.seconds = (performance.now() - t0) / 1000;
  finishRun(db, runId, { files: total, imported: s.imported, skipped: s.skipped, failed: s.failed, seconds: s.seconds }, s.interrupted ? "interrupted" : "done");
  return s;
}

function errorCode(e: unknown): string | null {
  const code = (e as { code?: unknown })?.code;
  return typeof code === "string" ? code : null;
}
