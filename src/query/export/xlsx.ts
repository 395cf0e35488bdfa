// XLSX with exceljs' streaming writer (memory stays flat however many facts): one sheet per
// table, bold frozen header row, filters, widths by column kind, long text wrapped, unmet
// targets shaded. Strings are written as strings: nothing from a report becomes a formula.

import ExcelJS from "exceljs";
import type { Db } from "../../store/index.js";
import type { Column } from "../columns.js";
import { defaultSheets, sheet, SHEET_TITLES, type ExportFilters, type SheetName } from "./sheets.js";

const UNMET_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF8CBAD" } };

export async function exportXlsx(db: Db, out: string, filters: ExportFilters, names: readonly SheetName[] = defaultSheets(filters)): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  wb.creator = "tonghop";
  wb.created = new Date();
  for (const name of names) {
    const s = sheet(db, name, filters);
    const ws = wb.addWorksheet(SHEET_TITLES[name], { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({
      header: c.title,
      key: c.key,
      width: c.width ?? 14,
      style: c.kind === "long" ? { alignment: { wrapText: true, vertical: "top" } } : { alignment: { vertical: "top" } },
    }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: "middle", wrapText: true };
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: s.columns.length } };
    header.commit();
    let i = 0;
    for (const r of s.rows) {
      const row = ws.addRow(s.columns.map((c) => cellValue(r[c.key], c)));
      const marks = s.highlight?.get(i);
      if (marks) s.columns.forEach((c, j) => marks.has(c.key) && (row.getCell(j + 1).fill = UNMET_FILL));
      row.commit();
      i++;
    }
    ws.commit();
  }
  await wb.commit();
}

function cellValue(v: unknown, col: Column): ExcelJS.CellValue {
  if (v == null) return null;
  if (col.kind === "bool" && typeof v === "number") return v === 1;
  if (col.labels && typeof v === "string" && v in col.labels) return col.labels[v]!;
  if (typeof v === "number" || typeof v === "boolean") return v;
  // strip control characters XML cannot hold; a leading "=" stays text in a string cell
  return String(v).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");
}
