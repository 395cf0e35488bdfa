// Matching the unit and province a report names to the official list. Names are compared
// folded (tone placement Hoà/Hòa, case, đ/d); 314 commune names recur across provinces, so a
// name alone resolves only when it is unique in the country.

import type { DocumentMeta } from "../extract/types.js";
import { foldName } from "./fold.js";
import type { Db } from "./open.js";

export interface ResolvedUnit {
  unit_code: string | null;
  province_code: string | null;
  /** Groups a unit's documents: the official code, else the folded names. */
  unit_key: string;
  /** Why the unit could not be matched (stored as an issue), or null. */
  problem: { kind: "unknown_unit" | "ambiguous_unit"; message: string } | null;
}

interface Row {
  code: string;
  province_code: string;
  level: string;
}

export class UnitResolver {
  private byName;
  private provinceByName;
  private provinceByCode;
  private unitByCode;

  constructor(db: Db) {
    this.byName = db.prepare<[string], Row>("SELECT code, province_code, level FROM units WHERE name_folded = ?");
    this.provinceByName = db.prepare<[string], { code: string }>("SELECT code FROM provinces WHERE name_folded = ?");
    this.provinceByCode = db.prepare<[string], { code: string }>("SELECT code FROM provinces WHERE code = ?");
    this.unitByCode = db.prepare<[string], Row>("SELECT code, province_code, level FROM units WHERE code = ?");
  }

  province(name: string | null | undefined, code?: string | null): string | null {
    if (code && this.provinceByCode.get(code)) return code;
    if (!name) return null;
    const folded = foldName(name).replace(/^(tinh|thanh pho|tp\.?) /, "");
    return this.provinceByName.get(folded)?.code ?? null;
  }

  resolve(doc: DocumentMeta, fallbackKey: string): ResolvedUnit {
    const provinceCode = this.province(doc.province, doc.province_code);
    const name = doc.unit.name?.trim() || null;
    const key = (unit_code: string | null, province_code: string | null, problem: ResolvedUnit["problem"] = null): ResolvedUnit => ({
      unit_code,
      province_code,
      unit_key: unit_code ?? (name ? `name:${provinceCode ?? foldName(doc.province ?? "")}/${foldName(name)}` : `doc:${fallbackKey}`),
      problem,
    });
    if (doc.unit.code) {
      const hit = this.unitByCode.get(doc.unit.code);
      if (hit) return key(hit.code, hit.province_code);
    }
    if (!name) return key(null, provinceCode);
    let hits = this.byName.all(foldName(name));
    if (provinceCode) hits = hits.filter((h) => h.province_code === provinceCode);
    // several units of the same name in one province never happens; across provinces the level may decide
    if (hits.length > 1 && doc.unit.level) {
      const sameLevel = hits.filter((h) => h.level === doc.unit.level);
      if (sameLevel.length) hits = sameLevel;
    }
    if (hits.length === 1) return key(hits[0]!.code, hits[0]!.province_code);
    const where = doc.province ? ` thuộc ${doc.province}` : "";
    if (hits.length === 0)
      return key(null, provinceCode, {
        kind: "unknown_unit",
        message: `Không tìm thấy ${name}${where} trong danh mục đơn vị hành chính (unit not in the official list)`,
      });
    return key(null, provinceCode, {
      kind: "ambiguous_unit",
      message: `Có ${hits.length} đơn vị tên ${name} ở các tỉnh khác nhau và báo cáo không nêu tỉnh (ambiguous unit)`,
    });
  }
}
