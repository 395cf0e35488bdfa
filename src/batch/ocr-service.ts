// Recognition shared by an import's file workers. The recognisers (one per core) live with the
// import's main thread; a file worker prepares its scanned pages and sends each prepared image
// here, so the pages of one scanned file keep every core busy and a batch of scans never runs
// more recognisers than there are jobs.
//
// Worker → main: { call, request: { image } } (the image's buffer is transferred);
// main → worker: { reply: call, result } or { reply: call, error }.

import type { MessagePort } from "node:worker_threads";
import { LazyRecognizer, type OcrPageResult, type Recognizer } from "../ingest/ocr/engine.js";
import { ReadError, type ReadErrorCode } from "../ingest/types.js";
import type { SerializedError } from "./worker-protocol.js";

export interface OcrCall {
  image: Uint8Array;
}

export interface OcrReply {
  reply: number;
  result?: OcrPageResult;
  error?: SerializedError;
}

/** The main thread's side: recognisers started at the first scanned page, stopped with the pool. */
export class OcrService {
  private readonly pool: Recognizer;

  constructor(parallel: number) {
    this.pool = new LazyRecognizer(parallel);
  }

  handle(call: OcrCall): Promise<OcrPageResult> {
    return this.pool.recognize(call.image);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** A file worker's side: a recogniser that asks the main thread. */
export function remoteRecognizer(port: MessagePort | { postMessage(m: unknown, t?: ArrayBuffer[]): void; on(e: "message", f: (m: unknown) => void): void }, parallel: number): Recognizer {
  let next = 1;
  const waiting = new Map<number, { resolve: (r: OcrPageResult) => void; reject: (e: unknown) => void }>();
  port.on("message", (m: unknown) => {
    const r = m as Partial<OcrReply>;
    if (typeof r.reply !== "number") return;
    const w = waiting.get(r.reply);
    if (!w) return;
    waiting.delete(r.reply);
    if (r.error) w.reject(r.error.name === "ReadError" && r.error.code ? new ReadError(r.error.code as ReadErrorCode, r.error.message) : new Error(r.error.message));
    else w.resolve(r.result!);
  });
  return {
    parallel,
    recognize(image: Uint8Array): Promise<OcrPageResult> {
      const call = next++;
      return new Promise((resolve, reject) => {
        waiting.set(call, { resolve, reject });
        const own = image.byteOffset === 0 && image.byteLength === image.buffer.byteLength ? image : image.slice();
        port.postMessage({ call, request: { image: own } satisfies OcrCall }, [own.buffer as ArrayBuffer]);
      });
    },
    async close() {},
  };
}
