// `tonghop extract DIR…`: the import's walk (same folders, hidden files and links rules, same
// extensions), its worker pool (time and memory limits per file) and its one line per bad file,
// without a database: each extraction document is handed back in the order the walk found the
// files, so JSON Lines output is stable.

import pLimit from "p-limit";
import type { ExtractionDocument } from "../extract/types.js";
import { emptyArchive, expandArchive } from "../ingest/index.js";
import { readInputFile } from "../ingest/limits.js";
import type { Rules } from "../rules/schema.js";
import type { BatchOptions } from "./import.js";
import { PoolError } from "./pool.js";
import { collectFiles } from "./walk.js";
import type { WorkerResult } from "./worker-protocol.js";
import { DEFAULT_TIMEOUT_MS, defaultJobs, failureError, rebuildError, workerPool } from "./workers.js";

export interface ExtractBatchOptions extends BatchOptions {
  /** Each document, in walk order. */
  onDocument: (file: string, extraction: ExtractionDocument, warnings: string[]) => void;
}

export interface ExtractBatchSummary {
  files: number;
  extracted: number;
  failed: number;
  errors: { file: string; error: string }[];
  ignored: string[];
  seconds: number;
}

export async function runExtractBatch(opts: ExtractBatchOptions): Promise<ExtractBatchSummary> {
  const t0 = performance.now();
  const jobs = Math.max(1, opts.jobs ?? defaultJobs());
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const walk = collectFiles(opts.paths, { exclude: opts.exclude });
  const s: ExtractBatchSummary = { files: walk.files.length + walk.errors.length, extracted: 0, failed: 0, errors: [], ignored: walk.ignored, seconds: 0 };
  opts.onStart?.(s.files);
  let done = 0;
  const progress = (file: string) => opts.onProgress?.({ done: ++done, total: s.files, file, imported: s.extracted, skipped: 0, failed: s.failed });
  const fail = (file: string, e: unknown) => {
    s.failed++;
    s.errors.push({ file, error: opts.describe(e) });
  };
  for (const w of walk.errors) {
    fail(w.path, w.error);
    progress(w.path);
  }
  if (!walk.files.length) {
    s.seconds = (performance.now() - t0) / 1000;
    return s;
  }
  const pool = workerPool(Math.min(jobs, walk.files.length), opts.rules.dir, timeoutMs, jobs);
  // results wait here until every file before them is out: output in walk order (a .zip gives one
  // document per member, in the archive's order)
  type Done = { file: string; extraction: ExtractionDocument; warnings: string[] };
  const results: (Done[] | null | undefined)[] = walk.files.map(() => undefined);
  let next = 0;
  const flush = () => {
    while (next < results.length && results[next] !== undefined) {
      for (const r of results[next] ?? []) opts.onDocument(r.file, r.extraction, r.warnings);
      results[next] = null;
      next++;
    }
  };
  const limit = pLimit(jobs * 2);
  const oneBytes = async (file: string, bytes: Uint8Array, archive?: string): Promise<Done | null> => {
    const own = new Uint8Array(bytes.byteLength);
    own.set(bytes);
    let result: WorkerResult;
    try {
      result = await pool.run({ type: "file", path: file, bytes: own, ...(archive ? { archive } : {}) }, [own.buffer]);
    } catch (e) {
      if (!(e instanceof PoolError)) throw e;
      fail(file, failureError(e, timeoutMs));
      return null;
    }
    if (!result.ok) {
      fail(file, rebuildError(result.error));
      return null;
    }
    s.extracted++;
    return { file, extraction: result.extraction, warnings: result.warnings };
  };
  const one = async (file: string): Promise<Done[]> => {
    let bytes: Buffer;
    let members: Awaited<ReturnType<typeof expandArchive>>;
    try {
      bytes = readInputFile(file);
      // a .zip of reports: each member is a file of its own, named "archive.zip/inner/file.docx"
      members = await expandArchive(bytes, file);
      if (members && !members.length) throw emptyArchive();
    } catch (e) {
      fail(file, e);
      return [];
    }
    if (!members) {
      const r = await oneBytes(file, bytes);
      return r ? [r] : [];
    }
    s.files += members.length - 1;
    const out: Done[] = [];
    for (const m of members) {
      if (m.error || !m.bytes) fail(m.path, m.error);
      else {
        const r = await oneBytes(m.path, m.bytes, file);
        if (r) out.push(r);
      }
    }
    return out;
  };
  try {
    await Promise.all(
      walk.files.map((f, i) =>
        limit(async () => {
          results[i] = await one(f.path);
          progress(f.path);
          flush();
        }),
      ),
    );
  } finally {
    await pool.close();
  }
  s.seconds = (performance.now() - t0) / 1000;
  return s;
}
