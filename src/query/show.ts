// `tonghop show DOCUMENT`: one stored document — metadata, sections, every fact with its quote
// and page, the indicator values and issues. DOCUMENT is an id, a sha256 prefix, a file name or
// a path.

import { resolve } from "node:path";
import { documentCorrections, foldName, StoreError, type Correction, type CorrectionLogRow, type Db } from "../store/index.js";
import { whereFilters, type Filters } from "./filters.js";
import type { Row } from "./columns.js";
import { documentFlags } from "./documents.js";

export interface ShownDocument {
  document: Row;
  sections: Row[];
  facts: Row[];
  indicators: Row[];
  issues: Row[];
  /** The analyst's corrections (null: none) and their history, oldest first. */
  corrections: Correction | null;
  history: CorrectionLogRow[];
}

export function findDocument(db: Db, ref: string): number {
  const r = ref.trim();
  if (/^\d+$/.test(r)) {
    const id = db.prepare("SELECT id FROM documents WHERE id = ?").pluck().get(Number(r)) as number | undefined;
    if (id !== undefined) return id;
  }
  let ids: number[] = [];
  if (/^[0-9a-f]{6,64}$/i.test(r)) ids = db.prepare("SELECT id FROM documents WHERE sha256 LIKE ? || '%'").pluck().all(r.toLowerCase()) as number[];
  if (!ids.length) ids = db.prepare("SELECT id FROM documents WHERE path = ? OR path = ?").pluck().all(r, resolve(r)) as number[];
  if (!ids.length) ids = db.prepare("SELECT id FROM documents WHERE name = ?").pluck().all(r) as number[];
  if (ids.length === 1) return ids[0]!;
  if (!ids.length)
    throw new StoreError(`Không tìm thấy văn bản "${ref}" (document not found): dùng mã, tên tệp hoặc SHA-256 trong \`tonghop documents\``);
  const list = db
    .prepare(`SELECT id, path FROM documents WHERE id IN (${ids.map(() => "?").join(",")}) ORDER BY id`)
    .all(...ids) as { id: number; path: string }[];
  throw new StoreError(`"${ref}" khớp ${ids.length} văn bản (ambiguous): chọn theo mã — ${list.map((d) => `${d.id} ${d.path}`).join("; ")}`);
}

/**
 * The latest report of a unit (`tonghop show --unit "Vĩnh Thông" [--period 2026]`): the copy
 * stored last of its latest period. A name shared by units of several provinces asks for
 * --province.
 */
export function findByUnit(db: Db, unit: string, filters: Filters = {}): number {
  const w = whereFilters(db, filters, "d");
  const rows = db
    .prepare(
      `SELECT d.id, d.province, d.unit, d.unit_key FROM v_documents d
       WHERE (fold(d.unit) = ? OR d.unit_code = ?) AND d.duplicate_of IS NULL AND ${w.sql}
       ORDER BY d.kind = 'plan', d.as_of DESC NULLS LAST, d.issued_on DESC NULLS LAST, d.id DESC`,
    )
    .all(foldName(unit).replace(/^(xa|phuong|dac khu) /, ""), unit.trim(), ...w.params) as { id: number; province: string | null; unit: string; unit_key: string }[];
  if (!rows.length)
    throw new StoreError(
      `Không có văn bản nào của đơn vị "${unit}"${filters.period ? ` trong kỳ ${filters.period}` : ""}${filters.province ? ` thuộc ${filters.province}` : ""} (no document for this unit): xem \`tonghop documents\``,
    );
  const places = [...new Set(rows.map((r) => r.unit_key))];
  if (places.length > 1)
    throw new StoreError(
      `"${unit}" là tên của ${places.length} đơn vị (ambiguous unit): thêm --province — ${[...new Set(rows.map((r) => `${r.unit} (${r.province ?? "?"})`))].join("; ")}`,
    );
  return rows[0]!.id;
}

export function showDocument(db: Db, ref: string | number): ShownDocument {
  const id = typeof ref === "number" ? ref : findDocument(db, ref);
  const document = db
    .prepare(
      `SELECT d.id AS document_id, d.name AS document, d.path, d.sha256, d.format, d.kind, d.number, d.province, d.unit, d.level, d.unit_code,
         d.period_start, d.period_end, d.issued_on, d.signer_name, d.signer_title, d.teams, d.team_members AS members, d.pages, (SELECT o.ocr FROM documents o WHERE o.id = d.id) AS ocr,
         d.fact_count, d.duplicate_of, d.imported_at, d.rules_version, d.unit_as_written, d.province_as_written, d.district,
         d.former_unit, json(d.merged_from) AS merged_from, d.partial, d.removed, d.chosen, d.corrected
       FROM v_documents_all d WHERE d.id = ?`,
    )
    .get(id) as Row;
  const sections = db
    .prepare("SELECT id, parent, number, title, level, text_start, text_end, page FROM sections WHERE document_id = ? ORDER BY text_start, id")
    .all(id) as Row[];
  const facts = db
    .prepare(
      `SELECT f.id, f.kind, f.indicator, f.value, f.num, f.den, f.stated_percent, f.unit, f.qualifier, f.role, f.teams, f.members,
         f.basis, f.target, f.section, s.title AS section_title, f.page, f.ocr_confidence, f.text_start, f.text_end, f.quote
       FROM facts f LEFT JOIN sections s ON s.document_id = f.document_id AND s.id = f.section
       WHERE f.document_id = ? ORDER BY f.text_start, f.id`,
    )
    .all(id) as Row[];
  const indicators = db
    .prepare(
      `SELECT v.indicator, i.label, i.unit, v.value, v.role, v.qualifier, v.target, v.target_source, v.unmet, v.fact_id AS fact, v.page
       FROM v_indicator_values v LEFT JOIN indicators i ON i.code = v.indicator
       WHERE v.document_id = ? ORDER BY i.position, v.indicator`,
    )
    .all(id) as Row[];
  const issues = db.prepare("SELECT kind, indicator, message, text_start, text_end FROM issues WHERE document_id = ? ORDER BY seq").all(id) as Row[];
  documentFlags(document);
  const { correction, history } = documentCorrections(db, id);
  return { document, sections, facts, indicators, issues, corrections: correction, history };
}
