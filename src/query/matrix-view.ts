// What the matrix shows an analyst (terminal table, CSV, workbook): every cell with its status
// against the target (met, unmet, not judged, no target, not reported), its target and gap, the
// round (the report's period) and where the value was read (document, page, quote, fact), plus
// summary rows: units reporting out of the units in the province, how many are below target,
// the sum of teams and members, the median. Built on `matrix()` (which units and indicators,
// latest values, teams) and the provenance of each latest value.

import { compareVi } from "../collate.js";
import type { Db } from "../store/index.js";
import { COL, LEVEL_LABELS, type Column, type Row } from "./columns.js";
import { whereFilters, type Filters } from "./filters.js";
import type { IndicatorInfo } from "./indicators.js";
import { indicatorHeader, indicatorWords, STATUS_LABELS, STATUS_MARKS, type Status } from "./labels.js";
import { matrix, type MatrixRow } from "./matrix.js";
import { formatNumber } from "./text.js";

export interface MatrixCell {
  indicator: string;
  value: number | null;
  status: Status;
  target: number | null;
  /** target − value when the value is below its target, else null. */
  gap: number | null;
  target_source: string | null;
  target_reference: string | null;
  round: string | null;
  period_start: string | null;
  period_end: string | null;
  document_id: number | null;
  document: string | null;
  fact: string | null;
  page: number | null;
  quote: string | null;
}

export interface UnitRow {
  province: string | null;
  unit: string | null;
  level: string | null;
  /** The round (period) of the unit's latest report in the matrix. */
  round: string | null;
  teams: number | null;
  members: number | null;
  cells: Record<string, MatrixCell>;
}

export interface SummaryRow {
  key: "reporting" | "unmet" | "sum" | "median";
  label: string;
  /** For a terminal column. */
  short: string;
  values: Record<string, number | null>;
  teams: number | null;
  members: number | null;
}

export interface MatrixView {
  indicators: IndicatorInfo[];
  rows: UnitRow[];
  summary: SummaryRow[];
  /** Official units in the provinces shown (the denominator of "units reporting"), null when unknown. */
  unitsInProvinces: number | null;
}

/** A status from a row that has one (the rounds' judgement), else from value, target and the unmet list. */
export function statusOf(c: { value: number | null; target: number | null; unmet: number | boolean | null }, saidUnmet: boolean, given?: unknown): Status {
  if (typeof given === "string" && given in STATUS_LABELS) return given as Status;
  if (saidUnmet || c.unmet === 1 || c.unmet === true) return "unmet";
  if (c.value == null) return "not_reported";
  if (c.target == null) return "no_target";
  if (c.unmet === 0 || c.unmet === false) return "met";
  return "not_judged";
}

/** The round of a report, short: "2025" (a whole year), "2026-01..06", "2025-08..2026-05", else the end date. */
export function roundOf(start: string | null, end: string | null): string | null {
  if (!end) return null;
  if (!start) return end;
  const [y1, m1, d1] = start.split("-");
  const [y2, m2] = end.split("-");
  if (y1 === y2 && m1 === "01" && d1 === "01" && end.endsWith("-12-31")) return y1!;
  if (y1 === y2) return `${y1}-${m1}..${m2}`;
  return `${y1}-${m1}..${y2}-${m2}`;
}

interface CellRow {
  unit_key: string;
  indicator: string;
  value: number | null;
  target: number | null;
  target_source: string | null;
  target_reference: string | null;
  unmet: number | null;
  period_start: string | null;
  period_end: string | null;
  document_id: number;
  document: string;
  fact_id: string | null;
  page: number | null;
  quote: string | null;
}

function latestCells(db: Db, filters: Filters): CellRow[] {
  const w = whereFilters(db, filters);
  return db
    .prepare(
      `SELECT unit_key, province, unit, indicator, value, target, target_source, target_reference, unmet, period_start, period_end,
         document_id, document, fact_id, page, quote
       FROM (SELECT v.*, ROW_NUMBER() OVER (PARTITION BY unit_key, indicator
               ORDER BY as_of DESC NULLS LAST, issued_on DESC NULLS LAST, document_id DESC) AS rn
             FROM v_indicator_values v WHERE role IS NOT 'target' AND ${w.sql})
       WHERE rn = 1`,
    )
    .all(...w.params) as CellRow[];
}

