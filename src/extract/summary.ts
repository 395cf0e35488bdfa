// The document's summary: one value per indicator, the team totals, targets it is checked
// against (its own, then the rules' for its province and year), and the data issues.

import type { TargetRule } from "../rules/schema.js";
import { coversYear } from "./period.js";
import { compareRank, rankOf, TEXT, type Facts } from "./facts.js";
import type { DocumentMeta, Fact, IndicatorValue, Issue, Period, Qualifier, RatioFact, TeamFact } from "./types.js";
import { foldPhrase } from "./vnkey.js";

type Valued = Extract<Fact, { kind: "percent" | "ratio" | "count" }>;

const valueOf = (f: Valued) => (f.kind === "ratio" ? f.percent : f.value);


export interface Target {
  value: number;
  qualifier: Qualifier;
  source: string;
}

/** Targets from the rules for this document's province, unit and target year. */
export function ruleTargets(rules: readonly TargetRule[], meta: DocumentMeta): Map<string, Target> {
  const out = new Map<string, Target>();
  const period = meta.period;
  if (!meta.province || !period) return out;
  const year = Number(period.end.slice(0, 4));
  if (!yearDue(period)) return out;
  const prov = foldPhrase(meta.province);
  const unit = meta.unit.name ? foldPhrase(meta.unit.name) : null;
  const applicable = rules
    .filter((r) => r.year === year && foldPhrase(r.province) === prov && (!r.unit || (unit && foldPhrase(r.unit) === unit)))
    .sort((a, b) => (a.unit ? 1 : 0) - (b.unit ? 1 : 0)); // unit-specific targets override province-wide ones
  for (const r of applicable)
    for (const [code, v] of Object.entries(r.values))
      out.set(code, typeof v === "number" ? { value: v, qualifier: "exact", source: r.source } : { value: v.value, qualifier: v.qualifier, source: r.source });
  return out;
}

/** A yearly target is checked on a report that covers the whole year, never on a mid-year one. */
function yearDue(period: Period): boolean {
  return coversYear(period, Number(period.end.slice(0, 4)));
}

function below(value: number, t: Target): boolean {
  return t.qualifier === "over" ? value <= t.value : value < t.value;
}

export function summarise(all: Facts, meta: DocumentMeta, targets: Map<string, Target>, issues: Issue[]): {
  indicators: Record<string, IndicatorValue>;
  teams: { teams: number | null; members: number | null };
} {
  const facts = all.list;
  // most specific first (facts.ts Rank: an appendix row, then a ratio, then the more specific subject)
  const bySpecificity = (a: Fact, b: Fact) => compareRank(rankOf(a, all.scores.get(a.id)), rankOf(b, all.scores.get(b.id)));
  const isPlan = meta.kind === "plan";
  // a mid-year result is no shortfall against the year's plan yet, the report's own plan
  // ("Kế hoạch năm 2026: 100%, thực hiện 6 tháng: 64%") as the rules' targets (ruleTargets)
  const due = !meta.period || yearDue(meta.period);
  const want = isPlan ? "target" : "actual";
  const byCode = new Map<string, Fact[]>();
  for (const f of facts) if (f.indicator) (byCode.get(f.indicator) ?? byCode.set(f.indicator, []).get(f.indicator)!).push(f);

  const indicators: Record<string, IndicatorValue> = {};
  for (const [code, list] of byCode) {
    const valued = list.filter((f): f is Valued => f.kind === "percent" || f.kind === "ratio" || f.kind === "count");
    const main = valued.filter((f) => f.role === want);
    // the document's own goal for the reported period (not next year's, under "PHƯƠNG HƯỚNG")
    const ownTargets = valued.filter((f) => f.role === "target" && (isPlan || !all.scores.get(f.id)?.future));
    const ranked = [...main].sort(bySpecificity);
    const best = ranked[0];
    const explicitUnmet = list.some((f) => f.kind === "unmet");
    const yesno = list.find((f) => f.kind === "yesno");
    const na = list.find((f) => f.kind === "not_applicable");
    const ownTarget = !isPlan && ownTargets.length ? valueOf(ownTargets.sort(bySpecificity)[0]!) : null;
    if (best) {
      const v = valueOf(best);
      const conflict = ranked.find((f) => Math.abs(valueOf(f) - v) > (f.kind === "count" ? 0 : 0.5));
      if (conflict)
        issues.push({
          kind: "conflicting_values",
          indicator: code,
          message: `${code}: ${v} (“${best.quote.slice(0, 80)}”) khác ${valueOf(conflict)} (“${conflict.quote.slice(0, 80)}”); dùng giá trị cụ thể hơn (conflicting values; the most specific wins)`,
          start: conflict.start,
          end: conflict.end,
        });
      const entry: IndicatorValue = { value: v, role: best.role, qualifier: best.qualifier, fact: best.id };
      if (best.kind === "ratio") Object.assign(entry, { num: (best as RatioFact).num, den: (best as RatioFact).den });
      if (best.kind === "count") entry.unit = best.unit;
      const target = ownTarget !== null ? { value: ownTarget, qualifier: "exact" as Qualifier, source: "document" } : targets.get(code);
      if (target && !isPlan) entry.target = target.value;
      const computed = !isPlan && target && best.kind !== "count" && due ? below(v, target) : false;
      if (explicitUnmet || computed) entry.unmet = true;
      if (computed && !explicitUnmet)
        all.add({ fact: { kind: "unmet", basis: "computed", indicator: code, target: target!.value, value: v, quote: best.quote, start: best.start, end: best.end }, score: TEXT });
      indicators[code] = entry;
    } else if (yesno) indicators[code] = { value: (yesno as { value: boolean }).value, fact: yesno.id };
    else if (na) indicators[code] = { value: null, status: "not_applicable", fact: na.id };
    else if (explicitUnmet) {
      const flag = list.find((f) => f.kind === "unmet")!;
      indicators[code] = { value: null, unmet: true, fact: flag.id, ...(ownTarget !== null ? { target: ownTarget } : {}) };
    }
  }

  for (const f of facts) {
    if (f.kind !== "ratio") continue;
    if (f.stated_percent !== null && Math.abs(f.stated_percent - f.percent) > 1)
      issues.push({ kind: "percent_mismatch", indicator: f.indicator, message: `${f.num}/${f.den} = ${f.percent}% nhưng văn bản ghi ${f.stated_percent}% (stated percent differs)`, start: f.start, end: f.end });
    if (f.num > f.den)
      issues.push({ kind: "ratio_over_100", indicator: f.indicator, message: `${f.num}/${f.den}: tử số lớn hơn mẫu số (ratio over 100%)`, start: f.start, end: f.end });
  }
  return { indicators, teams: teamTotals(facts, indicators) };
}

/** Village-level teams and all members: the largest roster figure stated (statements restate totals). */
function teamTotals(facts: readonly Fact[], indicators: Record<string, IndicatorValue>): { teams: number | null; members: number | null } {
  const teams = facts.filter((f): f is TeamFact => f.kind === "team" && f.roster);
  const village = teams.filter((t) => t.scope !== "commune" && t.teams !== null).map((t) => t.teams!);
  const members = teams.filter((t) => t.members !== null).map((t) => t.members!);
  let nTeams = village.length ? Math.max(...village) : null;
  // "16/16 tổ dân phố thành lập Tổ công nghệ số cộng đồng": one team per village
  const share = indicators["2.11"];
  if (nTeams === null && share?.num != null) nTeams = share.num;
  return { teams: nTeams, members: members.length ? Math.max(...members) : null };
}
