// Loads the official list of provinces and commune-level units (data/vn-admin-units) into the
// database. The file is read only when the database does not hold this version of it yet.

import { readFileSync, statSync } from "node:fs";
import type Database from "better-sqlite3";
import { adminUnitsFile, formerUnitsFile, loadFormerUnits } from "../extract/units.js";
import { modernTones } from "../extract/vnkey.js";
import { foldName } from "./fold.js";

interface RawUnit {
  Code: string;
  Name: string;
  FullName: string;
  AdministrativeUnitShortName: string;
}
interface RawProvince extends RawUnit {
  Wards: RawUnit[];
}

const UNIT_LEVELS: Record<string, string> = { "Xã": "xa", "Phường": "phuong", "Đặc khu": "dac_khu" };

// "+modern" marks names stored with modern tone placement (Khánh Hòa, not the list's Khánh Hoà),
// the spelling the extractor reports: a database holding the older spelling reloads the list.
export function adminUnitsVersion(): string {
  return adminUnitsFile().split(/[\\/]/).pop()! + "+modern";
}

function formerUnitsVersion(): string {
  return `${formerUnitsFile().split(/[\\/]/).pop()!}+${statSync(formerUnitsFile()).size}`;
}

/** true when the database holds the lists shipped with this package. */
export function adminUnitsLoaded(db: Database.Database): boolean {
  const meta = db.prepare("SELECT value FROM meta WHERE key = ?").pluck();
  return meta.get("admin_units") === adminUnitsVersion() && meta.get("former_units") === formerUnitsVersion();
}

/** The units before 1 July 2025 (data/vn-former-units), for the views' merged_from and for SQL. */
function loadFormerUnitRows(db: Database.Database): void {
  const version = formerUnitsVersion();
  if (db.prepare("SELECT value FROM meta WHERE key = 'former_units'").pluck().get() === version) return;
  db.prepare("DELETE FROM former_units").run();
  const ins = db.prepare(`INSERT INTO former_units (code, level, name, district_level, district, province, new_code) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const known = db.prepare("SELECT 1 FROM units WHERE code = ?").pluck();
  for (const list of loadFormerUnits().byName.values())
    for (const u of list)
      for (const c of u.newCodes) if (known.get(c)) ins.run(u.code, u.level, u.name, u.districtLevel, u.district, u.province, c);
  db.prepare("INSERT INTO meta (key, value) VALUES ('former_units', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(version);
}

/** Upserts provinces and units when the database does not hold this version of the list. Run inside a transaction. */
export function loadAdminUnits(db: Database.Database): void {
  const file = adminUnitsFile();
  const version = adminUnitsVersion();
  const have = db.prepare("SELECT value FROM meta WHERE key = 'admin_units'").pluck().get();
  if (have === version) return loadFormerUnitRows(db);
  const data = JSON.parse(readFileSync(file, "utf8")) as RawProvince[];
  const prov = db.prepare(
    `INSERT INTO provinces (code, name, full_name, level, name_folded) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, full_name = excluded.full_name, level = excluded.level, name_folded = excluded.name_folded`,
  );
  const unit = db.prepare(
    `INSERT INTO units (code, province_code, name, full_name, level, name_folded) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET province_code = excluded.province_code, name = excluded.name, full_name = excluded.full_name,
       level = excluded.level, name_folded = excluded.name_folded`,
  );
  for (const p of data) {
    const name = modernTones(p.Name.normalize("NFC"));
    prov.run(p.Code, name, modernTones(p.FullName.normalize("NFC")), p.AdministrativeUnitShortName === "Tỉnh" ? "tinh" : "thanh_pho", foldName(name));
    for (const w of p.Wards) {
      const level = UNIT_LEVELS[w.AdministrativeUnitShortName];
      if (!level) throw new Error(`${version}: unknown unit type "${w.AdministrativeUnitShortName}" for ${w.Code}`);
      const wname = modernTones(w.Name.normalize("NFC"));
      unit.run(w.Code, p.Code, wname, modernTones(w.FullName.normalize("NFC")), level, foldName(wname));
    }
  }
  db.prepare("INSERT INTO meta (key, value) VALUES ('admin_units', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(version);
  loadFormerUnitRows(db);
}
