// `tonghop matrix`: units × indicators for one round (default: the latest round that has
// reports), each cell the value of the document that counts for the unit, judged against its
// target, plus the unit's community digital technology teams and their members. Never values of
// different rounds in one row (except with --latest-any, which gives the round per cell).

import type { Db } from "../store/index.js";
import { COL, LEVEL_LABELS, type Column, type Row, type Table } from "./columns.js";
import { provinceUnits } from "./coverage.js";
import { catalogue, indicator, type IndicatorInfo } from "./indicators.js";
import type { Status, TargetSource } from "./judge.js";
import type { Round } from "./rounds.js";
import { roundView, type RoundFilters } from "./values.js";

export interface MatrixCell {
  value: number | null;
  status: Status;
  gap: number | null;
  target: number | null;
  target_source: TargetSource | null;
  /** The round of the value (differs between cells only with --latest-any). */
  round: string | null;
  document_id: number;
  fact_id: string | null;
  page: number | null;
}

export interface MatrixRow {
  province: string | null;
  unit: string | null;
  unit_code: string | null;
  level: string | null;
  /** "6 tháng đầu năm 2026"; with --latest-any the round of the latest report. */
  round: string | null;
  /** reported, or not_reported for a unit of the province with no report in the round (--all-units). */
  status: "reported" | "not_reported";
  /** The document that counts for the unit in the round. */
  document_id: number | null;
  document: string | null;
  teams: number | null;
  members: number | null;
  values: Record<string, number | null>;
  /** Codes whose value is below the target (or that the report says are not met). */
  unmet: string[];
  cells: Record<string, MatrixCell>;
}

export interface Matrix {
  indicators: IndicatorInfo[];
  /** The round compared (null with --latest-any). */
  round: Round | null;
  rows: MatrixRow[];
}

export interface MatrixOptions {
  /** Every official unit of the province, the ones without a report marked not_reported. */
  allUnits?: boolean;
}

export function matrix(db: Db, filters: RoundFilters = {}, codes?: string[], opts: MatrixOptions = {}): Matrix {
  const wanted = codes?.length ? codes.map((c) => indicator(db, c).code) : null;
  const view = roundView(db, filters);
  const used = new Set<string>();
  const rows: MatrixRow[] = [];
  for (const u of view.units) {
    const r: MatrixRow = {
      province: u.province, unit: u.unit, unit_code: u.unit_code, level: u.level,
      round: view.round?.label ?? u.doc.round?.label ?? null, status: "reported",
      document_id: u.doc.id, document: u.doc.name, teams: u.teams, members: u.members, values: {}, unmet: [], cells: {},
    };
    for (const c of u.cells.values()) {
      if (wanted && !wanted.includes(c.indicator)) continue;
      r.values[c.indicator] = c.value;
      if (c.status === "unmet") r.unmet.push(c.indicator);
      r.cells[c.indicator] = { value: c.value, status: c.status, gap: c.gap, target: c.target, target_source: c.target_source, round: c.round?.label ?? null, document_id: c.document_id, fact_id: c.fact_id, page: c.page };
      if (c.value != null || c.status === "unmet") used.add(c.indicator);
    }
    rows.push(r);
  }
  if (opts.allUnits) {
    const have = new Set(rows.map((r) => r.unit_code).filter(Boolean));
    for (const u of provinceUnits(db, filters.province)) {
      if (have.has(u.code)) continue;
      rows.push({ province: u.province, unit: u.name, unit_code: u.code, level: u.level, round: view.round?.label ?? null, status: "not_reported", document_id: null, document: null, teams: null, members: null, values: {}, unmet: [], cells: {} });
    }
  }
  const indicators = catalogue(db).filter((i) => (wanted ? wanted.includes(i.code) : used.has(i.code)));
  const collator = new Intl.Collator("vi");
  rows.sort((a, b) => collator.compare(a.province ?? "~", b.province ?? "~") || collator.compare(a.unit ?? "~", b.unit ?? "~"));
  return { indicators, round: view.round, rows };
}

export const REPORT_STATUS_LABELS: Record<string, string> = { reported: "", not_reported: "chưa báo cáo" };

/**
 * Flat rows: one column per indicator code. With `mark`, unmet values become "60*" (for terminals).
 * A `status` column ("chưa báo cáo") appears when the matrix lists units that sent nothing.
 */
export function matrixTable(m: Matrix, opts: { mark?: (v: number | null, ind: IndicatorInfo) => string } = {}): Table {
  const missing = m.rows.some((r) => r.status === "not_reported");
  const columns: Column[] = [
    COL.province,
    COL.unit,
    { key: "level", title: "Cấp", labels: LEVEL_LABELS, width: 7 },
    { key: "round", title: "Kỳ", width: 22 },
    ...(missing ? [{ key: "status", title: "Báo cáo", labels: REPORT_STATUS_LABELS, width: 13 }] : []),
    ...m.indicators.map((i): Column => ({ key: i.code, title: i.code, kind: "number", width: Math.max(7, i.code.length + 1) })),
    { key: "teams", title: "Tổ CNSCĐ", kind: "number", width: 9 },
    { key: "members", title: "Thành viên", kind: "number", width: 10 },
  ];
  const rows = m.rows.map((r) => {
    const out: Row = { province: r.province, unit: r.unit, level: r.level, round: r.round, teams: r.teams, members: r.members };
    if (missing) out.status = r.status;
    for (const i of m.indicators) {
      const v = r.values[i.code] ?? null;
      out[i.code] = opts.mark ? (v == null && !r.unmet.includes(i.code) ? "" : opts.mark(v, i) + (r.unmet.includes(i.code) ? "*" : "")) : v;
    }
    return out;
  });
  return { columns, rows };
}
