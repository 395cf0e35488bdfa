// The values of one round (issue 9), judged: for each unit the document that counts
// (rounds.countingDocument), its values with their status, gap and target, and the conflicts
// between reports of the same unit and round. compare, matrix, flags and the exports read this;
// `--latest-any` keeps each unit's latest value whatever its round, with the round per value.

import { StoreError, type Db } from "../store/index.js";
import type { Filters } from "./filters.js";
import { Targets, judgeValue, type Judgement, type JudgeMode } from "./judge.js";
import { countingDocument, countingDocuments, roundDocuments, selectRound, type Round, type RoundDoc } from "./rounds.js";

export interface RoundFilters extends Filters {
  /** Each unit's latest value whatever its round (the round is given per value). */
  latestAny?: boolean;
  judge?: JudgeMode;
}

export interface Cell extends Judgement {
  indicator: string;
  value: number | null;
  qualifier: string | null;
  role: string | null;
  /** Counted noun for counts ("người"). */
  unit_word: string | null;
  round: Round | null;
  document_id: number;
  document: string;
  fact_id: string | null;
  page: number | null;
  quote: string | null;
}

export interface UnitValues {
  unit_key: string;
  province: string | null;
  province_code: string | null;
  unit: string | null;
  unit_code: string | null;
  level: string | null;
  /** The document that counts (in --latest-any: the latest one). */
  doc: RoundDoc;
  teams: number | null;
  members: number | null;
  cells: Map<string, Cell>;
}

export interface Difference {
  indicator: string;
  value: number | null;
  counting_value: number | null;
}

/** Two or more reports of one unit for one round that disagree. */
export interface Conflict {
  kind: "conflicting_reports";
  unit_key: string;
  province: string | null;
  unit: string | null;
  level: string | null;
  round: Round;
  counting: { document_id: number; document: string; issued_on: string | null };
  /** Why that one counts: the analyst chose it, the later issue date, or stored last. */
  rule: "chosen" | "issue_date" | "stored_last";
  others: { document_id: number; document: string; issued_on: string | null; differences: Difference[] }[];
  message: string;
}

export interface RoundView {
  /** The round compared (null with --latest-any, or when no report has a period). */
  round: Round | null;
  latest_any: boolean;
  units: UnitValues[];
  conflicts: Conflict[];
  /** Every report of the province filter, with its round. */
  docs: RoundDoc[];
}

interface ValueRow {
  document_id: number;
  indicator: string;
  value: number | null;
  value_kind: string | null;
  status: string | null;
  role: string | null;
  qualifier: string | null;
  unit: string | null;
  own_target: number | null;
  stated_unmet: number | null;
  fact_id: string | null;
  page: number | null;
  quote: string | null;
}

/** Actual values of these documents, plus "chưa đạt" said of an indicator with no value. */
function valuesOf(db: Db, ids: number[]): Map<number, ValueRow[]> {
  const list = JSON.stringify(ids);
  const rows = db
    .prepare(
      `SELECT iv.document_id, iv.indicator, iv.value, iv.value_kind, iv.status, iv.role, iv.qualifier, iv.unit,
         iv.target AS own_target, iv.unmet AS stated_unmet, iv.fact_id, f.page, f.quote
       FROM indicator_values iv LEFT JOIN facts f ON f.document_id = iv.document_id AND f.id = iv.fact_id
       WHERE iv.document_id IN (SELECT value FROM json_each(?)) AND iv.role IS NOT 'target'
       UNION ALL
       SELECT f.document_id, f.indicator, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1, f.id, f.page, f.quote
       FROM facts f
       WHERE f.document_id IN (SELECT value FROM json_each(?)) AND f.kind = 'unmet' AND f.indicator IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM indicator_values iv WHERE iv.document_id = f.document_id AND iv.indicator = f.indicator AND iv.role IS NOT 'target')`,
    )
    .all(list, list) as ValueRow[];
  const out = new Map<number, ValueRow[]>();
  for (const r of rows) {
    const l = out.get(r.document_id);
    if (l) l.push(r);
    else out.set(r.document_id, [r]);
  }
  return out;
}

function cellOf(v: ValueRow, d: RoundDoc, targets: Targets, mode: JudgeMode): Cell {
  const j = judgeValue(
    { indicator: v.indicator, value: v.value, value_kind: v.value_kind, status: v.status, own_target: v.own_target, stated_unmet: v.stated_unmet, document_id: d.id, unit_code: d.unit_code, province_code: d.province_code },
    d.round,
    targets,
    mode,
  );
  return {
    indicator: v.indicator, value: v.value, qualifier: v.qualifier, role: v.role, unit_word: v.unit, round: d.round, ...j,
    document_id: d.id, document: d.name, fact_id: v.fact_id, page: v.page, quote: v.quote,
  };
}

function unitOf(d: RoundDoc): UnitValues {
  return { unit_key: d.unit_key, province: d.province, province_code: d.province_code, unit: d.unit, unit_code: d.unit_code, level: d.level, doc: d, teams: d.teams, members: d.team_members, cells: new Map() };
}

const asOf = (d: RoundDoc) => d.period_end ?? d.issued_on ?? "";