/** The latest report (non-plan) of each unit, for "unmet" statements without a figure. */
function latestReports(db: Db, filters: Filters): Map<string, { id: number; name: string; period_start: string | null; period_end: string | null }> {
  const w = whereFilters(db, filters);
  const rows = db
    .prepare(
      `SELECT unit_key, province, unit, id, name, period_start, period_end FROM (
         SELECT d.*, ROW_NUMBER() OVER (PARTITION BY unit_key ORDER BY as_of DESC NULLS LAST, issued_on DESC NULLS LAST, id DESC) AS rn
         FROM v_documents d WHERE kind <> 'plan' AND ${w.sql}) WHERE rn = 1`,
    )
    .all(...w.params) as { unit_key: string; province: string | null; unit: string | null; id: number; name: string; period_start: string | null; period_end: string | null }[];
  return new Map(rows.map((r) => [`${r.province ?? ""}\u0000${r.unit ?? ""}`, r]));
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const nameKey = (r: { province: string | null; unit: string | null }) => `${r.province ?? ""}\u0000${r.unit ?? ""}`;

export function matrixView(db: Db, filters: Filters = {}, codes?: string[]): MatrixView {
  const m = matrix(db, filters, codes);
  const byName = new Map<string, CellRow[]>();
  const keyOf = new Map<string, string>();
  for (const c of latestCells(db, filters)) {
    const k = nameKey(c as unknown as { province: string | null; unit: string | null });
    keyOf.set(c.unit_key, k);
    (byName.get(k) ?? byName.set(k, []).get(k)!).push(c);
  }
  const reports = latestReports(db, filters);
  const rows: UnitRow[] = m.rows.map((r: MatrixRow) => {
    const k = nameKey(r);
    const found = new Map((byName.get(k) ?? []).map((c) => [c.indicator, c]));
    const rep = reports.get(k);
    const given = (r as unknown as { statuses?: Record<string, unknown> }).statuses;
    const cells: Record<string, MatrixCell> = {};
    let round: string | null = null;
    let roundEnd = "";
    for (const i of m.indicators) {
      const c = found.get(i.code);
      const said = r.unmet.includes(i.code);
      const value = r.values[i.code] ?? null;
      const status = statusOf({ value, target: c?.target ?? null, unmet: c?.unmet ?? null }, said && !c, given?.[i.code]);
      const src = c ?? (said && rep ? { document_id: rep.id, document: rep.name, period_start: rep.period_start, period_end: rep.period_end } : null);
      const target = c?.target ?? null;
      cells[i.code] = {
        indicator: i.code,
        value,
        status: said ? "unmet" : status,
        target,
        gap: value != null && target != null && value < target ? Math.round((target - value) * 100) / 100 : null,
        target_source: c?.target_source ?? null,
        target_reference: c?.target_reference ?? null,
        round: src ? roundOf(src.period_start, src.period_end) : null,
        period_start: src?.period_start ?? null,
        period_end: src?.period_end ?? null,
        document_id: src?.document_id ?? null,
        document: src?.document ?? null,
        fact: c?.fact_id ?? null,
        page: c?.page ?? null,
        quote: c?.quote ?? null,
      };
      if (src?.period_end && src.period_end > roundEnd) {
        roundEnd = src.period_end;
        round = cells[i.code]!.round;
      }
    }
    const givenRound = (r as unknown as { round?: unknown }).round;
    return { province: r.province, unit: r.unit, level: r.level, round: typeof givenRound === "string" ? givenRound : round, teams: r.teams, members: r.members, cells };
  });
  rows.sort((a, b) => compareVi(a.province, b.province) || compareVi(a.unit, b.unit));
  const unitsInProvinces = countUnits(db, rows);
  return { indicators: m.indicators, rows, summary: summarise(m.indicators, rows, unitsInProvinces), unitsInProvinces };
}

function countUnits(db: Db, rows: UnitRow[]): number | null {
  const provinces = [...new Set(rows.map((r) => r.province).filter((p): p is string => !!p))];
  if (!provinces.length) return null;
  const q = db.prepare("SELECT count(*) FROM units u JOIN provinces p ON p.code = u.province_code WHERE p.name = ?").pluck();
  const n = provinces.reduce((a, p) => a + (q.get(p) as number), 0);
  return n || null;
}

function summarise(indicators: IndicatorInfo[], rows: UnitRow[], units: number | null): SummaryRow[] {
  const per = (f: (cells: MatrixCell[], i: IndicatorInfo) => number | null) =>
    Object.fromEntries(indicators.map((i) => [i.code, f(rows.map((r) => r.cells[i.code]!).filter(Boolean), i)]));
  const nums = (xs: (number | null)[]) => xs.filter((x): x is number => x != null);
  const teams = nums(rows.map((r) => r.teams));
  const members = nums(rows.map((r) => r.members));
  const sum = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) : null);
  return [
    {
      key: "reporting",
      label: units ? `Số đơn vị báo cáo (trên ${formatNumber(units)} đơn vị của tỉnh)` : "Số đơn vị báo cáo",
      short: "Số đơn vị báo cáo",
      values: per((cs) => cs.filter((c) => c.value != null || c.status === "unmet").length),
      teams: teams.length,
      members: members.length,
    },
    { key: "unmet", label: "Số đơn vị chưa đạt chỉ tiêu", short: "Số chưa đạt", values: per((cs) => cs.filter((c) => c.status === "unmet").length), teams: null, members: null },
    { key: "sum", label: "Tổng", short: "Tổng", values: per((cs, i) => (i.unit === "count" ? sum(nums(cs.map((c) => c.value))) : null)), teams: sum(teams), members: sum(members) },
    { key: "median", label: "Trung vị", short: "Trung vị", values: per((cs) => median(nums(cs.map((c) => c.value)))), teams: median(teams), members: median(members) },
  ];
}

