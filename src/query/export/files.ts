// `tonghop export`: CSV (one table, UTF-8 with BOM), XLSX (all four sheets) or JSON (all four).
// Files are written to a temporary name and renamed, so a failed export leaves no half file.

import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import type { Db } from "../../store/index.js";
import { BOM, csvLine } from "../csv.js";
import { matrix } from "../matrix.js";
import { defaultSheets, sheet, type ExportFilters, type SheetName } from "./sheets.js";

export type ExportFormat = "csv" | "xlsx" | "json";

async function atomically(out: string, write: (tmp: string) => Promise<void> | void): Promise<void> {
  const tmp = `${out}.tmp-${process.pid}`;
  try {
    await write(tmp);
    renameSync(tmp, out);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Small buffered writer: exports can be large, so rows go to the file as they come. */
function fileWriter(path: string) {
  const fd = openSync(path, "w");
  let buf = "";
  return {
    write(s: string) {
      buf += s;
      if (buf.length > 1 << 16) {
        writeSync(fd, buf);
        buf = "";
      }
    },
    close() {
      if (buf) writeSync(fd, buf);
      closeSync(fd);
    },
  };
}

export async function exportFile(db: Db, format: ExportFormat, out: string, filters: ExportFilters, only?: SheetName): Promise<void> {
  const names = only ? [only] : defaultSheets(filters);
  // a filter that matches nothing is refused before any file is written
  for (const n of names) if (n === "matrix" || n === "coverage") sheet(db, n, filters);
  if (format === "xlsx") {
    const { exportXlsx } = await import("./xlsx.js"); // exceljs takes half a second to load: only when needed
    return atomically(out, (tmp) => exportXlsx(db, tmp, filters, names));
  }
  if (format === "csv")
    return atomically(out, (tmp) => {
      const s = sheet(db, only ?? "matrix", filters);
      const w = fileWriter(tmp);
      try {
        w.write(BOM + csvLine(s.columns.map((c) => c.key)));
        for (const r of s.rows) w.write(csvLine(s.columns.map((c) => r[c.key])));
      } finally {
        w.close();
      }
    });
  return atomically(out, (tmp) => {
    const w = fileWriter(tmp);
    try {
      w.write(`{"schema":"tonghop/export@1","exported_at":${JSON.stringify(new Date().toISOString())}`);
      for (const name of names) {
        w.write(`,\n${JSON.stringify(name)}:[`);
        // the matrix keeps its nested shape in JSON; the other sheets are flat rows
        const rows: Iterable<unknown> = name === "matrix" ? matrix(db, filters, undefined, { allUnits: filters.allUnits }).rows : sheet(db, name, filters).rows;
        let first = true;
        for (const r of rows) {
          w.write((first ? "\n" : ",\n") + JSON.stringify(r));
          first = false;
        }
        w.write("]");
      }
      w.write("}\n");
    } finally {
      w.close();
    }
  });
}
