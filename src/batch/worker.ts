// Worker thread: parsing and extraction are CPU-bound, so they run here, one file at a time,
// while the main thread reads files and writes the database. The pool may terminate this
// thread at any moment (time or memory limit): it holds nothing that must be cleaned up.

import { parentPort, workerData } from "node:worker_threads";
import { extractDocument } from "../extract/index.js";
import { loadRules } from "../rules/load.js";
import { storedText } from "../store/text.js";
import { processBytes } from "./process.js";
import { useRecognizer } from "../ingest/ocr/engine.js";
import { remoteRecognizer } from "./ocr-service.js";
import { serializeError, type PageProgress, type WorkerInit, type WorkerRequest, type WorkerResult } from "./worker-protocol.js";

const init = workerData as WorkerInit;
const rules = loadRules(init.rulesDir);

// scanned pages are recognised by the import's recognisers, in its main thread (ocr-service.ts)
useRecognizer(remoteRecognizer(parentPort!, init.ocrParallel));

async function handle(id: number, req: WorkerRequest): Promise<WorkerResult> {
  try {
    if (req.type === "file") {
      const onPage = (done: number, total: number, ocr: number) => parentPort!.postMessage({ id, progress: { done, total, ocr } satisfies PageProgress });
      const r = await processBytes(req.bytes, req.path, rules, { onPage, memberOf: req.archive });
      // strings clone cheaply; the writer then only copies them into the database
      return { ok: true, extraction: r.extraction, text: storedText(r.doc), warnings: r.doc.warnings, timings: r.timings };
    }
    const t0 = performance.now();
    const extraction = extractDocument(req.doc, req.source, rules);
    return { ok: true, extraction, warnings: [], timings: { read: 0, extract: performance.now() - t0 } };
  } catch (e) {
    return { ok: false, error: serializeError(e) };
  }
}

parentPort!.postMessage({ ready: true });
parentPort!.on("message", async ({ id, msg }: { id?: number; msg?: WorkerRequest }) => {
  if (id === undefined || !msg) return; // a recognition reply: remoteRecognizer's
  parentPort!.postMessage({ id, result: await handle(id, msg) });
});
