// Excel (.xlsx) indicator appendix reader, with exceljs: each visible sheet becomes its name as a
// heading and its used range as a table. Cells read as the analyst sees them in a Vietnamese
// Excel: the number format applied (0.85 in a "0%" cell is "85%", 12564 in "#,##0" is "12.564",
// decimal comma), formulas by their cached result, dates as dd/mm/yyyy. A merged range is one
// cell with its spans; rows of labels above the first row of figures are header rows.

import ExcelJS from "exceljs";
import { readError } from "./messages.js";
import { emitDocument, type ProtoBlock, type ProtoCell, type ProtoRow } from "./proto.js";
import type { NormalizedDocument } from "./types.js";

/** Beyond this, a sheet is data, not an appendix: the rest is cut with a warning. */
const MAX_ROWS = 5000;
const MAX_COLS = 100;

export async function readXlsx(bytes: Uint8Array): Promise<NormalizedDocument> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    throw readError("corrupt", "Tệp Excel (.xlsx) hỏng, không đọc được", "hãy mở bằng Excel rồi lưu lại", `corrupt XLSX: ${String((e as Error)?.message ?? e).split("\n")[0]!.slice(0, 100)}`);
  }
  const protos: ProtoBlock[] = [];
  const warnings: string[] = [];
  for (const ws of wb.worksheets) {
    if (ws.state === "hidden" || ws.state === "veryHidden") continue;
    const rows = sheetRows(ws, warnings);
    if (!rows.length) continue;
    protos.push({ kind: "heading", text: ws.name, page: null, level: 1, bold: true });
    protos.push({ kind: "table", text: "", page: null, rows });
  }
  const doc = emitDocument(protos, "xlsx", { warnings });
  if (!doc.text.trim()) throw readError("empty", "Tệp Excel không có ô nào có nội dung", "hãy kiểm tra lại bản gửi", "XLSX holds no text");
  return doc;
}

function sheetRows(ws: ExcelJS.Worksheet, warnings: string[]): ProtoRow[] {
  const merges = new Map<string, { rows: number; cols: number }>();
  const covered = new Set<string>();
  for (const range of (ws.model as { merges?: string[] }).merges ?? []) {
    const [a, b] = range.split(":");
    if (!a || !b) continue;
    const tl = ws.getCell(a);
    const br = ws.getCell(b);
    const r0 = Number(tl.row), c0 = Number(tl.col), r1 = Number(br.row), c1 = Number(br.col);
    merges.set(`${r0}:${c0}`, { rows: r1 - r0 + 1, cols: c1 - c0 + 1 });
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (r !== r0 || c !== c0) covered.add(`${r}:${c}`);
  }
  const lastRow = Math.min(ws.actualRowCount ? ws.rowCount : 0, MAX_ROWS);
  const lastCol = Math.min(ws.columnCount, MAX_COLS);
  if (ws.rowCount > MAX_ROWS || ws.columnCount > MAX_COLS)
    warnings.push(`Trang tính "${ws.name}" quá lớn: chỉ đọc ${MAX_ROWS} dòng × ${MAX_COLS} cột đầu (sheet cut to ${MAX_ROWS}×${MAX_COLS})`);

  const out: { row: ProtoRow; labels: boolean; figures: boolean }[] = [];
  for (let r = 1; r <= lastRow; r++) {
    const row = ws.getRow(r);
    if (row.hidden) continue;
    const cells: ProtoCell[] = [];
    let figures = false;
    let any = false;
    for (let c = 1; c <= lastCol; c++) {
      if (covered.has(`${r}:${c}`)) continue;
      // a hidden column (helper figures) is left out, as a hidden row is
      if (ws.getColumn(c).hidden && !merges.has(`${r}:${c}`)) continue;
      const cell = row.getCell(c);
      const text = cellText(cell);
      if (text) any = true;
      if (typeof resultOf(cell.value) === "number") figures = true;
      const pc: ProtoCell = { text };
      const m = merges.get(`${r}:${c}`);
      if (m && m.cols > 1) pc.colspan = Math.min(m.cols, lastCol - c + 1);
      if (m && m.rows > 1) pc.rowspan = m.rows;
      if (cell.font?.bold && text) pc.bold = true;
      cells.push(pc);
    }
    if (!any) continue;
    while (cells.length > 1 && !cells[cells.length - 1]!.text && !cells[cells.length - 1]!.colspan) cells.pop();
    out.push({ row: { cells, page: null }, labels: !figures, figures });
  }
  // columns left empty on the left of the sheet (a table drawn from B2) are not columns of the table
  const lead = Math.min(...out.map((r) => r.row.cells.findIndex((c) => c.text || c.colspan)).map((k) => (k < 0 ? Infinity : k)));
  if (Number.isFinite(lead) && lead > 0) for (const r of out) r.row.cells.splice(0, lead);
  // the label rows above the first row with a figure are the table's header
  const firstFigures = out.findIndex((r) => r.figures);
  if (firstFigures > 0) for (let k = 0; k < firstFigures; k++) if (out[k]!.labels && out[k]!.row.cells.filter((c) => c.text).length > 1) out[k]!.row.header = true;
  return out.map((r) => r.row);
}

