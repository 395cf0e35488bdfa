// What the matrix shows an analyst (terminal table, CSV, workbook): every cell with its status
// against the target (met, unmet, not judged, no target, not reported), its target and gap, the
// round (the report's period) and where the value was read (document, page, quote, fact), plus
// summary rows: units reporting out of the units in the province, how many are below target,
// the sum of teams and members, the median. Built on `matrix()` (which units and indicators,
// latest values, teams) and the provenance of each latest value.

import { compareVi } from "../collate.js";
import type { Db } from "../store/index.js";
import { COL, LEVEL_LABELS, type Column, type Row } from "./columns.js";
import { TARGET_SOURCE_LABELS } from "./compare.js";
import type { IndicatorInfo } from "./indicators.js";
import { indicatorHeader, indicatorWords, STATUS_LABELS, STATUS_MARKS, type Status } from "./labels.js";
import { matrix, type MatrixRow } from "./matrix.js";
import type { Round } from "./rounds.js";
import { roundView, type Cell, type RoundFilters } from "./values.js";
import { formatNumber } from "./text.js";

export interface MatrixCell {
  indicator: string;
  value: number | null;
  status: Status;
  target: number | null;
  /** value − target when judged (negative below target), else null. */
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
  /** The round of the row ("6 tháng đầu năm 2026"). */
  round: string | null;
  /** false for a unit of the province that sent no report for the round (--all-units). */
  reported: boolean;
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
  /** The round compared (null with --latest-any). */
  round: Round | null;
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

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}



export interface ViewOptions {
  /** Every official unit of the province (--all-units), those without a report "chưa báo cáo". */
  allUnits?: boolean;
}

/** The matrix of one round (rounds' matrix(): judged cells), with every cell's provenance and the summary rows. */
export function matrixView(db: Db, filters: RoundFilters = {}, codes?: string[], opts: ViewOptions = {}): MatrixView {
  const m = matrix(db, filters, codes, { allUnits: opts.allUnits });
  // quotes, document names and target references of the judged values
  const detail = new Map<string, Cell>();
  for (const u of roundView(db, filters).units) for (const c of u.cells.values()) detail.set(`${c.document_id}/${c.indicator}`, c);
  const rows: UnitRow[] = m.rows.map((r: MatrixRow) => {
    const cells: Record<string, MatrixCell> = {};
    for (const i of m.indicators) {
      const c = r.cells[i.code];
      if (!c) {
        cells[i.code] = { indicator: i.code, value: null, status: "not_reported", target: null, gap: null, target_source: null, target_reference: null, round: null, period_start: null, period_end: null, document_id: null, document: null, fact: null, page: null, quote: null };
        continue;
      }
      const d = detail.get(`${c.document_id}/${i.code}`);
      cells[i.code] = {
        indicator: i.code,
        value: c.value,
        status: c.status,
        target: c.target,
        gap: c.gap,
        target_source: c.target_source,
        target_reference: d?.target_reference ?? null,
        round: c.round,
        period_start: d?.round?.start ?? null,
        period_end: d?.round?.end ?? null,
        document_id: c.document_id,
        document: d?.document ?? (c.document_id === r.document_id ? r.document : null),
        fact: c.fact_id,
        page: c.page,
        quote: d?.quote ?? null,
      };
    }
    return { province: r.province, unit: r.unit, level: r.level, round: r.round, reported: r.status !== "not_reported", teams: r.teams, members: r.members, cells };
  });
  rows.sort((a, b) => compareVi(a.province, b.province) || compareVi(a.unit, b.unit));
  const unitsInProvinces = countUnits(db, rows);
  return { indicators: m.indicators, round: m.round, rows, summary: summarise(m.indicators, rows, unitsInProvinces), unitsInProvinces };
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
  /** Leave out the round column (a terminal, when every row has the same round). */
  noRound?: boolean;
}

/** The wide matrix: one row per unit, one column per indicator, values with status marks; summary rows after. */
export function wideTable(v: MatrixView, opts: WideOptions = {}): { columns: Column[]; rows: Row[] } {
  const columns: Column[] = [
    COL.province,
    COL.unit,
    ...(opts.level ? [{ key: "level", title: "Cấp", labels: LEVEL_LABELS, width: 7 } as Column] : []),
    ...(opts.noRound ? [] : [{ key: "round", title: "Kỳ báo cáo", width: 16 } as Column]),
    ...(v.rows.some((r) => !r.reported) ? [{ key: "reported", title: "Báo cáo", width: 12 } as Column] : []),
    ...v.indicators.map((i): Column => ({ key: i.code, title: indicatorHeader(i) + (opts.codes ? ` [${i.code}]` : ""), kind: "number", width: 14 })),
    { key: "teams", title: "Tổ CNSCĐ (tổ)", kind: "number", width: 9 },
    { key: "members", title: "Thành viên (người)", kind: "number", width: 10 },
  ];
  const fmt = opts.format ?? formatNumber;
  const rows: Row[] = v.rows.map((r) => {
    const out: Row = { province: r.province, unit: r.unit, level: r.level, round: r.round, reported: r.reported ? "" : "chưa báo cáo", teams: r.teams == null ? null : fmt(r.teams), members: r.members == null ? null : fmt(r.members) };
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
  { key: "gap", title: "Chênh lệch", kind: "number", width: 9 },
  { key: "status", title: "Đánh giá", labels: STATUS_LABELS, width: 16 },
  { key: "target_source", title: "Loại chỉ tiêu", labels: TARGET_SOURCE_LABELS, width: 18 },
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
        round: c.round ?? r.round, value: c.value, target: c.target, gap: c.gap, status: c.status, target_source: c.target_source, target_reference: c.target_reference,
        document_id: c.document_id, document: c.document, page: c.page, quote: c.quote,
      });
    }
  return rows;
}
