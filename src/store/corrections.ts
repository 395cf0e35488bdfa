// The analyst's corrections to a stored document: its province, unit, period or kind (`tonghop
// set`), removing and restoring it, choosing the report that counts for its unit and round, and
// the default province of an import. They are kept apart from what was extracted (table
// corrections), so `tonghop reextract --all` keeps them; every change is logged with its time
// (correction_log); the views apply them (views-v3.ts). Plain functions on a writable database:
// the CLI and the web workspace call the same ones.

import { withoutLevel } from "../rules/places.js";
import { officialUnit } from "../extract/units.js";
import { StoreError } from "./errors.js";
import { foldName } from "./fold.js";
import type { Db } from "./open.js";
import { UnitResolver } from "./resolve.js";

export type DocumentKind = "report" | "plan" | "other";

/** What `tonghop set` changes; names as the analyst writes them. */
export interface CorrectionPatch {
  /** Province name ("Khánh Hòa", "tỉnh Khánh Hoà") or code. */
  province?: string;
  /** Unit name (in the document's, or the corrected, province) or its official code. */
  unit?: string;
  /** 2026, 2026-06, 2026-01-01..2026-06-30, 6T-2026, 9T-2026, Q2-2026. */
  period?: string;
  kind?: DocumentKind;
}

export interface Correction {
  province_code: string | null;
  unit_code: string | null;
  period_start: string | null;
  period_end: string | null;
  kind: DocumentKind | null;
  default_province_code: string | null;
  removed: number;
  chosen: number;
  updated_at: string;
}

export interface CorrectionLogRow {
  id: number;
  document_id: number;
  at: string;
  action: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
}

/** What one call changed: the log rows it wrote (empty when nothing changed). */
export interface CorrectionResult {
  document_id: number;
  changes: CorrectionLogRow[];
}

const now = () => new Date().toISOString();

function ensureDocument(db: Db, id: number): void {
  if (!db.prepare("SELECT 1 FROM documents WHERE id = ?").get(id))
    throw new StoreError(`Không có văn bản mã ${id} (document not found): xem tonghop documents`);
}

function current(db: Db, id: number): Correction | undefined {
  return db.prepare("SELECT * FROM corrections WHERE document_id = ?").get(id) as Correction | undefined;
}

function upsert(db: Db, id: number, fields: Partial<Correction>): void {
  const at = now();
  db.prepare("INSERT INTO corrections (document_id, updated_at) VALUES (?, ?) ON CONFLICT (document_id) DO NOTHING").run(id, at);
  const keys = Object.keys(fields);
  if (!keys.length) return;
  db.prepare(`UPDATE corrections SET ${keys.map((k) => `${k} = @${k}`).join(", ")}, updated_at = @updated_at WHERE document_id = @id`).run({
    ...fields,
    updated_at: at,
    id,
  });
}

function log(db: Db, id: number, action: string, field: string | null, oldValue: unknown, newValue: unknown): CorrectionLogRow {
  const at = now();
  const text = (v: unknown) => (v == null ? null : String(v));
  const r = db
    .prepare("INSERT INTO correction_log (document_id, at, action, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)")
    .run(id, at, action, field, text(oldValue), text(newValue));
  return { id: Number(r.lastInsertRowid), document_id: id, at, action, field, old_value: text(oldValue), new_value: text(newValue) };
}

/** Province code from a name as written or a code; a clear error otherwise. */
export function provinceCode(db: Db, given: string): string {
  const folded = withoutLevel(foldName(given.normalize("NFC")), "provinces");
  const code = db.prepare("SELECT code FROM provinces WHERE code = ? OR name_folded = ?").pluck().get(given.trim(), folded) as string | undefined;
  if (!code) throw new StoreError(`Không có tỉnh/thành phố "${given}" trong danh mục (unknown province): viết tên như "Khánh Hòa" hoặc mã tỉnh`);
  return code;
}

