// Copies the catalogue and the published targets of the rules in use into the database, so the
// comparison views need nothing but the database file. The rules' targets are replaced as a
// whole; targets from imported plans are untouched.

import type { Rules } from "../rules/schema.js";
import { foldName } from "./fold.js";
import type { Db } from "./open.js";
import { UnitResolver } from "./resolve.js";

/** Returns a note for each target the official list cannot place (unknown province or unit). */
export function syncRules(db: Db, rules: Rules): string[] {
  const notes: string[] = [];
  db.transaction(() => {
    const have = db.prepare("SELECT value FROM meta WHERE key = 'rules_version'").pluck().get();
    if (have === rules.version) return;
    db.prepare("UPDATE indicators SET active = 0").run();
    const ind = db.prepare(`INSERT INTO indicators (code, label, unit, position, active) VALUES (?, ?, ?, ?, 1)
      ON CONFLICT (code) DO UPDATE SET label = excluded.label, unit = excluded.unit, position = excluded.position, active = 1`);
    rules.indicators.forEach((r, i) => ind.run(r.code, r.label, r.unit, i));

    db.prepare("DELETE FROM targets WHERE source = 'rules'").run();
    const resolver = new UnitResolver(db);
    const unitIn = db.prepare("SELECT code FROM units WHERE name_folded = ? AND province_code = ?").pluck();
    const ins = db.prepare(`INSERT INTO targets (source, province_code, unit_code, year, indicator, value, value_kind, qualifier, unit,
      reference, rules_version, months) VALUES ('rules', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const t of rules.targets) {
      const province = resolver.province(t.province);
      if (!province) {
        notes.push(`targets.yaml: không có tỉnh "${t.province}" trong danh mục (unknown province): bỏ qua chỉ tiêu này`);
        continue;
      }
      let unit: string | null = null;
      if (t.unit) {
        unit = (unitIn.get(foldName(t.unit), province) as string | undefined) ?? null;
        if (!unit) {
          notes.push(`targets.yaml: không có đơn vị "${t.unit}" thuộc ${t.province} (unknown unit): bỏ qua chỉ tiêu này`);
          continue;
        }
      }
      for (const [code, v] of Object.entries(t.values)) {
        const value = typeof v === "number" ? v : v.value;
        const qualifier = typeof v === "number" ? "exact" : v.qualifier;
        const unitWord = typeof v === "number" ? null : (v.unit ?? null);
        ins.run(province, unit, t.year, code, value, unitWord ? "count" : "percent", qualifier, unitWord, t.source, rules.version, t.months ?? null);
      }
    }
    db.prepare("INSERT INTO meta (key, value) VALUES ('rules_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(rules.version);
    db.prepare("INSERT INTO meta (key, value) VALUES ('rules_dir', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(rules.dir);
  }).immediate();
  return notes;
}
