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
    expect(text.split("\r\n")[0]).toMatch(/^Tỉnh,Đơn vị,Cấp,Kỳ báo cáo,/);
    expect(text).toContain("Vĩnh Thông");
    const facts = join(dir, "so-lieu.csv");
    // the facts of the reports of one round: the year 2025 holds the formula-looking one
    expect(runCli(["export", "--format", "csv", "--sheet", "facts", "--out", facts, "--db", db, "--period", "2025"]).status).toBe(0);
    const f = readFileSync(facts, "utf8");
    expect(f.startsWith("\uFEFFTỉnh,Đơn vị,Đến ngày,Mã VB,Văn bản,")).toBe(true);
    expect(f).toContain(`"'=HYPERLINK(""http://example.invalid"",""bấm"") 70%"`);
    expect(f).not.toMatch(/,=HYPERLINK/);
  });

  it("writes an XLSX workbook: legend, panes frozen at the first value, real dates, links to the facts, Vietnamese labels", async () => {
    const out = join(dir, "tong-hop.xlsx");
    const r = runCli(["export", "--format", "xlsx", "--out", out, "--db", db, "--latest-any"]);
    expect(r.status).toBe(0);
    expect(readdirSync(dir).filter((n) => n.includes(".tmp-"))).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Ma trận chỉ tiêu", "Đơn vị × chỉ tiêu", "Số liệu và trích dẫn", "Cảnh báo", "Văn bản", "Chú giải"]);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(ws.getRow(1).font?.bold).toBe(true);
      expect(ws.getColumn(1).width).toBeGreaterThan(5);
      expect(ws.pageSetup).toMatchObject({ orientation: "landscape", printTitlesRow: "1:1" });
    }
    const facts = wb.getWorksheet("Số liệu và trích dẫn")!;
    const header = (facts.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain("Trích dẫn");
    const quoteCol = header.indexOf("Trích dẫn") + 1;
    const quotes: string[] = [];
    facts.eachRow((row, i) => i > 1 && quotes.push(String(row.getCell(quoteCol).value)));
    expect(quotes.length).toBeGreaterThan(20);
    expect(quotes.some((q) => /Khoảng 60% người dân trưởng thành/.test(q))).toBe(true);
    // a report's text stays text: the only formulas are the matrix's links to its facts
    let formulas = 0;
    wb.eachSheet((ws) => ws.name !== "Ma trận chỉ tiêu" && ws.eachRow((row) => row.eachCell((c) => void (c.type === ExcelJS.ValueType.Formula && formulas++))));
    expect(formulas).toBe(0);
    const matrix = wb.getWorksheet("Ma trận chỉ tiêu")!;
    // the unit's name stays in view: panes frozen at the first value (E2)
    expect(matrix.views[0]).toMatchObject({ xSplit: 4, ySplit: 1, topLeftCell: "E2" });
    expect(matrix.pageSetup.printTitlesColumn).toBe("A:D");
    const mh = (matrix.getRow(1).values as unknown[]).slice(1);
    expect(mh.slice(0, 4)).toEqual(["Tỉnh", "Đơn vị", "Cấp", "Kỳ báo cáo"]);
    // Vietnamese labels with units, no codes
    expect(mh).toContain("CBCCVC có kỹ năng số (%)");
    expect(mh.some((h) => /^[0-9.]+$|_/.test(String(h)))).toBe(false);
    // one row per unit with values (the plan of Trung Thành holds only targets), then the summary rows
    const units: string[] = [];
    matrix.eachRow((row, i) => i > 1 && row.getCell(1).value !== "Tổng hợp" && units.push(String(row.getCell(2).value)));
    expect(units).toEqual(["Cao Đức", "Đại Sơn", "Ba Ngòi", "Nha Trang", "Vĩnh Thông"]);
    const summary: string[] = [];
    matrix.eachRow((row) => row.getCell(1).value === "Tổng hợp" && summary.push(String(row.getCell(2).value)));
    expect(summary).toEqual([expect.stringMatching(/^Số đơn vị báo cáo \(trên [\d.]+ đơn vị của tỉnh\)$/), "Số đơn vị chưa đạt chỉ tiêu", "Tổng", "Trung vị"]);
    // unmet targets are shaded with a comment: Nha Trang's 3.1 (70 < 85 for Khánh Hòa 2025); the value links to its fact
    const col31 = mh.indexOf("CBCCVC có kỹ năng số (%)") + 1;
    let cell: ExcelJS.Cell | null = null;
    matrix.eachRow((row) => void (row.getCell(2).value === "Nha Trang" && (cell = row.getCell(col31))));
    const c = cell as unknown as ExcelJS.Cell;
    expect((c.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFF8CBAD");
    expect(JSON.stringify(c.note)).toMatch(/chỉ tiêu 85, chênh lệch -15/);
    expect(c.value).toMatchObject({ formula: expect.stringMatching(/^HYPERLINK\("#'Số liệu và trích dẫn'!A(\d+)",70\)$/), result: 70 });
    const linked = Number(/!A(\d+)/.exec((c.value as ExcelJS.CellFormulaValue).formula)![1]);
    expect(facts.getRow(linked).getCell(quoteCol).value).toBe('=HYPERLINK("http://example.invalid","bấm") 70%');
    // dates are dates, in Vietnamese format; the import time in Vietnam's local time
    const docs = wb.getWorksheet("Văn bản")!;
    expect(docs.rowCount).toBe(7);
    const dh = (docs.getRow(1).values as unknown[]).slice(1);
    const end = docs.getRow(2).getCell(dh.indexOf("Đến ngày") + 1);
    expect(end.value).toBeInstanceOf(Date);
    expect(end.numFmt).toBe("dd/mm/yyyy");
    const at = docs.getRow(2).getCell(dh.indexOf("Nhập lúc") + 1);
    expect(at.value).toBeInstanceOf(Date);
    expect(at.numFmt).toBe("dd/mm/yyyy hh:mm");
    // the legend names each column, its unit, target and the target's source
    const legend = wb.getWorksheet("Chú giải")!;
    const lh = (legend.getRow(1).values as unknown[]).slice(1);
    expect(lh).toEqual(["Mã", "Tên ngắn (tiêu đề cột)", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu đặt ra", "Năm", "Áp dụng cho", "Nguồn chỉ tiêu"]);
    const rows: unknown[][] = [];
    legend.eachRow((row, i) => i > 1 && rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(["3.1", "CBCCVC có kỹ năng số", expect.stringMatching(/^Tỉ lệ cán bộ/), "%", 85, 2025, "Khánh Hòa", expect.stringMatching(/Kế hoạch/)]);
  });

  it("writes JSON with the matrix, facts, flags and documents", () => {
    const out = join(dir, "tong-hop.json");
    expect(runCli(["export", "--format", "json", "--out", out, "--db", db, "--province", "Khánh Hòa"]).status).toBe(0);
    const j = JSON.parse(readFileSync(out, "utf8"));
    expect(Object.keys(j)).toEqual(["schema", "exported_at", "matrix", "values", "facts", "flags", "documents", "legend", "coverage"]);
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
