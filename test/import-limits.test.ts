// Bounded work per file (issue 5, item 2): a worker that runs over time, runs out of memory or
// dies is stopped and replaced, that file alone fails, and the pool goes on. Real threads.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PoolError, WorkerPool } from "../src/batch/pool.js";
import { runCli, SAMPLES } from "./helpers.js";
import { tempDir } from "./store-helpers.js";

// a worker speaking the pool's protocol; what it does with each task is chosen by the task
const WORKER = `
import { parentPort } from "node:worker_threads";
parentPort.postMessage({ ready: true });
const hog = [];
parentPort.on("message", ({ id, msg }) => {
  if (msg === "loop") for (;;) {}
  if (msg === "memory") for (;;) hog.push(new Array(100000).fill({ x: Math.random() }));
  if (msg === "exit") process.exit(3);
  if (msg === "throw") throw new Error("boom");
  parentPort.postMessage({ id, result: "ok:" + msg });
});
`;

function pool(size = 1, timeoutMs = 500) {
  const dir = tempDir();
  const script = join(dir, "w.mjs");
  writeFileSync(script, WORKER);
  return new WorkerPool<string, string>({ size, script, timeoutMs, resourceLimits: { maxOldGenerationSizeMb: 32, stackSizeMb: 4 } });
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(PoolError);
    return (e as PoolError).kind;
  }
  throw new Error("expected the task to fail");
}

describe("worker pool", () => {
  it("terminates a task that runs over time and goes on with a fresh worker", async () => {
    const p = pool(1, 300);
    const t0 = Date.now();
    expect(await failure(p.run("loop"))).toBe("timeout");
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(await p.run("a")).toBe("ok:a");
    expect(p.started).toBe(2);
    await p.close();
  });

  it("stops a worker that exhausts its memory limit, without taking the process down", async () => {
    const p = pool(1, 30_000);
    expect(await failure(p.run("memory"))).toBe("memory");
    expect(await p.run("b")).toBe("ok:b");
    await p.close();
  });

  it("fails only the task of a worker that exits or throws", async () => {
    const p = pool(2, 5000);
    const results = await Promise.allSettled(["x", "exit", "y", "throw", "z"].map((m) => p.run(m)));
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as PoolError).kind))).toEqual(["ok:x", "crashed", "ok:y", "crashed", "ok:z"]);
    await p.close();
  });

  it("runs tasks in parallel on up to `size` workers", async () => {
    const p = pool(2, 5000);
    const out = await Promise.all(Array.from({ length: 20 }, (_, i) => p.run(String(i))));
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => "ok:" + i));
    expect(p.started).toBe(2);
    await p.close();
  });
});

describe("import with a per-file time limit", () => {
  it("records 'quá thời gian xử lý (timed out)' for the slow file and stores the others", () => {
    const dir = tempDir();
    const input = join(dir, "in");
    const db = join(dir, "t.db");
    mkdirSync(input);
    copyFileSync(join(SAMPLES, "000_71c6cec35a92dd84.txt"), join(input, "a-vinh-thong.txt"));
    copyFileSync(join(SAMPLES, "003_3b144be784d99a16.txt"), join(input, "c-ba-ngoi.txt"));
    // a long report (~20 MB, well under the size limit) takes many times the limit to read and
    // extract, while a sample report takes a small fraction of it even on a busy machine: the
    // limit sits far from both, so the outcome does not hang on the machine's speed
    const sample = readFileSync(join(SAMPLES, "001_715a5b70f3b78fcd.txt"), "utf8");
    writeFileSync(join(input, "b-rat-dai.txt"), sample.repeat(250));
    const r = runCli(["import", input, "--db", db, "--format", "json", "--timeout", "2", "--jobs", "1"]);
    expect(r.status).toBe(2);
    const s = JSON.parse(r.stdout);
    expect(s.imported).toBe(2);
    expect(s.failed).toBe(1);
    expect(s.errors[0].file).toMatch(/b-rat-dai\.txt$/);
    expect(s.errors[0].error).toContain("quá thời gian xử lý (timed out)");
  });
});
