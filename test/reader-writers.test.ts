// Files as other programs write them (fixtures/writers, built by scripts/make-format-fixtures.mjs
// from our own sentences): Word's RTF, LibreOffice/WPS/Google-Docs ODT, a .doc saved by
// LibreOffice, an Excel workbook written part by part, a .zip made on Windows and macOS. Each
// reader must keep every sentence whole, drop no text, leak no markup, and keep tables as rows
// of cells.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { docProtos } from "../src/ingest/doc.js";
import { expandArchive, readDocument, ReadError } from "../src/ingest/index.js";
import type { NormalizedDocument } from "../src/ingest/types.js";
import { formatNumber } from "../src/ingest/xlsx.js";
import { extractDocument } from "../src/extract/index.js";
import { loadRules } from "../src/rules/load.js";
import { FIXTURES } from "./helpers.js";

const read = (name: string) => readDocument(new Uint8Array(readFileSync(join(FIXTURES, "writers", name))), { fileName: name });

/** Each block as "kind: text", tables as their rows of cells ("a | b"), header rows marked "H". */
function outline(doc: NormalizedDocument): string[] {
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === "table") {
      for (const r of b.rows!) out.push(`${r.header ? "H" : "row"}: ${r.cells.map((c) => doc.text.slice(c.start, c.end)).join(" | ")}`);
      continue;
    }
    const lv = b.level && b.kind === "heading" ? b.level : "";
    out.push(`${b.kind}${lv}: ${doc.text.slice(b.start, b.end)}`);
  }
  return out;
}

describe("Word's RTF (\\ansicpg1258, \\uN, lists, fields, shapes)", () => {
  it("reads every paragraph whole, in order, with headings, bullets and tables", async () => {
    const doc = await read("word-2003.rtf");
    expect(outline(doc)).toEqual([
      "paragraph: BÁO CÁO NHANH",
      // runs, \'hh bytes with combining tone marks, \uc2 and \uc1 escapes: one sentence
      "paragraph: Trong tháng, tổ công nghệ số cộng đồng của xã Đông Sơn đã đến từng thôn hướng dẫn 1.572 người dân cài đặt ứng dụng định danh.",
      // the \pard inside {\listtext} keeps the heading style of its paragraph
      "heading1: II. KẾT QUẢ CỤ THỂ",
      "heading2: 1. Hỗ trợ người dân",
      // Symbol-font bullets (\'b7 in \fcharset2)
      "list_item: • Mở 6 lớp học kỹ năng số buổi tối tại nhà văn hóa;",
      "list_item: • Số hộ dùng dịch vụ thanh toán không dùng tiền mặt là 2.315/3.090 hộ, đạt 74,9%.",
      // \trhdr header row; a two-paragraph cell; a bulleted cell stays inside its table
      "H: Nội dung | Chỉ tiêu | Đạt được | Tỷ lệ",
      "row: Người dân được hướng dẫn\nnộp hồ sơ trực tuyến | 1.500 | 1.572 | 104,8%",
      "row: • Lớp buổi tối\n• Lớp cuối tuần | 8 | 6 | 75%",
      "paragraph: Ảnh hoạt động:",
      // the HYPERLINK field's result, the paragraph carried on across \sectd
      "paragraph: Người dân tra cứu tại cổng dịch vụ công mỗi ngày.",
      "paragraph: Mục sau ngắt đoạn.",
      // {\upr}: the Unicode copy (\*\ud), not the ANSI one
      "paragraph: Người cao tuổi được con cháu hướng dẫn.",
      // a text box (\shptxt) is its own paragraph, not glued to the one that anchors it
      "paragraph: Bản dự thảo",
      "paragraph: Hết phần báo cáo.",
      "row: Bảng ngoài | Ô trong một\nÔ trong hai",
      "paragraph: Biểu kèm theo:",
      "H: Nội dung | Kết quả | Ghi chú",
      "H: Số lượng | Tỷ lệ",
      "row: Hộ dùng ví điện tử | 1.964 | 63,6% | ",
      "row: Hộ kinh doanh | chưa thống kê | bổ sung sau",
      // \u-3913 is U+F0B7, the Symbol bullet
      "paragraph: Ký hiệu • đánh dấu",
    ]);
  });

  it("merged cells get their spans: vertical (\\clvmgf), horizontal (\\clmgf), and a cell as wide as two columns", async () => {
    const doc = await read("word-2003.rtf");
    const table = doc.blocks.filter((b) => b.kind === "table").at(-1)!;
    expect(table.rows!.map((r) => r.cells.map((c) => `${c.rowspan ?? 1}x${c.colspan ?? 1}`))).toEqual([
      ["2x1", "1x2", "2x1"],
      ["1x1", "1x1"],
      ["1x1", "1x1", "1x1", "1x1"],
      ["1x1", "1x2", "1x1"],
    ]);
  });

  it("a text box inside a table cell joins the cell; one after a table comes after it; hidden and deleted text is left out", async () => {
    const rtf =
      "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}" +
      "\\trowd\\cellx3000\\cellx6000\\pard\\intbl Th\\u244?n\\cell T\\u7893?\\cell\\row" +
      "\\trowd\\cellx3000\\cellx6000\\pard\\intbl Th\\u244?n 1 {\\shp{\\*\\shpinst{\\sp{\\sn shapeType}{\\sv 202}}{\\shptxt \\pard\\plain ghi ch\\u250?\\par }}}m\\u7899?i\\cell 2\\cell\\row" +
      "\\pard Sau b\\u7843?ng {\\shp{\\*\\shpinst{\\shptxt \\pard Khung\\par }}}l\\u224? {\\deleted 15}{\\revised 18} h\\u7897?i vi\\u234?n{\\v  \\u7849?n}.\\par}";
    const doc = await readDocument(Buffer.from(rtf, "latin1"), { fileName: "x.rtf" });
    expect(outline(doc)).toEqual(["row: Thôn | Tổ", "row: ghi chú\nThôn 1 mới | 2", "paragraph: Khung", "paragraph: Sau bảng là 18 hội viên."]);
  });

  it("leaves out headers, footers, footnotes, pictures, field codes and the shape's fallback copy", async () => {
    const doc = await read("word-2003.rtf");
    expect(doc.text).not.toMatch(/Lưu hành nội bộ|công an xã cung cấp|MERGEFORMAT|HYPERLINK|PAGE|89504e|010009|datafield|shapeType|Nguoi cao|Times New Roman|Symbol/);
    expect(doc.text.match(/Bản dự thảo/g)).toHaveLength(1);
    expect(doc.text).not.toMatch(/[\\{}]|\uF0B7/);
    expect(doc.text).toBe(doc.text.normalize("NFC"));
  });
});

