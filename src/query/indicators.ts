// The indicator catalogue as stored (from the rules the last import used).

import { StoreError, type Db } from "../store/index.js";

export interface IndicatorInfo {
  code: string;
  label: string;
  unit: string;
  position: number;
}

export function catalogue(db: Db): IndicatorInfo[] {
  return db.prepare("SELECT code, label, unit, position FROM indicators ORDER BY position, code").all() as IndicatorInfo[];
}

/** The catalogue entry for a code, or a clear error listing the known codes. */
export function indicator(db: Db, code: string): IndicatorInfo {
  const all = catalogue(db);
  const hit = all.find((i) => i.code === code.trim());
  if (hit) return hit;
  const known = all.filter((i) => i.position < 100000).map((i) => i.code);
  throw new StoreError(`Không có chỉ tiêu "${code}" (unknown indicator). Mã hợp lệ: ${known.join(", ")}`);
}
