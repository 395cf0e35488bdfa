// Recognition shared by an import's file workers. The recognisers (one per core) live with the
// import's main thread; a file worker prepares its scanned pages and sends each prepared image
// here, so the pages of one scanned file keep every core busy and a batch of scans never runs
// more recognisers than there are jobs.
//
// Worker → main: { call, request: { image } } (the image's buffer is transferred);
// main → worker: { reply: call, result } or { reply: call, error }.

import { LazyRecognizer, Places, type OcrPageResult, type Recognizer } from "../ingest/ocr/engine.js";
import { ReadError, type ReadErrorCode } from "../ingest/types.js";
import type { SerializedError } from "./worker-protocol.js";

/** Ask for a place for one more page in flight, give it back, or have a prepared page recognised. */
export type OcrCall = { reserve: true } | { release: number } | { image: Uint8Array };

export interface OcrReply {
  reply: number;
  result?: unknown;
  error?: SerializedError;
}

/**
 * The main thread's side: recognisers started at the first scanned page, stopped with the pool,
 * and one count of pages in flight for all the file workers (Recognizer.reserve), so that a batch
 * of scans holds as many prepared pages as keep the recognisers busy, and no more.
 */
export class OcrService {
  private readonly pool: LazyRecognizer;
  private readonly places: Places;
  /** The places each file worker holds, by ticket, to free them if it is stopped. */
  private readonly held = new Map<number, Map<number, () => void>>();
  private readonly gone = new Set<number>();
  private nextTicket = 1;

  constructor(parallel: number) {
    this.pool = new LazyRecognizer(parallel);
    this.places = new Places(parallel + 1);
  }

  async handle(call: OcrCall, worker: number): Promise<unknown> {
    if ("image" in call) return this.pool.recognize(call.image);
    if ("release" in call) {
      const free = this.held.get(worker)?.get(call.release);
      this.held.get(worker)?.delete(call.release);
      free?.();
      return null;
    }
    const free = await this.places.take();
    if (this.gone.has(worker)) {
      free();
      return null;
    }
    const ticket = this.nextTicket++;
    let mine = this.held.get(worker);
    if (!mine) this.held.set(worker, (mine = new Map()));
    mine.set(ticket, free);
    return ticket;
  }

  /** A file worker was stopped (time or memory limit, crash): its places are free again. */
  workerGone(worker: number): void {
    this.gone.add(worker);
    for (const free of this.held.get(worker)?.values() ?? []) free();
    this.held.delete(worker);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

type Port = { postMessage(m: unknown, t?: ArrayBuffer[]): void; on(e: "message", f: (m: unknown) => void): void };

/** A file worker's side: a recogniser that asks the main thread. */
export function remoteRecognizer(port: Port, parallel: number): Recognizer {
  let next = 1;
  const waiting = new Map<number, { resolve: (r: unknown) => void; reject: (e: unknown) => void }>();
  port.on("message", (m: unknown) => {
    const r = m as Partial<OcrReply>;
    if (typeof r.reply !== "number") return;
    const w = waiting.get(r.reply);
    if (!w) return;
    waiting.delete(r.reply);
    if (r.error) w.reject(r.error.name === "ReadError" && r.error.code ? new ReadError(r.error.code as ReadErrorCode, r.error.message) : new Error(r.error.message));
    else w.resolve(r.result);
  });
  const ask = (request: OcrCall, transfer: ArrayBuffer[] = []): Promise<unknown> => {
    const call = next++;
    return new Promise((resolve, reject) => {
      waiting.set(call, { resolve, reject });
      port.postMessage({ call, request }, transfer);
    });
  };
  return {
    parallel,
    async reserve() {
      const ticket = (await ask({ reserve: true })) as number;
      let freed = false;
      return () => {
        if (freed) return;
        freed = true;
        void ask({ release: ticket }).catch(() => {});
      };
    },
    async recognize(image: Uint8Array): Promise<OcrPageResult> {
      const own = image.byteOffset === 0 && image.byteLength === image.buffer.byteLength ? image : image.slice();
      return (await ask({ image: own }, [own.buffer as ArrayBuffer])) as OcrPageResult;
    },
    async close() {},
  };
}
