// What an analyst reads and hands on: tables that fit an 80-column terminal, CSV that keeps every
// status (and opens with Vietnamese regional settings), Vietnamese help and errors, one order for
// names, `extract` on a folder, `show --unit`. The CLI runs in this process (runIn).
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { collectFiles } from "../src/batch/walk.js";
import { PoolError } from "../src/batch/pool.js";
import { compareVi } from "../src/collate.js";
import { TonghopError } from "../src/errors.js";
import { ReadError } from "../src/ingest/types.js";
import { parseCsv } from "../src/query/csv.js";
import { STATUS_LABELS, STATUSES, type Status } from "../src/query/labels.js";
import { loadRules, RulesError } from "../src/rules/load.js";
import { DocumentStore, openStore, StoreError, syncRules } from "../src/store/index.js";
import { runIn } from "./cli-helpers.js";
import { FIXTURES, ROOT, SAMPLES } from "./helpers.js";
import { build, tempDir } from "./store-helpers.js";

const dir = tempDir();
const db = join(dir, "known.db");
const year: [string, string] = ["2025-01-01", "2025-12-31"];

beforeAll(() => {
  const d = openStore(db, { create: true });
  syncRules(d, loadRules(join(ROOT, "rules")));
  const store = new DocumentStore(d);
  const docs = [
    // Khánh Hòa 2025 targets from the rules: 3.1 85% → Ba Ngòi unmet, Nha Trang met; 3.3 has none
    build({ file: "ba-ngoi-2025.txt", unit: "Ba Ngòi", level: "phuong", province: "Khánh Hòa", period: year, values: { "3.1": { value: 70, page: 3 }, "3.3": { value: 80.5 } } }),
    build({ file: "nha-trang-2025.txt", unit: "Nha Trang", level: "phuong", province: "Khánh Hòa", period: year, values: { "3.1": { value: 95 }, "3.3": { value: 55 } } }),
    // a half-year report against Thái Nguyên's year target: not judged; says one target is not met
    build({ file: "vinh-thong-2026.txt", unit: "Vĩnh Thông", level: "xa", province: "Thái Nguyên", period: ["2026-01-01", "2026-06-30"], values: { "3.3": { value: 60 } }, unmetFlags: ["mo_hinh_ai"] }),
    // names whose code-point order is not their Vietnamese order
    build({ file: "binh-thanh.txt", unit: "Bình Thành", level: "xa", province: "Thái Nguyên", period: ["2026-01-01", "2026-06-30"], values: { "3.3": { value: 61 } } }),
    build({ file: "bach-thong.txt", unit: "Bạch Thông", level: "xa", province: "Thái Nguyên", period: ["2026-01-01", "2026-06-30"], values: { "3.3": { value: 62 } } }),
  ];
  for (const x of docs) store.insert({ ...x, path: join("/in", x.extraction.source.file), bytes: 10, runId: null });
  d.close();
});

const width = (l: string) => l.normalize("NFC").replace(/\p{M}/gu, "").length;

describe("every table fits the terminal", () => {
  const commands = [
    ["matrix"],
    ["matrix", "--long"],
    ["compare", "--indicator", "3.3"],
    ["flags"],
    ["documents"],
    ["show", "ba-ngoi-2025.txt"],
    ["show", "--unit", "Vĩnh Thông"],
    ["query", "select * from v_documents", "--format", "table"],
    ["coverage", "--province", "Khánh Hòa"],
    ["compare", "--indicator", "3.3", "--by-period"],
  ];
  for (const args of commands)
    it(`${args.join(" ")} at COLUMNS=80 and 60`, async () => {
      for (const cols of ["80", "60"]) {
        const r = await runIn([...args, "--db", db], { COLUMNS: cols });
        expect(r.status, r.stderr).toBe(0);
        const lines = r.stdout.split("\n");
        expect(lines.length).toBeGreaterThan(3);
        expect(lines.filter((l) => width(l) > Number(cols))).toEqual([]);
        // document names and ids are never cut: they can be pasted into `tonghop show`
        if (!args.includes("query")) expect(r.stdout).not.toMatch(/\.tx…|ba-ngoi-20…/);
      }
    });

  it("extract's summary of a report fits too", async () => {
    const r = await runIn(["extract", join(SAMPLES, "000_71c6cec35a92dd84.txt")], { COLUMNS: "80" });
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n").filter((l) => width(l) > 80)).toEqual([]);
  });

  it("a wide table keeps its columns when the terminal is wide", async () => {
    const r = await runIn(["documents", "--db", db], { COLUMNS: "200" });
    expect(r.stdout.split("\n")[0]).toMatch(/^Mã\s+Tệp\s+Loại\s+Tỉnh\s+Đơn vị/);
  });
});

