// `tonghop flags`: for one round (default: the latest round that has reports), two groups —
// unmet targets (judged by judge.ts on the document that counts for each unit) and data-quality
// notes (the extractor's issues, conflicting reports of one unit, `no_period`: reports that
// state no period, so belong to no round).
// Each report once, however many formats it was imported in.

import { StoreError, type Db } from "../store/index.js";
import { COL, type Column, type Row } from "./columns.js";
import { nearestName } from "./filters.js";
import { indicator } from "./indicators.js";
import { TARGET_SOURCE_LABELS } from "./compare.js";
import { countingDocuments } from "./rounds.js";
import { formatNumber } from "./text.js";
import { roundView, type RoundFilters } from "./values.js";

export type FlagGroup = "target" | "quality";

export interface FlagFilters extends RoundFilters {
  /** Only these kinds (unmet, conflicting_reports, missing_date …), comma-separated. */
  kind?: string;
  indicator?: string;
  /** Only the report that counts for each unit (not the ones it replaces). */
  latest?: boolean;
}

export const FLAG_GROUP_LABELS: Record<FlagGroup, string> = { target: "Chưa đạt chỉ tiêu", quality: "Chất lượng dữ liệu" };

export const FLAG_COLUMNS: Column[] = [
  { key: "group", title: "Nhóm", labels: FLAG_GROUP_LABELS, width: 18 },
  COL.province,
  COL.unit,
  { key: "round", title: "Kỳ", width: 22 },
  { key: "kind", title: "Loại", width: 18 },
  { key: "indicator", title: "Chỉ tiêu", width: 22 },
  { key: "value", title: "Giá trị", kind: "number", width: 9 },
  { key: "target", title: "Mục tiêu", kind: "number", width: 9 },
  { key: "gap", title: "Chênh lệch", kind: "number", width: 10 },
  { key: "target_source", title: "Nguồn chỉ tiêu", labels: TARGET_SOURCE_LABELS, width: 18 },
  { key: "message", title: "Nội dung", kind: "long", width: 70 },
  { key: "document_id", title: "Mã VB", kind: "number", width: 6 },
  COL.document,
  { key: "page", title: "Trang", kind: "number", width: 6 },
  { key: "quote", title: "Trích dẫn", kind: "long", width: 80 },
];

export function flags(db: Db, filters: FlagFilters = {}): Row[] {
  const code = filters.indicator ? indicator(db, filters.indicator).code : null;
  const view = roundView(db, { ...filters, latestAny: false });
  const out: Row[] = [];
  const base = (d: { province: string | null; unit: string | null; level: string | null }) => ({ province: d.province, unit: d.unit, level: d.level });
  if (view.round) {
    for (const u of view.units) {
      for (const c of u.cells.values()) {
        if (c.status !== "unmet") continue;
        out.push({
          group: "target", ...base(u), round: c.round?.label ?? null, period_start: c.round?.start ?? null, period_end: c.round?.end ?? null,
          kind: "unmet", indicator: c.indicator, value: c.value, target: c.target, gap: c.gap, target_source: c.target_source,
          message: unmetMessage(c.value, c.target, c.target_source === "report" ? c.document : c.target_reference),
          document_id: c.document_id, document: c.document, page: c.page, quote: c.quote,
        });
      }
    }
    for (const c of view.conflicts)
      out.push({
        group: "quality", ...base(c), round: c.round.label, period_start: c.round.start, period_end: c.round.end,
        kind: c.kind, indicator: c.others[0]?.differences[0]?.indicator ?? null, value: null, target: null, gap: null, target_source: null,
        message: c.message, document_id: c.counting.document_id, document: c.counting.document, page: null, quote: null,
      });
  }
  // the extractor's issues: reports of the round (only the one that counts with --latest) and
  // reports that state no period (no round can be given them); copies in other formats once
  const groups = view.round ? countingDocuments(view.docs, view.round) : new Map();
  const docs = [...groups.values()].flatMap((g) => (filters.latest ? [g.doc] : g.all));
  if (!filters.period && !filters.latest) {
    const undated = view.docs.filter((d) => !d.round && d.duplicate_of == null);
    docs.push(...undated);
    for (const d of undated)
      out.push({
        group: "quality", ...base(d), round: null, period_start: d.period_start, period_end: d.period_end,
        kind: "no_period", indicator: null, value: null, target: null, gap: null, target_source: null,
        message: "Báo cáo không ghi kỳ báo cáo nên không thuộc kỳ nào (no reporting period): sửa bằng tonghop set --period",
        document_id: d.id, document: d.name, page: null, quote: null,
      });
  }
  const issues = db
    .prepare(
      `SELECT i.document_id, i.kind, i.indicator, i.message FROM issues i JOIN v_documents d ON d.id = i.document_id
       WHERE i.document_id IN (SELECT value FROM json_each(?)) AND d.duplicate_of IS NULL ORDER BY i.document_id, i.seq`,
    )
    .all(JSON.stringify(docs.map((d) => d.id))) as { document_id: number; kind: string; indicator: string | null; message: string }[];
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const i of issues) {
    const d = byId.get(i.document_id)!;
    out.push({
      group: "quality", ...base(d), round: d.round?.label ?? null, period_start: d.period_start, period_end: d.period_end,
      kind: i.kind, indicator: i.indicator, value: null, target: null, gap: null, target_source: null,
      message: i.message, document_id: d.id, document: d.name, page: null, quote: null,
    });
  }
  let rows = out;
  if (filters.kind) {
    const kinds = filters.kind.split(",").map((k) => k.trim()).filter(Boolean);
    const known = new Set([...(db.prepare("SELECT DISTINCT kind FROM issues").pluck().all() as string[]), "unmet", "conflicting_reports", "no_period"]);
    for (const k of kinds)
      if (!known.has(k)) {
        const near = nearestName(k, known);
        throw new StoreError(`Không có loại cảnh báo “${k}”` + (near ? `; có phải “${near}”?` : "") + ` (unknown flag kind). Các loại: ${[...known].sort().join(", ")}`);
      }
    rows = rows.filter((r) => kinds.includes(r.kind as string));
  }
  if (code) rows = rows.filter((r) => r.indicator === code || (r.kind === "conflicting_reports" && String(r.message).includes(`${code}:`)));
  const collator = new Intl.Collator("vi");
  const str = (v: unknown) => (v == null ? "~" : String(v));
  return rows.sort(
    (a, b) =>
      (a.group === b.group ? 0 : a.group === "target" ? -1 : 1) ||
      collator.compare(str(a.province), str(b.province)) ||
      collator.compare(str(a.unit), str(b.unit)) ||
      collator.compare(str(a.kind), str(b.kind)) ||
      collator.compare(str(a.indicator), str(b.indicator)) ||
      (a.document_id as number) - (b.document_id as number),
  );
}

function unmetMessage(v: number | null, t: number | null, reference: string | null): string {
  const ref = reference ? ` theo ${reference}` : "";
  if (v != null && t != null) return `Chưa đạt chỉ tiêu${ref}: ${formatNumber(v)} so với ${formatNumber(t)} (target not met)`;
  return `Báo cáo ghi chưa đạt chỉ tiêu (report says target not met)`;
}