describe("ODT as LibreOffice, WPS and Google Docs write it", () => {
  it("joins words split by spans, keeps sentences across soft page breaks, reads text boxes and numbering", async () => {
    const doc = await read("writers.odt");
    expect(outline(doc)).toEqual([
      // a frame anchored to the page, then one inside a paragraph: their own paragraphs
      "paragraph: UỶ BAN NHÂN DÂN",
      "paragraph: XÃ ĐÔNG SƠN",
      "paragraph: Mẫu số 02",
      "paragraph: BÁO CÁO SƠ KẾT QUÝ III",
      // outline-style numbering: I. at level 1, 1. at level 2
      "heading1: I. TÌNH HÌNH TRIỂN KHAI",
      "heading2: 1. Về chuyển đổi số",
      "paragraph: Tổ công nghệ số đã hướng dẫn người dân cài đặt ứng dụng, đạt 91% kế hoạch quý.",
      "paragraph: Số liệu chính:\n- Số buổi tập huấn: 22;\n- Số người tham dự: 1.408.",
      "list_item: 1. Kiện toàn 7 tổ công nghệ số.",
      "list_item: – Mỗi tổ có một thành viên đoàn thanh niên.",
      "list_item: 2. Bồi dưỡng cho 38 cán bộ, công chức.",
      "paragraph: Ngoài ra còn một việc nữa.",
      // continue-numbering: the list goes on at 3
      "list_item: 3. Hướng dẫn 2.740 hộ kích hoạt tài khoản định danh.",
      // a Word bullet (U+F0B7 from the Symbol font) shows as •
      "list_item: • Việc có dấu đầu dòng kiểu Word.",
      // a heading written as a list item stays a heading
      "heading2: 1. Phương hướng quý tới",
      "H: Chỉ tiêu | Kết quả | Ghi chú",
      "H: Số lượng | Tỷ lệ",
      "row: Người dân được hướng dẫn | 1.408 | 88,0%",
      "row: Hộ có tài khoản\nđịnh danh mức 2 | 2.740 | 79,4%",
      // number-columns-repeated="2": two empty columns, so the note stays in the fourth
      "row: Hộ kinh doanh |  |  | chưa thống kê",
      "paragraph: Câu này sang trang mà vẫn là một câu.",
      "paragraph: Đoạn văn bị tách làm hai vì ngắt trang mềm nằm giữa câu của báo cáo sơ kết quý.",
      // a shape's text is not glued into the sentence around it; the footnote is left out
      "paragraph: Ban chỉ đạo xã",
      "paragraph: Sơ đồ: Hết.",
    ]);
    const table = doc.blocks.find((b) => b.kind === "table")!;
    expect(table.rows![0]!.cells.map((c) => [c.rowspan ?? 1, c.colspan ?? 1])).toEqual([[2, 1], [1, 2], [2, 1]]);
    expect(doc.text).not.toMatch(/tạm tính/);
  });
});

