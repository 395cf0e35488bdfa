// `tonghop query "SQL"`: one statement on a read-only connection. Statements that would write
// are refused before they run (and the connection could not write anyway).

import { StoreError, type Db } from "../store/index.js";

export interface SqlResult {
  columns: string[];
  rows: Iterable<Record<string, unknown>>;
}

function plain(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return v.toString("hex");
  if (typeof v === "bigint") return Number(v);
  return v;
}

export function runSql(db: Db, sql: string): SqlResult {
  let stmt;
  try {
    stmt = db.prepare(sql);
  } catch (e) {
    throw new StoreError(`Câu lệnh SQL không hợp lệ (invalid SQL): ${(e as Error).message}`);
  }
  if (!stmt.reader)
    throw new StoreError("tonghop query chỉ đọc dữ liệu (read-only): câu lệnh này sẽ thay đổi cơ sở dữ liệu nên không được chạy");
  const columns = stmt.columns().map((c) => c.name);
  const iter = stmt.iterate() as IterableIterator<Record<string, unknown>>;
  return {
    columns,
    rows: (function* () {
      for (const r of iter) {
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(r)) out[k] = plain(r[k]);
        yield out;
      }
    })(),
  };
}
