// The report commands on real databases: one imported from the samples by the real CLI, and one
// written through the store with known values, so targets and flags are checked exactly.
import { join } from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRules } from "../src/rules/load.js";
import { DocumentStore, LATEST_VERSION, openStore, syncRules } from "../src/store/index.js";
import { ROOT, runCli, SAMPLES } from "./helpers.js";
import { build, tempDir } from "./store-helpers.js";

const dir = tempDir();
const samplesDb = join(dir, "samples.db");
const knownDb = join(dir, "known.db");

beforeAll(() => {
  const r = runCli(["import", SAMPLES, "--db", samplesDb, "--format", "json"]);
  expect(r.status).toBe(0);

  const db = openStore(knownDb, { create: true });
  syncRules(db, loadRules(join(ROOT, "rules")));
  const store = new DocumentStore(db);
  const year: [string, string] = ["2025-01-01", "2025-12-31"];
  const docs = [
    // Khánh Hòa 2025 targets from the rules: 3.1 85%, 3.5 85%
    build({ file: "ba-ngoi-2025.txt", unit: "Ba Ngòi", level: "phuong", province: "Khánh Hòa", period: year, number: "1/BC-UBND", values: { "3.1": { value: 70 }, "3.3": { value: 80 } }, issues: [{ kind: "conflicting_values", message: "Hai số liệu khác nhau cho 3.3" }] }),
    build({ file: "nha-trang-2025.txt", unit: "Nha Trang", level: "phuong", province: "Khánh Hòa", period: year, number: "2/BC-UBND", values: { "3.1": { value: 95 }, "3.3": { value: 55 } } }),
    // the same report as a PDF: one row per unit still
    build({ file: "nha-trang-2025.pdf", unit: "Nha Trang", level: "phuong", province: "Khánh Hòa", period: year, number: "2/BC-UBND", values: { "3.1": { value: 95, page: 1 }, "3.3": { value: 55, page: 2 } } }),
    // an older report of Nha Trang: not the latest
    build({ file: "nha-trang-h1.txt", unit: "Nha Trang", level: "phuong", province: "Khánh Hòa", period: ["2025-01-01", "2025-06-30"], number: "9/BC-UBND", values: { "3.1": { value: 40 } } }),
    build({ file: "vinh-thong-2026.txt", unit: "Vĩnh Thông", level: "xa", province: "Thái Nguyên", period: ["2026-01-01", "2026-06-30"], number: "3/BC-UBND", values: { "3.3": { value: 60 } }, unmetFlags: ["mo_hinh_ai"] }),
  ];
  for (const d of docs) store.insert({ ...d, path: join("/in", d.extraction.source.file), bytes: 10, runId: null });
  db.close();
});

