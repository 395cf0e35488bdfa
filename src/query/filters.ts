// --province and --period, shared by every report command. Both apply to the columns of
// v_documents (and the views built on it): province, province_code, as_of (the period's end,
// else the issue date). A filter that matches nothing is an error that says what matched
// nothing and suggests the nearest name, never an empty result (issue 13).

import { withoutLevel } from "../rules/places.js";
import { nearestName as nearest } from "../nearest.js";
import { StoreError, foldName, type Db } from "../store/index.js";
import { parseRound } from "./rounds.js";

export interface Filters {
  province?: string;
  /** A round as analysts write it (see parseRound): `2026`, `6T-2026`, `quý II/2026`, `2026-06`, dates. */
  period?: string;
}

export interface Where {
  sql: string;
  params: unknown[];
}

/** The first and last day of the period given to --period (refused when it is not a period). */
export function periodRange(period: string): [string, string] {
  const r = parseRound(period);
  return [r.start, r.end];
}

/** The name among `names` nearest to `given` (tone marks and case aside), when near enough to suggest. */
export function nearestName(given: string, names: Iterable<string>): string | null {
  return nearest(given, names, foldName);
}

/** The province condition: an official name or code, else a name as documents write it; else an error. */
export function provinceFilter(db: Db, province: string | undefined, alias = ""): Where {
  const a = alias ? alias + "." : "";
  if (!province) return { sql: "1 = 1", params: [] };
  const code = provinceCode(db, province);
  if (code) return { sql: `${a}province_code = ?`, params: [code] };
  const folded = withoutLevel(foldName(province), "provinces");
  const stated = db.prepare("SELECT 1 FROM documents WHERE province_code IS NULL AND fold(province_name) = ? LIMIT 1").get(folded);
  if (stated) return { sql: `fold(${a}province) = ?`, params: [folded] };
  throw noSuchProvince(db, province);
}

/** The official province code for a name as written ("Khánh Hoà", "tỉnh Khánh Hòa", "56"), or null. */
export function provinceCode(db: Db, province: string): string | null {
  const folded = withoutLevel(foldName(province), "provinces");
  return (db.prepare("SELECT code FROM provinces WHERE code = ? OR name_folded = ?").pluck().get(province.trim(), folded) as string | undefined) ?? null;
}

export function noSuchProvince(db: Db, province: string): StoreError {
  const names = db.prepare("SELECT name FROM provinces").pluck().all() as string[];
  const near = nearestName(province, names);
  return new StoreError(`Không có tỉnh “${province}”` + (near ? `; có phải “${near}”?` : "") + " (no such province)");
}

/** WHERE conditions (joined with AND, never empty) for the filters, on a view with v_documents' columns. */
export function whereFilters(db: Db, f: Filters, alias = ""): Where {
  const a = alias ? alias + "." : "";
  const p = provinceFilter(db, f.province, alias);
  const parts: string[] = [p.sql];
  const params: unknown[] = [...p.params];
  if (f.period) {
    const [lo, hi] = periodRange(f.period);
    parts.push(`${a}as_of BETWEEN ? AND ?`);
    params.push(lo, hi);
  }
  return { sql: parts.join(" AND "), params };
}
