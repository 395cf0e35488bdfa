// `tonghop compare --indicator CODE`: each unit's latest value for one indicator, weakest first
// (unmet targets, then the lowest values).

import type { Db } from "../store/index.js";
import { COL, LEVEL_LABELS, QUALIFIER_LABELS, ROLE_LABELS, type Column, type Row } from "./columns.js";
import { whereFilters, type Filters } from "./filters.js";
import { indicator } from "./indicators.js";

export interface CompareRow {
  province: string | null;
  unit: string | null;
  level: string | null;
  period_start: string | null;
  period_end: string | null;
  value: number | null;
  qualifier: string | null;
  role: string | null;
  target: number | null;
  unmet: boolean | null;
  document: string;
  quote: string | null;
}

export const COMPARE_COLUMNS: Column[] = [
  COL.province,
  COL.unit,
  { key: "level", title: "Cấp", labels: LEVEL_LABELS, width: 7 },
  { key: "period_start", title: "Từ ngày", width: 11 },
  COL.periodEnd,
  { key: "value", title: "Giá trị", kind: "number", width: 9 },
  { key: "qualifier", title: "Mức", labels: QUALIFIER_LABELS, width: 7 },
  { key: "role", title: "Loại", labels: ROLE_LABELS, width: 7 },
  { key: "target", title: "Chỉ tiêu", kind: "number", width: 9 },
  { key: "unmet", title: "Chưa đạt", kind: "bool", width: 9 },
  COL.document,
  { key: "quote", title: "Trích dẫn", kind: "long", width: 80 },
];

export function compare(db: Db, code: string, filters: Filters = {}): CompareRow[] {
  const ind = indicator(db, code);
  const w = whereFilters(db, filters);
  const rows = db
    .prepare(
      `WITH v AS (
         SELECT * FROM v_indicator_values WHERE indicator = ? AND role IS NOT 'target' AND ${w.sql}
       ), ranked AS (
         SELECT v.*, ROW_NUMBER() OVER (PARTITION BY unit_key
           ORDER BY as_of DESC NULLS LAST, chosen DESC, issued_on DESC NULLS LAST, document_id DESC) AS rn
         FROM v
       )
       SELECT province, unit, level, period_start, period_end, value, qualifier, role, target, unmet, document, quote
       FROM ranked WHERE rn = 1
       ORDER BY COALESCE(unmet, 0) DESC, value IS NULL, value, province, unit`,
    )
    .all(ind.code, ...w.params) as Row[];
  return rows.map((r) => ({ ...r, unmet: r.unmet == null ? null : r.unmet === 1 })) as unknown as CompareRow[];
}
