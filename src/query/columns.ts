// What every report command returns: rows and the columns to show them in, so one renderer
// serves table, CSV, JSON and the XLSX sheets.

export interface Column {
  key: string;
  /** Header in tables, CSV and XLSX. */
  title: string;
  kind?: "text" | "number" | "bool" | "long" | "date" | "datetime";
  /** Column width in characters for XLSX (and the cap in terminal tables). */
  width?: number;
  /** Words shown instead of codes in terminal tables and XLSX (JSON and CSV keep the codes). */
  labels?: Record<string, string>;
  /** In a terminal: "keep" is never cut (document names, ids: what an analyst pastes into `show`). */
  fit?: "keep";
  /** In a terminal: the narrowest this column may be cut to. */
  min?: number;
}

export const LEVEL_LABELS: Record<string, string> = { xa: "xã", phuong: "phường", dac_khu: "đặc khu", thi_tran: "thị trấn" };
export const QUALIFIER_LABELS: Record<string, string> = { exact: "", about: "khoảng", over: "trên", under: "dưới" };
export const ROLE_LABELS: Record<string, string> = { actual: "kết quả", target: "mục tiêu" };
export const KIND_LABELS: Record<string, string> = { report: "báo cáo", plan: "kế hoạch", other: "khác" };

// Columns most reports share, defined once so their titles and widths agree everywhere.
export const COL = {
  province: { key: "province", title: "Tỉnh", width: 16 },
  unit: { key: "unit", title: "Đơn vị", width: 20 },
  periodEnd: { key: "period_end", title: "Đến ngày", kind: "date", width: 11 },
  document: { key: "document", title: "Văn bản", width: 60, fit: "keep" },
  documentId: { key: "document_id", title: "Mã VB", kind: "number", width: 6, fit: "keep" },
} satisfies Record<string, Column>;

export type Row = Record<string, unknown>;

export interface Table {
  columns: Column[];
  rows: Row[];
}
