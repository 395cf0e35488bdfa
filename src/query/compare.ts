// `tonghop compare --indicator CODE`: each unit's value for one indicator in one round (default:
// the latest round that has reports), judged against its target, weakest first (unmet targets,
// then the lowest values). `--by-period`: units × rounds with the change between rounds.

import type { Db } from "../store/index.js";
import { COL, LEVEL_LABELS, QUALIFIER_LABELS, ROLE_LABELS, type Column, type Row, type Table } from "./columns.js";
import type { Status, TargetSource } from "./judge.js";
import { indicator } from "./indicators.js";
import { Targets, judgeValue } from "./judge.js";
import { countingDocuments, parseRound, roundDocuments, type Round } from "./rounds.js";
import { roundView, type RoundFilters } from "./values.js";

export interface CompareRow {
  province: string | null;
  unit: string | null;
  level: string | null;
  /** The round as analysts say it ("6 tháng đầu năm 2026"); its kind and days follow. */
  round: string | null;
  round_kind: string | null;
  period_start: string | null;
  period_end: string | null;
  value: number | null;
  qualifier: string | null;
  role: string | null;
  status: Status;
  target: number | null;
  /** The year target when `target` is its pro-rata part (--judge prorata). */
  target_year: number | null;
  target_source: TargetSource | null;
  gap: number | null;
  /** true: unmet, false: met, null: not judged or no target (kept from the first JSON shape). */
  unmet: boolean | null;
  document_id: number;
  document: string;
  fact_id: string | null;
  page: number | null;
  quote: string | null;
  /** Other reports of the unit for the round whose figures differ (see `tonghop flags`). */
  conflicting_reports: string[];
}

export const STATUS_LABELS: Record<string, string> = { met: "đạt", unmet: "chưa đạt", not_judged: "chưa đánh giá", no_target: "không có chỉ tiêu", not_reported: "chưa báo cáo" };
export const TARGET_SOURCE_LABELS: Record<string, string> = {
  report: "báo cáo tự nêu",
  unit_plan: "kế hoạch của đơn vị",
  unit_rule: "quy định cho đơn vị",
  province_plan: "kế hoạch của tỉnh",
  province_rule: "chỉ tiêu của tỉnh",
};

export const COMPARE_COLUMNS: Column[] = [
  COL.province,
  COL.unit,
  { key: "level", title: "Cấp", labels: LEVEL_LABELS, width: 7 },
  { key: "round", title: "Kỳ", width: 22 },
  { key: "value", title: "Giá trị", kind: "number", width: 9 },
  { key: "qualifier", title: "Mức", labels: QUALIFIER_LABELS, width: 7 },
  { key: "role", title: "Loại", labels: ROLE_LABELS, width: 7 },
  { key: "target", title: "Chỉ tiêu", kind: "number", width: 9 },
  { key: "target_source", title: "Nguồn chỉ tiêu", labels: TARGET_SOURCE_LABELS, width: 18 },
  { key: "gap", title: "Chênh lệch", kind: "number", width: 10 },
  { key: "status", title: "Đánh giá", labels: STATUS_LABELS, width: 14 },
  { key: "document_id", title: "Mã VB", kind: "number", width: 6 },
  COL.document,
  { key: "page", title: "Trang", kind: "number", width: 6 },
  { key: "quote", title: "Trích dẫn", kind: "long", width: 80 },
];

const STATUS_ORDER: Record<Status, number> = { unmet: 0, not_judged: 1, met: 2, no_target: 3 };

/** One row per unit for the indicator, in the round of the filters (or the latest round). */
export function compare(db: Db, code: string, filters: RoundFilters = {}): CompareRow[] {
  return compareView(db, code, filters).rows;
}

/** compare() with the round it compared (null with --latest-any). */
export function compareView(db: Db, code: string, filters: RoundFilters = {}): { round: Round | null; rows: CompareRow[] } {
  const ind = indicator(db, code);
  const view = roundView(db, filters);
  const conflicts = new Map(view.conflicts.map((c) => [c.unit_key, c]));
  const rows: CompareRow[] = [];
  for (const u of view.units) {
    const c = u.cells.get(ind.code);
    if (!c) continue;
    const conflict = conflicts.get(u.unit_key);
    rows.push({
      province: u.province, unit: u.unit, level: u.level,
      round: c.round?.label ?? null, round_kind: c.round?.kind ?? null,
      period_start: c.round?.start ?? u.doc.period_start, period_end: c.round?.end ?? u.doc.period_end,
      value: c.value, qualifier: c.qualifier, role: c.role,
      status: c.status, target: c.target, target_year: c.target_year, target_source: c.target_source, gap: c.gap,
      unmet: c.status === "unmet" ? true : c.status === "met" ? false : null,
      document_id: c.document_id, document: c.document, fact_id: c.fact_id, page: c.page, quote: c.quote,
      conflicting_reports: conflict?.others.filter((o) => o.differences.some((d) => d.indicator === ind.code)).map((o) => o.document) ?? [],
    });
  }
  const collator = new Intl.Collator("vi");
  rows.sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      (a.value == null ? 1 : 0) - (b.value == null ? 1 : 0) ||
      (a.value ?? 0) - (b.value ?? 0) ||
      collator.compare(a.province ?? "~", b.province ?? "~") ||
      collator.compare(a.unit ?? "~", b.unit ?? "~"),
  );
  return { round: view.round, rows };
}

