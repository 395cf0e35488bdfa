// XLSX with exceljs' streaming writer (memory stays flat however many facts). Every sheet: bold
// header row, panes frozen at the first value (header row and the unit's columns), filters,
// widths by column, long text wrapped, landscape pages with the header row and unit columns
// printed on every page. Numbers are numbers, dates are Excel dates (local time,
// Asia/Ho_Chi_Minh), with Vietnamese formats. The matrix shades unmet values (comment: target
// and gap) and values not judged yet, links each value to its row in the facts sheet (quote,
// page, file) and ends with summary rows. Strings from reports are written as strings: nothing
// from a report becomes a formula.

import ExcelJS from "exceljs";
import type { Db } from "../../store/index.js";
import type { Column, Row } from "../columns.js";
import { indicatorHeader, STATUS_LABELS } from "../labels.js";
import { matrixView, type MatrixCell, type MatrixView } from "../matrix-view.js";
import { defaultSheets, factRows, sheet, SHEET_TITLES, type ExportFilters, type SheetName } from "./sheets.js";

const UNMET_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF8CBAD" } };
const NOT_JUDGED_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
const SUMMARY_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const LINK_FONT: Partial<ExcelJS.Font> = { color: { argb: "FF0563C1" }, underline: true };

export const DATE_FORMAT = "dd/mm/yyyy";
export const DATETIME_FORMAT = "dd/mm/yyyy hh:mm";
const NUMBER_FORMAT = "#,##0.##";
/** Vietnam keeps UTC+7 all year. */
const VN_OFFSET_MS = 7 * 3600 * 1000;

/** "2026-05-31" → an Excel date; "2026-12-01T23:26:18Z" → its local time in Vietnam. */
export function excelDate(v: unknown, withTime: boolean): Date | null {
  if (typeof v !== "string" || !v) return null;
  if (!withTime) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : null;
  }
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : v.replace(" ", "T") + "Z");
  // exceljs writes a Date's UTC fields: shift so they read as the time in Vietnam
  return Number.isFinite(t) ? new Date(t + VN_OFFSET_MS) : null;
}

function cellValue(v: unknown, col: Column): ExcelJS.CellValue {
  if (v == null || v === "") return null;
  if (col.kind === "date" || col.kind === "datetime") return excelDate(v, col.kind === "datetime") ?? String(v);
  if (col.kind === "bool" && (typeof v === "number" || typeof v === "boolean")) return v ? "có" : "không";
  if (col.labels && typeof v === "string" && v in col.labels) return col.labels[v]!;
  if (typeof v === "number" || typeof v === "boolean") return v;
  return text(String(v));
}

/** Control characters XML cannot hold are dropped; a leading "=" stays text in a string cell. */
function text(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");
}

