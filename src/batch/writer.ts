// The one writer. Documents are written as they arrive, each in a savepoint, inside a write
// transaction that is committed every `maxBatch` documents or `maxDelayMs` milliseconds.
// - crash safety: a kill -9 loses at most the uncommitted batch (re-imported on the next run)
//   and never leaves half a document; a document that fails to store rolls back alone;
// - speed: every commit flushes a new FTS5 segment, and many small segments cost more merging
//   than the inserts themselves (600 reports: 30 ms batches 3.5 s of writing, 500 ms batches
//   1.3 s); writing each document on arrival, rather than a whole batch at once, keeps the main
//   thread free to hand the workers their next file (a 256-document flush stalled them ~30%).

import type { Db } from "../store/index.js";

export interface WriteOp {
  /** Writes one document (or one error row); runs inside the open transaction. */
  run: () => void;
  /** Called once the transaction is committed: null, or why this op (or the whole batch) failed. */
  done: (err: unknown) => void;
}

export class BatchWriter {
  private pending: [WriteOp, unknown][] = [];
  private open = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly one: (op: WriteOp) => void;
  /** Milliseconds spent writing (for the benchmark). */
  storeMs = 0;
  /** Set when a batch could not be committed (disk full, database locked too long): stop importing. */
  fatal: unknown = null;

  constructor(
    private readonly db: Db,
    private readonly opts: { maxBatch: number; maxDelayMs: number; beforeCommit?: () => void } = { maxBatch: 256, maxDelayMs: 500 },
  ) {
    // inside an open transaction better-sqlite3 runs this as a SAVEPOINT
    this.one = db.transaction((op: WriteOp) => op.run());
  }

  push(op: WriteOp): void {
    if (this.fatal) return op.done(this.fatal);
    const t0 = performance.now();
    try {
      if (!this.open) {
        this.db.exec("BEGIN IMMEDIATE");
        this.open = true;
        this.timer = setTimeout(() => this.flush(), this.opts.maxDelayMs);
      }
    } catch (e) {
      this.fatal = e;
      this.storeMs += performance.now() - t0;
      return op.done(e);
    }
    let err: unknown = null;
    try {
      this.one(op);
    } catch (e) {
      err = e;
    }
    this.pending.push([op, err]);
    this.storeMs += performance.now() - t0;
    if (this.pending.length >= this.opts.maxBatch) this.flush();
  }

  /** Commits what was written so far. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.open) return;
    const t0 = performance.now();
    const ops = this.pending;
    this.pending = [];
    this.open = false;
    try {
      this.opts.beforeCommit?.();
      this.db.exec("COMMIT");
    } catch (e) {
      this.fatal = e;
      try {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
      } catch {
        /* the connection is unusable: the fatal error says why */
      }
      for (const p of ops) p[1] = e;
    }
    this.storeMs += performance.now() - t0;
    for (const [op, err] of ops) op.done(err);
  }
}