function cli(args: string[], db = knownDb) {
  return runCli([...args, "--db", db]);
}
function json(args: string[], db = knownDb): any {
  const r = cli([...args, "--format", "json"], db);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

describe("compare", () => {
  it("gives one row per unit with its latest value, unmet first then weakest", () => {
    const rows = json(["compare", "--indicator", "3.1", "--period", "2025"]);
    expect(rows.map((r: any) => [r.unit, r.value, r.target, r.unmet, r.status, r.gap])).toEqual([
      ["Ba Ngòi", 70, 85, true, "unmet", -15],
      ["Nha Trang", 95, 85, false, "met", 10],
    ]);
    expect(rows[0]).toMatchObject({ province: "Khánh Hòa", level: "phuong", round: "năm 2025", round_kind: "year", period_start: "2025-01-01", period_end: "2025-12-31", role: "actual", qualifier: "exact", document: "ba-ngoi-2025.txt", target_source: "province_rule", fact_id: "f1" });
    expect(rows[0].document_id).toBeTypeOf("number");
    expect(rows[0].quote).toContain("70%");
  });

  it("filters by province (as written, tone placement aside) and by period", () => {
    expect(json(["compare", "--indicator", "3.3", "--province", "Khánh Hòa"]).map((r: any) => r.unit)).toEqual(["Nha Trang", "Ba Ngòi"]);
    expect(json(["compare", "--indicator", "3.3", "--province", "thai nguyen"]).map((r: any) => r.unit)).toEqual(["Vĩnh Thông"]);
    // the default round is the latest that has reports: here the first half of 2026
    expect(json(["compare", "--indicator", "3.3"]).map((r: any) => [r.unit, r.round])).toEqual([["Vĩnh Thông", "6 tháng đầu năm 2026"]]);
    expect(json(["compare", "--indicator", "3.3", "--period", "6T-2026"]).map((r: any) => r.unit)).toEqual(["Vĩnh Thông"]);
    // the round of the first half of 2025 brings back Nha Trang's older report
    expect(json(["compare", "--indicator", "3.1", "--period", "2025-01..2025-06"]).map((r: any) => [r.unit, r.value])).toEqual([["Nha Trang", 40]]);
  });

  it("says which codes exist when the indicator is unknown, and rejects a bad period", () => {
    const r = cli(["compare", "--indicator", "9.9"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Không có chỉ tiêu "9.9".*3\.3/);
    const p = cli(["compare", "--indicator", "3.3", "--period", "tháng 6"]);
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(/--period/);
  });

  it("prints a table and CSV", () => {
    const t = cli(["compare", "--indicator", "3.1", "--period", "2025"]);
    expect(t.stdout.split("\n")[0]).toMatch(/^3\.1 — Tỉ lệ cán bộ/);
    expect(t.stdout.split("\n")[1]).toBe("Kỳ: năm 2025 (2025-01-01 → 2025-12-31)");
    expect(t.stdout).toMatch(/Ba Ngòi .* 70 .* 85 .*chỉ tiêu của tỉnh +-15 +chưa đạt/);
    const c = cli(["compare", "--indicator", "3.1", "--period", "2025", "--format", "csv"]);
    expect(c.stdout.startsWith("\uFEFFprovince,unit,level,round,value,qualifier,role,target,target_source,gap,status,document_id,document,page,quote\r\n")).toBe(true);
    expect(c.stdout.split("\r\n")[1]).toMatch(/^Khánh Hòa,Ba Ngòi,phuong,năm 2025,70,exact,actual,85,province_rule,-15,unmet,\d+,ba-ngoi-2025.txt,,/);
  });
});

describe("matrix, flags, documents, show", () => {
  it("matrix: units × indicators with the latest values and unmet codes", () => {
    const rows = json(["matrix", "--period", "2025"]);
    expect(rows.every((r: any) => r.round === "năm 2025")).toBe(true);
    const nt = rows.find((r: any) => r.unit === "Nha Trang");
    expect(nt.values).toEqual({ "3.1": 95, "3.3": 55 });
    expect(rows.find((r: any) => r.unit === "Ba Ngòi").unmet).toEqual(["3.1"]);
    expect(rows.find((r: any) => r.unit === "Ba Ngòi").cells["3.1"]).toMatchObject({ value: 70, status: "unmet", gap: -15, target: 85, target_source: "province_rule", round: "năm 2025", fact_id: "f1" });
    expect(json(["matrix"]).map((r: any) => [r.unit, r.unmet])).toEqual([["Vĩnh Thông", ["mo_hinh_ai"]]]);
    const t = cli(["matrix", "--indicators", "3.1,3.3", "--period", "2025"]);
    expect(t.stdout).toMatch(/Ba Ngòi\s+70\*\s+80/);
    expect(t.stdout).toContain("* chưa đạt chỉ tiêu");
    const c = cli(["matrix", "--format", "csv", "--indicators", "3.1", "--period", "2025"]);
    expect(c.stdout.split("\r\n")[0]).toBe("\uFEFFprovince,unit,level,round,3.1,teams,members");
  });

  it("flags: unmet targets and data issues, each report once", () => {
    const rows = json(["flags", "--period", "2025"]);
    const kinds = rows.map((r: any) => `${r.unit}:${r.kind}:${r.indicator ?? ""}`);
    expect(kinds.sort()).toEqual(["Ba Ngòi:conflicting_values:", "Ba Ngòi:unmet:3.1"]);
    expect(rows.map((r: any) => r.group)).toEqual(["target", "quality"]);
    const unmet = rows.find((r: any) => r.indicator === "3.1");
    expect(unmet).toMatchObject({ value: 70, target: 85, document: "ba-ngoi-2025.txt" });
    expect(unmet.message).toMatch(/Chưa đạt chỉ tiêu theo Kế hoạch ngày 28\/6\/2025/);
    expect(json(["flags", "--province", "Thái Nguyên"]).map((r: any) => r.indicator)).toEqual(["mo_hinh_ai"]);
  });

  it("documents: what is stored, with copies in other formats pointed out", () => {
    const rows = json(["documents"]);
    expect(rows).toHaveLength(5);
    const pdf = rows.find((r: any) => r.name === "nha-trang-2025.pdf");
    const txt = rows.find((r: any) => r.name === "nha-trang-2025.txt");
    expect(txt.duplicate_of).toBe(pdf.id); // the last stored stands for the report
    expect(pdf.duplicate_of).toBeNull();
    expect(json(["documents", "--period", "2026"]).map((r: any) => r.name)).toEqual(["vinh-thong-2026.txt"]);
  });

  it("show: metadata, sections, facts with quotes and pages; by name, id or sha prefix", () => {
    const d = json(["show", "nha-trang-2025.pdf"]);
    expect(d.document).toMatchObject({ name: "nha-trang-2025.pdf", unit: "Nha Trang", province: "Khánh Hòa", number: "2/BC-UBND" });
    expect(d.sections[0]).toMatchObject({ id: "s1", title: "KẾT QUẢ" });
    expect(d.facts.map((f: any) => [f.indicator, f.value, f.page])).toEqual([["3.1", 95, 1], ["3.3", 55, 2]]);
    expect(d.facts[1].quote).toContain("55%");
    expect(json(["show", String(d.document.id)]).document.name).toBe("nha-trang-2025.pdf");
    expect(json(["show", d.document.sha256.slice(0, 10)]).document.name).toBe("nha-trang-2025.pdf");
    const text = cli(["show", "nha-trang-2025.pdf"]).stdout;
    expect(text).toMatch(/Số liệu \(2\):/);
    expect(text).toMatch(/\(tr\. 2\)/);
    expect(cli(["show", "khong-co.txt"]).status).toBe(1);
  });

  it("report commands on the imported samples find the communes", () => {
    const units = json(["documents"], samplesDb).map((r: any) => r.unit);
    expect(units).toEqual(expect.arrayContaining(["Vĩnh Thông", "Cao Đức", "Ba Ngòi", "Đại Sơn", "Trung Thành"]));
    const m = cli(["matrix"], samplesDb);
    expect(m.status).toBe(0);
    expect(m.stdout).toMatch(/Vĩnh Thông/);
  });
});

describe("query", () => {
  it("returns JSON rows from any view, and CSV or a table on request", () => {
    const rows = json(["query", "select unit, value from v_latest_values where indicator = '3.3' order by value"]);
    expect(rows).toEqual([
      { unit: "Nha Trang", value: 55 },
      { unit: "Vĩnh Thông", value: 60 },
      { unit: "Ba Ngòi", value: 80 },
    ]);
    expect(cli(["query", "select 1 as a, 'x,y' as b", "--format", "csv"]).stdout).toBe('\uFEFFa,b\r\n1,"x,y"\r\n');
    expect(json(["query", "pragma integrity_check"])).toEqual([{ integrity_check: "ok" }]);
  });

  it("searches the text with or without tone marks", () => {
    const q = (m: string) => json(["query", `select count(*) as n from document_search where document_search match '${m}'`])[0].n;
    expect(q('text: "Bình dân"')).toBe(5);
    expect(q('text_folded: "binh dan"')).toBe(5);
  });

  it("is read-only: write statements fail and change nothing", () => {
    for (const sql of ["delete from documents", "update documents set name = 'x'", "drop table facts", "insert into meta values ('a', 'b')", "select 1; delete from documents", "attach database ':memory:' as m"]) {
      const r = cli(["query", sql]);
      expect(r.status, sql).toBe(1);
      expect(r.stdout).toBe("");
    }
    expect(cli(["query", "delete from documents"]).stderr).toMatch(/chỉ đọc/);
    // even a pragma that would change the file cannot
    expect(cli(["query", "pragma user_version = 99"]).status).toBe(1);
    const d = new Database(knownDb, { readonly: true });
    expect(d.prepare("select count(*) from documents").pluck().get()).toBe(5);
    expect(d.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    d.close();
  });

  it("fails clearly on a missing database", () => {
    const r = cli(["matrix"], join(dir, "nothing-here.db"));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Chưa có cơ sở dữ liệu/);
  });
});

describe("report text is only ever shown", () => {
  it("strips terminal control sequences from tables and keeps them out of a terminal", () => {
    const file = join(tempDir(), "esc.db");
    const db = openStore(file, { create: true });
    syncRules(db, loadRules(join(ROOT, "rules")));
    const x = build({ file: "esc.txt", unit: "Ba Ngòi", level: "phuong", province: "Khánh Hòa", period: ["2025-01-01", "2025-12-31"], values: { "3.3": { value: 42 } } });
    x.extraction.facts[0]!.quote = "\u001b[2J\u001b]0;owned\u0007 42% người dân \u202ebidi\u202c <b>trưởng thành</b>";
    new DocumentStore(db).insert({ ...x, path: "/in/esc.txt", bytes: 1, runId: null });
    db.close();
    for (const args of [["compare", "--indicator", "3.3"], ["show", "esc.txt"], ["query", "select quote from facts", "--format", "table"]]) {
      const r = runCli([...args, "--db", file]);
      expect(r.status, args.join(" ")).toBe(0);
      expect(r.stdout).not.toMatch(/[\u001b\u0007\u202e\u202c]/);
      expect(r.stdout).toContain("<b>trưởng thành</b>"); // markup is text, shown as written
    }
    // JSON keeps the text exactly (escaped by JSON itself)
    const j = JSON.parse(runCli(["compare", "--indicator", "3.3", "--format", "json", "--db", file]).stdout);
    expect(j[0].quote).toContain("\u001b[2J");
  });
});
