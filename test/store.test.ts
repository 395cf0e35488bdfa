// The SQLite store on real files: schema, official units, storing documents, search, targets.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadRules } from "../src/rules/load.js";
import { DocumentStore, openReadOnly, openStore, StoreError, syncRules, type Db } from "../src/store/index.js";
import { LATEST_VERSION } from "../src/store/migrations.js";
import { ROOT } from "./helpers.js";
import { build, tempDir } from "./store-helpers.js";

const open: Db[] = [];
function fresh(): { db: Db; file: string; store: DocumentStore } {
  const file = join(tempDir(), "t.db");
  const db = openStore(file, { create: true });
  open.push(db);
  syncRules(db, loadRules(join(ROOT, "rules")));
  return { db, file, store: new DocumentStore(db) };
}
afterEach(() => {
  while (open.length) open.pop()!.close();
});

describe("schema", () => {
  it("creates a WAL database with foreign keys, the latest schema and the official units", () => {
    const { db } = fresh();
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT count(*) FROM provinces").pluck().get()).toBe(34);
    expect(db.prepare("SELECT count(*) FROM units").pluck().get()).toBe(3321);
    expect(db.prepare("SELECT province_code, level FROM units WHERE name = 'Ba Ngòi'").get()).toEqual({ province_code: "56", level: "phuong" });
    expect(db.prepare("SELECT count(*) FROM indicators WHERE active = 1").pluck().get()).toBeGreaterThan(30);
    expect(db.prepare("SELECT count(*) FROM targets WHERE source = 'rules'").pluck().get()).toBeGreaterThan(10);
  });

  it("reopens an existing database without changing it", () => {
    const { db, file } = fresh();
    db.close();
    open.pop();
    const again = openStore(file);
    open.push(again);
    expect(again.prepare("SELECT count(*) FROM units").pluck().get()).toBe(3321);
    expect(again.pragma("integrity_check", { simple: true })).toBe("ok");
  });

  it("refuses a file that is not a database, and a missing one, with a clear message", () => {
    const dir = tempDir();
    const bad = join(dir, "bad.db");
    writeFileSync(bad, "this is not sqlite at all, just text ".repeat(200));
    expect(() => openStore(bad)).toThrow(StoreError);
    expect(() => openStore(bad)).toThrow(/không phải cơ sở dữ liệu SQLite/);
    expect(() => openStore(join(dir, "missing.db"))).toThrow(/Chưa có cơ sở dữ liệu/);
    expect(() => openReadOnly(join(dir, "missing.db"))).toThrow(StoreError);
  });
});

