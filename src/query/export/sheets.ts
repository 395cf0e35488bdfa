// The tables an export holds: the matrix (with summary rows), its long form (one row per unit ×
// indicator with status, target, gap and provenance), every fact with its quote, the flags, the
// documents, the legend (what each column means, its target and the target's source), the trend
// of one indicator across rounds (--indicator) and the coverage (which units of the province have
// reported, --province). Facts (of the round's reports) are streamed (a country's worth is
// hundreds of thousands of rows), in Vietnamese order of province and unit.

import { compareVi, registerViRank } from "../../collate.js";
import { StoreError, type Db } from "../../store/index.js";
import { trend, trendTable } from "../compare.js";
import { coverage, COVERAGE_COLUMNS, coverageRows } from "../coverage.js";
import { roundDocuments, selectRound } from "../rounds.js";
import type { RoundFilters } from "../values.js";
import { COL, LEVEL_LABELS, QUALIFIER_LABELS, ROLE_LABELS, type Column, type Row } from "../columns.js";
import { DOCUMENT_COLUMNS, documents } from "../documents.js";
import { whereFilters, type Filters } from "../filters.js";
import { FLAG_COLUMNS, flags } from "../flags.js";
import { indicatorWords, KIND_WORDS, presentColumns, STATUS_LABELS, STATUS_MARKS, UNIT_WORDS, type Status } from "../labels.js";
import { LONG_COLUMNS, longRows, matrixView, type MatrixView } from "../matrix-view.js";

export const SHEETS = ["matrix", "values", "facts", "flags", "documents", "legend", "trend", "coverage"] as const;
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
  values: "Đơn vị × chỉ tiêu",
  facts: "Số liệu và trích dẫn",
  flags: "Cảnh báo",
  documents: "Văn bản",
  legend: "Chú giải",
  trend: "Xu hướng theo kỳ",
  coverage: "Đơn vị báo cáo",
};

export interface Sheet {
  columns: Column[];
  rows: Iterable<Row>;
  /** Columns frozen at the left (the unit's name stays in view); the header row is always frozen. */
  freezeColumns?: number;
}

export const FACT_COLUMNS: Column[] = [
  COL.province,
  COL.unit,
  COL.periodEnd,
  COL.documentId,
  { ...COL.document, width: 28 },
  { key: "fact", title: "Mã số liệu", width: 9 },
  { key: "indicator", title: "Mã chỉ tiêu", width: 12 },
  { key: "label", title: "Chỉ tiêu", width: 40 },
  { key: "kind", title: "Loại", labels: KIND_WORDS, width: 12 },
  { key: "value", title: "Giá trị", kind: "number", width: 10 },
  { key: "num", title: "Tử số", kind: "number", width: 10 },
  { key: "den", title: "Mẫu số", kind: "number", width: 10 },
  { key: "unit_word", title: "Đơn vị tính", width: 12 },
  { key: "qualifier", title: "Mức", labels: QUALIFIER_LABELS, width: 8 },
  { key: "role", title: "Kết quả/Mục tiêu", labels: ROLE_LABELS, width: 10 },
  { key: "page", title: "Trang", kind: "number", width: 6 },
  { key: "ocr_confidence", title: "Độ tin cậy OCR (%)", kind: "number", width: 9 },
  { key: "section", title: "Mục", width: 30 },
  { key: "quote", title: "Trích dẫn", kind: "long", width: 90 },
  { key: "path", title: "Tệp gốc", width: 40 },
];

/** The facts' SQL, shared by the sheet and the row numbers the matrix links to. */
function factsQuery(db: Db, filters: ExportFilters, select: string): { sql: string; params: unknown[] } {
  // the facts of the round's reports (every round with --latest-any)
  let ids: number[] | null = null;
  if (!filters.latestAny) {
    const docs = roundDocuments(db, filters);
    const round = selectRound(db, filters, docs);
    ids = round ? docs.filter((d) => d.round?.key === round.key).map((d) => d.id) : [];
  }
  const w = whereFilters(db, { province: filters.province, period: ids ? undefined : filters.period }, "d");
  registerViRank(db, db.prepare("SELECT DISTINCT province FROM v_documents UNION SELECT DISTINCT unit FROM v_documents").pluck().all() as string[]);
  return {
    sql: `SELECT ${select}
       FROM facts f JOIN v_documents d ON d.id = f.document_id
       LEFT JOIN indicators i ON i.code = f.indicator
       LEFT JOIN sections s ON s.document_id = f.document_id AND s.id = f.section
       WHERE d.duplicate_of IS NULL AND ${w.sql}${ids ? " AND d.id IN (SELECT value FROM json_each(?))" : ""}
       ORDER BY vi_rank(d.province), vi_rank(d.unit), d.as_of DESC, d.id, f.text_start, f.id`,
    params: ids ? [...w.params, JSON.stringify(ids)] : w.params,
  };
}

function facts(db: Db, filters: ExportFilters): Iterable<Row> {
  const q = factsQuery(
    db,
    filters,
    `d.province, d.unit, d.period_end, d.id AS document_id, d.name AS document, f.id AS fact, f.indicator, i.label, f.kind, f.value, f.num, f.den,
     f.unit AS unit_word, f.qualifier, f.role, f.page, f.ocr_confidence, s.title AS section, f.quote, d.path`,
  );
  const labels = new Map<string, string>();
  const stmt = db.prepare(q.sql);
  return (function* () {
    for (const r of stmt.iterate(...q.params) as Iterable<Row>) {
      if (typeof r.indicator === "string" && r.label != null) {
        let l = labels.get(r.indicator);
        if (l === undefined) labels.set(r.indicator, (l = indicatorWords({ code: r.indicator, label: String(r.label), unit: "" }).short));
        r.label = l;
      }
      yield r;
    }
  })();
}