describe(".doc saved by LibreOffice (fixtures/writers/writers.doc)", () => {
  it("keeps a later row's two-paragraph cell in its table, reads text boxes, drops optional hyphens", async () => {
    const doc = await read("writers.doc");
    const lines = outline(doc);
    expect(lines).toContain("paragraph: Về chuyển đổi số");
    expect(lines).toContain("paragraph: Tổ công nghệ số đã hướng dẫn người dân cài đặt ứng dụng, đạt 91% kế hoạch quý.");
    expect(lines).toContain("paragraph: Đoạn văn bị tách làm hai vì ngắt trang mềm nằm giữa câu của báo cáo sơ kết quý.");
    const rows = lines.filter((l) => l.startsWith("row:") || l.startsWith("H:"));
    expect(rows).toEqual([
      "row: Chỉ tiêu | Kết quả | Ghi chú",
      "row:  | Số lượng | Tỷ lệ | ",
      "row: Người dân được hướng dẫn | 1.408 | 88,0% | ",
      "row: Hộ có tài khoản\nđịnh danh mức 2 | 2.740 | 79,4% | ",
      "row: Hộ kinh doanh |  |  | chưa thống kê",
    ]);
    expect(doc.blocks.filter((b) => b.kind === "table")).toHaveLength(1);
    // the text boxes, stored apart from the body, follow it
    expect(lines.slice(-4).map((l) => l.replace(/^\w+: /, ""))).toEqual(["UỶ BAN NHÂN DÂN", "XÃ ĐÔNG SƠN", "Mẫu số 02", "Ban chỉ đạo xã"]);
    expect(doc.text).not.toMatch(/undefined/);
  });

  const CELL = "\uE007";
  const cells = (...c: string[]) => c.map((x) => x + CELL).join("");
  const tableRows = (body: string) =>
    docProtos(body)
      .filter((b) => b.kind === "table")
      .map((b) => b.rows!.map((r) => r.cells.map((c) => c.text)));

  it("tells a cell's first paragraph from a paragraph between two tables (LibreOffice's row ends)", () => {
    // row 2's first cell holds two paragraphs: one table of three rows
    const body = `${cells("Nội dung", "Số lượng")}\n${cells("Lớp học", "6")}\nBuổi tối\n${cells("trong tuần", "4")}\nHết.\n`;
    expect(tableRows(body)).toEqual([[["Nội dung", "Số lượng"], ["Lớp học", "6"], ["Buổi tối\ntrong tuần", "4"]]]);
    // a caption ending in ":" between two tables of the same width opens the second table
    const two = `${cells("Nội dung", "Số lượng")}\n${cells("Lớp học", "6")}\nBiểu 2:\n${cells("Thôn", "Tổ")}\n`;
    expect(tableRows(two)).toEqual([[["Nội dung", "Số lượng"], ["Lớp học", "6"]], [["Thôn", "Tổ"]]]);
    // an empty paragraph between them too
    const blank = `${cells("Nội dung", "Số lượng")}\n\n${cells("Thôn", "Tổ")}\n`;
    expect(tableRows(blank)).toHaveLength(2);
  });

  it("the same with Word's row marks (one more empty cell mark ends a row)", () => {
    const body = `${cells("Nội dung", "Số lượng", "")}${cells("Lớp học", "6", "")}Buổi tối\n${cells("trong tuần", "4", "")}Hết.\n`;
    expect(tableRows(body)).toEqual([[["Nội dung", "Số lượng"], ["Lớp học", "6"], ["Buổi tối\ntrong tuần", "4"]]]);
    const paras = docProtos(body).filter((b) => b.kind !== "table").map((b) => b.text);
    expect(paras).toEqual(["Hết."]);
  });
});

