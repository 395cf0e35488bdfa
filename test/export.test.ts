// `tonghop export`: CSV with BOM, an XLSX Excel can open (read back with exceljs), JSON.
import { readFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRules } from "../src/rules/load.js";
import { DocumentStore, openStore, syncRules } from "../src/store/index.js";
import { ROOT, runCli, SAMPLES } from "./helpers.js";
import { build, tempDir } from "./store-helpers.js";

const dir = tempDir();
const db = join(dir, "t.db");

beforeAll(() => {
  expect(runCli(["import", SAMPLES, "--db", db, "--format", "json"]).status).toBe(0);
  // one report whose text would be a formula in a spreadsheet
  const d = openStore(db);
  syncRules(d, loadRules(join(ROOT, "rules")));
  const x = build({ file: "=cmd.txt", unit: "Nha Trang", level: "phuong", province: "Khánh Hòa", period: ["2025-01-01", "2025-12-31"], values: { "3.1": { value: 70 } } });
  x.extraction.facts[0]!.quote = '=HYPERLINK("http://example.invalid","bấm") 70%';
  new DocumentStore(d).insert({ ...x, path: "/in/=cmd.txt", bytes: 1, runId: null });
  d.close();
});

describe("export", () => {
  it("writes CSV in UTF-8 with a BOM, CRLF rows and formula-looking text neutralised", () => {
    const out = join(dir, "ma-tran.csv");
    const r = runCli(["export", "--format", "csv", "--out", out, "--db", db]);
    expect(r.status).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    expect(text.split("\r\n")[0]).toMatch(/^province,unit,level,/);
    expect(text).toContain("Vĩnh Thông");
    const facts = join(dir, "so-lieu.csv");
    expect(runCli(["export", "--format", "csv", "--sheet", "facts", "--out", facts, "--db", db]).status).toBe(0);
    const f = readFileSync(facts, "utf8");
    expect(f.startsWith("\uFEFFprovince,unit,period_end,document,")).toBe(true);
    expect(f).toContain(`"'=HYPERLINK(""http://example.invalid"",""bấm"") 70%"`);
    expect(f).not.toMatch(/,=HYPERLINK/);
  });

  it("writes an XLSX workbook with the four sheets, frozen headers and the facts' quotes", async () => {
    const out = join(dir, "tong-hop.xlsx");
    const r = runCli(["export", "--format", "xlsx", "--out", out, "--db", db, "--latest-any"]);
    expect(r.status).toBe(0);
    expect(readdirSync(dir).filter((n) => n.includes(".tmp-"))).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Ma trận chỉ tiêu", "Số liệu và trích dẫn", "Cảnh báo", "Văn bản"]);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(ws.getRow(1).font?.bold).toBe(true);
      expect(ws.getColumn(1).width).toBeGreaterThan(5);
    }
    const facts = wb.getWorksheet("Số liệu và trích dẫn")!;
    const header = (facts.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain("Trích dẫn");
    const quoteCol = header.indexOf("Trích dẫn") + 1;
    const quotes: string[] = [];
    facts.eachRow((row, i) => i > 1 && quotes.push(String(row.getCell(quoteCol).value)));
    expect(quotes.length).toBeGreaterThan(20);
    expect(quotes.some((q) => /Khoảng 60% người dân trưởng thành/.test(q))).toBe(true);
    // a report's text stays text: no formula cells anywhere
    let formulas = 0;
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void (c.type === ExcelJS.ValueType.Formula && formulas++))));
    expect(formulas).toBe(0);
    const matrix = wb.getWorksheet("Ma trận chỉ tiêu")!;
    const mh = (matrix.getRow(1).values as unknown[]).slice(1);
    expect(mh.slice(0, 4)).toEqual(["Tỉnh", "Đơn vị", "Cấp", "Kỳ"]);
    // one row per unit with values (the plan of Trung Thành holds only targets)
    const units: string[] = [];
    matrix.eachRow((row, i) => i > 1 && units.push(String(row.getCell(2).value)));
    expect(units.sort()).toEqual(["Ba Ngòi", "Cao Đức", "Nha Trang", "Vĩnh Thông", "Đại Sơn"].sort());
    // unmet targets are shaded: Nha Trang's 3.1 (70 < 85 for Khánh Hòa 2025)
    const col31 = mh.indexOf("3.1") + 1;
    let shaded: unknown = null;
    matrix.eachRow((row) => {
      if (row.getCell(2).value === "Nha Trang") shaded = (row.getCell(col31).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    });
    expect(shaded).toBe("FFF8CBAD");
    const docs = wb.getWorksheet("Văn bản")!;
    expect(docs.rowCount).toBe(7);
  });

  it("writes JSON with the matrix, facts, flags and documents", () => {
    const out = join(dir, "tong-hop.json");
    expect(runCli(["export", "--format", "json", "--out", out, "--db", db, "--province", "Khánh Hòa"]).status).toBe(0);
    const j = JSON.parse(readFileSync(out, "utf8"));
    expect(Object.keys(j)).toEqual(["schema", "exported_at", "matrix", "facts", "flags", "documents", "coverage"]);
    expect(j.documents.map((d: any) => d.unit).sort()).toEqual(["Ba Ngòi", "Nha Trang"]);
    expect(j.matrix.map((r: any) => r.unit).sort()).toEqual(["Ba Ngòi", "Nha Trang"]);
    expect(j.matrix.find((r: any) => r.unit === "Nha Trang")).toMatchObject({ values: { "3.1": 70 }, unmet: ["3.1"] });
    expect(j.facts.every((f: any) => f.province === "Khánh Hòa")).toBe(true);
  });

  it("fails without leaving a file when the target folder does not exist", () => {
    const out = join(dir, "khong-co", "x.xlsx");
    const r = runCli(["export", "--format", "xlsx", "--out", out, "--db", db]);
    expect(r.status).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});
