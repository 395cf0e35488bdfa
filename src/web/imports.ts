// Import from the browser: uploaded files are written under the database's folder
// (uploads/<run>/<n>/<name>, names reduced to safe characters, never a path from the request),
// then the same import as `tonghop import` runs on them (workers, limits, one line per bad
// file). One import at a time; the page polls its progress.

import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { runImport } from "../batch/import.js";
import { REPORT_EXTENSIONS } from "../batch/walk.js";
import { describeError } from "../cli/errors.js";
import { maxFileBytes, tooLarge } from "../ingest/limits.js";
import { loadRules } from "../rules/load.js";
import { openStore } from "../store/index.js";

export interface Upload {
  /** The name the browser gave (for a folder, its relative path). */
  name: string;
  bytes: Uint8Array;
}

export interface ImportJob {
  id: string;
  state: "running" | "done" | "failed";
  started_at: string;
  total: number;
  done: number;
  file: string | null;
  imported: number;
  skipped: number;
  failed: number;
  errors: { file: string; error: string }[];
  warnings: { file: string; warning: string }[];
  ignored: string[];
  seconds: number | null;
  message: string | null;
}

export const UPLOAD_LIMITS = {
  files: 1000,
  totalBytes: 512 * 1024 * 1024,
};

/** A file name safe on any file system: the last part of what the browser sent, letters, digits and . _ - ( ) space. */
export function safeName(given: string): string {
  const base = given.normalize("NFC").split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .replace(/[^\p{L}\p{N}\p{M} ._()-]/gu, "_")
    .replace(/^[.\s]+/, "")
    .trim()
    .slice(-120);
  return cleaned || "tep";
}

export class ImportJobs {
  private jobs = new Map<string, ImportJob>();
  private current: ImportJob | null = null;

  constructor(private opts: { dbPath: string; rulesDir?: string; jobs?: number; onDone?: () => void }) {}

  running(): ImportJob | null {
    return this.current?.state === "running" ? this.current : null;
  }

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  start(uploads: Upload[]): ImportJob {
    const id = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "") + "-" + randomBytes(4).toString("hex");
    const job: ImportJob = {
      id, state: "running", started_at: new Date().toISOString(), total: uploads.length, done: 0, file: null,
      imported: 0, skipped: 0, failed: 0, errors: [], warnings: [], ignored: [], seconds: null, message: null,
    };
    this.jobs.set(id, job);
    this.current = job;
    void this.run(job, uploads).catch((e: unknown) => {
      job.state = "failed";
      job.message = describeError(e);
    }).finally(() => this.opts.onDone?.());
    return job;
  }

  private async run(job: ImportJob, uploads: Upload[]): Promise<void> {
    const root = join(dirname(this.opts.dbPath), "uploads", job.id);
    const limit = maxFileBytes();
    const shown = new Map<string, string>(); // stored path → the name the analyst sent
    const paths: string[] = [];
    uploads.forEach((u, i) => {
      const name = safeName(u.name);
      // from a folder, like `tonghop import FOLDER`: files that are not reports by their extension are left out
      if (/[\\/]/.test(u.name) && !REPORT_EXTENSIONS.has(extname(name).toLowerCase())) {
        job.ignored.push(u.name);
        job.total--;
        return;
      }
      if (u.bytes.byteLength > limit) {
        job.failed++;
        job.done++;
        job.errors.push({ file: u.name, error: describeError(tooLarge(u.bytes.byteLength, limit)) });
        return;
      }
      const dir = join(root, String(i + 1));
      mkdirSync(dir, { recursive: true });
      const path = join(dir, name);
      writeFileSync(path, u.bytes, { flag: "wx" });
      shown.set(path, u.name);
      paths.push(path);
    });
    const early = { failed: job.failed, done: job.done };
    if (!paths.length) {
      job.state = "done";
      job.seconds = 0;
      return;
    }
    const db = openStore(this.opts.dbPath, { create: true });
    try {
      const summary = await runImport({
        db,
        paths,
        rules: loadRules(this.opts.rulesDir),
        jobs: this.opts.jobs,
        describe: (e) => describeError(e),
        onProgress: (p) => {
          job.done = early.done + p.done;
          job.file = shown.get(p.file) ?? p.file;
          job.imported = p.imported;
          job.skipped = p.skipped;
          job.failed = early.failed + p.failed;
        },
      });
      job.imported = summary.imported;
      job.skipped = summary.skipped;
      job.failed = early.failed + summary.failed;
      job.errors.push(...summary.errors.map((e) => ({ file: shown.get(e.file) ?? e.file, error: e.error.split("\n")[0]! })));
      job.warnings = summary.warnings.map((w) => ({ file: shown.get(w.file) ?? w.file, warning: w.warning }));
      job.seconds = Math.round(summary.seconds * 1000) / 1000;
      job.done = job.total;
      job.file = null;
      job.state = "done";
    } finally {
      db.close();
    }
  }
}
