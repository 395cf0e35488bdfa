// What every report command returns: rows and the columns to show them in, so one renderer
// serves table, CSV, JSON and the XLSX sheets.

export interface Column {
  key: string;
  /** Header in tables, CSV and XLSX. */
  title: string;
  kind?: "text" | "number" | "bool" | "long";
  /** Column width in characters for XLSX (and the cap in terminal tables). */
  width?: number;
}

export type Row = Record<string, unknown>;

export interface Table {
  columns: Column[];
  rows: Row[];
}
