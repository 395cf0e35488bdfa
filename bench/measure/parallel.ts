// How much two threads really get on this machine: a virtual machine's "2 cores" may be
// throttled to less. The same CPU-bound loop runs in one worker, then in `n` at once.

import { Worker } from "node:worker_threads";

const LOOP = `let x = 0; for (let i = 0; i < 2e8; i++) x += i % 7; require("node:worker_threads").parentPort.postMessage(x);`;

function loopMs(n: number): Promise<number> {
  const t0 = performance.now();
  return Promise.all(
    Array.from({ length: n }, () => new Promise<void>((resolve, reject) => {
      const w = new Worker(LOOP, { eval: true });
      w.once("message", () => void w.terminate().then(() => resolve()));
      w.once("error", reject);
    })),
  ).then(() => performance.now() - t0);
}

/** Throughput of n threads relative to one (n = ideal, 1 = no gain), best of three. */
export async function parallelSpeedup(n: number): Promise<number> {
  let one = Infinity;
  let many = Infinity;
  for (let i = 0; i < 3; i++) {
    one = Math.min(one, await loopMs(1));
    many = Math.min(many, await loopMs(n));
  }
  return Math.round(((n * one) / many) * 100) / 100;
}