describe("documents", () => {
  it("stores a document whole, once per sha256, and matches its unit to the official list", () => {
    const { db, store } = fresh();
    const { extraction, doc } = build({
      file: "ba-ngoi.txt",
      unit: "Ba Ngòi",
      level: "phuong",
      province: "Khánh Hòa", // the list writes "Khánh Hòa"
      period: ["2025-01-01", "2025-12-31"],
      values: { "3.3": { value: 80 }, "3.1": { value: 100 }, "1.1": { value: true } },
      issues: [{ kind: "missing_number", message: "Số văn bản để trống" }],
    });
    const id = store.insert({ extraction, doc, path: "/tmp/ba-ngoi.txt", bytes: 100, runId: null });
    expect(id).toBeTypeOf("number");
    expect(store.insert({ extraction, doc, path: "/elsewhere/ba-ngoi.txt", bytes: 100, runId: null })).toBeNull();
    const d = db.prepare("SELECT * FROM documents").all() as Record<string, unknown>[];
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ unit_code: "22423", province_code: "56", unit_key: "22423", kind: "report", fact_count: 3, teams: 5 });
    expect(db.prepare("SELECT count(*) FROM facts WHERE document_id = ?").pluck().get(id)).toBe(3);
    expect(db.prepare("SELECT value, value_kind FROM indicator_values WHERE document_id = ? AND indicator = '1.1'").get(id)).toEqual({ value: 1, value_kind: "yesno" });
    expect(db.prepare("SELECT kind FROM issues WHERE document_id = ?").pluck().all(id)).toEqual(["missing_number"]);
    expect(db.prepare("SELECT province, unit, level FROM v_documents").get()).toEqual({ province: "Khánh Hòa", unit: "Ba Ngòi", level: "phuong" });
  });

  it("records an issue for a unit that is not in the official list or ambiguous", () => {
    const { db, store } = fresh();
    const a = build({ file: "a.txt", unit: "Không Có Thật", province: "Gia Lai", values: { "3.3": { value: 10 } } });
    const b = build({ file: "b.txt", unit: "Đại Sơn", level: "xa", province: null, values: { "3.3": { value: 20 } } });
    store.insert({ ...a, path: "a.txt", bytes: 1, runId: null });
    store.insert({ ...b, path: "b.txt", bytes: 1, runId: null });
    const rows = db.prepare("SELECT d.name, d.unit_code, i.kind FROM documents d JOIN issues i ON i.document_id = d.id ORDER BY d.name").all();
    expect(rows).toEqual([
      { name: "a.txt", unit_code: null, kind: "unknown_unit" },
      { name: "b.txt", unit_code: null, kind: "ambiguous_unit" },
    ]);
  });

  it("finds text with and without tone marks (đ folded to d) through FTS5", () => {
    const { db, store } = fresh();
    const x = build({ file: "x.txt", unit: "Cao Đức", text: "Đội ngũ hướng dẫn Bình dân học vụ số tại xã Cao Đức" });
    store.insert({ ...x, path: "x.txt", bytes: 1, runId: null });
    const q = db.prepare("SELECT rowid FROM document_search WHERE document_search MATCH ?").pluck();
    expect(q.all('text: "Cao Đức"')).toHaveLength(1);
    expect(q.all('text_folded: "cao duc"')).toHaveLength(1);
    expect(q.all('text_folded: "doi ngu"')).toHaveLength(1);
    expect(db.prepare("SELECT fold('Đắk Lắk Bình Dân')").pluck().get()).toBe("dak lak binh dan");
    expect(q.all("text_folded: " + '"' + (db.prepare("SELECT fold('Học Vụ Số')").pluck().get() as string) + '"')).toHaveLength(1);
  });

  it("indexes documents stored in one batch transaction when the batch commits, and only those kept", () => {
    const { db, store } = fresh();
    const q = db.prepare("SELECT rowid FROM document_search WHERE document_search MATCH ?").pluck();
    db.exec("BEGIN IMMEDIATE");
    store.insert({ ...build({ file: "a.txt", unit: "Cao Đức", text: "Tổ công nghệ số thôn Đông" }), path: "a.txt", bytes: 1, runId: null });
    // a document whose own savepoint rolls back must not reach the index
    expect(() =>
      db.transaction(() => {
        store.insert({ ...build({ file: "b.txt", unit: "Cao Đức", text: "Tổ công nghệ số thôn Tây" }), path: "b.txt", bytes: 1, runId: null });
        throw new Error("write failed");
      })(),
    ).toThrow("write failed");
    expect(q.all('text_folded: "thon dong"')).toHaveLength(0); // not before the commit
    store.indexPending();
    db.exec("COMMIT");
    expect(q.all('text_folded: "thon dong"')).toHaveLength(1);
    expect(q.all('text_folded: "thon tay"')).toHaveLength(0);
  });
});