/** A cell as text: the value (Vietnamese numbers in a terminal), "có/không", "—" for unmet without a figure, and the status mark. */
export function cellMark(c: MatrixCell | undefined, i: IndicatorInfo, format: (n: number) => string = formatNumber): string {
  if (!c || c.status === "not_reported") return "";
  const v = c.value == null ? "—" : i.unit === "yesno" ? (c.value ? "có" : "không") : format(c.value);
  return v + STATUS_MARKS[c.status];
}

export interface WideOptions {
  /** Headers as "short (unit) [code]" (CSV: unique and readable) instead of "short (unit)". */
  codes?: boolean;
  level?: boolean;
  summary?: boolean;
  format?: (n: number) => string;
  /** Short summary labels (terminal). */
  short?: boolean;
}

/** The wide matrix: one row per unit, one column per indicator, values with status marks; summary rows after. */
export function wideTable(v: MatrixView, opts: WideOptions = {}): { columns: Column[]; rows: Row[] } {
  const columns: Column[] = [
    COL.province,
    COL.unit,
    ...(opts.level ? [{ key: "level", title: "Cấp", labels: LEVEL_LABELS, width: 7 } as Column] : []),
    { key: "round", title: "Kỳ báo cáo", width: 16 },
    ...v.indicators.map((i): Column => ({ key: i.code, title: indicatorHeader(i) + (opts.codes ? ` [${i.code}]` : ""), kind: "number", width: 14 })),
    { key: "teams", title: "Tổ CNSCĐ (tổ)", kind: "number", width: 9 },
    { key: "members", title: "Thành viên (người)", kind: "number", width: 10 },
  ];
  const fmt = opts.format ?? formatNumber;
  const rows: Row[] = v.rows.map((r) => {
    const out: Row = { province: r.province, unit: r.unit, level: r.level, round: r.round, teams: r.teams == null ? null : fmt(r.teams), members: r.members == null ? null : fmt(r.members) };
    for (const i of v.indicators) out[i.code] = cellMark(r.cells[i.code], i, fmt);
    return out;
  });
  if (opts.summary !== false && v.rows.length)
    for (const s of v.summary) {
      const out: Row = { province: "Tổng hợp", unit: opts.short ? s.short : s.label, teams: s.teams == null ? null : fmt(s.teams), members: s.members == null ? null : fmt(s.members) };
      for (const i of v.indicators) out[i.code] = s.values[i.code] == null ? null : fmt(s.values[i.code]!);
      rows.push(out);
    }
  return { columns, rows };
}

export const LONG_COLUMNS: Column[] = [
  COL.province,
  COL.unit,
  { key: "level", title: "Cấp", labels: LEVEL_LABELS, width: 7 },
  { key: "indicator", title: "Mã chỉ tiêu", width: 12 },
  { key: "label", title: "Chỉ tiêu", width: 30 },
  { key: "unit_word", title: "Đơn vị tính", width: 10 },
  { key: "round", title: "Kỳ báo cáo", width: 16 },
  { key: "value", title: "Giá trị", kind: "number", width: 9 },
  { key: "target", title: "Chỉ tiêu đặt ra", kind: "number", width: 9 },
  { key: "gap", title: "Còn thiếu", kind: "number", width: 9 },
  { key: "status", title: "Đánh giá", labels: STATUS_LABELS, width: 16 },
  { key: "target_reference", title: "Nguồn chỉ tiêu", width: 30 },
  COL.documentId,
  COL.document,
  { key: "page", title: "Trang", kind: "number", width: 6 },
  { key: "quote", title: "Trích dẫn", kind: "long", width: 80 },
];

/** One row per unit × indicator (every status, "not reported" included). */
export function longRows(v: MatrixView): Row[] {
  const rows: Row[] = [];
  for (const r of v.rows)
    for (const i of v.indicators) {
      const c = r.cells[i.code]!;
      const w = indicatorWords(i);
      rows.push({
        province: r.province, unit: r.unit, level: r.level, indicator: i.code, label: w.short, unit_word: w.unit,
        round: c.round, value: c.value, target: c.target, gap: c.gap, status: c.status, target_reference: c.target_reference,
        document_id: c.document_id, document: c.document, page: c.page, quote: c.quote,
      });
    }
  return rows;
}
