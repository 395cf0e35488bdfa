// What the import left in the database: the benchmark counts only documents really stored, and
// distinct units show the corpus was read as distinct reports, not one report many times.

import Database from "better-sqlite3";

export interface Stored {
  documents: number;
  /** Documents whose unit the extractor matched to an official code. */
  withUnitCode: number;
  distinctUnits: number;
  facts: number;
}

export function storedCounts(file: string): Stored {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const n = (sql: string) => Number(db.prepare(sql).pluck().get());
    return {
      documents: n("SELECT count(*) FROM documents"),
      withUnitCode: n("SELECT count(*) FROM documents WHERE unit_code IS NOT NULL"),
      distinctUnits: n("SELECT count(DISTINCT unit_key) FROM documents"),
      facts: n("SELECT count(*) FROM facts"),
    };
  } finally {
    db.close();
  }
}