/** Unit code from a code, or a name inside a province (or unique in the country). */
function unitCode(db: Db, given: string, province: string | null): string {
  const g = given.trim();
  if (/^\d{5}$/.test(g) && officialUnit(g)) return g;
  const folded = withoutLevel(foldName(g.normalize("NFC")), "communes");
  const rows = db
    .prepare(`SELECT u.code, p.name AS province FROM units u JOIN provinces p ON p.code = u.province_code
              WHERE u.name_folded = ? ${province ? "AND u.province_code = ?" : ""} ORDER BY u.code`)
    .all(...(province ? [folded, province] : [folded])) as { code: string; province: string }[];
  if (rows.length === 1) return rows[0]!.code;
  if (!rows.length)
    throw new StoreError(`Không có đơn vị "${given}"${province ? " trong tỉnh đã chọn" : ""} (unknown unit): xem bảng units hoặc dùng mã đơn vị`);
  throw new StoreError(`Có ${rows.length} đơn vị tên "${given}" (${rows.map((r) => `${r.code} ${r.province}`).join("; ")}) (ambiguous unit): thêm --province hoặc dùng mã đơn vị`);
}

const pad = (n: number) => String(n).padStart(2, "0");
function monthEnd(y: number, m: number): string {
  return `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}
function validDate(s: string): boolean {
  const d = new Date(s + "T00:00:00Z");
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * A period as the analyst writes it: 2026 (the year), 2026-06 (a month), a date range
 * 2026-01-01..2026-06-30, or 6T-2026 / 9T-2026 (months from January) and Q2-2026 (a quarter).
 */
export function parsePeriod(given: string): { start: string; end: string } {
  const s = given.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(s))) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  if ((m = /^(\d{4})-(\d{2})$/.exec(s)) && Number(m[2]) >= 1 && Number(m[2]) <= 12)
    return { start: `${m[1]}-${m[2]}-01`, end: monthEnd(Number(m[1]), Number(m[2])) };
  if ((m = /^(\d{1,2})T-(\d{4})$/i.exec(s)) && Number(m[1]) >= 1 && Number(m[1]) <= 12)
    return { start: `${m[2]}-01-01`, end: monthEnd(Number(m[2]), Number(m[1])) };
  if ((m = /^Q([1-4])-(\d{4})$/i.exec(s))) {
    const q = Number(m[1]);
    return { start: `${m[2]}-${pad(q * 3 - 2)}-01`, end: monthEnd(Number(m[2]), q * 3) };
  }
  if ((m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(s)) && validDate(m[1]!) && validDate(m[2]!) && m[1]! <= m[2]!)
    return { start: m[1]!, end: m[2]! };
  throw new StoreError(`--period "${given}": dùng 2026, 2026-06, 6T-2026, 9T-2026, Q2-2026 hoặc 2026-01-01..2026-06-30 (bad period)`);
}

/**
 * Corrects a document's province, unit, period and/or kind (`tonghop set`). The unit is placed
 * again at once (a corrected province decides a unit named in several provinces); the correction
 * is kept when the document is extracted again.
 */
export function applyCorrection(db: Db, docId: number, patch: CorrectionPatch): CorrectionResult {
  return db.transaction((): CorrectionResult => {
    ensureDocument(db, docId);
    const before = current(db, docId);
    const changes: CorrectionLogRow[] = [];
    const fields: Partial<Correction> = {};
    const shown = db.prepare("SELECT province_code, unit_code, period_start, period_end, kind FROM v_documents_corrected WHERE id = ?").get(docId) as {
      province_code: string | null; unit_code: string | null; period_start: string | null; period_end: string | null; kind: string;
    };
    if (patch.province != null) {
      fields.province_code = provinceCode(db, patch.province);
      if (fields.province_code !== shown.province_code || before?.province_code !== fields.province_code)
        changes.push(log(db, docId, "set", "province", shown.province_code, fields.province_code));
    }
    if (patch.unit != null) {
      const hint = fields.province_code ?? before?.province_code ?? shown.province_code;
      try {
        fields.unit_code = unitCode(db, patch.unit, hint);
      } catch (e) {
        // the document's own province may be what is wrong: a name unique in the country will do
        if (patch.province != null || !hint) throw e;
        fields.unit_code = unitCode(db, patch.unit, null);
      }
      const u = officialUnit(fields.unit_code);
      if (fields.province_code && u && u.provinceCode !== fields.province_code)
        throw new StoreError(`Đơn vị ${u.name} (${fields.unit_code}) không thuộc tỉnh đã chọn (unit not in that province)`);
      if (u && !fields.province_code && before?.province_code && before.province_code !== u.provinceCode) fields.province_code = u.provinceCode;
      changes.push(log(db, docId, "set", "unit", shown.unit_code, fields.unit_code));
    }
    if (patch.period != null) {
      const p = parsePeriod(patch.period);
      fields.period_start = p.start;
      fields.period_end = p.end;
      changes.push(log(db, docId, "set", "period", shown.period_end ? `${shown.period_start ?? ""}..${shown.period_end}` : null, `${p.start}..${p.end}`));
    }
    if (patch.kind != null) {
      if (!["report", "plan", "other"].includes(patch.kind))
        throw new StoreError(`--kind "${patch.kind}": dùng report, plan hoặc other (bad kind)`);
      fields.kind = patch.kind;
      changes.push(log(db, docId, "set", "kind", shown.kind, patch.kind));
    }
    if (!Object.keys(fields).length) throw new StoreError("tonghop set: cần ít nhất một trong --province, --unit, --period, --kind (nothing to set)");
    upsert(db, docId, fields);
    new UnitResolver(db).refresh(docId);
    return { document_id: docId, changes };
  }).immediate();
}

function setFlag(db: Db, docId: number, flag: "removed" | "chosen", value: 0 | 1, action: string): CorrectionResult {
  ensureDocument(db, docId);
  const before = current(db, docId);
  if ((before?.[flag] ?? 0) === value) return { document_id: docId, changes: [] };
  upsert(db, docId, { [flag]: value });
  return { document_id: docId, changes: [log(db, docId, action, null, before?.[flag] ?? 0, value)] };
}

/** Leaves a document out of every comparison, list and export (`tonghop remove`); reversible. */
export function removeDocument(db: Db, docId: number): CorrectionResult {
  return db.transaction(() => {
    const r = setFlag(db, docId, "removed", 1, "remove");
    if (r.changes.length) setFlag(db, docId, "chosen", 0, "unchoose");
    return r;
  }).immediate();
}

/** Brings a removed document back (`tonghop restore`). */
export function restoreDocument(db: Db, docId: number): CorrectionResult {
  return db.transaction(() => setFlag(db, docId, "removed", 0, "restore")).immediate();
}

/**
 * Makes this document the one that counts for its unit and round (`tonghop choose`): preferred
 * over other reports of the same unit and period, whatever their dates; any earlier choice among
 * those reports is undone (and logged).
 */
export function chooseDocument(db: Db, docId: number): CorrectionResult {
  return db.transaction((): CorrectionResult => {
    ensureDocument(db, docId);
    const d = db.prepare("SELECT unit_key, period_start, period_end, as_of, removed FROM v_documents_corrected WHERE id = ?").get(docId) as {
      unit_key: string; period_start: string | null; period_end: string | null; as_of: string | null; removed: number;
    };
    if (d.removed) throw new StoreError(`Văn bản mã ${docId} đã bị loại (document removed): chạy tonghop restore ${docId} trước`);
    const changes: CorrectionLogRow[] = [];
    const others = db
      .prepare(`SELECT id FROM v_documents_corrected WHERE unit_key = ? AND id <> ? AND chosen = 1
                AND period_start IS ? AND (period_end IS ? AND as_of IS ?)`)
      .pluck()
      .all(d.unit_key, docId, d.period_start, d.period_end, d.as_of) as number[];
    for (const o of others) changes.push(...setFlag(db, o, "chosen", 0, "unchoose").changes);
    changes.push(...setFlag(db, docId, "chosen", 1, "choose").changes);
    return { document_id: docId, changes };
  }).immediate();
}

/**
 * The default province of `tonghop import --province`: used when the document names no province,
 * and to decide between units of the same name. Run inside the caller's transaction.
 */
export function setDefaultProvince(db: Db, docId: number, code: string, opts: { refresh?: boolean } = {}): CorrectionResult {
  const before = current(db, docId);
  if (before?.default_province_code === code) return { document_id: docId, changes: [] };
  upsert(db, docId, { default_province_code: code });
  const change = log(db, docId, "default_province", "province", before?.default_province_code ?? null, code);
  if (opts.refresh !== false) new UnitResolver(db).refresh(docId);
  return { document_id: docId, changes: [change] };
}

/** The corrections of a document and their history, oldest first (for `tonghop show`). */
export function documentCorrections(db: Db, docId: number): { correction: Correction | null; history: CorrectionLogRow[] } {
  return {
    correction: current(db, docId) ?? null,
    history: db.prepare("SELECT * FROM correction_log WHERE document_id = ? ORDER BY id").all(docId) as CorrectionLogRow[],
  };
}
