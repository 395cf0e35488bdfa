// Reporting rounds (issue 9) on real SQLite files: one round per comparison, coverage of a
// province, judgement with three states and a gap, conflicting reports, trends, and filters
// that match nothing (issue 13).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { roundOfPeriod } from "../src/extract/period.js";
import { parseRound } from "../src/query/rounds.js";
import { loadRules } from "../src/rules/load.js";
import { DocumentStore, openStore, syncRules } from "../src/store/index.js";
import { ROOT, runCli } from "./helpers.js";
import { build, tempDir, type DocSpec } from "./store-helpers.js";

const dir = tempDir("tonghop-rounds-");
const inbox = join(dir, "inbox.db");
const midYear = join(dir, "mid-year.db");

const H1: [string, string] = ["2026-01-01", "2026-06-30"];
const Q2: [string, string] = ["2026-04-01", "2026-06-30"];
const TN = { province: "Thái Nguyên", level: "xa" as const };
const KH = { province: "Khánh Hòa", level: "phuong" as const };

function write(file: string, docs: DocSpec[], edit?: (r: ReturnType<typeof loadRules>) => void): void {
  const db = openStore(file, { create: true });
  const rules = loadRules(join(ROOT, "rules"));
  edit?.(rules);
  syncRules(db, rules);
  const store = new DocumentStore(db);
  for (const spec of docs) {
    const d = build(spec);
    store.insert({ ...d, path: join("/inbox", spec.file), bytes: 10, runId: null });
  }
  db.close();
}

beforeAll(() => {
  write(inbox, [
    // Thái Nguyên, first half of 2026 (the rules' year target for 3.3 is 100)
    { ...TN, file: "ba-be-quy-2.txt", unit: "Ba Bể", period: Q2, number: "7/BC-UBND", issued_on: "2026-07-01", values: { "3.3": { value: 30 } } },
    { ...TN, file: "ba-be-6-thang.txt", unit: "Ba Bể", period: H1, number: "8/BC-UBND", issued_on: "2026-07-02", values: { "3.3": { value: 45 } } },
    { ...TN, file: "an-khanh.txt", unit: "An Khánh", period: H1, number: "10/BC-UBND", issued_on: "2026-07-01", values: { "3.3": { value: 60 }, "3.1": { value: 90 } } },
    // the same report corrected and sent again without its date: the one stored last counts
    { ...TN, file: "an-khanh-sua.txt", unit: "An Khánh", period: H1, number: "10/BC-UBND", issued_on: null, values: { "3.3": { value: 67 }, "3.1": { value: 90 } } },
    // two dated reports: the later issue date counts, although stored first
    { ...TN, file: "bach-thong-moi.txt", unit: "Bạch Thông", period: H1, number: "12/BC-UBND", issued_on: "2026-07-05", values: { "3.3": { value: 80 } } },
    { ...TN, file: "bach-thong-cu.txt", unit: "Bạch Thông", period: H1, number: "11/BC-UBND", issued_on: "2026-07-03", values: { "3.3": { value: 70 } } },
    // a quarter-only report ending on the same day as the six-month round
    { ...TN, file: "bac-kan-quy-2.txt", unit: "Bắc Kạn", level: "phuong", period: Q2, number: "3/BC-UBND", issued_on: "2026-07-01", values: { "3.3": { value: 40 } }, issues: [{ kind: "missing_number", message: "Không thấy số văn bản" }] },
    // Khánh Hòa 2025 (rules: 3.1 85): Ba Ngòi's own plan sets 60
    { ...KH, file: "ke-hoach-ba-ngoi.txt", kind: "plan", unit: "Ba Ngòi", period: ["2025-01-01", "2025-12-31"], values: { "3.1": { value: 60, role: "target" } } },
    { ...KH, file: "ba-ngoi-2025.txt", unit: "Ba Ngòi", period: ["2025-01-01", "2025-12-31"], issued_on: "2025-12-20", values: { "3.1": { value: 70 } } },
    { ...KH, file: "nha-trang-2025.txt", unit: "Nha Trang", period: ["2025-01-01", "2025-12-31"], issued_on: "2025-12-22", values: { "3.1": { value: 70 } } },
    // Nha Trang through 2026: quý I, 6 tháng, quý III alone, 9 tháng
    { ...KH, file: "nha-trang-q1.txt", unit: "Nha Trang", period: ["2026-01-01", "2026-03-31"], issued_on: "2026-04-02", values: { "3.3": { value: 20 } } },
    { ...KH, file: "nha-trang-6t.txt", unit: "Nha Trang", period: H1, issued_on: "2026-07-02", values: { "3.3": { value: 50 } } },
    { ...KH, file: "nha-trang-q3.txt", unit: "Nha Trang", period: ["2026-07-01", "2026-09-30"], issued_on: "2026-10-01", values: { "3.3": { value: 99 } } },
    { ...KH, file: "nha-trang-9t.txt", unit: "Nha Trang", period: ["2026-01-01", "2026-09-30"], issued_on: "2026-10-02", values: { "3.3": { value: 70 } } },
  ]);
  // a mid-year target published for the six-month round (months: 6 in rules/targets.yaml)
  write(midYear, [{ ...TN, file: "an-khanh.txt", unit: "An Khánh", period: H1, issued_on: "2026-07-01", values: { "3.3": { value: 45 } } }], (r) => {
    r.targets.push({ province: "Thái Nguyên", year: 2026, months: 6, source: "Kế hoạch 6 tháng đầu năm 2026", values: { "3.3": 50 } });
  });
});

