// The one writer: the import hands it whole documents, it writes them in batches, each batch one
// IMMEDIATE transaction and each document a savepoint inside it. A crash (kill -9) loses at most
// the batch in flight and never leaves half a document; one bad document rolls back alone.

import type { Db } from "../store/index.js";

export interface WriteOp {
  /** Writes one document (or one error row); runs inside the batch's transaction. */
  run: () => void;
  /** Called once the batch is committed: null, or why this op (or the whole batch) failed. */
  done: (err: unknown) => void;
}

export class BatchWriter {
  private queue: WriteOp[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly batch: (ops: WriteOp[]) => (unknown | null)[];
  /** Milliseconds spent writing (for the benchmark). */
  storeMs = 0;
  /** Set when a batch could not be committed (disk full, database locked too long): stop importing. */
  fatal: unknown = null;

  constructor(
    db: Db,
    private readonly opts: { maxBatch: number; maxDelayMs: number } = { maxBatch: 64, maxDelayMs: 30 },
  ) {
    const one = db.transaction((op: WriteOp) => op.run());
    const all = db.transaction((ops: WriteOp[]) =>
      ops.map((op) => {
        try {
          one(op);
          return null;
        } catch (e) {
          return e;
        }
      }),
    );
    this.batch = (ops) => all.immediate(ops);
  }

  push(op: WriteOp): void {
    if (this.fatal) return op.done(this.fatal);
    this.queue.push(op);
    if (this.queue.length >= this.opts.maxBatch) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.opts.maxDelayMs);
  }

  /** Writes everything queued now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ops = this.queue;
    if (!ops.length) return;
    this.queue = [];
    const t0 = performance.now();
    let results: (unknown | null)[];
    try {
      results = this.batch(ops);
    } catch (e) {
      this.fatal = e;
      results = ops.map(() => e);
    }
    this.storeMs += performance.now() - t0;
    ops.forEach((op, i) => op.done(results[i] ?? null));
  }
}
