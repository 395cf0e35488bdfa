// Targets and judgement (issue 9): the ONE owner of which target applies to a value and whether
// the value meets it. compare, matrix, flags, coverage and the exports all call judgeValue.
//
// Targets, most specific first: the one the report itself states (report); a plan of that unit
// imported into the database (unit_plan); a rule target for the unit (unit_rule); a plan of the
// province (province_plan); the rule target for the province (province_rule). A target applies
// to the year the round ends in; a rule target may be set for a mid-year round (`months` in
// rules/targets.yaml) and then applies to that cumulative round only.
//
// Status: met | unmet | not_judged | no_target, with gap = value − the target compared with.
// A mid-year value against a year target is not_judged unless the analyst asks: --judge
// prorata (the year target × months elapsed / 12, for a cumulative round), --judge year (the
// whole-year target as it is), --judge off (nothing judged). A report that says itself that a
// target was not met is unmet whatever the mode.

import type { Db } from "../store/index.js";
import type { Round } from "./rounds.js";

export type JudgeMode = "default" | "prorata" | "year" | "off";
export const JUDGE_MODES = ["prorata", "year", "off"] as const;
export type Status = "met" | "unmet" | "not_judged" | "no_target";
export type TargetSource = "report" | "unit_plan" | "unit_rule" | "province_plan" | "province_rule";

export interface TargetRow {
  id: number;
  source: "rules" | "plan";
  province_code: string | null;
  unit_code: string | null;
  year: number;
  indicator: string;
  value: number;
  value_kind: string;
  qualifier: string;
  reference: string;
  document_id: number | null;
  months: number | null;
}

/** Every stored target, looked up by indicator and year. */
export class Targets {
  private readonly by = new Map<string, TargetRow[]>();
  constructor(db: Db) {
    const hasMonths = (db.prepare("SELECT count(*) FROM pragma_table_info('targets') WHERE name = 'months'").pluck().get() as number) > 0;
    const rows = db
      .prepare(`SELECT id, source, province_code, unit_code, year, indicator, value, value_kind, qualifier, reference, document_id, ${hasMonths ? "months" : "NULL AS months"} FROM targets ORDER BY id`)
      .all() as TargetRow[];
    for (const t of rows) {
      const k = `${t.indicator}|${t.year}`;
      const list = this.by.get(k);
      if (list) list.push(t);
      else this.by.set(k, [t]);
    }
  }

  /**
   * The published target for a unit's value in a round (not the report's own), most specific
   * first; among targets of the same rank, the one stored last. A target for this very
   * mid-year round is preferred to the year target of the same rank.
   */
  find(q: { indicator: string; round: Round; unit_code: string | null; province_code: string | null; value_kind: string | null; document_id: number }): { row: TargetRow; source: TargetSource } | null {
    const list = this.by.get(`${q.indicator}|${q.round.year}`) ?? [];
    const months = q.round.cumulative ? Number(q.round.end.slice(5, 7)) : null;
    let best: { row: TargetRow; source: TargetSource; rank: number } | null = null;
    for (const t of list) {
      if (t.document_id === q.document_id) continue;
      if (q.value_kind && t.value_kind !== q.value_kind) continue;
      if (t.months != null && t.months !== months) continue;
      let source: TargetSource;
      if (t.unit_code != null) {
        if (t.unit_code !== q.unit_code) continue;
        source = t.source === "plan" ? "unit_plan" : "unit_rule";
      } else {
        if (t.province_code == null || t.province_code !== q.province_code) continue;
        source = t.source === "plan" ? "province_plan" : "province_rule";
      }
      const rank = SOURCE_RANK[source] * 2 + (t.months != null ? 0 : 1);
      if (!best || rank < best.rank || (rank === best.rank && t.id > best.row.id)) best = { row: t, source, rank };
    }
    return best && { row: best.row, source: best.source };
  }
}

const SOURCE_RANK: Record<TargetSource, number> = { report: 0, unit_plan: 1, unit_rule: 2, province_plan: 3, province_rule: 4 };

export interface ValueIn {
  indicator: string;
  value: number | null;
  value_kind: string | null;
  /** not_applicable and the like: nothing to judge. */
  status: string | null;
  /** The target the report itself states. */
  own_target: number | null;
  /** 1 when the report says itself that the target was not met. */
  stated_unmet: number | null;
  document_id: number;
  unit_code: string | null;
  province_code: string | null;
}

export interface Judgement {
  status: Status;
  /** value − the target compared with (rounded to 2 decimals), when judged. */
  gap: number | null;
  /** The target compared with (pro rata: the year target × months / 12). */
  target: number | null;
  /** The published target when it was prorated. */
  target_year: number | null;
  target_source: TargetSource | null;
  target_reference: string | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Judges one value of a report in its round. */
export function judgeValue(v: ValueIn, round: Round | null, targets: Targets, mode: JudgeMode = "default"): Judgement {
  const none: Judgement = { status: "no_target", gap: null, target: null, target_year: null, target_source: null, target_reference: null };
  let t: { value: number; source: TargetSource; reference: string | null; forRound: boolean } | null = null;
  if (v.own_target != null) t = { value: v.own_target, source: "report", reference: null, forRound: true };
  else if (round) {
    const hit = targets.find({ indicator: v.indicator, round, unit_code: v.unit_code, province_code: v.province_code, value_kind: v.value_kind, document_id: v.document_id });
    if (hit) t = { value: hit.row.value, source: hit.source, reference: hit.row.reference, forRound: hit.row.months != null };
  }
  const stated = v.stated_unmet === 1;
  const base: Judgement = t ? { ...none, status: "not_judged", target: t.value, target_source: t.source, target_reference: t.reference } : none;
  if (stated) return { ...base, status: "unmet", gap: t && v.value != null ? round2(v.value - t.value) : null };
  if (!t || v.value == null || v.status != null) return base;
  if (mode === "off") return base;
  const yearEnd = round != null && round.end >= `${round.year}-12-01`;
  let against: number | null = null;
  if (t.forRound || yearEnd || mode === "year") against = t.value;
  else if (mode === "prorata" && round?.cumulative) against = round2((t.value * Number(round.end.slice(5, 7))) / 12);
  if (against == null) return base;
  return {
    ...base,
    status: v.value >= against ? "met" : "unmet",
    gap: round2(v.value - against),
    target: against,
    target_year: against !== t.value ? t.value : null,
  };
}
