// One order for names everywhere (tables, CSV, JSON arrays, workbooks): Vietnamese collation,
// so "Bạch Thông" comes before "Bình Thành" and "Đồng Hỷ" after "Dương", never code-point order.
// SQLite cannot sort this way, so commands sort in JavaScript, or rank names with viRank().

import type Database from "better-sqlite3";

export const viCollator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

/** Compares two names the Vietnamese way; missing names (null, "") last. */
export function compareVi(a: string | null | undefined, b: string | null | undefined): number {
  if (!a || !b) return (a ? 0 : 1) - (b ? 0 : 1);
  return viCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Sorts rows by the given keys in Vietnamese order (stable: equal rows keep their order). */
export function sortVi<T extends object>(rows: T[], ...keys: (keyof T)[]): T[] {
  return rows.sort((x, y) => {
    for (const k of keys) {
      const c = compareVi(x[k] as string | null, y[k] as string | null);
      if (c) return c;
    }
    return 0;
  });
}

/**
 * Registers SQL function vi_rank(text) on a connection: the position of the text among `names`
 * in Vietnamese order, for an ORDER BY that must stay in SQL (streamed exports).
 */
export function registerViRank(db: Database.Database, names: Iterable<string | null>): void {
  const sorted = [...new Set([...names].filter((n): n is string => !!n))].sort(compareVi);
  const rank = new Map(sorted.map((n, i) => [n, i]));
  db.function("vi_rank", { deterministic: true }, (s: unknown) => (typeof s === "string" ? (rank.get(s) ?? sorted.length) : sorted.length + 1));
}