describe("targets and comparisons", () => {
  it("judges a full-year report against the rules' target for its province and year", () => {
    const { db, store } = fresh();
    // Khánh Hòa 2025: 3.1 target 85 (rules/targets.yaml)
    const x = build({ file: "r.txt", unit: "Ba Ngòi", level: "phuong", province: "Khánh Hòa", period: ["2025-01-01", "2025-12-31"], values: { "3.1": { value: 70 } } });
    store.insert({ ...x, path: "r.txt", bytes: 1, runId: null });
    const v = db.prepare("SELECT value, target, target_source, unmet FROM v_indicator_values WHERE indicator = '3.1'").get();
    expect(v).toEqual({ value: 70, target: 85, target_source: "rules", unmet: 1 });
  });

  it("does not judge a mid-year report, but shows the target", () => {
    const { db, store } = fresh();
    const x = build({ file: "r.txt", unit: "Ba Ngòi", level: "phuong", province: "Khánh Hòa", period: ["2025-01-01", "2025-06-30"], values: { "3.1": { value: 70 } } });
    store.insert({ ...x, path: "r.txt", bytes: 1, runId: null });
    expect(db.prepare("SELECT target, unmet FROM v_indicator_values").get()).toEqual({ target: 85, unmet: null });
  });

  it("takes a commune's own plan over the province's target, for that commune only", () => {
    const { db, store } = fresh();
    const plan = build({ file: "kh.txt", kind: "plan", unit: "Ba Ngòi", level: "phuong", province: "Khánh Hòa", number: "12/KH-UBND", period: ["2025-01-01", "2025-12-31"], values: { "3.1": { value: 95, role: "target" } } });
    const mine = build({ file: "bc.txt", unit: "Ba Ngòi", level: "phuong", province: "Khánh Hòa", period: ["2025-01-01", "2025-12-31"], values: { "3.1": { value: 90 } } });
    const other = build({ file: "other.txt", unit: "Nha Trang", level: "phuong", province: "Khánh Hòa", period: ["2025-01-01", "2025-12-31"], values: { "3.1": { value: 90 } } });
    for (const d of [plan, mine, other]) store.insert({ ...d, path: d.extraction.source.file, bytes: 1, runId: null });
    expect(db.prepare("SELECT count(*) FROM targets WHERE source = 'plan'").pluck().get()).toBe(1);
    const rows = db.prepare("SELECT document, target, target_source, unmet FROM v_latest_values WHERE indicator = '3.1' ORDER BY document").all();
    expect(rows).toEqual([
      { document: "bc.txt", target: 95, target_source: "plan", unmet: 1 },
      { document: "other.txt", target: 85, target_source: "rules", unmet: 0 },
    ]);
  });

  it("keeps the latest value per unit and one copy of a report stored in several formats", () => {
    const { db, store } = fresh();
    const spec = { unit: "Cao Đức", province: "Bắc Ninh", period: ["2025-08-07", "2026-05-31"] as [string, string], number: "141/BC-UBND", issues: [{ kind: "period_mismatch", message: "kỳ báo cáo khác nhau" }] };
    const older = build({ ...spec, file: "old.txt", period: ["2025-01-01", "2025-06-30"], number: "50/BC-UBND", values: { "3.3": { value: 40 } } });
    const txt = build({ ...spec, file: "cao-duc.txt", values: { "3.3": { value: 90 } } });
    const pdf = build({ ...spec, file: "cao-duc.pdf", values: { "3.3": { value: 90, page: 2 } } });
    for (const d of [older, txt, pdf]) store.insert({ ...d, path: d.extraction.source.file, bytes: 1, runId: null });
    expect(db.prepare("SELECT document, value FROM v_latest_values WHERE indicator = '3.3'").all()).toEqual([{ document: "cao-duc.pdf", value: 90 }]);
    const dups = db.prepare("SELECT name, duplicate_of IS NOT NULL AS dup FROM v_documents ORDER BY id").all();
    expect(dups).toEqual([
      { name: "old.txt", dup: 0 },
      { name: "cao-duc.txt", dup: 1 },
      { name: "cao-duc.pdf", dup: 0 }, // the last stored stands for the report
    ]);
    // the period_mismatch issue of the report appears once, plus the older report's own
    expect(db.prepare("SELECT document FROM v_flags WHERE kind = 'period_mismatch' ORDER BY document").pluck().all()).toEqual(["cao-duc.pdf", "old.txt"]);
  });

  it("takes a corrected report sent again (same number and dates) over the first", () => {
    const { db, store } = fresh();
    const spec = { unit: "Cao Đức", province: "Bắc Ninh", period: ["2025-08-07", "2026-05-31"] as [string, string], number: "141/BC-UBND" };
    const first = build({ ...spec, file: "bao-cao.txt", values: { "3.3": { value: 9 } } });
    const fixed = build({ ...spec, file: "bao-cao-sua.txt", values: { "3.3": { value: 90 } } });
    for (const d of [first, fixed]) store.insert({ ...d, path: d.extraction.source.file, bytes: 1, runId: null });
    expect(db.prepare("SELECT document, value FROM v_latest_values WHERE indicator = '3.3'").all()).toEqual([{ document: "bao-cao-sua.txt", value: 90 }]);
    expect(db.prepare("SELECT name FROM v_documents WHERE duplicate_of IS NOT NULL").pluck().all()).toEqual(["bao-cao.txt"]);
  });

  it("lists explicit 'chưa đạt' flags and computed unmet values in v_flags", () => {
    const { db, store } = fresh();
    const x = build({ file: "f.txt", unit: "Ba Ngòi", level: "phuong", province: "Khánh Hòa", period: ["2025-01-01", "2025-12-31"], values: { "3.1": { value: 50 } }, unmetFlags: ["mo_hinh_ai"] });
    store.insert({ ...x, path: "f.txt", bytes: 1, runId: null });
    const flags = db.prepare("SELECT kind, indicator, value, target FROM v_flags ORDER BY indicator").all();
    expect(flags).toEqual([
      { kind: "unmet", indicator: "3.1", value: 50, target: 85 },
      { kind: "unmet", indicator: "mo_hinh_ai", value: null, target: null },
    ]);
  });

  it("replaces a document's extraction in place (re-extraction)", () => {
    const { db, store } = fresh();
    const a = build({ file: "a.txt", unit: "Ba Ngòi", province: "Khánh Hòa", values: { "3.3": { value: 10 }, "3.1": { value: 20 } } });
    const id = store.insert({ ...a, path: "a.txt", bytes: 1, runId: null })!;
    const b = build({ file: "a.txt", unit: "Ba Ngòi", province: "Khánh Hòa", values: { "3.3": { value: 11 } }, rules_version: "v2" });
    b.extraction.source.sha256 = a.extraction.source.sha256;
    store.replace(id, b.extraction);
    expect(db.prepare("SELECT indicator, value FROM indicator_values").all()).toEqual([{ indicator: "3.3", value: 11 }]);
    expect(db.prepare("SELECT rules_version, fact_count FROM documents").get()).toEqual({ rules_version: "v2", fact_count: 1 });
    expect(db.prepare("SELECT count(*) FROM document_texts").pluck().get()).toBe(1);
  });
});
