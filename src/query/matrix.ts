// `tonghop matrix`: units × indicators, each cell the unit's latest actual value, plus the
// latest count of community digital technology teams and their members.

import type { Db } from "../store/index.js";
import { COL, LEVEL_LABELS, type Column, type Row, type Table } from "./columns.js";
import { whereFilters, type Filters } from "./filters.js";
import { catalogue, indicator, type IndicatorInfo } from "./indicators.js";

export interface MatrixRow {
  province: string | null;
  unit: string | null;
  level: string | null;
  teams: number | null;
  members: number | null;
  values: Record<string, number | null>;
  /** Codes whose value is below the target (or that the report says are not met). */
  unmet: string[];
}

export interface Matrix {
  indicators: IndicatorInfo[];
  rows: MatrixRow[];
}

export function matrix(db: Db, filters: Filters = {}, codes?: string[]): Matrix {
  const wanted = codes?.length ? codes.map((c) => indicator(db, c).code) : null;
  const w = whereFilters(db, filters);
  const cells = db
    .prepare(
      `WITH v AS (
         SELECT * FROM v_indicator_values WHERE role IS NOT 'target' AND ${w.sql}
       ), ranked AS (
         SELECT v.*, ROW_NUMBER() OVER (PARTITION BY unit_key, indicator
           ORDER BY as_of DESC NULLS LAST, chosen DESC, issued_on DESC NULLS LAST, document_id DESC) AS rn
         FROM v
       )
       SELECT unit_key, province, unit, level, indicator, value, unmet FROM ranked WHERE rn = 1`,
    )
    .all(...w.params) as { unit_key: string; province: string | null; unit: string | null; level: string | null; indicator: string; value: number | null; unmet: number | null }[];
  const teams = db
    .prepare(
      `SELECT unit_key, province, unit, level, teams, team_members FROM (
         SELECT d.*, ROW_NUMBER() OVER (PARTITION BY unit_key ORDER BY as_of DESC NULLS LAST, chosen DESC, issued_on DESC NULLS LAST, id DESC) AS rn
         FROM v_documents d WHERE (teams IS NOT NULL OR team_members IS NOT NULL) AND ${w.sql}
       ) WHERE rn = 1`,
    )
    .all(...w.params) as { unit_key: string; province: string | null; unit: string | null; level: string | null; teams: number | null; team_members: number | null }[];

  // "chưa đạt chỉ tiêu" said of an indicator the latest report gives no value for
  const said = db
    .prepare(
      `WITH latest AS (
         SELECT id, unit_key, province, unit, level FROM (
           SELECT d.*, ROW_NUMBER() OVER (PARTITION BY unit_key ORDER BY as_of DESC NULLS LAST, chosen DESC, issued_on DESC NULLS LAST, id DESC) AS rn
           FROM v_documents d WHERE kind <> 'plan' AND ${w.sql}
         ) WHERE rn = 1
       )
       SELECT DISTINCT l.unit_key, l.province, l.unit, l.level, f.indicator
       FROM latest l JOIN facts f ON f.document_id = l.id
       WHERE f.kind = 'unmet' AND f.indicator IS NOT NULL`,
    )
    .all(...w.params) as { unit_key: string; province: string | null; unit: string | null; level: string | null; indicator: string }[];

  const byUnit = new Map<string, MatrixRow>();
  const row = (r: { unit_key: string; province: string | null; unit: string | null; level: string | null }) => {
    let m = byUnit.get(r.unit_key);
    if (!m) byUnit.set(r.unit_key, (m = { province: r.province, unit: r.unit, level: r.level, teams: null, members: null, values: {}, unmet: [] }));
    return m;
  };
  const used = new Set<string>();
  for (const c of cells) {
    if (wanted && !wanted.includes(c.indicator)) continue;
    const m = row(c);
    m.values[c.indicator] = c.value;
    if (c.unmet === 1) m.unmet.push(c.indicator);
    if (c.value != null || c.unmet === 1) used.add(c.indicator);
  }
  for (const u of said) {
    if (wanted && !wanted.includes(u.indicator)) continue;
    const m = row(u);
    if (!m.unmet.includes(u.indicator)) m.unmet.push(u.indicator);
    if (!(u.indicator in m.values)) m.values[u.indicator] = null;
    used.add(u.indicator);
  }
  for (const t of teams) Object.assign(row(t), { teams: t.teams, members: t.team_members });
  const indicators = catalogue(db).filter((i) => (wanted ? wanted.includes(i.code) : used.has(i.code)));
  const collator = new Intl.Collator("vi");
  const rows = [...byUnit.values()].sort((a, b) => collator.compare(a.province ?? "~", b.province ?? "~") || collator.compare(a.unit ?? "~", b.unit ?? "~"));
  return { indicators, rows };
}

/** Flat rows: one column per indicator code. With `mark`, unmet values become "60*" (for terminals). */
export function matrixTable(m: Matrix, opts: { mark?: (v: number | null, ind: IndicatorInfo) => string } = {}): Table {
  const columns: Column[] = [
    COL.province,
    COL.unit,
    { key: "level", title: "Cấp", labels: LEVEL_LABELS, width: 7 },
    ...m.indicators.map((i): Column => ({ key: i.code, title: i.code, kind: "number", width: Math.max(7, i.code.length + 1) })),
    { key: "teams", title: "Tổ CNSCĐ", kind: "number", width: 9 },
    { key: "members", title: "Thành viên", kind: "number", width: 10 },
  ];
  const rows = m.rows.map((r) => {
    const out: Row = { province: r.province, unit: r.unit, level: r.level, teams: r.teams, members: r.members };
    for (const i of m.indicators) {
      const v = r.values[i.code] ?? null;
      out[i.code] = opts.mark ? (v == null && !r.unmet.includes(i.code) ? "" : opts.mark(v, i) + (r.unmet.includes(i.code) ? "*" : "")) : v;
    }
    return out;
  });
  return { columns, rows };
}
