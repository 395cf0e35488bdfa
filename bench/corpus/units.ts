// The official commune-level units (3,321 after the 2025 reorganisation): the names the corpus
// gives its documents, so every generated report is about a different, real unit.

import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface Place {
  /** Lower-case unit type as written in a sentence: "xã", "phường", "đặc khu". */
  type: string;
  name: string;
  /** "tỉnh" or "thành phố". */
  provinceType: string;
  province: string;
  code: string;
}

interface RawUnit {
  Code: string;
  Name: string;
  AdministrativeUnitShortName: string;
}
interface RawProvince extends RawUnit {
  Wards: RawUnit[];
}

/** Every unit, province by province, in the order of the official list. */
export function loadPlaces(root: string): Place[] {
  const file = join(root, "data", "vn-admin-units", "units-2026-07-25.json");
  const provinces = JSON.parse(readFileSync(file, "utf8")) as RawProvince[];
  const places: Place[] = [];
  for (const p of provinces)
    for (const w of p.Wards)
      places.push({
        type: w.AdministrativeUnitShortName.toLocaleLowerCase("vi"),
        name: w.Name.normalize("NFC"),
        provinceType: p.AdministrativeUnitShortName.toLocaleLowerCase("vi"),
        province: p.Name.normalize("NFC"),
        code: w.Code,
      });
  return places;
}

/** The i-th document's unit: interleaves provinces so a small corpus still spans the country. */
export function placeFor(places: Place[], i: number): Place {
  // a stride coprime with the count visits every unit once before repeating
  const stride = coprimeStride(places.length);
  return places[(i * stride) % places.length]!;
}

function coprimeStride(n: number): number {
  let s = Math.floor(n * 0.618);
  while (gcd(s, n) !== 1) s++;
  return s;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