/** Row number (1-based, header = 1) in the facts sheet of each "document_id/fact" wanted. */
export function factRows(db: Db, filters: ExportFilters, wanted: Set<string>): Map<string, number> {
  const out = new Map<string, number>();
  if (!wanted.size) return out;
  const q = factsQuery(db, filters, "d.id AS document_id, f.id AS fact");
  let n = 1;
  for (const r of db.prepare(q.sql).raw().iterate(...q.params) as Iterable<[number, string]>) {
    n++;
    const k = `${r[0]}/${r[1]}`;
    if (wanted.has(k)) out.set(k, n);
  }
  return out;
}

export const LEGEND_COLUMNS: Column[] = [
  { key: "code", title: "Mã", width: 22 },
  { key: "short", title: "Tên ngắn (tiêu đề cột)", width: 32 },
  { key: "label", title: "Chỉ tiêu", kind: "long", width: 60 },
  { key: "unit", title: "Đơn vị tính", width: 12 },
  { key: "target", title: "Chỉ tiêu đặt ra", kind: "number", width: 10 },
  { key: "year", title: "Năm", kind: "number", width: 6 },
  { key: "where", title: "Áp dụng cho", width: 24 },
  { key: "source", title: "Nguồn chỉ tiêu", kind: "long", width: 50 },
];

/** One row per indicator of the matrix and target that applies to the units shown; status words at the end. */
export function legendRows(db: Db, v: MatrixView): Row[] {
  const provinces = [...new Set(v.rows.map((r) => r.province).filter(Boolean))] as string[];
  const targets = db.prepare(
    `SELECT t.value, t.year, t.qualifier, t.reference, t.source, p.name AS province, u.name AS unit
     FROM targets t LEFT JOIN provinces p ON p.code = t.province_code LEFT JOIN units u ON u.code = t.unit_code
     WHERE t.indicator = ? AND t.source IN ('rules', 'plan') ORDER BY t.year DESC, p.name, u.name`,
  );
  const rows: Row[] = [];
  for (const i of v.indicators) {
    const w = indicatorWords(i);
    const base = { code: i.code, short: w.short, label: i.label, unit: w.unit };
    const ts = (targets.all(i.code) as Row[]).filter((t) => !provinces.length || provinces.includes(String(t.province)));
    ts.sort((a, b) => Number(b.year) - Number(a.year) || compareVi(a.province as string, b.province as string) || compareVi(a.unit as string, b.unit as string));
    if (!ts.length) rows.push({ ...base, source: "chưa có chỉ tiêu đặt ra (no target)" });
    for (const t of ts)
      rows.push({ ...base, target: t.value, year: t.year, where: t.unit ? `${t.unit} (${t.province})` : t.province, source: t.reference ?? (t.source === "plan" ? "kế hoạch đã nhập" : "rules/targets.yaml") });
  }
  rows.push({}, { code: "Ký hiệu", short: "Ý nghĩa" });
  const statusRows: [string, Status][] = [["ô tô cam, *", "unmet"], ["ô tô vàng, ?", "not_judged"], ["", "met"], ["", "no_target"], ["ô trống", "not_reported"]];
  for (const [mark, s] of statusRows) rows.push({ code: mark || STATUS_MARKS[s] || "", short: STATUS_LABELS[s], label: STATUS_HELP[s] });
  rows.push({ code: "—", short: "báo cáo ghi chưa đạt", label: "Báo cáo ghi chưa đạt chỉ tiêu nhưng không nêu số liệu" });
  return rows;
}

const STATUS_HELP: Record<Status, string> = {
  met: "Đạt hoặc vượt chỉ tiêu đặt ra (met)",
  unmet: "Thấp hơn chỉ tiêu, hoặc báo cáo tự ghi chưa đạt (below target)",
  not_judged: "Có chỉ tiêu cả năm nhưng kỳ báo cáo chưa hết năm: chưa đánh giá (not judged)",
  no_target: "Không có chỉ tiêu đặt ra cho đơn vị, năm này (no target)",
  not_reported: "Báo cáo không nêu chỉ tiêu này (not reported)",
};

export function sheet(db: Db, name: SheetName, filters: ExportFilters, view?: MatrixView): Sheet {
  switch (name) {
    case "trend": {
      if (!filters.indicator) throw new StoreError("Bảng xu hướng cần --indicator (the trend sheet needs --indicator)");
      return { ...trendTable(trend(db, filters.indicator, filters)), freezeColumns: 2 };
    }
    case "matrix":
      throw new Error("the matrix sheet is written from matrixView()");
    case "values":
      return { columns: LONG_COLUMNS, rows: longRows(view ?? matrixView(db, filters, undefined, { allUnits: filters.allUnits })), freezeColumns: 4 };
    case "facts":
      return { columns: FACT_COLUMNS, rows: facts(db, filters), freezeColumns: 2 };
    case "flags":
      return { columns: presentColumns(FLAG_COLUMNS), rows: flags(db, filters).sort((a, b) => compareVi(a.province as string, b.province as string) || compareVi(a.unit as string, b.unit as string)), freezeColumns: 2 };
    case "documents":
      return { columns: DOCUMENT_COLUMNS, rows: documents(db, filters), freezeColumns: 2 };
    case "legend":
      return { columns: LEGEND_COLUMNS, rows: legendRows(db, view ?? matrixView(db, filters, undefined, { allUnits: filters.allUnits })), freezeColumns: 1 };
    case "coverage":
      return { columns: presentColumns(COVERAGE_COLUMNS), rows: coverageRows(db, coverage(db, filters)), freezeColumns: 3 };
  }
}

export { UNIT_WORDS };
