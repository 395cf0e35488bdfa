// A small pool of worker threads with a time limit per task and a memory limit per worker.
// A worker that runs over time is terminated (the only way to stop a loop in JavaScript) and
// replaced; a worker that runs out of memory or dies fails only the task it was running.
// Protocol: a worker posts { ready: true } once it has loaded what it needs (so its start-up
// never counts against a file's time), then answers each { id, msg } with { id, result }.

import { TonghopError } from "../errors.js";
import { Worker, type ResourceLimits, type Transferable } from "node:worker_threads";
import { serializeError } from "./worker-protocol.js";

export type TaskFailure = "timeout" | "memory" | "crashed";

/** A task the pool had to stop; `kind` says why. The worker's own errors arrive as results. */
export class PoolError extends TonghopError {
  constructor(
    public readonly kind: TaskFailure,
    message: string,
    /** For a timeout: the limit the task had, in milliseconds. */
    public readonly limitMs?: number,
  ) {
    super(message, { code: kind });
    this.name = "PoolError";
  }
}

export interface PoolOptions {
  size: number;
  script: URL | string;
  workerData?: unknown;
  /** Per-task time limit in milliseconds (0: none). */
  timeoutMs: number;
  resourceLimits?: ResourceLimits;
  /**
   * A worker may post { id, progress } while it works on a task; this turns the progress into the
   * task's new time limit in milliseconds from its start (e.g. scaled by a file's page count), or
   * null to keep the one it has.
   */
  timeoutFor?: (progress: unknown) => number | null;
  /**
   * A worker may ask the main thread for a service while it works: it posts { call, request } and
   * is answered { reply: call, result } or { reply: call, error } (recognition of scanned pages).
   */
  onCall?: (request: unknown, worker: number) => Promise<unknown>;
  /** Told when a worker was stopped or died (by its thread id), so its calls' resources are freed. */
  onWorkerGone?: (worker: number) => void;
  /** Run when the pool closes (the services behind onCall stop). */
  onClose?: () => Promise<void>;
}

interface Task {
  msg: unknown;
  transfer: Transferable[];
  onProgress?: (progress: unknown) => void;
  started: number;
  limit: number;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  id: number;
  /** The worker's thread id, kept: it reads -1 once the thread has exited. */
  tid: number;
}

export class WorkerPool<Req, Res> {
  private readonly slots = new Set<Slot>();
  private readonly idle: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  /** Workers started (replacements included): for tests and the benchmark. */
  started = 0;
  private startupError: Error | null = null;

  constructor(private readonly opts: PoolOptions) {}

  run(msg: Req, transfer: Transferable[] = [], onProgress?: (progress: unknown) => void): Promise<Res> {
    if (this.closed) return Promise.reject(new Error("pool is closed"));
    return new Promise<Res>((resolve, reject) => {
      this.queue.push({ msg, transfer, onProgress, started: 0, limit: this.opts.timeoutMs, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new Error("pool is closed"));
    const all = [...this.slots];
    this.slots.clear();
    this.idle.length = 0;
    for (const s of all) {
      if (s.timer) clearTimeout(s.timer);
      if (s.task) s.task.reject(new Error("pool is closed"));
      s.task = null;
    }
    await Promise.all([...all.map((s) => s.worker.terminate()), this.opts.onClose?.()]);
  }

  private pump(): void {
    if (this.startupError) {
      for (const t of this.queue.splice(0)) t.reject(this.startupError);
      return;
    }
    while (this.queue.length && this.idle.length) {
      const slot = this.idle.pop()!;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.id = this.nextId++;
      task.started = performance.now();
      if (this.opts.timeoutMs > 0) slot.timer = setTimeout(() => this.fail(slot, new PoolError("timeout", "timed out", task.limit)), this.opts.timeoutMs);
      slot.worker.postMessage({ id: slot.id, msg: task.msg }, task.transfer);
    }
    // start workers for the waiting tasks (they take work once ready)
    let starting = 0;
    for (const s of this.slots) if (!s.ready) starting++;
    for (let want = Math.min(this.queue.length - starting, this.opts.size - this.slots.size); want > 0; want--) this.spawn();
  }

  private spawn(): Slot {
    const worker = new Worker(this.opts.script, { workerData: this.opts.workerData, resourceLimits: this.opts.resourceLimits });
    this.started++;
    const slot: Slot = { worker, ready: false, task: null, timer: null, id: 0, tid: worker.threadId };
    this.slots.add(slot);
    worker.on("message", (m: { id: number; result: unknown; ready?: boolean; progress?: unknown; call?: number; request?: unknown }) => {
      if (m.call !== undefined) {
        const call = m.call;
        const answer = (msg: unknown) => {
          // the worker may have been stopped meanwhile (its file timed out): nobody to answer
          if (this.slots.has(slot)) slot.worker.postMessage(msg);
        };
        Promise.resolve()
          .then(() => (this.opts.onCall ? this.opts.onCall(m.request, slot.tid) : Promise.reject(new Error("no service"))))
          .then(
            (result) => answer({ reply: call, result }),
            (e: unknown) => answer({ reply: call, error: serializeError(e) }),
          );
        return;
      }
      if (m.ready && !slot.ready) {
        slot.ready = true;
        this.idle.push(slot);
        this.pump();
        return;
      }
      if (m.progress !== undefined) {
        const task = slot.task;
        if (m.id !== slot.id || !task) return;
        task.onProgress?.(m.progress);
        const limit = this.opts.timeoutFor?.(m.progress);
        if (limit != null && this.opts.timeoutMs > 0 && limit !== task.limit && slot.timer) {
          clearTimeout(slot.timer);
          task.limit = limit;
          const left = Math.max(0, limit - (performance.now() - task.started));
          slot.timer = setTimeout(() => this.fail(slot, new PoolError("timeout", "timed out", task.limit)), left);
        }
        return;
      }
      if (m.id !== slot.id || !slot.task) return;
      const task = slot.task;
      this.release(slot);
      task.resolve(m.result);
      this.pump();
    });
    worker.on("error", (e: Error & { code?: string }) => {
      const kind: TaskFailure = e.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "crashed";
      // a worker that cannot even start (missing build, unreadable rules) would fail every file: stop
      if (!slot.ready) this.startupError = e;
      this.fail(slot, new PoolError(kind, e.message));
    });
    worker.on("exit", () => {
      if (this.slots.has(slot)) this.fail(slot, new PoolError("crashed", "worker exited"));
    });
    return slot;
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    this.idle.push(slot);
  }

  /** Stops the slot's worker, fails its task, and lets a fresh worker take the next one. */
  private fail(slot: Slot, err: PoolError): void {
    if (!this.slots.delete(slot)) return;
    this.opts.onWorkerGone?.(slot.tid);
    if (slot.timer) clearTimeout(slot.timer);
    const i = this.idle.indexOf(slot);
    if (i >= 0) this.idle.splice(i, 1);
    void slot.worker.terminate();
    const task = slot.task;
    slot.task = null;
    if (task) task.reject(err);
    if (!this.closed) this.pump();
  }
}
