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
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
}
