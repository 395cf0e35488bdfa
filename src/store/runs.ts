// Import runs and the per-file errors they met: what happened, kept in the database itself.

import type { Db } from "./open.js";

export interface RunTotals {
  files: number;
  imported: number;
  skipped: number;
  failed: number;
  seconds: number;
}

export function startRun(db: Db, command: "import" | "reextract", paths: string[], rulesVersion: string, jobs: number): number {
  const r = db
    .prepare(`INSERT INTO import_runs (command, started_at, paths, rules_version, jobs, pid) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(command, new Date().toISOString(), JSON.stringify(paths), rulesVersion, jobs, process.pid);
  return Number(r.lastInsertRowid);
}

/** Records how a run ended: 'done', or 'interrupted' (Ctrl-C). A killed run stays 'running'. */
export function finishRun(db: Db, runId: number, t: RunTotals, status: "done" | "interrupted" = "done"): void {
  db.prepare(
    `UPDATE import_runs SET finished_at = ?, status = ?, files = ?, imported = ?, skipped = ?, failed = ?, seconds = ? WHERE id = ?`,
  ).run(new Date().toISOString(), status, t.files, t.imported, t.skipped, t.failed, Math.round(t.seconds * 1000) / 1000, runId);
}

/** Prepared once per run: the writer records errors inside its batches. */
export function errorRecorder(db: Db, runId: number): (path: string, error: string, code: string | null) => void {
  const st = db.prepare(`INSERT INTO import_errors (run_id, path, code, error, at) VALUES (?, ?, ?, ?, ?)`);
  return (path, error, code) => void st.run(runId, path, code, error, new Date().toISOString());
}