/** The round's values by unit, judged, with the conflicts between reports. */
export function roundView(db: Db, filters: RoundFilters = {}): RoundView {
  const docs = roundDocuments(db, filters);
  const targets = new Targets(db);
  const mode = filters.judge ?? "default";
  if (filters.latestAny) return latestAny(db, docs, targets, mode);
  const round = selectRound(db, filters, docs);
  if (!round && filters.province && !docs.length)
    throw new StoreError(`Chưa có báo cáo nào của tỉnh “${filters.province}” trong cơ sở dữ liệu (no reports for this province): xem tonghop coverage --province "${filters.province}"`);
  if (!round) return { round: null, latest_any: false, units: [], conflicts: [], docs };
  const groups = countingDocuments(docs, round);
  const all = [...groups.values()].flatMap((g) => g.all.map((d) => d.id));
  const values = valuesOf(db, all);
  const units: UnitValues[] = [];
  const conflicts: Conflict[] = [];
  for (const g of groups.values()) {
    const u = unitOf(g.doc);
    for (const v of values.get(g.doc.id) ?? []) u.cells.set(v.indicator, cellOf(v, g.doc, targets, mode));
    units.push(u);
    const c = conflictOf(g.doc, g.all, values, round);
    if (c) conflicts.push(c);
  }
  return { round, latest_any: false, units, conflicts, docs };
}

function latestAny(db: Db, docs: RoundDoc[], targets: Targets, mode: JudgeMode): RoundView {
  // per unit: its reports grouped by round (a report without a period stands alone), latest first
  const byUnit = new Map<string, Map<string, RoundDoc[]>>();
  for (const d of docs) {
    let m = byUnit.get(d.unit_key);
    if (!m) byUnit.set(d.unit_key, (m = new Map()));
    const k = d.round?.key ?? `doc:${d.id}`;
    const g = m.get(k);
    if (g) g.push(d);
    else m.set(k, [d]);
  }
  const order: RoundDoc[][] = [];
  const counting = new Map<string, RoundDoc[]>();
  for (const [key, m] of byUnit) {
    const heads = [...m.values()].map((g) => countingDocument(g));
    heads.sort((a, b) => (asOf(a) !== asOf(b) ? (asOf(a) < asOf(b) ? 1 : -1) : b.id - a.id));
    counting.set(key, heads);
    order.push(heads);
  }
  const values = valuesOf(db, order.flat().map((d) => d.id));
  const units: UnitValues[] = [];
  for (const heads of counting.values()) {
    const u = unitOf(heads[0]!);
    u.teams = u.members = null;
    for (const d of heads) {
      for (const v of values.get(d.id) ?? []) if (!u.cells.has(v.indicator)) u.cells.set(v.indicator, cellOf(v, d, targets, mode));
      if (u.teams == null && u.members == null && (d.teams != null || d.team_members != null)) [u.teams, u.members] = [d.teams, d.team_members];
    }
    units.push(u);
  }
  return { round: null, latest_any: true, units, conflicts: [], docs };
}

function conflictOf(counting: RoundDoc, all: RoundDoc[], values: Map<number, ValueRow[]>, round: Round): Conflict | null {
  if (all.length < 2) return null;
  const mine = new Map((values.get(counting.id) ?? []).map((v) => [v.indicator, v.value]));
  const others: Conflict["others"] = [];
  for (const d of all) {
    if (d.id === counting.id) continue;
    // reports of two former communes now one unit are parts of it, not rival versions
    if ((d.former_unit ?? null) !== (counting.former_unit ?? null)) continue;
    const differences: Difference[] = [];
    for (const v of values.get(d.id) ?? []) {
      if (!mine.has(v.indicator)) continue;
      const c = mine.get(v.indicator) ?? null;
      if (v.value == null || c == null) continue;
      if (Math.abs(v.value - c) > 0.005) differences.push({ indicator: v.indicator, value: v.value, counting_value: c });
    }
    if (differences.length) others.push({ document_id: d.id, document: d.name, issued_on: d.issued_on, differences });
  }
  if (!others.length) return null;
  const rule: Conflict["rule"] = counting.chosen_at != null ? "chosen" : all.every((d) => d.issued_on != null) && all.some((d) => d.issued_on !== counting.issued_on) ? "issue_date" : "stored_last";
  const why = { chosen: "người phân tích đã chọn", issue_date: "ngày ban hành muộn hơn", stored_last: "lưu sau cùng" }[rule];
  const diff = others
    .map((o) => `${o.document} (${o.differences.map((x) => `${x.indicator}: ${fmt(x.value)}`).join(", ")})`)
    .join("; ");
  const own = others[0]!.differences.map((x) => `${x.indicator}: ${fmt(x.counting_value)}`).join(", ");
  return {
    kind: "conflicting_reports",
    unit_key: counting.unit_key, province: counting.province, unit: counting.unit, level: counting.level, round,
    counting: { document_id: counting.id, document: counting.name, issued_on: counting.issued_on },
    rule, others,
    message: `Các báo cáo ${round.label} không khớp nhau (conflicting reports): ${counting.name} (${own}) khác ${diff}; tính theo ${counting.name} (${why}); chọn bản khác với tonghop choose`,
  };
}

function fmt(n: number | null): string {
  return n == null ? "—" : String(Math.round(n * 100) / 100).replace(".", ",");
}