type Value = ExcelJS.CellValue;

function resultOf(v: Value): unknown {
  if (v && typeof v === "object" && !(v instanceof Date)) {
    if ("result" in v) return (v as { result?: unknown }).result;
    if ("sharedFormula" in v || "formula" in v) return undefined;
  }
  return v;
}

/** The cell as Excel shows it (Vietnamese separators). */
export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v == null) return "";
  const r = resultOf(v);
  if (typeof r === "number") return formatNumber(r, cell.numFmt);
  if (r instanceof Date) return formatDate(r, cell.numFmt);
  if (typeof r === "boolean") return r ? "TRUE" : "FALSE";
  if (typeof r === "string") return r.trim();
  if (r && typeof r === "object") {
    if ("richText" in r) return (r as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("").trim();
    if ("text" in r) {
      const t = (r as { text: unknown }).text;
      return typeof t === "string" ? t.trim() : t && typeof t === "object" && "richText" in t ? (t as ExcelJS.CellRichTextValue).richText.map((x) => x.text).join("").trim() : "";
    }
    if ("error" in r) return String((r as { error: unknown }).error);
  }
  return "";
}

/** A number under an Excel number format, for the common formats of report appendices. */
export function formatNumber(n: number, numFmt: string | undefined): string {
  const section = (numFmt ?? "General").split(";")[0]!;
  // literal text written around the number ("0\"%\"", "#,##0\" người\"") stays around it
  const { prefix, suffix } = literals(section);
  const fmt = section.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, "");
  const percent = fmt.includes("%");
  const value = percent ? n * 100 : n;
  const dec = /\.([0#?]+)/.exec(fmt)?.[1]?.length;
  const grouping = /[#0?],[#0?]/.test(fmt);
  let s: string;
  if (dec != null) s = value.toFixed(dec);
  else if (/^[#0?,]+%?$/.test(fmt.trim()) && fmt.trim() !== "") s = value.toFixed(0);
  else s = String(Math.round(value * 1e10) / 1e10); // General: as typed
  let [int, frac] = s.split(".");
  if (grouping) int = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const out = frac ? `${int},${frac}` : int!;
  return `${prefix}${percent ? `${out}%` : out}${suffix}`;
}

/** The quoted or escaped text a number format writes before and after the digits. */
function literals(section: string): { prefix: string; suffix: string } {
  const tokens = section.match(/"[^"]*"|\\.|\[[^\]]*\]|_.|\*.|[^"\\[_*]/g) ?? [];
  let prefix = "";
  let suffix = "";
  let seenDigit = false;
  for (const t of tokens) {
    const lit = t.startsWith('"') ? t.slice(1, -1) : t.startsWith("\\") ? t.slice(1) : null;
    if (/^[#0?]$/.test(t)) {
      seenDigit = true;
      suffix = "";
    } else if (lit != null) {
      if (seenDigit) suffix += lit;
      else prefix += lit;
    }
  }
  return { prefix: prefix.trimStart(), suffix: suffix.trimEnd() };
}

function formatDate(d: Date, numFmt: string | undefined): string {
  const dd = String(d.getUTCDate()).padStart(2, "0");
  const mm = String(d.getUTCMonth() + 1).padStart(2, "0");
  const date = `${dd}/${mm}/${d.getUTCFullYear()}`;
  if (numFmt && /h/i.test(numFmt)) return `${date} ${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
  return date;
}