describe("matrix statuses", () => {
  const statusOf = new Map(Object.entries(STATUS_LABELS).map(([k, v]) => [v, k as Status]));

  it("the long CSV keeps every status, target, gap, document and page, and reads back", async () => {
    for (const excelVn of [false, true]) {
      // each unit's latest values whatever their round, so one table holds every status
      const r = await runIn(["matrix", "--long", "--latest-any", "--format", "csv", "--db", db, ...(excelVn ? ["--excel-vn"] : [])]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.startsWith("\uFEFF")).toBe(true);
      const [head, ...rows] = parseCsv(r.stdout);
      expect(head).toEqual(["Tỉnh", "Đơn vị", "Cấp", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Kỳ báo cáo", "Giá trị", "Chỉ tiêu đặt ra", "Chênh lệch", "Đánh giá", "Loại chỉ tiêu", "Nguồn chỉ tiêu", "Mã VB", "Văn bản", "Trang", "Trích dẫn"]);
      const col = (name: string) => head!.indexOf(name);
      const get = (unit: string, code: string) => rows.find((x) => x[col("Đơn vị")] === unit && x[col("Mã chỉ tiêu")] === code)!;
      const status = (unit: string, code: string) => statusOf.get(get(unit, code)[col("Đánh giá")]!);
      expect(new Set(rows.map((x) => statusOf.get(x[col("Đánh giá")]!)))).toEqual(new Set(STATUSES));
      expect(status("Ba Ngòi", "3.1")).toBe("unmet");
      expect(status("Nha Trang", "3.1")).toBe("met");
      expect(status("Vĩnh Thông", "3.3")).toBe("not_judged");
      expect(status("Nha Trang", "3.3")).toBe("no_target");
      expect(status("Vĩnh Thông", "3.1")).toBe("not_reported");
      expect(status("Vĩnh Thông", "mo_hinh_ai")).toBe("unmet");
      const ba = get("Ba Ngòi", "3.1");
      expect([ba[col("Kỳ báo cáo")], ba[col("Giá trị")], ba[col("Chỉ tiêu đặt ra")], ba[col("Chênh lệch")], ba[col("Loại chỉ tiêu")], ba[col("Văn bản")], ba[col("Trang")]]).toEqual(["năm 2025", "70", "85", "-15", "chỉ tiêu của tỉnh", "ba-ngoi-2025.txt", "3"]);
      expect(ba[col("Trích dẫn")]).toMatch(/70%/);
      // Vietnamese regional settings: ";" between fields and a decimal comma
      expect(get("Ba Ngòi", "3.3")[col("Giá trị")]).toBe(excelVn ? "80,5" : "80.5");
      if (excelVn) expect(r.stdout.split("\r\n")[0]).toContain(";");
    }
  });

  it("the wide CSV marks each status; the summary rows count units, unmet values, sums and medians", async () => {
    const r = await runIn(["matrix", "--format", "csv", "--latest-any", "--indicators", "3.1,3.3,mo_hinh_ai", "--db", db]);
    const [head, ...rows] = parseCsv(r.stdout);
    expect(head).toEqual(["Tỉnh", "Đơn vị", "Cấp", "Kỳ báo cáo", "CBCCVC có kỹ năng số (%) [3.1]", "Người dân có kỹ năng số (%) [3.3]", "Mô hình Bình dân học AI (mô hình) [mo_hinh_ai]", "Tổ CNSCĐ (tổ)", "Thành viên (người)"]);
    const row = (unit: string) => rows.find((x) => x[1] === unit)!.slice(4, 7);
    expect(row("Ba Ngòi")).toEqual(["70*", "80.5", ""]);
    expect(row("Nha Trang")).toEqual(["95", "55", ""]);
    expect(row("Vĩnh Thông")).toEqual(["", "60?", "—*"]);
    const summary = rows.filter((x) => x[0] === "Tổng hợp");
    expect(summary.map((x) => x[1]!.replace(/ \(.*/, ""))).toEqual(["Số đơn vị báo cáo", "Số đơn vị chưa đạt chỉ tiêu", "Tổng", "Trung vị"]);
    expect(summary[0]![1]).toMatch(/trên [\d.]+ đơn vị của tỉnh/);
    expect(summary[0]!.slice(4)).toEqual(["2", "5", "1", "5", "5"]);
    expect(summary[1]!.slice(4, 7)).toEqual(["1", "0", "1"]);
    expect(summary[2]!.slice(7)).toEqual(["25", "125"]); // 5 teams of 25 members per report
    expect(summary[3]!.slice(4, 6)).toEqual(["82.5", "61"]);
  });

  it("the table writes words and marks, with a legend", async () => {
    const r = await runIn(["matrix", "--indicators", "3.1,3.3", "--period", "2025", "--db", db], { COLUMNS: "100" });
    expect(r.stdout.split("\n")[0]).toBe("Kỳ: năm 2025 (2025-01-01 → 2025-12-31)");
    expect(r.stdout).toMatch(/CBCCVC có\s/);
    expect(r.stdout).toMatch(/Ba Ngòi\s+70\*\s+80,5/);
    const h1 = await runIn(["matrix", "--indicators", "3.3", "--period", "6T-2026", "--db", db], { COLUMNS: "100" });
    expect(h1.stdout).toMatch(/Vĩnh Thông\s+60\?/);
    expect(r.stdout).toContain("3.1: CBCCVC có kỹ năng số (%) — Tỉ lệ cán bộ");
    expect(r.stdout).toContain("* chưa đạt chỉ tiêu");
  });
});

describe("Vietnamese for the analyst, codes in JSON", () => {
  it("help and option errors are in Vietnamese (English in brackets)", async () => {
    const h = await runIn(["matrix", "--help"]);
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/^Cách dùng: tonghop matrix/);
    expect(h.stdout).toContain("Tuỳ chọn:");
    expect(h.stdout.replace(/\s+/g, " ")).toContain('(chọn: "table", "csv", "json", mặc định: "table")');
    expect(h.stdout).toContain("xem hướng dẫn của lệnh");
    const top = await runIn(["--help"]);
    expect(top.stdout).toContain("Lệnh:");
    const bad = await runIn(["matrix", "--bogus"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^Lỗi: không có tuỳ chọn '--bogus' \(unknown option\)/);
    const choice = await runIn(["matrix", "--format", "xml"]);
    expect(choice.stderr).toMatch(/không nhận giá trị 'xml'; chọn một trong: table, csv, json \(invalid choice\)/);
    const missing = await runIn(["compare"]);
    expect(missing.stderr).toMatch(/thiếu tuỳ chọn bắt buộc '-i, --indicator <code>'/);
    const typo = await runIn(["matirx"]);
    expect(typo.stderr).toMatch(/không có lệnh 'matirx'[\s\S]*Có phải matrix\?/);
  });

  it("kinds of flags and issues are words in tables and CSV, codes in JSON", async () => {
    const t = await runIn(["flags", "--db", db]);
    expect(t.stdout).toContain("chưa đạt chỉ tiêu");
    const j = JSON.parse((await runIn(["flags", "--format", "json", "--db", db])).stdout);
    expect(j.map((f: { kind: string }) => f.kind)).toContain("unmet");
  });

  it("every error an analyst can act on shares one base with a code and an exit status", () => {
    for (const e of [new RulesError(["x"]), new ReadError("empty", "Tệp rỗng (empty file)"), new StoreError("Không có (missing)"), new PoolError("timeout", "quá giờ")]) {
      expect(e).toBeInstanceOf(TonghopError);
      expect(e.exitStatus).toBe(1);
      expect(typeof e.code).toBe("string");
    }
    expect(new ReadError("empty", "x").code).toBe("empty");
  });
});

describe("one order for names", () => {
  it("Vietnamese collation in every command", async () => {
    expect(["Yên Trạch", "Đồng Hỷ", "Bình Thành", "Bạch Thông", "Dương"].sort(compareVi)).toEqual(["Bạch Thông", "Bình Thành", "Dương", "Đồng Hỷ", "Yên Trạch"]);
    const order = ["Bạch Thông", "Bình Thành", "Vĩnh Thông"];
    const units = (rows: { province: string; unit: string }[]) => rows.filter((r) => r.province === "Thái Nguyên").map((r) => r.unit);
    expect(units(JSON.parse((await runIn(["documents", "--format", "json", "--db", db])).stdout))).toEqual(order);
    expect(units(JSON.parse((await runIn(["matrix", "--format", "json", "--db", db])).stdout))).toEqual(order);
    const csv = parseCsv((await runIn(["matrix", "--long", "--format", "csv", "--indicators", "3.3", "--db", db])).stdout);
    expect(csv.filter((r) => r[0] === "Thái Nguyên").map((r) => r[1])).toEqual(order);
  });
});

describe("finding a report", () => {
  it("show takes an id, a file name, or --unit NAME [--period]", async () => {
    const byUnit = JSON.parse((await runIn(["show", "--unit", "ba ngoi", "--format", "json", "--db", db])).stdout);
    expect(byUnit.document).toMatchObject({ document: "ba-ngoi-2025.txt", unit: "Ba Ngòi" });
    const byId = JSON.parse((await runIn(["show", String(byUnit.document.document_id), "--format", "json", "--db", db])).stdout);
    expect(byId.document.document).toBe("ba-ngoi-2025.txt");
    const none = await runIn(["show", "--unit", "Ba Ngòi", "--period", "2026", "--db", db]);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/Không có văn bản nào của đơn vị "Ba Ngòi" trong kỳ 2026/);
  });
});

describe("extract on a folder", () => {
  it("prints one JSON line per report found, in walk order; bad files one line each on stderr", async () => {
    // the scanned fixtures are left out: recognising them takes minutes (test/ocr.test.ts reads one page)
    const exclude = [join(FIXTURES, "scanned"), join(FIXTURES, "scanned-extra")];
    const walk = collectFiles([FIXTURES], { exclude });
    const r = await runIn(["extract", FIXTURES, "--format", "jsonl", "--jobs", "2", "--exclude", ...exclude]);
    const docs = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    const bad = r.stderr.split("\n").filter((l) => l.startsWith(FIXTURES) && !/\((repaired|converted)/.test(l) && !/TCVN3 has no/.test(l));
    expect(docs.length).toBeGreaterThan(20);
    // every file found gives a document (a .zip one per member: "archive.zip/inner/file") or a line on stderr
    for (const f of [...walk.files, ...walk.errors]) {
      const base = f.path.split("/").pop()!;
      const said = docs.some((d) => d.source.file === base || d.source.file.startsWith(base + "/")) || bad.some((l) => l.startsWith(f.path));
      expect(said, f.path).toBe(true);
    }
    expect(docs.every((d) => d.schema === "tonghop/extraction@1")).toBe(true);
    const found = walk.files.map((f) => f.path.split("/").pop());
    const names = docs.map((d) => d.source.file as string).filter((n) => !n.includes(".zip/"));
    expect(names).toEqual(found.filter((n) => names.includes(n!)));
    expect(r.status).toBe(2);
  });

  it("writes one JSON file per report with --out, or a facts table", async () => {
    const out = join(dir, "trich-xuat");
    const r = await runIn(["extract", SAMPLES, "--format", "jsonl", "--out", out, "--jobs", "1"]);
    expect(r.status, r.stderr).toBe(0);
    const { readdirSync, readFileSync } = await import("node:fs");
    expect(readdirSync(out).sort()).toEqual(readdirSync(SAMPLES).filter((n) => n.endsWith(".txt")).map((n) => n + ".json").sort());
    const csv = await runIn(["extract", SAMPLES, "--format", "csv", "--jobs", "1"]);
    const [head, ...rows] = parseCsv(csv.stdout);
    expect(head!.slice(0, 4)).toEqual(["Tỉnh", "Đơn vị", "Đến ngày", "Văn bản"]);
    expect(rows.length).toBeGreaterThan(30);
    expect(JSON.parse(readFileSync(join(out, "000_71c6cec35a92dd84.txt.json"), "utf8")).document.unit.name).toBe("Vĩnh Thông");
  });
});
