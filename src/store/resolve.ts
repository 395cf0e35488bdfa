// Matching the unit and province a document names to the official list, in the store: the
// decision itself is src/extract/units.ts placeUnit (one owner for place names); here it is fed
// what the document states (stored columns) and what the analyst decided (corrections), and its
// result is written back: the document's unit and province, its unit issue, its plan's targets.

import { withoutLevel } from "../rules/places.js";
import { officialUnit, placeUnit, type Placement } from "../extract/units.js";
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

const UNIT_ISSUES = ["unknown_unit", "ambiguous_unit"];

interface StatedRow {
  sha256: string;
  name: string;
  number: string | null;
  kind: string;
  unit_name: string | null;
  unit_level: string | null;
  province_name: string | null;
  district_name: string | null;
  stated_unit_code: string | null;
  period_end: string | null;
  issued_on: string | null;
}

interface CorrectionRow {
  province_code: string | null;
  unit_code: string | null;
  period_end: string | null;
  kind: string | null;
  default_province_code: string | null;
}

export class UnitResolver {
  private provinceByName;
  private provinceByCode;
  private stated;
  private correction;
  private update;
  private dropUnitIssues;
  private nextSeq;
  private addIssue;
  private dropTargets;
  private addTargets;

  constructor(db: Db) {
    this.provinceByName = db.prepare<[string], { code: string }>("SELECT code FROM provinces WHERE name_folded = ?");
    this.provinceByCode = db.prepare<[string], { code: string }>("SELECT code FROM provinces WHERE code = ?");
    this.stated = db.prepare<[number], StatedRow>(
      `SELECT sha256, name, number, kind, unit_name, unit_level, province_name, district_name, stated_unit_code, period_end, issued_on
       FROM documents WHERE id = ?`,
    );
    this.correction = db.prepare<[number], CorrectionRow>(
      "SELECT province_code, unit_code, period_end, kind, default_province_code FROM corrections WHERE document_id = ?",
    );
    this.update = db.prepare(`UPDATE documents SET unit_code = @unit_code, province_code = @province_code, unit_key = @unit_key,
        former_code = @former_code, former_name = @former_name, former_level = @former_level, former_district = @former_district,
        former_province = @former_province
      WHERE id = @id`);
    this.dropUnitIssues = db.prepare(`DELETE FROM issues WHERE document_id = ? AND kind IN (${UNIT_ISSUES.map((k) => `'${k}'`).join(", ")})`);
    this.nextSeq = db.prepare<[number], number>("SELECT COALESCE(MAX(seq) + 1, 0) FROM issues WHERE document_id = ?").pluck();
    this.addIssue = db.prepare("INSERT INTO issues (document_id, seq, kind, message) VALUES (?, ?, ?, ?)");
    this.dropTargets = db.prepare("DELETE FROM targets WHERE document_id = ?");
    // a plan's goals become targets for its own unit (or its province when it names no unit)
    this.addTargets = db.prepare(`INSERT INTO targets (source, province_code, unit_code, year, indicator, value, value_kind, qualifier,
        unit, reference, document_id)
      SELECT 'plan', @province_code, @unit_code, @year, iv.indicator, iv.value, iv.value_kind, COALESCE(iv.qualifier, 'exact'),
        CASE WHEN iv.value_kind = 'count' THEN iv.unit END, @reference, @id
      FROM indicator_values iv
      WHERE iv.document_id = @id AND iv.role = 'target' AND iv.value IS NOT NULL AND iv.value_kind IN ('percent', 'count')`);
  }

  province(name: string | null | undefined, code?: string | null): string | null {
    if (code && this.provinceByCode.get(code)) return code;
    if (!name) return null;
    const folded = withoutLevel(foldName(name), "provinces");
    return this.provinceByName.get(folded)?.code ?? null;
  }

  /**
   * Places stored document `id` from what it states and the analyst's corrections, and writes the
   * result: unit, province and grouping key, the pre-merger unit it names, its unit issue
   * (unknown_unit / ambiguous_unit) and, for a plan, its targets. Run inside the caller's transaction.
   */
  refresh(id: number): ResolvedUnit {
    const d = this.stated.get(id);
    if (!d) throw new Error(`no document ${id}`);
    const c = this.correction.get(id);
    const name = d.unit_name?.trim() || null;
    let p: Placement = placeUnit({
      name,
      level: d.unit_level,
      province: d.province_name,
      district: d.district_name,
      provinceCode: c?.province_code ?? null,
      defaultProvinceCode: c?.default_province_code ?? null,
    });
    const stated = d.stated_unit_code ? officialUnit(d.stated_unit_code) : undefined;
    if (c?.unit_code) {
      const u = officialUnit(c.unit_code);
      p = { code: c.unit_code, provinceCode: u?.provinceCode ?? null, former: p.code === c.unit_code ? p.former : null, problem: null };
    } else if (!p.code && stated && !c?.province_code && !(c?.default_province_code && !d.province_name)) {
      // the extractor weighed every province the text names: keep its unit
      p = { code: stated.code, provinceCode: stated.provinceCode, former: null, problem: null };
    }
    const unit_key = p.code ?? (name ? `name:${p.provinceCode ?? foldName(d.province_name ?? "")}/${foldName(name)}` : `doc:${d.sha256.slice(0, 16)}`);
    const f = p.former;
    this.update.run({
      id,
      unit_code: p.code,
      province_code: p.provinceCode,
      unit_key,
      former_code: f?.code ?? null,
      former_name: f?.name ?? null,
      former_level: f?.level ?? null,
      former_district: f?.district ?? null,
      former_province: f?.province ?? null,
    });
    // a unit the text names: the store's placement is what counts (a corrected province fixes it)
    if (name) {
      this.dropUnitIssues.run(id);
      if (p.problem) this.addIssue.run(id, this.nextSeq.get(id)!, p.problem.kind, p.problem.message);
    }
    this.dropTargets.run(id);
    const kind = c?.kind ?? d.kind;
    const year = yearOf(c?.period_end ?? d.period_end) ?? yearOf(d.issued_on);
    // a unit we cannot place: its goals must not become the province's
    if (kind === "plan" && year != null && !(name && !p.code) && (p.code || p.provinceCode)) {
      const reference = `${d.number ? `Kế hoạch ${d.number}` : "Kế hoạch"} (${d.name})`;
      this.addTargets.run({ id, province_code: p.provinceCode, unit_code: p.code, year, reference });
    }
    return { unit_code: p.code, province_code: p.provinceCode, unit_key, problem: p.problem };
  }
}

function yearOf(date: string | null | undefined): number | null {
  const m = date ? /^(\d{4})/.exec(date) : null;
  return m ? Number(m[1]) : null;
}