describe("Excel workbook written part by part", () => {
  it("reads shared and inline strings, built-in and custom formats, cached formula results; skips hidden sheets and rows", async () => {
    const doc = await read("bieu-mau.xlsx");
    expect(outline(doc)).toEqual([
      "heading1: Biểu 01",
      "row: BIỂU TỔNG HỢP KẾT QUẢ XÃ ĐÔNG SƠN",
      // rich-text shared string "Tỷ lệ " + "đạt" is one label
      "H: Nội dung | Tỷ lệ đạt | Kế hoạch | Thực hiện",
      // built-in 0% (id 9), #,##0 (id 3), an accounting format
      "row: Hộ có tài khoản định danh mức 2 | 85% | 3.230 | 2.740",
      // built-in 0.00% (id 10) on a formula's cached result
      "row: Tổ công nghệ số cộng đồng | 116,67% | 6 | 7",
      // 0"%": the number is typed as a percent, the sign is literal text of the format
      "row: Cộng | 86% | 3.236 | 2.747",
      // a date (id 14), a formula with a text result, a shared formula
      "row: Ngày số liệu | 30/09/2026 | Chưa đạt | 2.747",
      "row: Học viên các lớp | 1.408 người | #DIV/0!",
      "heading1: Biểu 02",
      // a table drawn from B2: no empty first column
      "row: Ghi chú | Nguồn",
      "row: Số liệu ước tính đến hết quý. | Công an xã",
    ]);
    expect(doc.text).not.toMatch(/Nháp|Bản nháp|999|Dòng đã ẩn/);
  });

  it("keeps the literal text of a number format around the number", () => {
    expect(formatNumber(86, '0"%"')).toBe("86%");
    expect(formatNumber(1408, '#,##0" người"')).toBe("1.408 người");
    expect(formatNumber(2740, '_(* #,##0_);_(* \\(#,##0\\);_(* "-"??_);_(@_)')).toBe("2.740");
    expect(formatNumber(0.5, "0.0%;[Red]-0.0%")).toBe("50,0%");
    expect(formatNumber(7, '"Tăng "0')).toBe("Tăng 7");
  });
});

describe(".zip made on Windows and macOS", () => {
  it("reads member names in their writer's encoding and skips folders and system junk; a member with a password fails alone", async () => {
    const all = (await expandArchive(readFileSync(join(FIXTURES, "writers", "bao-cao-windows.zip")), "nop.zip"))!;
    const locked = all.filter((m) => m.error);
    expect(locked.map((m) => [m.path, (m.error as ReadError).code])).toEqual([["nop.zip/Báo cáo quý 3/có mật khẩu.docx", "encrypted"]]);
    expect(locked[0]!.error!.message).toMatch(/có mật khẩu\.docx.*mật khẩu.*\(password-protected zip member\)$/);
    const members = all.filter((m) => !m.error);
    expect(members.map((m) => m.path)).toEqual([
      "nop.zip/Báo cáo quý 3/Xã Đông Sơn.rtf",
      // UTF-8 bytes without the UTF-8 flag (macOS)
      "nop.zip/Báo cáo quý 3/Phụ lục.odt",
      // code page 1258 with a backslash (a Vietnamese Windows)
      "nop.zip/Biểu mẫu/Số liệu.xlsx",
      "nop.zip/lưu trữ/bản cũ.zip/quý 2/ghi chú.txt",
    ]);
    expect(members.every((m) => m.bytes && !m.error)).toBe(true);
    const formats = await Promise.all(members.map(async (m) => (await readDocument(m.bytes!, { fileName: m.path })).format));
    expect(formats).toEqual(["rtf", "odt", "xlsx", "text"]);
  });
});

// fixtures/writers/merged-header.docx: LibreOffice's DOCX of merged-header.html beside it
// (`soffice --infilter="HTML (StarWriter)" --convert-to docx`), the appendix table communes use:
// STT, a two-row header with "Thực hiện" over "Số lượng | Tỷ lệ (%)", a unit column and a notes
// column holding the verdicts.
describe("a table with a two-row merged header (fixtures/writers/merged-header.docx)", () => {
  it("reads each row's plan and result against its columns, the completion apart, the verdicts as flags", async () => {
    const doc = await read("merged-header.docx");
    const ex = extractDocument(doc, { file: "merged-header.docx", sha256: "0", format: doc.format, pages: null, ocr: false }, loadRules());
    const rows = ex.facts.filter((f) => f.quote.startsWith("1 ") || f.quote.startsWith("2 "));
    const shown = rows.map((f) => (f.kind === "unmet" ? `unmet ${f.indicator}` : f.kind === "count" || f.kind === "percent" ? `${f.kind} ${f.value} ${f.role} ${f.indicator}` : f.kind));
    // the row number (STT) is no figure; the plan and result carry the indicator; 4/6 = 66,7% of the plan has none
    expect(shown.sort()).toEqual(
      ["count 4 actual 2.4", "count 6 target 2.4", "count 8120 actual vneid_muc_2", "count 9000 target vneid_muc_2", "percent 66.7 actual null", "percent 90.2 actual null", "unmet 2.4"].sort(),
    );
  });
});
