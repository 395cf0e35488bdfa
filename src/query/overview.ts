// What the workspace's overview page shows (and `GET /api/overview`): documents and units that
// reported, units the official list expects, unmet targets per indicator, teams, the latest
// import and the rules version. Each figure is one query over the same views as the commands.

import type { Db } from "../store/index.js";
import type { Row } from "./columns.js";
import { whereFilters, type Filters } from "./filters.js";
import { matrix } from "./matrix.js";

export interface Overview {
  province: string | null;
  documents: number;
  reports: number;
  plans: number;
  /** Units with at least one report (a unit counted once however many reports it sent). */
  units_reporting: number;
  /** Official units of the province (null without --province). */
  units_expected: number | null;
  teams: number;
  members: number;
  unmet_by_indicator: { indicator: string; label: string | null; units: number }[];
  issues_by_kind: { kind: string; count: number }[];
  latest_import: Row | null;
  rules_version: string | null;
}

export function overview(db: Db, filters: Filters = {}): Overview {
  const w = whereFilters(db, filters);
  const counts = db
    .prepare(
      `SELECT count(*) AS documents, count(*) FILTER (WHERE kind = 'report') AS reports, count(*) FILTER (WHERE kind = 'plan') AS plans,
         count(DISTINCT unit_key) FILTER (WHERE kind = 'report') AS units_reporting
       FROM v_documents WHERE duplicate_of IS NULL AND ${w.sql}`,
    )
    .get(...w.params) as { documents: number; reports: number; plans: number; units_reporting: number };
  let province: string | null = null;
  let expected: number | null = null;
  if (filters.province) {
    const code = (db.prepare(`SELECT province_code FROM v_documents WHERE ${w.sql} AND province_code IS NOT NULL LIMIT 1`).pluck().get(...w.params) as string | undefined) ?? null;
    const p = code ? (db.prepare("SELECT code, name FROM provinces WHERE code = ?").get(code) as { code: string; name: string } | undefined) : undefined;
    if (p) {
      province = p.name;
      expected = db.prepare("SELECT count(*) FROM units WHERE province_code = ?").pluck().get(p.code) as number;
    } else province = filters.province;
  }
  const m = matrix(db, filters);
  const teams = m.rows.reduce((a, r) => a + (r.teams ?? 0), 0);
  const members = m.rows.reduce((a, r) => a + (r.members ?? 0), 0);
  const wf = whereFilters(db, filters, "f");
  const unmet = db
    .prepare(
      `SELECT f.indicator, i.label, count(DISTINCT f.unit_key) AS units FROM v_flags f LEFT JOIN indicators i ON i.code = f.indicator
       WHERE f.kind = 'unmet' AND f.indicator IS NOT NULL AND ${wf.sql}
       GROUP BY f.indicator ORDER BY units DESC, i.position`,
    )
    .all(...wf.params) as Overview["unmet_by_indicator"];
  const issues = db
    .prepare(`SELECT kind, count(*) AS count FROM v_flags WHERE kind <> 'unmet' AND ${w.sql} GROUP BY kind ORDER BY count DESC, kind`)
    .all(...w.params) as Overview["issues_by_kind"];
  const latest =
    (db
      .prepare("SELECT id, command, started_at, finished_at, status, files, imported, skipped, failed, seconds, rules_version FROM import_runs ORDER BY id DESC LIMIT 1")
      .get() as Row | undefined) ?? null;
  const rules = (db.prepare("SELECT value FROM meta WHERE key = 'rules_version'").pluck().get() as string | undefined) ?? null;
  return {
    province,
    ...counts,
    units_expected: expected,
    teams,
    members,
    unmet_by_indicator: unmet,
    issues_by_kind: issues,
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