function colLetter(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function addSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, title: string, columns: Column[], freeze: number, headerHeight?: number): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(title, {
    views: [{ state: "frozen", xSplit: freeze, ySplit: 1, topLeftCell: `${colLetter(freeze + 1)}2`, activeCell: `${colLetter(freeze + 1)}2` }],
    pageSetup: {
      orientation: "landscape",
      paperSize: 9, // A4
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:1",
      ...(freeze ? { printTitlesColumn: `A:${colLetter(freeze)}` } : {}),
    },
  });
  ws.columns = columns.map((c) => ({
    header: c.title,
    key: c.key,
    width: c.width ?? 14,
    style: {
      alignment: { vertical: "top", ...(c.kind === "long" ? { wrapText: true } : {}) },
      ...(c.kind === "date" ? { numFmt: DATE_FORMAT } : c.kind === "datetime" ? { numFmt: DATETIME_FORMAT } : c.kind === "number" ? { numFmt: NUMBER_FORMAT } : {}),
    },
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  if (headerHeight) header.height = headerHeight;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  header.commit();
  return ws;
}

export async function exportXlsx(db: Db, out: string, filters: ExportFilters, names: readonly SheetName[] = defaultSheets(filters)): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  wb.creator = "tonghop";
  wb.created = new Date();
  const needsView = names.some((n) => n === "matrix" || n === "values" || n === "legend");
  const view = needsView ? matrixView(db, filters, undefined, { allUnits: filters.allUnits }) : undefined;
  for (const name of names) {
    if (name === "matrix") {
      writeMatrix(wb, db, filters, view!, names.includes("facts"));
      continue;
    }
    const s = sheet(db, name, filters, view);
    const ws = addSheet(wb, SHEET_TITLES[name], s.columns, s.freezeColumns ?? 0);
    for (const r of s.rows) ws.addRow(s.columns.map((c) => cellValue(r[c.key], c))).commit();
    ws.commit();
  }
  await wb.commit();
}

const MATRIX_HEAD: Column[] = [
  { key: "province", title: "Tỉnh", width: 14 },
  { key: "unit", title: "Đơn vị", width: 20 },
  { key: "level", title: "Cấp", width: 8 },
  { key: "round", title: "Kỳ báo cáo", width: 17 },
];

function writeMatrix(wb: ExcelJS.stream.xlsx.WorkbookWriter, db: Db, filters: ExportFilters, v: MatrixView, linkFacts: boolean): void {
  const columns: Column[] = [
    ...MATRIX_HEAD,
    ...v.indicators.map((i): Column => ({ key: i.code, title: indicatorHeader(i), kind: "number", width: 13 })),
    { key: "teams", title: "Tổ CNSCĐ (tổ)", kind: "number", width: 10 },
    { key: "members", title: "Thành viên (người)", kind: "number", width: 11 },
  ];
  const ws = addSheet(wb, SHEET_TITLES.matrix, columns, MATRIX_HEAD.length, 60);
  const wanted = new Set<string>();
  for (const r of v.rows) for (const c of Object.values(r.cells)) if (c.document_id != null && c.fact) wanted.add(`${c.document_id}/${c.fact}`);
  const rowOf = linkFacts ? factRows(db, filters, wanted) : new Map<string, number>();
  const factsSheet = SHEET_TITLES.facts.replace(/'/g, "''");
  const levels: Record<string, string> = { xa: "xã", phuong: "phường", dac_khu: "đặc khu" };
  for (const r of v.rows) {
    const row = ws.addRow([r.province, r.unit, r.level ? (levels[r.level] ?? r.level) : null, r.reported ? r.round : `${r.round ?? ""} — chưa báo cáo`.replace(/^ — /, "")]);
    if (!r.reported) row.font = { italic: true, color: { argb: "FF808080" } };
    v.indicators.forEach((i, k) => {
      const c = r.cells[i.code];
      if (!c || c.status === "not_reported") return;
      const cell = row.getCell(MATRIX_HEAD.length + 1 + k);
      const shown: string | number = c.value == null ? "—" : i.unit === "yesno" ? (c.value ? "có" : "không") : c.value;
      const target = c.document_id != null && c.fact ? rowOf.get(`${c.document_id}/${c.fact}`) : undefined;
      // a value links to its fact (quote, page, file); the cell keeps the number for sums and filters
      cell.value = target
        ? { formula: `HYPERLINK("#'${factsSheet}'!A${target}",${typeof shown === "number" ? shown : JSON.stringify(shown)})`, result: shown }
        : shown;
      if (target) cell.font = LINK_FONT;
      if (c.status === "unmet") cell.fill = UNMET_FILL;
      if (c.status === "not_judged") cell.fill = NOT_JUDGED_FILL;
      const note = cellNote(c);
      if (note) cell.note = note;
    });
    row.getCell(columns.length - 1).value = r.teams;
    row.getCell(columns.length).value = r.members;
    row.commit();
  }
  for (const s of v.summary) {
    const row = ws.addRow(["Tổng hợp", s.label, null, null, ...v.indicators.map((i) => s.values[i.code] ?? null), s.teams, s.members]);
    row.font = { bold: true };
    row.eachCell({ includeEmpty: true }, (c) => (c.fill = SUMMARY_FILL));
    row.commit();
  }
  ws.commit();
}

function cellNote(c: MatrixCell): string | null {
  const src = c.target_reference ? `\nNguồn: ${c.target_reference}` : "";
  if (c.status === "unmet")
    return c.target != null && c.value != null
      ? `${STATUS_LABELS.unmet}: chỉ tiêu ${c.target}, chênh lệch ${c.gap ?? Math.round((c.value - c.target) * 100) / 100}${src}`
      : `${STATUS_LABELS.unmet}: báo cáo ghi chưa đạt chỉ tiêu${c.target != null ? ` (chỉ tiêu ${c.target})` : ""}${src}`;
  if (c.status === "not_judged") return `${STATUS_LABELS.not_judged}: chỉ tiêu ${c.target} cho cả năm; kỳ báo cáo ${c.round ?? ""} chưa hết năm${src}`;
  return null;
}

export type { Row };

/** One table as a workbook of one sheet (used by `tonghop extract --format xlsx`). */
export async function writeTableXlsx(out: string, title: string, columns: Column[], rows: Iterable<Row>, freeze = 2): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  wb.creator = "tonghop";
  const ws = addSheet(wb, title, columns, freeze);
  for (const r of rows) ws.addRow(columns.map((c) => cellValue(r[c.key], c))).commit();
  ws.commit();
  await wb.commit();
}
