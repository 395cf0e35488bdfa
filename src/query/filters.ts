// --province and --period, shared by every report command. Both apply to the columns of
// v_documents (and the views built on it): province, province_code, as_of (the period's end,
// else the issue date).

import { StoreError, foldName, type Db } from "../store/index.js";

export interface Filters {
  province?: string;
  period?: string;
}

export interface Where {
  sql: string;
  params: unknown[];
}

const PART = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function bounds(part: string): [string, string] | null {
  const m = PART.exec(part.trim());
  if (!m) return null;
  const [, y, mo, d] = m;
  if (d) return [`${y}-${mo}-${d}`, `${y}-${mo}-${d}`];
  if (mo) return [`${y}-${mo}-01`, `${y}-${mo}-31`];
  return [`${y}-01-01`, `${y}-12-31`];
}

/** "2026", "2026-06", "2026-05-31" or "2025-08..2026-05": the reports whose period ends then. */
export function periodRange(period: string): [string, string] {
  const [a, b] = period.includes("..") ? period.split("..", 2) : [period, period];
  const lo = bounds(a!);
  const hi = bounds(b!);
  if (!lo || !hi)
    throw new StoreError(`--period "${period}": dùng NĂM, NĂM-THÁNG, NĂM-THÁNG-NGÀY hoặc TỪ..ĐẾN, ví dụ 2026, 2026-06, 2025-08..2026-05`);
  return [lo[0], hi[1]];
}

/** WHERE conditions (joined with AND, never empty) for the filters, on a view with v_documents' columns. */
export function whereFilters(db: Db, f: Filters, alias = ""): Where {
  const a = alias ? alias + "." : "";
  const parts: string[] = ["1 = 1"];
  const params: unknown[] = [];
  if (f.province) {
    const folded = foldName(f.province).replace(/^(tinh|thanh pho|tp\.?) /, "");
    const code = (db.prepare("SELECT code FROM provinces WHERE code = ? OR name_folded = ?").pluck().get(f.province, folded) as string | undefined) ?? null;
    if (code) {
      parts.push(`${a}province_code = ?`);
      params.push(code);
    } else {
      // not an official name: match what the documents state
      parts.push(`fold(${a}province) = ?`);
      params.push(folded);
    }
  }
  if (f.period) {
    const [lo, hi] = periodRange(f.period);
    parts.push(`${a}as_of BETWEEN ? AND ?`);
    params.push(lo, hi);
  }
  return { sql: parts.join(" AND "), params };
}
