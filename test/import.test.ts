// `tonghop import` end to end: the real compiled CLI, real files, a real SQLite database.
import { cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, runCli, SAMPLES } from "./helpers.js";
import { tempDir } from "./store-helpers.js";

const GOOD = ["samples", "docx", "pdf"].map((d) => join(FIXTURES, d)).filter((d) => existsSync(d));

function json(stdout: string): any {
  return JSON.parse(stdout);
}

function count(db: string, sql: string): number {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).pluck().get() as number;
  } finally {
    d.close();
  }
}

describe("import of the fixtures", () => {
  const dir = tempDir();
  const db = join(dir, "t.db");
  let first: ReturnType<typeof runCli>;

  beforeAll(() => {
    first = runCli(["import", ...GOOD, "--db", db, "--format", "json"]);
  });

  it("stores every good fixture, prints only the JSON summary, exits 0", () => {
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    const s = json(first.stdout);
    expect(Object.keys(s)).toEqual(["imported", "skipped", "failed", "errors", "seconds"]);
    expect(s).toMatchObject({ imported: 5 * GOOD.length, skipped: 0, failed: 0, errors: [] });
    expect(count(db, "SELECT count(*) FROM documents")).toBe(5 * GOOD.length);
    expect(count(db, "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_texts t WHERE t.document_id = d.id)")).toBe(0);
    expect(count(db, "SELECT count(*) FROM facts")).toBeGreaterThan(50);
    expect(count(db, "SELECT count(*) FROM import_runs WHERE status = 'done' AND imported = " + 5 * GOOD.length)).toBe(1);
  });

  it("adds nothing when the same files are imported again", () => {
    const again = runCli(["import", ...GOOD, "--db", db, "--format", "json"]);
    expect(again.status).toBe(0);
    expect(json(again.stdout)).toMatchObject({ imported: 0, skipped: 5 * GOOD.length, failed: 0 });
    expect(count(db, "SELECT count(*) FROM documents")).toBe(5 * GOOD.length);
    expect(count(db, "SELECT count(*) FROM (SELECT sha256 FROM documents GROUP BY sha256 HAVING count(*) > 1)")).toBe(0);
  });

  it("gives each commune's 3.3 once, whatever the number of formats (issue 4)", () => {
    // every unit's latest report, whatever its round
    const r = runCli(["compare", "--indicator", "3.3", "--latest-any", "--format", "json", "--db", db]);
    expect(r.status).toBe(0);
    const rows = json(r.stdout) as Record<string, unknown>[];
    for (const row of rows)
      expect(Object.keys(row)).toEqual(["province", "unit", "level", "round", "round_kind", "period_start", "period_end", "value", "qualifier", "role", "status", "target", "target_year", "target_source", "gap", "unmet", "document_id", "document", "fact_id", "page", "quote", "conflicting_reports"]);
    const byUnit = Object.fromEntries(rows.map((x) => [x.unit, x.value]));
    expect(byUnit).toMatchObject({ "Vĩnh Thông": 60, "Cao Đức": 90, "Ba Ngòi": 80 });
    expect(rows.filter((x) => x.unit === "Vĩnh Thông")).toHaveLength(1);
    // weakest first
    const values = rows.map((x) => x.value as number);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    for (const row of rows) expect(String(row.quote)).toContain(String(row.value));
  });
});

