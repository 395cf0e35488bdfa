// CSV for Excel: UTF-8 with a byte-order mark (without it Excel shows Vietnamese as mojibake),
// CRLF line ends, RFC 4180 quoting, numbers with a decimal point, text cells that would start a
// formula prefixed with '.

import type { Column, Row } from "./columns.js";
import { spreadsheetSafe } from "./text.js";

export const BOM = "\uFEFF";

function field(v: unknown): string {
  if (v == null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return v ? "true" : "false";
  const s = spreadsheetSafe(String(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return values.map(field).join(",") + "\r\n";
}

export function toCsv(columns: Column[], rows: Row[], opts: { bom?: boolean } = { bom: true }): string {
  let out = opts.bom === false ? "" : BOM;
  out += csvLine(columns.map((c) => c.key)); // keys, as in JSON: stable for scripts and formulas
  for (const r of rows) out += csvLine(columns.map((c) => r[c.key]));
  return out;
}
