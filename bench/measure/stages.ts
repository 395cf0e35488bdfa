// Stage costs on one thread: the import's stage timings are wall clock inside each thread, so
// they swell when its threads (or anyone else's) outnumber the cores. Here the same code runs
// one file at a time in this process: processBytes (read, extract), storedText (the folded text
// and JSON a worker prepares), and the import's own BatchWriter and DocumentStore (store).

import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { BatchWriter } from "../../src/batch/writer.js";
import { processBytes } from "../../src/batch/process.js";
import type { Rules } from "../../src/rules/schema.js";
import { DocumentStore, openStore, storedText, type StoreInput } from "../../src/store/index.js";

export interface StageCosts {
  files: number;
  pages: number | null;
  /** Milliseconds per document on one thread. */
  read: number;
  extract: number;
  prepare: number;
  store: number;
  total: number;
}

const WARMUP = 10;

export async function stageCosts(dir: string, sample: number, rules: Rules, dbFile: string): Promise<StageCosts> {
  const files = readdirSync(dir).sort().slice(0, sample);
  for (const f of files.slice(0, WARMUP)) await processBytes(readFileSync(join(dir, f)), f, rules); // JIT warm-up, not counted
  let read = 0;
  let extract = 0;
  let prepare = 0;
  let pages = 0;
  const inputs: StoreInput[] = [];
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    const r = await processBytes(bytes, f, rules);
    read += r.timings.read;
    extract += r.timings.extract;
    const t0 = performance.now();
    const text = storedText(r.doc);
    prepare += performance.now() - t0;
    pages += r.doc.pages?.length ?? 0;
    inputs.push({ extraction: r.extraction, text, path: join(dir, f), bytes: bytes.length, runId: null });
  }
  for (const x of ["", "-wal", "-shm"]) rmSync(dbFile + x, { force: true });
  const db = openStore(dbFile, { create: true });
  try {
    const store = new DocumentStore(db);
    const writer = new BatchWriter(db);
    for (const input of inputs) writer.push({ run: () => void store.insert(input), done: (e) => { if (e) throw e; } });
    writer.flush();
    const n = files.length;
    const per = (ms: number) => Math.round((ms / n) * 100) / 100;
    const costs = { read: per(read), extract: per(extract), prepare: per(prepare), store: per(writer.storeMs) };
    return { files: n, pages: pages || null, ...costs, total: Math.round((costs.read + costs.extract + costs.prepare + costs.store) * 100) / 100 };
  } finally {
    db.close();
  }
}
