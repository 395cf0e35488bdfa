// Schema v5: documents read from .doc, .odt, .rtf and .xlsx keep their format; v7: pictures ("image").
// A database made before (schema 2, format limited to text/markdown/docx/pdf) is widened in place,
// its rows kept.
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openStore, type Db } from "../src/store/index.js";
import { LATEST_VERSION, MIGRATIONS } from "../src/store/migrations.js";
import { tempDir } from "./store-helpers.js";

const open: (Db | Database.Database)[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

const insertDoc = (db: Db | Database.Database, sha: string, format: string) =>
  db
    .prepare(
      `INSERT INTO documents (sha256, path, name, format, kind, unit_key, fact_count, imported_at, extracted_at, rules_version)
       VALUES (?, '/x', 'x', ?, 'report', 'k', 0, 'now', 'now', 'r')`,
    )
    .run(sha, format);

describe("documents.format from schema 3", () => {
  it("a schema-2 database is widened in place: old rows kept, .doc/.odt/.rtf/.xlsx and pictures accepted, anything else still refused", () => {
    const file = join(tempDir(), "v2.db");
    const old = new Database(file);
    for (const m of MIGRATIONS.filter((x) => x.version <= 2)) {
      old.exec(m.sql);
      old.pragma(`user_version = ${m.version}`);
    }
    insertDoc(old, "a", "docx");
    expect(() => insertDoc(old, "b", "doc")).toThrow(/CHECK/);
    old.close();

    const db = openStore(file);
    open.push(db);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(3);
    for (const [sha, f] of [["b", "doc"], ["c", "odt"], ["d", "rtf"], ["e", "xlsx"], ["g", "image"]]) insertDoc(db, sha!, f!);
    expect(() => insertDoc(db, "f", "pptx")).toThrow(/CHECK/);
    expect(db.prepare("SELECT format FROM documents ORDER BY sha256").pluck().all()).toEqual(["docx", "doc", "odt", "rtf", "xlsx", "image"]);
    expect(db.pragma("integrity_check")).toEqual([{ integrity_check: "ok" }]);
    // the rewrite is the stored schema itself, seen by every new connection
    const other = new Database(file, { readonly: true });
    open.push(other);
    expect(other.prepare("SELECT sql FROM sqlite_schema WHERE name = 'documents'").pluck().get()).toMatch(/'doc', 'odt', 'rtf', 'xlsx', 'image'/);
  });
});
