// Crash safety and concurrent imports, for real: a kill -9 in the middle of an import, and two
// imports into one database at the same time (issue 5, item 3).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { processBytes } from "../src/batch/process.js";
import { loadRules } from "../src/rules/load.js";
import { BIN, ROOT, runCli, SAMPLES } from "./helpers.js";
import { makeCorpus, tempDir } from "./store-helpers.js";

const UNITS = join(ROOT, "data", "vn-admin-units", "units-2026-07-25.json");

function start(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", () => {});
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stdout })),
  );
  return { child, done };
}

function stored(db: string): number {
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return d.prepare("SELECT count(*) FROM documents").pluck().get() as number;
    } finally {
      d.close();
    }
  } catch {
    return 0; // not created yet, or the schema is being written
  }
}

/** Every stored document is whole: its text, sections, facts and values all there, nothing extra. */
async function expectWhole(dbFile: string, sample: number) {
  const db = new Database(dbFile); // read-write: replays or discards what the WAL holds
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("foreign_key_check")).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_texts t WHERE t.document_id = d.id)").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM documents d WHERE d.fact_count <> (SELECT count(*) FROM facts f WHERE f.document_id = d.id)").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM (SELECT path FROM documents GROUP BY path HAVING count(*) > 1)").pluck().get()).toBe(0);
    // compare some stored documents with a fresh extraction of their file
    const rules = loadRules(join(ROOT, "rules"));
    const rows = db.prepare("SELECT id, path FROM documents ORDER BY random() LIMIT ?").all(sample) as { id: number; path: string }[];
    for (const r of rows) {
      const { extraction } = await processBytes(readFileSync(r.path), r.path, rules);
      const count = (t: string) => db.prepare(`SELECT count(*) FROM ${t} WHERE document_id = ?`).pluck().get(r.id);
      expect(count("facts"), basename(r.path)).toBe(extraction.facts.length);
      expect(count("sections"), basename(r.path)).toBe(extraction.sections.length);
      expect(count("indicator_values"), basename(r.path)).toBe(Object.keys(extraction.indicators).length);
    }
  } finally {
    db.close();
  }
}

describe("kill -9 in the middle of an import", () => {
  it("leaves a sound database without half documents, and a re-run finishes without duplicates", async () => {
    const dir = tempDir();
    const corpus = join(dir, "corpus");
    const n = 400;
    makeCorpus(SAMPLES, corpus, n, UNITS);
    const db = join(dir, "t.db");

    const { child, done } = start(["import", corpus, "--db", db, "--format", "json"]);
    // wait until some documents are committed, then kill without warning
    const t0 = Date.now();
    while (stored(db) < 20 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 25));
    child.kill("SIGKILL");
    const killed = await done;
    expect(killed.signal).toBe("SIGKILL");
    const atKill = stored(db);
    expect(atKill).toBeGreaterThanOrEqual(20);
    expect(atKill).toBeLessThan(n); // it was really in the middle

    await expectWhole(db, 15);
    const runs = new Database(db, { readonly: true }).prepare("SELECT status FROM import_runs").pluck().all();
    expect(runs).toEqual(["running"]); // the killed run is left as it was: it never finished

    const again = runCli(["import", corpus, "--db", db, "--format", "json"]);
    expect(again.status).toBe(0);
    const s = JSON.parse(again.stdout);
    expect(s.failed).toBe(0);
    expect(s.imported + s.skipped).toBe(n);
    expect(s.skipped).toBeGreaterThanOrEqual(atKill);
    expect(stored(db)).toBe(n);
    await expectWhole(db, 15);
  }, 240_000);
});

describe("Ctrl-C during an import", () => {
  it("stores what was extracted, records the run as interrupted, exits 130; a re-run finishes", async () => {
    const dir = tempDir();
    const corpus = join(dir, "corpus");
    const n = 300;
    makeCorpus(SAMPLES, corpus, n, UNITS);
    const db = join(dir, "t.db");
    const { child, done } = start(["import", corpus, "--db", db, "--format", "json"]);
    const t0 = Date.now();
    while (stored(db) < 10 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 25));
    child.kill("SIGINT");
    const r = await done;
    expect(r.code).toBe(130);
    const s = JSON.parse(r.stdout);
    expect(s.imported).toBeLessThan(n);
    expect(stored(db)).toBe(s.imported);
    const d = new Database(db, { readonly: true });
    expect(d.prepare("SELECT status, imported FROM import_runs").all()).toEqual([{ status: "interrupted", imported: s.imported }]);
    d.close();
    await expectWhole(db, 5);
    const again = JSON.parse(runCli(["import", corpus, "--db", db, "--format", "json"]).stdout);
    expect(again.imported + again.skipped).toBe(n);
    expect(stored(db)).toBe(n);
  }, 240_000);
});

describe("two imports into the same database at the same time", () => {
  it("both finish, every file is stored once", async () => {
    const dir = tempDir();
    const corpus = join(dir, "corpus");
    const n = 150;
    makeCorpus(SAMPLES, corpus, n, UNITS);
    const db = join(dir, "new.db"); // created by whichever starts first: the schema is raced for too
    const a = start(["import", corpus, "--db", db, "--format", "json", "--jobs", "1"]);
    const b = start(["import", corpus, "--db", db, "--format", "json", "--jobs", "1"]);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra.code).toBe(0);
    expect(rb.code).toBe(0);
    const sa = JSON.parse(ra.stdout);
    const sb = JSON.parse(rb.stdout);
    expect(sa.failed + sb.failed).toBe(0);
    expect(sa.imported + sb.imported).toBe(n);
    expect(sa.imported + sa.skipped).toBe(n);
    expect(sb.imported + sb.skipped).toBe(n);
    expect(stored(db)).toBe(n);
    const d = new Database(db, { readonly: true });
    expect(d.prepare("SELECT count(*) FROM units").pluck().get()).toBe(3321);
    expect(d.prepare("SELECT count(*) FROM import_runs WHERE status = 'done'").pluck().get()).toBe(2);
    d.close();
    await expectWhole(db, 10);
  }, 240_000);
});
