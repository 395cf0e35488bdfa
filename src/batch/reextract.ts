// `tonghop reextract`: run extraction again over the stored normalised text after the rules
// changed — no original file needed. Documents already extracted with these rules are left
// alone unless `all` is set. Same workers and writer as the import.

import pLimit from "p-limit";
import { ocrPagesOf } from "../extract/ocr-trust.js";
import type { Source } from "../extract/types.js";
import type { NormalizedDocument } from "../ingest/types.js";
import type { Rules } from "../rules/schema.js";
import { DocumentStore, errorRecorder, finishRun, startRun, syncRules, type Db } from "../store/index.js";
import { DEFAULT_TIMEOUT_MS, defaultJobs, failureError, rebuildError, workerPool } from "./workers.js";
import { PoolError } from "./pool.js";
import { BatchWriter } from "./writer.js";

export interface ReextractOptions {
  db: Db;
  rules: Rules;
  jobs?: number;
  timeoutMs?: number;
  /** Also documents already extracted with this rules version. */
  all?: boolean;
  describe: (e: unknown) => string;
  onStart?: (total: number) => void;
  onProgress?: (p: { done: number; total: number; file: string }) => void;
}

export interface ReextractSummary {
  reextracted: number;
  unchanged: number;
  failed: number;
  errors: { file: string; error: string }[];
  seconds: number;
  rules_version: string;
}

interface StoredRow {
  id: number;
  sha256: string;
  name: string;
  path: string;
  format: NormalizedDocument["format"];
  pages: number | null;
  ocr: number;
}

export async function runReextract(opts: ReextractOptions): Promise<ReextractSummary> {
  const t0 = performance.now();
  const { db, rules } = opts;
  const jobs = Math.max(1, opts.jobs ?? defaultJobs());
  syncRules(db, rules);
  const todo = db
    .prepare(`SELECT id, sha256, name, path, format, pages, ocr FROM documents ${opts.all ? "" : "WHERE rules_version IS NOT ?"} ORDER BY id`)
    .all(...(opts.all ? [] : [rules.version])) as StoredRow[];
  const total = db.prepare("SELECT count(*) FROM documents").pluck().get() as number;
  const runId = startRun(db, "reextract", [], rules.version, jobs);
  const recordError = errorRecorder(db, runId);
  const textOf = db.prepare("SELECT text, blocks_json, pages_json, warnings_json FROM document_texts WHERE document_id = ?");
  const store = new DocumentStore(db);
  const writer = new BatchWriter(db);
  const pool = workerPool(jobs, rules.dir, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const s: ReextractSummary = { reextracted: 0, unchanged: total - todo.length, failed: 0, errors: [], seconds: 0, rules_version: rules.version };
  opts.onStart?.(todo.length);
  let done = 0;

  const fail = (d: StoredRow, e: unknown) => {
    const error = opts.describe(e);
    s.failed++;
    s.errors.push({ file: d.path, error });
    writer.push({ run: () => recordError(d.path, error.split("\n")[0]!, null), done: () => {} });
  };
  const one = async (d: StoredRow) => {
    const t = textOf.get(d.id) as { text: string; blocks_json: string; pages_json: string | null; warnings_json: string } | undefined;
    if (!t) return fail(d, new Error("không còn văn bản đã lưu (stored text missing)"));
    const doc: NormalizedDocument = {
      format: d.format,
      text: t.text,
      blocks: JSON.parse(t.blocks_json),
      pages: t.pages_json ? JSON.parse(t.pages_json) : null,
      warnings: JSON.parse(t.warnings_json),
      ocr: d.ocr === 1,
    };
    const source: Source = { file: d.name, sha256: d.sha256, format: d.format, pages: d.pages, ocr: d.ocr === 1 };
    if (doc.ocr) source.ocr_pages = ocrPagesOf(doc);
    let result;
    try {
      result = await pool.run({ type: "text", doc, source });
    } catch (e) {
      if (!(e instanceof PoolError)) throw e; // the workers cannot start at all: nothing can be done
      return fail(d, failureError(e, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS));
    }
    if (!result.ok) return fail(d, rebuildError(result.error));
    const extraction = result.extraction;
    writer.push({
      run: () => {
        store.replace(d.id, extraction);
        s.reextracted++;
      },
      done: (err) => err && fail(d, err),
    });
  };

  const limit = pLimit(jobs * 2);
  try {
    await Promise.all(
      todo.map((d) =>
        limit(async () => {
          await one(d);
          opts.onProgress?.({ done: ++done, total: todo.length, file: d.name });
        }),
      ),
    );
    writer.flush();
  } finally {
    await pool.close();
  }
  if (writer.fatal) throw writer.fatal;
  s.seconds = (performance.now() - t0) / 1000;
  finishRun(db, runId, { files: todo.length, imported: s.reextracted, skipped: s.unchanged, failed: s.failed, seconds: s.seconds });
  return s;
}