describe("import messages and exit codes", () => {
  it("prints a summary in text and 'nothing to do' errors with exit 1", () => {
    const dir = tempDir();
    const db = join(dir, "t.db");
    const r = runCli(["import", SAMPLES, "--db", db]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Đã nhập 5 tệp mới, bỏ qua 0 tệp đã có, 0 tệp lỗi/);
    const missing = runCli(["import", join(dir, "khong-co"), "--db", db]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/không tìm thấy/);
    const badJobs = runCli(["import", SAMPLES, "--db", db, "--jobs", "0"]);
    expect(badJobs.status).toBe(1);
    expect(badJobs.stderr).toMatch(/--jobs/);
  });

  it("refuses a database file that is not SQLite, with exit 1", () => {
    const dir = tempDir();
    const db = join(dir, "not.db");
    writeFileSync(db, "plain text, not a database ".repeat(100));
    const r = runCli(["import", SAMPLES, "--db", db, "--format", "json"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/không phải cơ sở dữ liệu SQLite/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it("uses TONGHOP_DB, else data/tonghop.db under the current folder", () => {
    const dir = tempDir();
    const viaEnv = join(dir, "env.db");
    expect(runCli(["import", join(SAMPLES, "000_71c6cec35a92dd84.txt")], { env: { TONGHOP_DB: viaEnv } }).status).toBe(0);
    expect(count(viaEnv, "SELECT count(*) FROM documents")).toBe(1);
    const r = runCli(["import", join(SAMPLES, "000_71c6cec35a92dd84.txt")], { cwd: dir, env: { TONGHOP_DB: "" } });
    expect(r.status).toBe(0);
    expect(count(join(dir, "data", "tonghop.db"), "SELECT count(*) FROM documents")).toBe(1);
  });
});

describe("documents that are not reports", () => {
  it("are stored as kind other, with a warning at import", () => {
    const dir = tempDir();
    const db = join(dir, "t.db");
    const r = runCli(["import", join(FIXTURES, "bad", "not-a-report.txt"), "--db", db]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/not-a-report\.txt: .*not a report/);
    expect(new Database(db, { readonly: true }).prepare("SELECT kind FROM documents").pluck().all()).toEqual(["other"]);
  });
});

describe("walking folders", () => {
  it("goes into sub-folders, skips hidden files, survives symlink loops and reports broken links", () => {
    const dir = tempDir();
    const src = join(dir, "in");
    mkdirSync(join(src, "a", "b"), { recursive: true });
    mkdirSync(join(src, ".hidden"));
    cpSync(join(SAMPLES, "000_71c6cec35a92dd84.txt"), join(src, "a", "b", "vinh-thong.txt"));
    cpSync(join(SAMPLES, "001_715a5b70f3b78fcd.txt"), join(src, "Báo cáo xã Cao Đức 'bản cuối'.txt"));
    cpSync(join(SAMPLES, "003_3b144be784d99a16.txt"), join(src, ".hidden", "ba-ngoi.txt"));
    cpSync(join(SAMPLES, "004_1e8afcbf59a4aba5.txt"), join(src, ".ke-hoach.txt"));
    writeFileSync(join(src, "logo.gif"), Buffer.from("GIF89a", "latin1")); // not a report: ignored
    symlinkSync(src, join(src, "a", "loop")); // a folder that contains itself
    symlinkSync(join(src, "self"), join(src, "self")); // a link to itself: ELOOP
    const db = join(dir, "t.db");
    const r = runCli(["import", src, "--db", db, "--format", "json"]);
    const s = json(r.stdout);
    expect(s.imported).toBe(2);
    expect(s.failed).toBe(1);
    expect(s.errors[0].file).toMatch(/self$/);
    expect(s.errors[0].error).toMatch(/symlink loop/);
    expect(r.status).toBe(2);
    const names = new Database(db, { readonly: true }).prepare("SELECT name FROM documents ORDER BY name").pluck().all();
    expect(names).toEqual(["Báo cáo xã Cao Đức 'bản cuối'.txt", "vinh-thong.txt"]);
  });
});

describe("bad files in a batch (issue 5)", () => {
  it("records one clear line per bad file, stores the good report, exits 2, keeps the database sound", () => {
    const dir = tempDir();
    const db = join(dir, "t.db");
    const bad = join(FIXTURES, "bad");
    const r = runCli(["import", bad, join(SAMPLES, "001_715a5b70f3b78fcd.txt"), "--db", db, "--format", "json"]);
    expect(r.status).toBe(2);
    const s = json(r.stdout);
    expect(s.imported).toBeGreaterThanOrEqual(1);
    expect(s.failed).toBe(s.errors.length);
    const byFile = Object.fromEntries(s.errors.map((e: { file: string; error: string }) => [e.file.split("/").pop(), e.error]));
    for (const f of ["empty.txt", "truncated.pdf", "encrypted.pdf", "random.docx", "random.pdf", "binary.txt", "corrupt.pdf"]) {
      expect(byFile[f], f).toBeTypeOf("string");
      expect(byFile[f]).not.toContain("\n");
      expect(byFile[f]).not.toMatch(/^Lỗi khi đọc tệp \(unexpected error\)/);
    }
    const d = new Database(db, { readonly: true });
    expect(d.prepare("SELECT count(*) FROM documents WHERE name = '001_715a5b70f3b78fcd.txt'").pluck().get()).toBe(1);
    expect(d.prepare("SELECT count(*) FROM import_errors").pluck().get()).toBe(s.failed);
    d.close();
    const check = runCli(["query", "pragma integrity_check", "--format", "json", "--db", db]);
    expect(json(check.stdout)).toEqual([{ integrity_check: "ok" }]);
  });
});
