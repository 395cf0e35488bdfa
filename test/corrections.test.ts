// The analyst's corrections (issue 9 point 5) and reports naming units as they were before the
// 1 July 2025 reorganisation (point 6), on real report texts imported into real SQLite files.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";
import { tempDir } from "./store-helpers.js";

function q<T = Record<string, unknown>>(db: string, sql: string, ...params: unknown[]): T[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).all(...params) as T[];
  } finally {
    d.close();
  }
}

function cli(db: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = runCli([...args, "--db", db]);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json<T>(db: string, args: string[]): T {
  const r = cli(db, [...args, "--format", "json"]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

// A commune name found in three provinces today (Phú Thọ, Ninh Bình, Đồng Nai); the reports name none.
function thanhSon(number: string, day: number, value: number): string {
  return [
    "UBND XÃ THANH SƠN",
    `Số: ${number}/BC-UBND                Thanh Sơn, ngày ${day} tháng 7 năm 2026`,
    "BÁO CÁO",
    "Kết quả thực hiện Phong trào “Bình dân học vụ số” 6 tháng đầu năm 2026",
    "Ủy ban nhân dân xã Thanh Sơn báo cáo kết quả như sau:",
    `- Tỷ lệ người dân trưởng thành có kỹ năng số cơ bản đạt ${value}%.`,
    "- Tỷ lệ cán bộ, công chức có kỹ năng số đạt 100%.",
    "",
  ].join("\n");
}

const PHU_THO = "25";
const NINH_BINH = "37";

// One inbox, corrected step by step (the steps share the database, in order).
describe("corrections", () => {
  const dir = tempDir();
  const inbox = join(dir, "hop-thu");
  const db = join(dir, "t.db");
  const docs = () =>
    q<{ id: number; name: string; province_code: string | null; unit_code: string | null }>(db, "SELECT id, name, province_code, unit_code FROM v_documents ORDER BY name");
  const idOf = (name: string) => q<{ id: number }>(db, "SELECT id FROM documents WHERE name = ?", name)[0]!.id;
  const compare = () => json<{ value: number; document: string }[]>(db, ["compare", "--indicator", "3.3"]);

  it("places an ambiguous unit with import --province, also for files already stored", () => {
    mkdirSync(inbox);
    writeFileSync(join(inbox, "thanh-son-lan-1.txt"), thanhSon("45", 2, 64));
    writeFileSync(join(inbox, "thanh-son-sua.txt"), thanhSon("46", 1, 67)); // the corrected figures, dated a day earlier
    writeFileSync(join(inbox, "thanh-son-nham.txt"), thanhSon("47", 3, 12)); // sent by mistake

    // without a province: ambiguous, in no province
    expect(cli(db, ["import", inbox, "--jobs", "1"]).status).toBe(0);
    expect(docs().every((d) => d.province_code === null && d.unit_code === null)).toBe(true);
    expect(q(db, "SELECT DISTINCT kind FROM issues WHERE kind LIKE '%unit'")).toEqual([{ kind: "ambiguous_unit" }]);

    // the same inbox again with its province: nothing new stored, every report placed in Phú Thọ
    const again = json<{ imported: number; skipped: number }>(db, ["import", inbox, "--jobs", "1", "--province", "Phú Thọ"]);
    expect(again).toMatchObject({ imported: 0, skipped: 3 });
    expect(docs().map((d) => [d.province_code, d.unit_code])).toEqual(Array(3).fill([PHU_THO, "08542"]));
    expect(q(db, "SELECT kind FROM issues WHERE kind LIKE '%unit'")).toEqual([]);
  });

  it("set: another province places the same name there; period and kind", () => {
    const set = json<{ document: Record<string, unknown>; changes: { action: string; field: string; new_value: string }[] }>(db, [
      "set", "thanh-son-sua.txt", "--province", "Ninh Bình",
    ]);
    expect(set.document).toMatchObject({ province: "Ninh Bình", unit: "Thanh Sơn", unit_code: "14434" });
    expect(set.changes).toEqual([expect.objectContaining({ action: "set", field: "province", new_value: NINH_BINH })]);
    // …and back, with its period and kind written out
    json(db, ["set", "thanh-son-sua.txt", "--province", "Phú Thọ", "--period", "6T-2026", "--kind", "report"]);
    expect(q(db, "SELECT province_code, unit_code, period_start, period_end FROM v_documents WHERE name = 'thanh-son-sua.txt'")).toEqual([
      { province_code: PHU_THO, unit_code: "08542", period_start: "2026-01-01", period_end: "2026-06-30" },
    ]);
  });

  it("remove: gone from every query, listed by documents --removed and shown by show", () => {
    expect(cli(db, ["remove", "thanh-son-nham.txt"]).status).toBe(0);
    const sent = json<{ document: string }[]>(db, ["documents"]).map((d) => d.document);
    expect(sent).not.toContain("thanh-son-nham.txt");
    expect(json<{ document: string; removed: boolean }[]>(db, ["documents", "--removed"])).toEqual([
      expect.objectContaining({ document: "thanh-son-nham.txt", removed: true }),
    ]);
    const shown = json<{ document: { removed: boolean }; history: { action: string }[] }>(db, ["show", "thanh-son-nham.txt"]);
    expect(shown.document.removed).toBe(true);
    expect(shown.history.map((h) => h.action)).toEqual(["default_province", "remove"]);
    // the report issued last counts by default (the removed one, issued later still, is left out)
    expect(compare()).toEqual([expect.objectContaining({ value: 64, document: "thanh-son-lan-1.txt" })]);

  });

  it("choose: the corrected report counts for its unit and round, whatever the dates", () => {
    expect(cli(db, ["choose", "thanh-son-sua.txt"]).status).toBe(0);
    expect(compare()).toEqual([expect.objectContaining({ value: 67, document: "thanh-son-sua.txt" })]);
  });

  it("reextract --all keeps every correction; restore", () => {
    expect(cli(db, ["reextract", "--all"]).status).toBe(0);
    expect(docs().map((d) => [d.name, d.province_code, d.unit_code])).toEqual([
      ["thanh-son-lan-1.txt", PHU_THO, "08542"],
      ["thanh-son-sua.txt", PHU_THO, "08542"],
    ]);
    expect(q(db, "SELECT kind FROM issues WHERE kind LIKE '%unit'")).toEqual([]);
    expect(compare()).toEqual([expect.objectContaining({ value: 67, document: "thanh-son-sua.txt" })]);
    expect(q(db, "SELECT period_end, kind FROM v_documents WHERE name = 'thanh-son-sua.txt'")).toEqual([{ period_end: "2026-06-30", kind: "report" }]);

    // restore brings it back (its own values, in Phú Thọ)
    expect(cli(db, ["restore", String(idOf("thanh-son-nham.txt"))]).status).toBe(0);
    expect(docs()).toHaveLength(3);
    expect(q(db, "SELECT unit_code FROM v_documents WHERE name = 'thanh-son-nham.txt'")).toEqual([{ unit_code: "08542" }]);
  });

  it("records every change with its time in correction_log", () => {
    const log = q<{ document: string; action: string; field: string | null; old_value: string | null; new_value: string | null; at: string }>(
      db,
      "SELECT d.name AS document, l.action, l.field, l.old_value, l.new_value, l.at FROM correction_log l JOIN documents d ON d.id = l.document_id ORDER BY l.id",
    );
    expect(log.filter((l) => l.action === "default_province")).toHaveLength(3);
    expect(log.filter((l) => l.action !== "default_province").map((l) => [l.document, l.action, l.field, l.new_value])).toEqual([
      ["thanh-son-sua.txt", "set", "province", NINH_BINH],
      ["thanh-son-sua.txt", "set", "province", PHU_THO],
      ["thanh-son-sua.txt", "set", "period", "2026-01-01..2026-06-30"],
      ["thanh-son-sua.txt", "set", "kind", "report"],
      ["thanh-son-nham.txt", "remove", null, "1"],
      ["thanh-son-sua.txt", "choose", null, "1"],
      ["thanh-son-nham.txt", "restore", null, "0"],
    ]);
    for (const l of log) expect(l.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(q<{ user_version: number }>(db, "PRAGMA user_version")[0]!.user_version).toBeGreaterThanOrEqual(3);
  });

});

describe("corrections refused", () => {
  const dir = tempDir();
  const file = join(dir, "a.txt");
  const db = join(dir, "t.db");
  const bad = (args: string[], message: RegExp) => {
    const r = cli(db, args);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
  };

  it("refuses a bad set with one clear line and exit 1", () => {
    writeFileSync(file, thanhSon("45", 2, 64));
    expect(cli(db, ["import", file, "--jobs", "1"]).status).toBe(0);
    bad(["set", "a.txt", "--province", "Atlantis"], /unknown province/);
    bad(["set", "a.txt", "--period", "mùa xuân"], /bad period/);
    bad(["set", "a.txt"], /nothing to set/);
  });

  it("refuses an ambiguous unit, a missing document and an unknown import province; nothing logged", () => {
    bad(["set", "a.txt", "--unit", "Thanh Sơn"], /ambiguous unit/);
    bad(["remove", "khong-co.txt"], /document not found/);
    bad(["import", file, "--province", "Atlantis"], /unknown province/);
    expect(q(db, "SELECT count(*) AS n FROM correction_log")).toEqual([{ n: 0 }]);
  });
});

// Reports written before 1 July 2025: xã Thanh Sơn and xã Nam Sơn (huyện Ba Chẽ, Quảng Ninh) are
// now part of xã Ba Chẽ; two old communes named Đồng Tiến in the former province of Bắc Giang
// (huyện Hiệp Hòa and huyện Yên Thế) are now in xã Hoàng Vân and xã Xuân Lương of Bắc Ninh.
function oldReport(unit: string, district: string, province: string, value: number): string {
  return [
    `UBND XÃ ${unit.toUpperCase()}                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`,
    `Số: 21/BC-UBND                     ${unit}, ngày 10 tháng 6 năm 2025`,
    "BÁO CÁO",
    "Kết quả thực hiện Phong trào “Bình dân học vụ số” 6 tháng đầu năm 2025",
    `Thực hiện Kế hoạch của UBND huyện ${district}, tỉnh ${province}, Ủy ban nhân dân xã ${unit} báo cáo như sau:`,
    `- Tỷ lệ người dân trưởng thành có kỹ năng số cơ bản đạt ${value}%.`,
    `Trên đây là báo cáo của UBND xã ${unit}.`,
    "",
  ].join("\n");
}

describe("units named as before 1 July 2025", () => {
  const dir = tempDir();
  const inbox = join(dir, "2025");
  const db = join(dir, "t.db");

  it("maps old communes to the unit they belong to now: merged ones as partial, same names by district, unplaceable ones never borrowed", () => {
    mkdirSync(inbox);
    writeFileSync(join(inbox, "thanh-son.txt"), oldReport("Thanh Sơn", "Ba Chẽ", "Quảng Ninh", 52));
    writeFileSync(join(inbox, "nam-son.txt"), oldReport("Nam Sơn", "Ba Chẽ", "Quảng Ninh", 47));
    writeFileSync(join(inbox, "dong-tien-hiep-hoa.txt"), oldReport("Đồng Tiến", "Hiệp Hòa", "Bắc Giang", 61));
    writeFileSync(join(inbox, "dong-tien-yen-the.txt"), oldReport("Đồng Tiến", "Yên Thế", "Bắc Giang", 58));
    writeFileSync(join(inbox, "dong-tien-luc-ngan.txt"), oldReport("Đồng Tiến", "Lục Ngạn", "Bắc Giang", 40)); // no Đồng Tiến there
    expect(cli(db, ["import", inbox, "--jobs", "1"]).status).toBe(0);

    const docs = json<Record<string, unknown>[]>(db, ["documents"]);
    const byName = new Map(docs.map((d) => [d.document as string, d]));
    // two old communes, one new unit: compared as xã Ba Chẽ, each a partial report keeping its own name
    for (const [file, old] of [["thanh-son.txt", "Thanh Sơn"], ["nam-son.txt", "Nam Sơn"]] as const) {
      // (the same number and dates: still two reports, not copies of one)
      expect(byName.get(file)).toMatchObject({ province: "Quảng Ninh", unit: "Ba Chẽ", partial: true, former_unit: `${old} (Ba Chẽ, Quảng Ninh)`, duplicate_of: null });
      expect(byName.get(file)!.merged_from).toEqual(expect.arrayContaining(["Thanh Sơn", "Nam Sơn", "Ba Chẽ"]));
    }
    expect(q(db, "SELECT DISTINCT unit_code, unit_key, unit_as_written FROM v_documents WHERE unit = 'Ba Chẽ' ORDER BY 3")).toEqual([
      { unit_code: "06978", unit_key: "06978", unit_as_written: "Nam Sơn" },
      { unit_code: "06978", unit_key: "06978", unit_as_written: "Thanh Sơn" },
    ]);
    // the district the text names decides between the two Đồng Tiến of Bắc Giang
    expect(byName.get("dong-tien-hiep-hoa.txt")).toMatchObject({ province: "Bắc Ninh", unit: "Hoàng Vân", former_unit: "Đồng Tiến (Hiệp Hòa, Bắc Giang)" });
    expect(byName.get("dong-tien-yen-the.txt")).toMatchObject({ province: "Bắc Ninh", unit: "Xuân Lương", former_unit: "Đồng Tiến (Yên Thế, Bắc Giang)" });
    // no Đồng Tiến in huyện Lục Ngạn: unknown_unit, never the Đồng Tiến of Thanh Hóa or Hà Tĩnh
    expect(byName.get("dong-tien-luc-ngan.txt")).toMatchObject({ unit: "Đồng Tiến", former_unit: null, partial: false });
  });

  it("shows the old name, raises unknown_unit for the unplaceable one and compares by the new unit", () => {
    const shown = json<{ document: Record<string, unknown> }>(db, ["show", "nam-son.txt"]).document;
    expect(shown).toMatchObject({ unit: "Ba Chẽ", unit_code: "06978", unit_as_written: "Nam Sơn", district: "Ba Chẽ", partial: true });

    // no Đồng Tiến in huyện Lục Ngạn: unknown_unit, never the Đồng Tiến of Thanh Hóa or Hà Tĩnh
    expect(q(db, "SELECT unit_code FROM v_documents WHERE name = 'dong-tien-luc-ngan.txt'")).toEqual([{ unit_code: null }]);
    const flags = json<{ kind: string; document: string; message: string }[]>(db, ["flags"]).filter((f) => f.kind.endsWith("_unit"));
    expect(flags).toEqual([expect.objectContaining({ kind: "unknown_unit", document: "dong-tien-luc-ngan.txt" })]);
    expect(flags[0]!.message).toMatch(/Lục Ngạn/);

    // coverage: reports of two of the former communes merged into xã Ba Chẽ are partial coverage of it, not a report
    const cov = json<{ reported: number; partial: { code: string; former_units: string[] }[]; missing: { code: string }[] }>(db, ["coverage", "--province", "Quảng Ninh"]);
    expect(cov.partial).toEqual([expect.objectContaining({ code: "06978", former_units: expect.arrayContaining([expect.stringMatching(/^Thanh Sơn/), expect.stringMatching(/^Nam Sơn/)]) })]);
    expect(cov.missing.map((m) => m.code)).not.toContain("06978");
    expect(cov.reported).toBe(0);

    // the comparison is by the new unit: one row for xã Ba Chẽ
    const rows = json<{ unit: string }[]>(db, ["compare", "--indicator", "3.3"]);
    expect(rows.filter((r) => r.unit === "Ba Chẽ")).toHaveLength(1);
    // and the former units are in the database for any query
    expect(q(db, "SELECT name, district FROM former_units WHERE new_code = '06978' ORDER BY name")).toEqual(
      expect.arrayContaining([{ name: "Nam Sơn", district: "Ba Chẽ" }, { name: "Thanh Sơn", district: "Ba Chẽ" }]),
    );
  });
});
