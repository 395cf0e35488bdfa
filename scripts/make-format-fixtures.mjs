#!/usr/bin/env node
// Builds the Excel appendix and the .zip of reports fixtures (run by scripts/make-fixtures.sh after
// the .doc/.odt/.rtf conversions, or alone: node scripts/make-format-fixtures.mjs). Deterministic:
// fixed dates inside the files, so a rebuild gives the same bytes.
//   fixtures/xlsx/phu-luc-chi-tieu.xlsx  an indicator appendix: a title merged across the table,
//                                        two header rows with a merged "Kết quả" group, counts with
//                                        thousands separators, rates in percent formats, a formula
//   fixtures/zip/bao-cao-xa.zip          reports in a folder tree: a .docx at the top, a .doc and an
//                                        .odt under thang-6/, the appendix, and a .zip inside the
//                                        .zip (one level, allowed) holding an .rtf
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { zipSync } from "fflate";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const fx = (...p) => join(root, "fixtures", ...p);
const FIXED = new Date(Date.UTC(2026, 5, 30, 8, 0, 0));

async function appendix() {
  const wb = new ExcelJS.Workbook();
  wb.creator = "tonghop fixtures";
  wb.created = wb.modified = FIXED;
  const ws = wb.addWorksheet("Phụ lục 1");
  ws.columns = [{ width: 6 }, { width: 60 }, { width: 14 }, { width: 14 }, { width: 14 }];
  ws.mergeCells("A1:E1");
  ws.getCell("A1").value = "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU PHONG TRÀO “BÌNH DÂN HỌC VỤ SỐ” 6 THÁNG ĐẦU NĂM 2026";
  ws.getCell("A1").font = { bold: true };
  ws.mergeCells("A2:A3");
  ws.mergeCells("B2:B3");
  ws.mergeCells("C2:C3");
  ws.mergeCells("D2:E2");
  ws.getCell("A2").value = "TT";
  ws.getCell("B2").value = "Chỉ tiêu";
  ws.getCell("C2").value = "Kế hoạch";
  ws.getCell("D2").value = "Kết quả";
  ws.getCell("D3").value = "Số lượng";
  ws.getCell("E3").value = "Tỷ lệ";
  for (const a of ["A2", "B2", "C2", "D2", "D3", "E3"]) ws.getCell(a).font = { bold: true };
  const rows = [
    [1, "Người dân trưởng thành được phổ cập kỹ năng số cơ bản", 0.7, 8342, 0.624],
    [2, "Cán bộ, công chức xã được bồi dưỡng kỹ năng số", 1, 46, 1],
    [3, "Tổ công nghệ số cộng đồng được tập huấn", 1, 13, 0.85],
    [4, "Hộ gia đình có người dùng dịch vụ công trực tuyến", 0.5, 2107, 0.4],
  ];
  for (const r of rows) {
    const row = ws.addRow(r);
    row.getCell(3).numFmt = "0%";
    row.getCell(4).numFmt = "#,##0";
    row.getCell(5).numFmt = "0.0%";
  }
  const total = ws.addRow(["", "Tổng số người được phổ cập", null, { formula: "SUM(D4:D7)", result: 10508 }, null]);
  total.getCell(4).numFmt = "#,##0";
  total.getCell(2).font = { bold: true };
  const notes = wb.addWorksheet("Ghi chú");
  notes.addRow(["Số liệu tính đến ngày 30/6/2026."]);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return normalizeZipTimes(buf);
}

/** exceljs stamps zip entries with the current time: rezip with a fixed time for stable bytes. */
async function normalizeZipTimes(buf) {
  const { unzipSync } = await import("fflate");
  const files = unzipSync(new Uint8Array(buf));
  const out = {};
  for (const name of Object.keys(files).sort()) out[name] = [files[name], { mtime: FIXED }];
  return Buffer.from(zipSync(out, { level: 9, mtime: FIXED }));
}

const xlsx = await appendix();
mkdirSync(fx("xlsx"), { recursive: true });
writeFileSync(fx("xlsx", "phu-luc-chi-tieu.xlsx"), xlsx);

const opts = { mtime: FIXED };
const inner = zipSync({ "003_3b144be784d99a16.rtf": [readFileSync(fx("rtf", "003_3b144be784d99a16.rtf")), opts] }, { level: 9, mtime: FIXED });
const archive = zipSync(
  {
    "000_71c6cec35a92dd84.docx": [readFileSync(fx("docx", "000_71c6cec35a92dd84.docx")), opts],
    "thang-6/001_715a5b70f3b78fcd.doc": [readFileSync(fx("doc", "001_715a5b70f3b78fcd.doc")), opts],
    "thang-6/002_937598931c7507e2.odt": [readFileSync(fx("odt", "002_937598931c7507e2.odt")), opts],
    "thang-6/phu-luc-chi-tieu.xlsx": [xlsx, opts],
    "ban-cu/bao-cao-cu.zip": [inner, opts],
  },
  { level: 9, mtime: FIXED },
);
mkdirSync(fx("zip"), { recursive: true });
writeFileSync(fx("zip", "bao-cao-xa.zip"), archive);
console.error("fixtures/xlsx/phu-luc-chi-tieu.xlsx, fixtures/zip/bao-cao-xa.zip");
