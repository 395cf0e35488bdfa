// What the workspace's overview page shows (and `GET /api/overview`) for a province and round:
// reports received of the units expected (coverage), units missing, units below target per
// indicator (flags), teams and members (matrix), the latest import and the rules version.
// Every figure comes from the same query functions as the commands.

import type { Db } from "../store/index.js";
import type { Row } from "./columns.js";
import { coverage } from "./coverage.js";
import { whereFilters } from "./filters.js";
import { flags } from "./flags.js";
import { matrix } from "./matrix.js";
import { selectRound } from "./rounds.js";
import type { RoundFilters } from "./values.js";

export interface Overview {
  province: string | null;
  /** The round shown ("6 tháng đầu năm 2026"), null when no report states a period. */
  round: { key: string; label: string; start: string; end: string } | null;
  documents: number;
  reports: number;
  plans: number;
  /** Units with a report that counts in the round. */
  units_reporting: number;
  /** Official units of the province (null without a province). */
  units_expected: number | null;
  /** Official units of the province without a report for the round (null without a province). */
  units_missing: number | null;
  teams: number;
  members: number;
  unmet_by_indicator: { indicator: string; label: string | null; units: number }[];
  issues_by_kind: { kind: string; count: number }[];
  latest_import: Row | null;
  rules_version: string | null;
}

export function overview(db: Db, filters: RoundFilters = {}): Overview {
  const round = selectRound(db, { province: filters.province, period: filters.period });
  const rf: RoundFilters = { ...filters, period: round?.key ?? filters.period };
  const w = whereFilters(db, { province: filters.province, period: round?.key });
  const counts = db
    .prepare(
      `SELECT count(*) AS documents, count(*) FILTER (WHERE kind = 'report') AS reports, count(*) FILTER (WHERE kind = 'plan') AS plans
       FROM v_documents WHERE duplicate_of IS NULL AND ${w.sql}`,
    )
    .get(...w.params) as { documents: number; reports: number; plans: number };
  const m = matrix(db, rf);
  let province: string | null = null;
  let expected: number | null = null;
  let missing: number | null = null;
  let reporting = m.rows.length;
  if (filters.province) {
    const c = coverage(db, { province: filters.province, period: round?.key });
    province = c.province;
    expected = c.units;
    missing = c.missing.length;
    reporting = c.reported;
  }
  const all = flags(db, rf);
  const unmet = new Map<string, Set<string>>();
  const issues = new Map<string, number>();
  for (const f of all) {
    if (f.kind === "unmet" && typeof f.indicator === "string") {
      let s = unmet.get(f.indicator);
      if (!s) unmet.set(f.indicator, (s = new Set()));
      s.add(`${String(f.province)}/${String(f.unit)}`);
    } else if (f.kind !== "unmet") issues.set(String(f.kind), (issues.get(String(f.kind)) ?? 0) + 1);
  }
  const labels = new Map(m.indicators.map((i) => [i.code, i.label]));
  const labelOf = db.prepare("SELECT label FROM indicators WHERE code = ?").pluck();
  const latest =
    (db
      .prepare("SELECT id, command, started_at, finished_at, status, files, imported, skipped, failed, seconds, rules_version FROM import_runs ORDER BY id DESC LIMIT 1")
      .get() as Row | undefined) ?? null;
  const rules = (db.prepare("SELECT value FROM meta WHERE key = 'rules_version'").pluck().get() as string | undefined) ?? null;
  return {
    province,
    round: round ? { key: round.key, label: round.label, start: round.start, end: round.end } : null,
    ...counts,
    units_reporting: reporting,
    units_expected: expected,
    units_missing: missing,
    teams: m.rows.reduce((a, r) => a + (r.teams ?? 0), 0),
    members: m.rows.reduce((a, r) => a + (r.members ?? 0), 0),
    unmet_by_indicator: [...unmet]
      .map(([indicator, s]) => ({ indicator, label: labels.get(indicator) ?? ((labelOf.get(indicator) as string | undefined) ?? null), units: s.size }))
      .sort((a, b) => b.units - a.units || a.indicator.localeCompare(b.indicator)),
    issues_by_kind: [...issues].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
    latest_import: latest,
    rules_version: rules,
  };
}

/** Provinces that have documents, for filter lists: code, name and how many documents. */
export function provincesWithDocuments(db: Db): { code: string | null; name: string | null; documents: number }[] {
  return db
    .prepare(
      `SELECT province_code AS code, province AS name, count(*) AS documents FROM v_documents
       WHERE duplicate_of IS NULL GROUP BY province_code, province ORDER BY province IS NULL, province`,
    )
    .all() as { code: string | null; name: string | null; documents: number }[];
}
