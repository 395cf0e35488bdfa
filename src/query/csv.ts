// CSV for Excel: UTF-8 with a byte-order mark (without it Excel shows Vietnamese as mojibake),
// CRLF line ends, RFC 4180 quoting, text cells that would start a formula prefixed with '.
// Headers are the Vietnamese column titles and coded values (levels, statuses, kinds) are
// written as words, like the table. Numbers have a decimal point, or with `excelVn` (Vietnamese
// regional settings: list separator ";", decimal comma) a decimal comma and ";" between fields.

import type { Column, Row } from "./columns.js";
import { spreadsheetSafe } from "./text.js";

export const BOM = "\uFEFF";

export interface CsvOptions {
  bom?: boolean;
  /** Vietnamese regional settings: ";" between fields, decimal comma. */
  excelVn?: boolean;
}

function field(v: unknown, sep: string, comma: boolean): string {
  if (v == null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? (comma ? String(v).replace(".", ",") : String(v)) : "";
  if (typeof v === "boolean") return v ? "có" : "không";
  const s = spreadsheetSafe(String(v));
  return s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[], opts: CsvOptions = {}): string {
  const sep = opts.excelVn ? ";" : ",";
  return values.map((v) => field(v, sep, !!opts.excelVn)).join(sep) + "\r\n";
}

/** The value a CSV cell holds: words for coded values, true/false of bool columns as có/không. */
export function csvValue(v: unknown, c: Column): unknown {
  if (c.kind === "bool" && typeof v === "number") return v ? "có" : "không";
  if (c.labels && typeof v === "string" && v in c.labels) return c.labels[v];
  return v;
}

export function csvHeader(columns: Column[], opts: CsvOptions = {}): string {
  return (opts.bom === false ? "" : BOM) + csvLine(columns.map((c) => c.title), opts);
}

export function toCsv(columns: Column[], rows: Iterable<Row>, opts: CsvOptions = {}): string {
  let out = csvHeader(columns, opts);
  for (const r of rows) out += csvLine(columns.map((c) => csvValue(r[c.key], c)), opts);
  return out;
}

/** Parses CSV written by toCsv (either separator): rows of strings, BOM dropped. For tests and scripts. */
export function parseCsv(text: string, sep = text.replace(BOM, "").split("\r\n")[0]!.includes(";") ? ";" : ","): string[][] {
  const s = text.replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) row.push(cur), (cur = "");
    else if (ch === "\r" && s[i + 1] === "\n") {
      row.push(cur), rows.push(row), (row = []), (cur = ""), i++;
    } else cur += ch;
  }
  if (cur || row.length) row.push(cur), rows.push(row);
  return rows;
}