// ---------------------------------------------------------------------------------------------
// Trends: `compare --indicator CODE --by-period`

export interface TrendRow {
  province: string | null;
  unit: string | null;
  level: string | null;
  /** round key → the unit's value in that round (the document that counts). */
  values: Record<string, number | null>;
  /** round key → status of that value against its target. */
  status: Record<string, Status>;
  /** round key → change since the unit's previous round with a value. */
  change: Record<string, number | null>;
}

export interface Trend {
  indicator: string;
  label: string;
  rounds: Round[];
  rows: TrendRow[];
}

/**
 * Units × rounds for one indicator. The rounds are those that run from 1 January (month 1,
 * quarter I, 6 and 9 months, the year), so each point adds to the last: a quarter-only or
 * second-half report is not a point on the trend. `--period` limits the rounds to those
 * ending within it.
 */
export function trend(db: Db, code: string, filters: RoundFilters = {}): Trend {
  const ind = indicator(db, code);
  const docs = roundDocuments(db, filters);
  const targets = new Targets(db);
  let lo = "", hi = "9999";
  if (filters.period) {
    // the rounds that end within the period asked for
    const r = parseRound(filters.period);
    [lo, hi] = [r.start, r.end];
  }
  const rounds = new Map<string, Round>();
  for (const d of docs) if (d.round && (d.round.cumulative || d.round.kind === "year") && d.round.end >= lo && d.round.end <= hi) rounds.set(d.round.key, d.round);
  const ordered = [...rounds.values()].sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
  const rowsBy = new Map<string, TrendRow>();
  const heads = ordered.map((r) => countingDocuments(docs, r));
  const ids = heads.flatMap((m) => [...m.values()].map((g) => g.doc.id));
  const vals = db
    .prepare(`SELECT document_id, value, value_kind, status, target AS own_target, unmet AS stated_unmet FROM indicator_values
      WHERE indicator = ? AND role IS NOT 'target' AND document_id IN (SELECT value FROM json_each(?))`)
    .all(ind.code, JSON.stringify(ids)) as { document_id: number; value: number | null; value_kind: string | null; status: string | null; own_target: number | null; stated_unmet: number | null }[];
  const byDoc = new Map(vals.map((v) => [v.document_id, v]));
  ordered.forEach((r, i) => {
    for (const g of heads[i]!.values()) {
      const v = byDoc.get(g.doc.id);
      if (!v) continue;
      let row = rowsBy.get(g.unit_key);
      if (!row) rowsBy.set(g.unit_key, (row = { province: g.doc.province, unit: g.doc.unit, level: g.doc.level, values: {}, status: {}, change: {} }));
      row.values[r.key] = v.value;
      row.status[r.key] = judgeValue({ indicator: ind.code, ...v, document_id: g.doc.id, unit_code: g.doc.unit_code, province_code: g.doc.province_code }, r, targets, filters.judge ?? "default").status;
    }
  });
  // only the rounds in which some unit gives the indicator
  const used = new Set([...rowsBy.values()].flatMap((r) => Object.keys(r.values)));
  ordered.splice(0, ordered.length, ...ordered.filter((r) => used.has(r.key)));
  for (const row of rowsBy.values()) {
    let prev: number | null = null;
    for (const r of ordered) {
      if (!(r.key in row.values)) continue;
      const v = row.values[r.key] ?? null;
      row.change[r.key] = prev != null && v != null ? Math.round((v - prev) * 100) / 100 : null;
      if (v != null) prev = v;
    }
  }
  const collator = new Intl.Collator("vi");
  const rows = [...rowsBy.values()].sort((a, b) => collator.compare(a.province ?? "~", b.province ?? "~") || collator.compare(a.unit ?? "~", b.unit ?? "~"));
  return { indicator: ind.code, label: ind.label, rounds: ordered, rows };
}

/** The trend as a flat table: per round a value column and a change column ("± kỳ trước"). */
export function trendTable(t: Trend): Table {
  const columns: Column[] = [COL.province, COL.unit, { key: "level", title: "Cấp", labels: LEVEL_LABELS, width: 7 }];
  t.rounds.forEach((r, i) => {
    columns.push({ key: r.key, title: r.label, kind: "number", width: Math.max(10, r.label.length + 1) });
    if (i > 0) columns.push({ key: `${r.key}:change`, title: `± so với kỳ trước`, kind: "number", width: 10 });
  });
  const rows = t.rows.map((r) => {
    const out: Row = { province: r.province, unit: r.unit, level: r.level };
    for (const k of Object.keys(r.values)) out[k] = r.values[k];
    for (const k of Object.keys(r.change)) out[`${k}:change`] = r.change[k];
    return out;
  });
  return { columns, rows };
}

