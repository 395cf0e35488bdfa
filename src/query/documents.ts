// `tonghop documents`: what the database holds.

import { sortVi } from "../collate.js";
import type { Db } from "../store/index.js";
import { COL, KIND_LABELS, LEVEL_LABELS, type Column, type Row } from "./columns.js";
import { whereFilters, type Filters } from "./filters.js";
import { roundOf } from "./rounds.js";

export const DOCUMENT_COLUMNS: Column[] = [
  { key: "document_id", title: "Mã", kind: "number", width: 6, fit: "keep" },
  { key: "document", title: "Tệp", width: 60, fit: "keep" },
  { key: "format", title: "Dạng", width: 6 },
  { key: "kind", title: "Loại", labels: KIND_LABELS, width: 9 },
  COL.province,
  COL.unit,
  { key: "level", title: "Cấp", labels: LEVEL_LABELS, width: 7 },
  { key: "number", title: "Số", width: 14 },
  { key: "issued_on", title: "Ngày ban hành", kind: "date", width: 12 },
  { key: "round", title: "Kỳ", width: 22 },
  { key: "round_kind", title: "Loại kỳ", width: 11 },
  { key: "period_start", title: "Từ ngày", kind: "date", width: 11 },
  COL.periodEnd,
  { key: "facts", title: "Số liệu", kind: "number", width: 8 },
  { key: "issues", title: "Vấn đề", kind: "number", width: 7 },
  { key: "duplicate_of", title: "Trùng với", kind: "number", width: 9 },
  { key: "former_unit", title: "Trước 01/7/2025", width: 30 },
  { key: "merged_from", title: "Hợp nhất từ", width: 30 },
  { key: "partial", title: "Một phần", kind: "bool", width: 8 },
  { key: "removed", title: "Đã loại", kind: "bool", width: 7 },
  { key: "chosen", title: "Được chọn", kind: "bool", width: 9 },
  { key: "imported_at", title: "Nhập lúc", kind: "datetime", width: 17 },
  { key: "path", title: "Đường dẫn", kind: "long", width: 60 },
  { key: "sha256", title: "SHA-256", width: 20 },
];

/** The documents every query reads, or (`removed`) only those the analyst removed. */
export function documents(db: Db, filters: Filters = {}, opts: { kind?: string; removed?: boolean } = {}): Row[] {
  const w = whereFilters(db, filters, "d");
  const kind = opts.kind ? " AND d.kind = ?" : "";
  const rows = db
    .prepare(
      `SELECT d.id AS document_id, d.name AS document, d.format, d.kind, d.province, d.unit, d.level, d.number, d.issued_on, d.period_start, d.period_end,
         d.fact_count AS facts, (SELECT count(*) FROM issues i WHERE i.document_id = d.id) AS issues,
         d.duplicate_of, d.former_unit, json(d.merged_from) AS merged_from, d.partial, d.removed, d.chosen, d.imported_at, d.path, d.sha256
       FROM ${opts.removed ? "v_documents_all" : "v_documents"} d WHERE ${w.sql}${kind}${opts.removed ? " AND d.removed = 1" : ""}
       ORDER BY d.as_of DESC, d.id`,
    )
    .all(...w.params, ...(opts.kind ? [opts.kind] : [])) as Row[];
  // the round each document covers, said the analysts' way ("6 tháng đầu năm 2026")
  return sortVi(rows.map(documentFlags), "province", "unit").map((r) => {
    const round = roundOf(r.period_start as string | null, r.period_end as string | null);
    const { document_id, document, format, kind, province, unit, level, number, issued_on, ...rest } = r;
    return { document_id, document, format, kind, province, unit, level, number, issued_on, round: round?.label ?? null, round_kind: round?.kind ?? null, ...rest };
  });
}

/** JSON shape of a document row: merged_from as a list, partial/removed/chosen/corrected as booleans. */
export function documentFlags(r: Row): Row {
  if (typeof r.merged_from === "string") r.merged_from = JSON.parse(r.merged_from) as string[];
  for (const k of ["partial", "removed", "chosen", "corrected"]) if (k in r && r[k] != null) r[k] = r[k] === 1 || r[k] === true;
  return r;
}
