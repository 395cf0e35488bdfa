// The official list of 34 provinces and 3,321 communes (data/vn-admin-units, MIT): recognise a
// commune's name and find its province. 314 names occur in more than one province, so a name
// alone decides the province only when it is unique.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { UnitLevel } from "./types.js";
import { foldPhrase, modernTones } from "./vnkey.js";

export interface OfficialUnit {
  code: string;
  name: string;
  level: UnitLevel;
  province: string;
  provinceCode: string;
}

export interface Province {
  code: string;
  name: string;
  /** "Tỉnh" or "Thành phố". */
  type: string;
}

export interface UnitIndex {
  provinces: Province[];
  /** Folded province name → province. */
  provinceByKey: Map<string, Province>;
  /** Folded commune name → units with that name. */
  unitsByKey: Map<string, OfficialUnit[]>;
  /** Longest commune name in words (bounds name lookups). */
  maxWords: number;
}

interface RawWard {
  Code: string;
  Name: string;
  AdministrativeUnitShortName: string;
}
interface RawProvince extends RawWard {
  Wards: RawWard[];
}

const LEVELS: Record<string, UnitLevel> = { Xã: "xa", Phường: "phuong", "Đặc khu": "dac_khu" };

/** The newest data/vn-admin-units/units-*.json next to the package (works from src/ and dist/src/). */
let found: string | undefined;
export function adminUnitsFile(): string {
  if (found) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const folder = join(dir, "data", "vn-admin-units");
    if (existsSync(folder)) {
      const file = readdirSync(folder).filter((f) => /^units-.*\.json$/.test(f)).sort().pop();
      if (file) return (found = join(folder, file));
    }
    dir = dirname(dir);
  }
  throw new Error("cannot find data/vn-admin-units/units-*.json next to the package");
}

let cached: UnitIndex | null = null;

export function loadUnits(): UnitIndex {
  if (cached) return cached;
  const raw = JSON.parse(readFileSync(adminUnitsFile(), "utf8")) as RawProvince[];
  const provinces: Province[] = [];
  const provinceByKey = new Map<string, Province>();
  const unitsByKey = new Map<string, OfficialUnit[]>();
  let maxWords = 1;
  for (const p of raw) {
    const prov: Province = { code: p.Code, name: modernTones(p.Name.normalize("NFC")), type: p.AdministrativeUnitShortName };
    provinces.push(prov);
    provinceByKey.set(foldPhrase(prov.name), prov);
    for (const w of p.Wards) {
      const level = LEVELS[w.AdministrativeUnitShortName];
      if (!level) continue;
      const name = modernTones(w.Name.normalize("NFC"));
      const key = foldPhrase(name);
      maxWords = Math.max(maxWords, key.split(" ").length);
      const list = unitsByKey.get(key) ?? [];
      list.push({ code: w.Code, name, level, province: prov.name, provinceCode: prov.code });
      unitsByKey.set(key, list);
    }
  }
  // Common alternative names of provinces in reports
  const alias = (a: string, b: string) => {
    const p = provinceByKey.get(foldPhrase(b));
    if (p) provinceByKey.set(foldPhrase(a), p);
  };
  alias("Thừa Thiên Huế", "Huế");
  alias("TP Hồ Chí Minh", "Hồ Chí Minh");
  alias("Sài Gòn", "Hồ Chí Minh");
  cached = { provinces, provinceByKey, unitsByKey, maxWords };
  return cached;
}
