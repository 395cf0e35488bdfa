// `tonghop flags`: unmet targets and data issues, by unit (each report once, however many
// formats it was imported in).

import type { Db } from "../store/index.js";
import { COL, type Column, type Row } from "./columns.js";
import { whereFilters, type Filters } from "./filters.js";
import { formatNumber } from "./text.js";

export const FLAG_COLUMNS: Column[] = [
  COL.province,
  COL.unit,
  COL.periodEnd,
  { key: "kind", title: "Loại", width: 18 },
  { key: "indicator", title: "Chỉ tiêu", width: 22 },
  { key: "value", title: "Giá trị", kind: "number", width: 9 },
  { key: "target", title: "Mục tiêu", kind: "number", width: 9 },
  { key: "message", title: "Nội dung", kind: "long", width: 70 },
  COL.documentId,
  COL.document,
  { key: "quote", title: "Trích dẫn", kind: "long", width: 80 },
];

export function flags(db: Db, filters: Filters = {}): Row[] {
  const w = whereFilters(db, filters);
  const rows = db
    .prepare(
      `SELECT province, unit, level, period_start, period_end, kind, indicator, value, target, target_reference, message, document_id, document, quote, page
       FROM v_flags WHERE ${w.sql}
       ORDER BY province IS NULL, province, unit IS NULL, unit, as_of DESC, kind = 'unmet' DESC, kind, indicator, document`,
    )
    .all(...w.params) as Row[];
  return rows.map((r) => {
    if (r.kind === "unmet" && r.message == null) r.message = unmetMessage(r);
    delete r.target_reference;
    return r;
  });
}

function unmetMessage(r: Row): string {
  const v = r.value as number | null;
  const t = r.target as number | null;
  const ref = r.target_reference ? ` theo ${r.target_reference}` : "";
  if (v != null && t != null) return `Chưa đạt chỉ tiêu${ref}: ${formatNumber(v)} so với ${formatNumber(t)} (target not met)`;
  return `Báo cáo ghi chưa đạt chỉ tiêu (report says target not met)`;
}
