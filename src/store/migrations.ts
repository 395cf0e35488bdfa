// Schema versions, applied in order; PRAGMA user_version records the last one applied.
// Never edit a released migration: add the next one.

import type Database from "better-sqlite3";
import { SCHEMA_V1 } from "./schema-v1.js";
import { VIEWS_V1 } from "./views-v1.js";
import { SCHEMA_V3 } from "./schema-v3.js";
import { VIEWS_V3 } from "./views-v3.js";
import { SCHEMA_V4 } from "./schema-v4.js";
import { StoreError } from "./errors.js";

export interface Migration {
  version: number;
  sql: string;
  /** Work SQL alone cannot do (runs after `sql`, inside the same transaction). */
  run?: (db: Database.Database) => void;
}

/** The formats documents.format accepts before v3, from v5 on (.doc, .odt, .rtf, .xlsx readers), from v7 on (pictures). */
const FORMATS_V1 = "CHECK (format IN ('text', 'markdown', 'docx', 'pdf'))";
const FORMATS_V5 = "CHECK (format IN ('text', 'markdown', 'docx', 'pdf', 'doc', 'odt', 'rtf', 'xlsx'))";
const FORMATS_V7 = "CHECK (format IN ('text', 'markdown', 'docx', 'pdf', 'doc', 'odt', 'rtf', 'xlsx', 'image'))";

/**
 * Widens a CHECK constraint in place, the procedure SQLite documents for loosening a constraint
 * (ALTER TABLE, "making other kinds of table schema changes"): rewrite the stored CREATE TABLE
 * with writable_schema and bump schema_version. Rows need no change, as every old value is still allowed.
 */
function widenCheck(db: Database.Database, table: string, from: string, to: string): void {
  const row = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) as { sql: string } | undefined;
  if (!row || !row.sql.includes(from)) return;
  const version = db.pragma("schema_version", { simple: true }) as number;
  db.unsafeMode(true);
  try {
    db.pragma("writable_schema = ON");
    db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?").run(row.sql.replace(from, to), table);
    db.pragma(`schema_version = ${version + 1}`);
    db.pragma("writable_schema = OFF");
  } finally {
    db.unsafeMode(false);
  }
}

export const MIGRATIONS: Migration[] = [
  { version: 1, sql: SCHEMA_V1 + VIEWS_V1 },
  // v2: new texts are added to the search index once per write transaction (DocumentStore.indexPending),
  // not by a trigger inside each document's savepoint: FTS5 flushes a segment at every savepoint
  // release, which cost about a quarter of the writer's time (npm run bench)
  { version: 2, sql: "DROP TRIGGER IF EXISTS document_texts_ai;" },
  // v3: the analyst's corrections (kept apart from extracted data, with an audit log), units
  // named as before 1 July 2025, views that apply both
  { version: 3, sql: SCHEMA_V3 + VIEWS_V3 },
  // v4: mid-year targets (rounds)
  { version: 4, sql: SCHEMA_V4 },
  // v5: documents read from .doc, .odt, .rtf and .xlsx keep their own format
  { version: 5, sql: "", run: (db) => widenCheck(db, "documents", FORMATS_V1, FORMATS_V5) },
  // v6: a figure read from a scan keeps the recogniser's confidence in it (0…100; NULL when the
  // page had a text layer), for show and the exports
  { version: 6, sql: "ALTER TABLE facts ADD COLUMN ocr_confidence REAL;" },
  // v7: reports sent as pictures (JPEG, PNG …, read as one-page scans) keep the format "image"
  { version: 7, sql: "", run: (db) => widenCheck(db, "documents", FORMATS_V5, FORMATS_V7) },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function schemaVersion(db: Database.Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

export function checkVersion(db: Database.Database, file: string): number {
  const v = schemaVersion(db);
  if (v > LATEST_VERSION)
    throw new StoreError(
      `Cơ sở dữ liệu ${file} do phiên bản tonghop mới hơn tạo (schema ${v} > ${LATEST_VERSION}): hãy cập nhật tonghop (database is from a newer tonghop)`,
    );
  return v;
}

/** Brings the database to the latest schema. Two processes may race here: the write lock decides. */
export function migrate(db: Database.Database, file: string): void {
  if (checkVersion(db, file) === LATEST_VERSION) return;
  db.transaction(() => {
    const from = checkVersion(db, file);
    for (const m of MIGRATIONS) {
      if (m.version <= from) continue;
      if (m.sql) db.exec(m.sql);
      m.run?.(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
}
