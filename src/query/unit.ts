// One unit over time (the workspace's unit page, `GET /api/unit/CODE`): the official unit, its
// documents newest first, every value it reported by period (each report once), its teams and
// its flags. CODE is the official code, or the key of a unit not in the official list.

import { StoreError, type Db } from "../store/index.js";
import type { Row } from "./columns.js";

export interface UnitView {
  unit: { key: string; code: string | null; name: string | null; level: string | null; province: string | null; province_code: string | null };
  documents: Row[];
  values: Row[];
  flags: Row[];
}

export function unitView(db: Db, ref: string): UnitView {
  const key = ref.trim();
  const official = db
    .prepare("SELECT u.code, u.name, u.level, p.name AS province, p.code AS province_code FROM units u JOIN provinces p ON p.code = u.province_code WHERE u.code = ?")
    .get(key) as { code: string; name: string; level: string; province: string; province_code: string } | undefined;
  const documents = db
    .prepare(
      `SELECT d.id, d.name, d.format, d.kind, d.number, d.issued_on, d.period_start, d.period_end, d.teams, d.team_members AS members,
         d.fact_count AS facts, (SELECT count(*) FROM issues i WHERE i.document_id = d.id) AS issues, d.duplicate_of, d.imported_at,
         d.province, d.unit, d.level, d.unit_code
       FROM v_documents d WHERE d.unit_key = ? ORDER BY d.as_of DESC NULLS LAST, d.id DESC`,
    )
    .all(key) as Row[];
  if (!official && !documents.length) throw new StoreError(`Không có đơn vị "${ref}" (unit not found): dùng mã đơn vị, ví dụ 09466`);
  const first = documents[0];
  const unit = official
    ? { key, code: official.code, name: official.name, level: official.level, province: official.province, province_code: official.province_code }
    : {
        key,
        code: null,
        name: (first?.unit as string | null) ?? null,
        level: (first?.level as string | null) ?? null,
        province: (first?.province as string | null) ?? null,
        province_code: null,
      };
  const values = db
    .prepare(
      `SELECT v.indicator, i.label, v.period_start, v.period_end, v.value, v.qualifier, v.role, v.target, v.target_source, v.unmet,
         v.document_id, v.document, v.fact_id, v.page
       FROM v_indicator_values v LEFT JOIN indicators i ON i.code = v.indicator
       WHERE v.unit_key = ? AND v.duplicate_of IS NULL AND v.role IS NOT 'target'
       ORDER BY i.position, v.indicator, v.as_of NULLS FIRST, v.document_id`,
    )
    .all(key) as Row[];
  const flags = db
    .prepare(
      `SELECT period_end, kind, indicator, value, target, message, document_id, document, quote, page FROM v_flags
       WHERE unit_key = ? ORDER BY as_of DESC, kind = 'unmet' DESC, kind, indicator`,
    )
    .all(key) as Row[];
  return { unit, documents, values, flags };
}