function cli(args: string[], db = inbox) {
  return runCli([...args, "--db", db]);
}
function json(args: string[], db = inbox): any {
  const r = cli([...args, "--format", "json"], db);
  expect(r.stderr, args.join(" ")).toBe("");
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

describe("rounds as analysts write them", () => {
  it("reads --period in every usual form and says it back the analysts' way", () => {
    const said = (s: string) => { const r = parseRound(s); return [r.kind, r.start, r.end, r.label]; };
    expect(said("2026")).toEqual(["year", "2026-01-01", "2026-12-31", "năm 2026"]);
    for (const s of ["6T-2026", "6t/2026", "6 tháng 2026", "6 tháng đầu năm 2026"]) expect(said(s), s).toEqual(["six_months", "2026-01-01", "2026-06-30", "6 tháng đầu năm 2026"]);
    for (const s of ["Q2-2026", "quý II/2026", "Quý 2 năm 2026"]) expect(said(s), s).toEqual(["quarter", "2026-04-01", "2026-06-30", "quý II năm 2026"]);
    expect(said("9T-2026")).toEqual(["nine_months", "2026-01-01", "2026-09-30", "9 tháng đầu năm 2026"]);
    expect(said("2026-06")).toEqual(["month", "2026-06-01", "2026-06-30", "tháng 6 năm 2026"]);
    expect(said("2025-08-07..2026-05-31")).toEqual(["range", "2025-08-07", "2026-05-31", "từ 07/08/2025 đến 31/05/2026"]);
    expect(said("2025-2026")).toEqual(["multi_year", "2025-01-01", "2026-12-31", "giai đoạn 2025–2026"]);
    for (const bad of ["2026-13", "quý V/2026", "tháng 6", "13T-2026", "2026-02-30..2026-03-01"]) expect(() => parseRound(bad), bad).toThrow(/--period/);
  });

  it("gives a period its kind and whether it runs from 1 January", () => {
    expect(roundOfPeriod({ start: "2026-04-01", end: "2026-06-30" })).toEqual({ kind: "quarter", start: "2026-04-01", end: "2026-06-30", cumulative: false });
    expect(roundOfPeriod({ start: "2026-01-01", end: "2026-06-30" })).toMatchObject({ kind: "six_months", cumulative: true });
    expect(roundOfPeriod({ start: "2026-07-01", end: "2026-12-31" })).toMatchObject({ kind: "six_months", cumulative: false });
    expect(roundOfPeriod({ start: "2026-01-01", end: "2026-03-31" })).toMatchObject({ kind: "quarter", cumulative: true });
    expect(roundOfPeriod({ start: "2025-08-07", end: "2026-05-31" })).toMatchObject({ kind: "range", cumulative: false });
    expect(roundOfPeriod(null)).toBeNull();
  });
});

describe("one round per comparison", () => {
  it("takes the latest round with reports; a quarter-only report never stands in for the six-month one", () => {
    const rows = json(["matrix", "--province", "Thái Nguyên"]);
    expect(rows.map((r: any) => [r.unit, r.round, r.values["3.3"]])).toEqual([
      ["An Khánh", "6 tháng đầu năm 2026", 67],
      ["Ba Bể", "6 tháng đầu năm 2026", 45],
      ["Bạch Thông", "6 tháng đầu năm 2026", 80],
    ]);
    const q2 = json(["compare", "--indicator", "3.3", "--province", "Thái Nguyên", "--period", "quý II/2026"]);
    expect(q2.map((r: any) => [r.unit, r.value, r.round, r.document])).toEqual([
      ["Ba Bể", 30, "quý II năm 2026", "ba-be-quy-2.txt"],
      ["Bắc Kạn", 40, "quý II năm 2026", "bac-kan-quy-2.txt"],
    ]);
    // --latest-any: each unit's latest, the round given per value
    const any = json(["compare", "--indicator", "3.3", "--province", "Thái Nguyên", "--latest-any"]);
    expect(any.find((r: any) => r.unit === "Bắc Kạn")).toMatchObject({ value: 40, round: "quý II năm 2026" });
  });

  it("lists every unit of the province with the missing ones marked (matrix --all-units, coverage)", () => {
    const all = json(["matrix", "--province", "Thái Nguyên", "--all-units"]);
    const units = json(["query", "select count(*) as n from units where province_code = '19'"])[0].n;
    expect(units).toBeGreaterThan(50);
    expect(all).toHaveLength(units);
    expect(all.find((r: any) => r.unit === "Bắc Kạn")).toMatchObject({ status: "not_reported", values: {}, document_id: null });
    expect(all.filter((r: any) => r.status === "reported").map((r: any) => r.unit)).toEqual(["An Khánh", "Ba Bể", "Bạch Thông"]);
    const t = cli(["matrix", "--province", "Thái Nguyên", "--all-units", "--indicators", "3.3"]);
    expect(t.stdout).toMatch(/Bắc Kạn\s+chưa báo cáo/);

    const c = json(["coverage", "--province", "thai nguyen", "--period", "6T-2026"]);
    expect(c).toMatchObject({ province: "Thái Nguyên", province_code: "19", units, reported: 3, planned: 0 });
    expect(c.round).toEqual({ kind: "six_months", start: "2026-01-01", end: "2026-06-30", cumulative: true, label: "6 tháng đầu năm 2026", key: "2026-01-01..2026-06-30" });
    expect(c.missing).toHaveLength(units - 3);
    expect(c.missing).toContainEqual({ code: expect.any(String), name: "Bắc Kạn", level: "phuong" });
    expect(c.documents.filter((d: any) => d.unit === "An Khánh").map((d: any) => [d.document, d.counts])).toEqual([["an-khanh.txt", false], ["an-khanh-sua.txt", true]]);
    const table = cli(["coverage", "--province", "Thái Nguyên"]).stdout;
    expect(table).toMatch(/^Thái Nguyên — 6 tháng đầu năm 2026/);
    expect(table).toContain(`Đơn vị: ${units}; đã báo cáo: 3; chưa báo cáo: ${units - 3}`);
    const csv = cli(["coverage", "--province", "Thái Nguyên", "--format", "csv"]).stdout;
    expect(csv.split("\r\n")[1]).toMatch(/not_reported/);
  });
});

describe("judgement: met, unmet, not judged, no target, with the gap and where the target comes from", () => {
  it("does not judge a mid-year value against a year target unless asked (prorata or year)", () => {
    const q = (extra: string[]) => json(["compare", "--indicator", "3.3", "--province", "Thái Nguyên", ...extra]).map((r: any) => [r.unit, r.status, r.target, r.gap]);
    expect(q([])).toEqual([
      ["Ba Bể", "not_judged", 100, null],
      ["An Khánh", "not_judged", 100, null],
      ["Bạch Thông", "not_judged", 100, null],
    ]);
    expect(q(["--judge", "prorata"])).toEqual([
      ["Ba Bể", "unmet", 50, -5],
      ["An Khánh", "met", 50, 17],
      ["Bạch Thông", "met", 50, 30],
    ]);
    expect(json(["compare", "--indicator", "3.3", "--province", "Thái Nguyên", "--judge", "prorata"])[0]).toMatchObject({ target_year: 100, target_source: "province_rule" });
    expect(q(["--judge", "year"]).map((r: any[]) => [r[1], r[3]])).toEqual([["unmet", -55], ["unmet", -33], ["unmet", -20]]);
    expect(q(["--judge", "off"]).every((r: any[]) => r[1] === "not_judged")).toBe(true);
    // no target published for 3.1 in Thái Nguyên? there is (100); for a code without one: no_target
    expect(json(["compare", "--indicator", "3.2", "--province", "Thái Nguyên"])).toEqual([]);
  });

  it("judges a mid-year round against a target set for that round in the rules", () => {
    const [r] = json(["compare", "--indicator", "3.3"], midYear);
    expect(r).toMatchObject({ unit: "An Khánh", status: "unmet", target: 50, gap: -5, target_source: "province_rule" });
  });

  it("lets a commune's own plan override the province rule", () => {
    const rows = json(["compare", "--indicator", "3.1", "--province", "Khánh Hòa", "--period", "2025"]);
    expect(rows.map((r: any) => [r.unit, r.value, r.target, r.target_source, r.status, r.gap])).toEqual([
      ["Nha Trang", 70, 85, "province_rule", "unmet", -15],
      ["Ba Ngòi", 70, 60, "unit_plan", "met", 10],
    ]);
    const m = json(["matrix", "--province", "Khánh Hòa", "--period", "2025"]);
    expect(m.find((r: any) => r.unit === "Ba Ngòi").cells["3.1"]).toMatchObject({ status: "met", target: 60, target_source: "unit_plan", gap: 10, fact_id: "f1" });
  });
});

describe("conflicting reports", () => {
  it("flags two reports of one unit and round that disagree, naming both files, and says which counts", () => {
    const rows = json(["flags", "--province", "Thái Nguyên", "--kind", "conflicting_reports"]);
    expect(rows.map((r: any) => [r.unit, r.document, r.group])).toEqual([
      ["An Khánh", "an-khanh-sua.txt", "quality"],
      ["Bạch Thông", "bach-thong-moi.txt", "quality"],
    ]);
    expect(rows[0].message).toMatch(/an-khanh-sua\.txt \(3\.3: 67\) khác an-khanh\.txt \(3\.3: 60\); tính theo an-khanh-sua\.txt \(lưu sau cùng\)/);
    expect(rows[1].message).toMatch(/bach-thong-moi\.txt \(3\.3: 80\) khác bach-thong-cu\.txt \(3\.3: 70\); tính theo bach-thong-moi\.txt \(ngày ban hành muộn hơn\)/);
    const c = json(["compare", "--indicator", "3.3", "--province", "Thái Nguyên"]);
    expect(c.find((r: any) => r.unit === "An Khánh").conflicting_reports).toEqual(["an-khanh.txt"]);
    // 3.1 is the same in both: not a conflict for that indicator
    expect(json(["compare", "--indicator", "3.1", "--province", "Thái Nguyên"])[0].conflicting_reports).toEqual([]);
  });
});

describe("flags in two groups, filtered", () => {
  it("puts unmet targets apart from data-quality notes and filters by kind, indicator and latest report", () => {
    const rows = json(["flags", "--province", "Thái Nguyên", "--period", "Q2-2026", "--judge", "year"]);
    expect(rows.map((r: any) => [r.group, r.kind, r.unit])).toEqual([
      ["target", "unmet", "Ba Bể"],
      ["target", "unmet", "Bắc Kạn"],
      ["quality", "missing_number", "Bắc Kạn"],
    ]);
    expect(json(["flags", "--province", "Thái Nguyên", "--judge", "prorata", "--kind", "unmet", "--indicator", "3.3"]).map((r: any) => [r.unit, r.gap])).toEqual([["Ba Bể", -5]]);
    // --latest: only the report that counts, so no conflict with the one it replaced
    expect(json(["flags", "--province", "Thái Nguyên", "--latest", "--kind", "unmet,missing_number"])).toEqual([]);
    const t = cli(["flags", "--province", "Thái Nguyên", "--period", "Q2-2026", "--judge", "year"]).stdout;
    expect(t).toMatch(/^Chưa đạt chỉ tiêu \(2\)\n/);
    expect(t).toMatch(/\nChất lượng dữ liệu \(1\)\n/);
    const bad = cli(["flags", "--kind", "unmett"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/Không có loại cảnh báo “unmett”; có phải “unmet”\?/);
  });
});

describe("trends", () => {
  it("compare --by-period: units × rounds from 1 January with the change between rounds", () => {
    const t = json(["compare", "--indicator", "3.3", "--province", "Khánh Hòa", "--by-period"]);
    expect(t.rounds.map((r: any) => r.label)).toEqual(["quý I năm 2026", "6 tháng đầu năm 2026", "9 tháng đầu năm 2026"]);
    const nt = t.rows.find((r: any) => r.unit === "Nha Trang");
    expect(Object.values(nt.values)).toEqual([20, 50, 70]); // quý III alone (99) is not a point
    expect(Object.values(nt.change)).toEqual([null, 30, 20]);
    const table = cli(["compare", "--indicator", "3.3", "--province", "Khánh Hòa", "--by-period", "--format", "csv"]).stdout;
    expect(table.split("\r\n")[1]).toBe("Khánh Hòa,Nha Trang,phuong,20,50,30,70,20");
  });

  it("export puts the trend and the coverage in the workbook", () => {
    const out = join(dir, "tn.json");
    expect(cli(["export", "--format", "json", "--out", out, "--province", "Khánh Hòa", "--indicator", "3.3", "--period", "6T-2026"]).status).toBe(0);
    const j = JSON.parse(readFileSync(out, "utf8"));
    expect(Object.keys(j)).toEqual(["schema", "exported_at", "matrix", "facts", "flags", "documents", "trend", "coverage"]);
    expect(j.matrix.map((r: any) => [r.unit, r.round])).toEqual([["Nha Trang", "6 tháng đầu năm 2026"]]);
    expect(j.trend[0]).toMatchObject({ unit: "Nha Trang", "2026-01-01..2026-06-30": 50 });
    expect(j.coverage.find((r: any) => r.unit === "Nha Trang")).toMatchObject({ status: "reported", document: "nha-trang-6t.txt" });
    expect(j.coverage[0].status).toBe("not_reported");
  });
});

describe("filters that match nothing", () => {
  it("names what matched nothing, suggests the nearest province, exits 1 and writes no file", () => {
    const r = cli(["matrix", "--province", "Thai Ngyen"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Không có tỉnh “Thai Ngyen”; có phải “Thái Nguyên”?");
    const out = join(dir, "khong.xlsx");
    const e = cli(["export", "--format", "xlsx", "--out", out, "--province", "Thai Ngyen"]);
    expect(e.status).toBe(1);
    expect(existsSync(out)).toBe(false);
    const p = cli(["compare", "--indicator", "3.3", "--period", "2026-13"]);
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(/Kỳ báo cáo không hợp lệ/);
    const none = cli(["matrix", "--period", "2027"]);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/Không có báo cáo nào cho kỳ năm 2027 .*6 tháng đầu năm 2026 \(4 đơn vị\)/);
    const empty = cli(["compare", "--indicator", "3.3", "--province", "Lai Châu"]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/Chưa có báo cáo nào của tỉnh “Lai Châu”/);
  });
});
