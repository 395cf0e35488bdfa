// The four tables an export holds: the matrix, every fact with its quote, the flags and the
// documents. Facts are streamed (a country's worth is hundreds of thousands of rows).

import { StoreError, type Db } from "../../store/index.js";
import { COL, QUALIFIER_LABELS, ROLE_LABELS, type Column, type Row } from "../columns.js";
import { DOCUMENT_COLUMNS, documents } from "../documents.js";
import { trend, trendTable } from "../compare.js";
import { coverage, COVERAGE_COLUMNS, coverageRows } from "../coverage.js";
import { whereFilters } from "../filters.js";
import { FLAG_COLUMNS, flags } from "../flags.js";
import { matrix, matrixTable } from "../matrix.js";
import type { RoundFilters } from "../values.js";

export const SHEETS = ["matrix", "facts", "flags", "documents", "trend", "coverage"] as const;
export type SheetName = (typeof SHEETS)[number];

export interface ExportFilters extends RoundFilters {
  /** The matrix lists every official unit of the province, those without a report marked. */
  allUnits?: boolean;
  /** The indicator of the trend sheet (units × rounds). */
  indicator?: string;
}

/** The sheets an export holds when none is named: the trend with --indicator, coverage with --province. */
export function defaultSheets(f: ExportFilters): SheetName[] {
  return SHEETS.filter((s) => (s === "trend" ? !!f.indicator : s === "coverage" ? !!f.province : true));
}


export const SHEET_TITLES: Record<SheetName, string> = {
  matrix: "Ma trận chỉ tiêu",
  facts: "Số liệu và trích dẫn",
  flags: "Cảnh báo",
  documents: "Văn bản",
  trend: "Xu hướng theo kỳ",
  coverage: "Đơn vị báo cáo",
};

export interface Sheet {
  columns: Column[];
  rows: Iterable<Row>;
  /** Cells to highlight (unmet targets in the matrix): row index → column keys. */
  highlight?: Map<number, Set<string>>;
}

export const FACT_COLUMNS: Column[] = [
  COL.province,
  COL.unit,
  COL.periodEnd,
  COL.document,
  { key: "fact", title: "Mã số liệu", width: 9 },
  { key: "indicator", title: "Chỉ tiêu", width: 12 },
  { key: "label", title: "Tên chỉ tiêu", width: 40 },
  { key: "kind", title: "Loại", width: 10 },
  { key: "value", title: "Giá trị", kind: "number", width: 10 },
  { key: "num", title: "Tử số", kind: "number", width: 10 },
  { key: "den", title: "Mẫu số", kind: "number", width: 10 },
  { key: "unit_word", title: "Đơn vị tính", width: 12 },
  { key: "qualifier", title: "Mức", labels: QUALIFIER_LABELS, width: 8 },
  { key: "role", title: "Kết quả/Mục tiêu", labels: ROLE_LABELS, width: 10 },
  { key: "page", title: "Trang", kind: "number", width: 6 },
  { key: "section", title: "Mục", width: 30 },
  { key: "quote", title: "Trích dẫn", kind: "long", width: 90 },
];

function facts(db: Db, filters: ExportFilters): Iterable<Row> {
  const w = whereFilters(db, { province: filters.province, period: filters.period }, "d");
  return db
    .prepare(
      `SELECT d.province, d.unit, d.period_end, d.name AS document, f.id AS fact, f.indicator, i.label, f.kind, f.value, f.num, f.den,
         f.unit AS unit_word, f.qualifier, f.role, f.page, s.title AS section, f.quote
       FROM facts f JOIN v_documents d ON d.id = f.document_id
       LEFT JOIN indicators i ON i.code = f.indicator
       LEFT JOIN sections s ON s.document_id = f.document_id AND s.id = f.section
       WHERE d.duplicate_of IS NULL AND ${w.sql}
       ORDER BY d.province, d.unit, d.as_of DESC, d.id, f.text_start, f.id`,
    )
    .iterate(...w.params) as Iterable<Row>;
}

export function sheet(db: Db, name: SheetName, filters: ExportFilters): Sheet {
  switch (name) {
    case "trend": {
      if (!filters.indicator) throw new StoreError("Bảng xu hướng cần --indicator (the trend sheet needs --indicator)");
      return trendTable(trend(db, filters.indicator, filters));
    }
    case "coverage":
      return { columns: COVERAGE_COLUMNS, rows: coverageRows(db, coverage(db, filters)) };
    case "matrix": {
      const m = matrix(db, filters, undefined, { allUnits: filters.allUnits });
      const t = matrixTable(m);
      const highlight = new Map<number, Set<string>>();
      m.rows.forEach((r, i) => r.unmet.length && highlight.set(i, new Set(r.unmet)));
      return { ...t, highlight };
    }
    case "facts":
      return { columns: FACT_COLUMNS, rows: facts(db, filters) };
    case "flags":
      return { columns: FLAG_COLUMNS, rows: flags(db, filters) };
    case "documents":
      return { columns: DOCUMENT_COLUMNS, rows: documents(db, filters) };
  }
}
