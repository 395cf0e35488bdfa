// Layouts other provinces use: capital-letter parts, two-row table headers, team tables,
// the appendix written as a numbered list, monthly and multi-year periods.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { extractDocument } from "../src/extract/index.js";
import { readDocument } from "../src/ingest/index.js";
import { loadRules } from "../src/rules/load.js";
import { extractText, ofKind, report } from "./extract-helpers.js";
import { FIXTURES } from "./helpers.js";

describe("layout variants", () => {
  it("reads capital-letter parts and 'a.' items as sections", () => {
    const x = extractText(
      ["BÁO CÁO", "Kết quả tháng 11 năm 2026", "", "A. KẾT QUẢ THỰC HIỆN", "", "a. Tuyên truyền", "", "Nội dung.", "", "B. PHƯƠNG HƯỚNG", "", "Nội dung."].join("\n"),
    );
    expect(x.sections.map((s) => [s.number, s.level])).toEqual([
      ["A", 1],
      ["a", 2],
      ["B", 1],
    ]);
    expect(x.document.period).toEqual({ start: "2026-11-01", end: "2026-11-30" });
  });

  it.each([
    ["Kết quả 6 tháng đầu năm, phương hướng nhiệm vụ 6 tháng cuối năm 2026", "2026-01-01", "2026-06-30"],
    ["Sơ kết quý III và nhiệm vụ quý IV năm 2026", "2026-07-01", "2026-09-30"],
    ["Kết quả quý 2/2026", "2026-04-01", "2026-06-30"],
    ["Công tác năm 2025 và phương hướng nhiệm vụ năm 2026", "2025-01-01", "2025-12-31"],
  ])("reads the reported period of '%s', not the next one it announces", (title, start, end) => {
    expect(extractText(`BÁO CÁO\n${title}\n\nNội dung.`).document.period).toEqual({ start, end });
  });

  it("reads a numeric place-date line and a multi-year stage", () => {
    const x = extractText("BÁO CÁO\nSơ kết giai đoạn 2025 - 2026\n\nĐại Sơn, ngày 03/02/2027");
    expect(x.document.issued_on).toBe("2027-02-03");
    expect(x.document.period).toEqual({ start: "2025-01-01", end: "2026-12-31" });
  });

  it("reads a two-row table header (results and targets under one year)", () => {
    const table = [
      "STT\tNội dung chỉ tiêu\tNăm 2026\t",
      "\t\tKH\tTH",
      "1\tTỷ lệ người dân trong độ tuổi trưởng thành có kỹ năng số cơ bản\t80%\t65%",
    ].join("\n");
    const x = extractText(report(table));
    expect(x.indicators["3.3"]).toMatchObject({ value: 65, role: "actual", target: 80, unmet: true });
  });

  it("reads team rows of a table", () => {
    const table = ["TT\tNội dung\tKết quả", "1\tSố Tổ công nghệ số cộng đồng đã thành lập\t15", "2\tSố thành viên Tổ công nghệ số cộng đồng\t75"].join("\n");
    expect(extractText(report(table)).teams).toEqual({ teams: 15, members: 75 });
  });

  it("maps the appendix written as a numbered list by its codes and labels", () => {
    const x = extractText(
      report(["2.3. Số dịch vụ, nền tảng được sử dụng để triển khai Phong trào: 04 nền tảng.", "", "2.9. Số lớp đào tạo kỹ năng số cho người lao động tại doanh nghiệp: 03 lớp."].join("\n")),
    );
    expect(x.indicators["2.3"]?.value).toBe(4);
    expect(x.indicators["2.9"]?.value).toBe(3);
  });

  it("counts teams written as a ratio before the team's name", () => {
    const x = extractText(report("Đã thành lập 12/12 Tổ công nghệ số cộng đồng tại các thôn, tổ dân phố."));
    expect(x.teams.teams).toBe(12);
    expect(ofKind(x, "ratio")).toHaveLength(1);
  });

  it("reads goals written right before the figure and unmet wording with 'so với'", () => {
    const x = extractText(report("Tỷ lệ hộ kinh doanh dùng mã QR: chỉ tiêu 70%, kết quả đạt 55%, chưa đạt so với kế hoạch."));
    const p = ofKind(x, "percent").map((f) => [f.value, f.role]);
    expect(p).toEqual([
      [70, "target"],
      [55, "actual"],
    ]);
    expect(ofKind(x, "unmet")).toHaveLength(1);
  });

  it("reads a result with its goal in brackets and a closing evaluation", () => {
    const x = extractText(report("- Tỷ lệ học sinh được trang bị kỹ năng số: 95% (chỉ tiêu: 100%) – Chưa đạt.\n\n- Tỷ lệ CBCCVC có hiểu biết về chuyển đổi số: 100% (chỉ tiêu: 100%) – Đạt."));
    expect(x.indicators["3.2"]).toMatchObject({ value: 95, target: 100, unmet: true });
    expect(x.indicators["3.1"]).toMatchObject({ value: 100, target: 100 });
    expect(x.indicators["3.1"]!.unmet).toBeUndefined();
    expect(ofKind(x, "unmet").map((u) => u.indicator)).toEqual(["3.2"]);
  });

  it("reads 'N người/M người' as a ratio, never 'N tổ/M thành viên'", () => {
    const x = extractText(report("Có 1.250 người/3.500 người trưởng thành đã có kỹ năng số cơ bản, đạt 35,7%."));
    expect(ofKind(x, "ratio")[0]).toMatchObject({ num: 1250, den: 3500, stated_percent: 35.7, indicator: "3.3" });
  });

  it("reads a table cell cut by a page break as one cell", () => {
    const table = [
      "TT\tChỉ số thực hiện\tKết quả\tMinh chứng",
      "2.14\tSố buổi học hỗ trợ người nghèo, đồng bào dân tộc thiểu số tiếp cận dịch vụ số.\tSố buổi:\tTại nhà văn hóa",
      "",
      "\t\t03; Số người: 150\tthôn 2",
    ].join("\n");
    const x = extractText(report(table));
    expect(x.indicators["2.14"]).toMatchObject({ value: 3, unit: "buổi" });
    const counts = ofKind(x, "count").map((c) => [c.value, c.unit, c.indicator]);
    expect(counts).toEqual([
      [3, "buổi", "2.14"],
      [150, "người", null],
    ]);
    for (const c of ofKind(x, "count")) expect(c.quote).toContain(String(c.value));
  });

  it("reads a plan/result table with a unit column and a completion column", () => {
    const table = [
      "TT\tChỉ tiêu\tĐVT\tKế hoạch\tThực hiện\tTỷ lệ (%)",
      "1\tSố người dân tham gia học trên nền tảng Bình dân học vụ số\tNgười\t5.000\t4.200\t84",
      "2\tTỷ lệ người dân trưởng thành có kỹ năng số cơ bản\t%\t80\t65\t81,25",
    ].join("\n");
    const x = extractText(report(table, { title: "Kết quả năm 2026" }));
    expect(x.indicators["mooc_nguoi_dan"]).toMatchObject({ value: 4200, unit: "người", role: "actual" });
    expect(x.indicators["3.3"]).toMatchObject({ value: 65, target: 80, unmet: true });
    expect(ofKind(x, "percent").map((p) => p.value)).toEqual([80, 65]);
    expect(x.issues.map((i) => i.kind)).not.toContain("conflicting_values");
  });
});

describe("DOCX with Word list numbering", () => {
  it("reads numbered list paragraphs as sections, and figure lines as items", async () => {
    const file = join(FIXTURES, "docx-alt", "word-features.docx");
    const doc = await readDocument(readFileSync(file), { fileName: file });
    const x = extractDocument(doc, { file: "word-features.docx", sha256: "0", format: "docx", pages: null, ocr: false }, loadRules());
    expect(x.sections.map((s) => s.number)).toEqual(["I", "II", "1", "2"]);
    expect(x.indicators["3.3"]?.value).toBe(85);
  });
});
