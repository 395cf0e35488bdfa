// Storing a processed file: the document row, its normalised text (for search and
// re-extraction) and everything extracted from it, as one unit of work.

import type Database from "better-sqlite3";
import type { ExtractionDocument } from "../extract/types.js";
import type { NormalizedDocument } from "../ingest/types.js";
import { ExtractionRows } from "./extraction-rows.js";
import { storedText, type StoredText } from "./text.js";
import { setDefaultProvince } from "./corrections.js";
import type { Db } from "./open.js";

export interface StoreInput {
  extraction: ExtractionDocument;
  /** The normalised document, or its stored form already prepared (by a worker). */
  doc?: NormalizedDocument;
  text?: StoredText;
  /** Where the file was read from (absolute). */
  path: string;
  bytes: number | null;
  runId: number | null;
  /** Province code of `tonghop import --province`: for a document naming none, and between same-named units. */
  defaultProvince?: string | null;
}

type Statement = Database.Statement<unknown[]>;

export class DocumentStore {
  private readonly rows: ExtractionRows;
  private readonly insertDoc: Statement;
  private readonly insertText: Statement;
  private readonly hasSha: Statement;
  private readonly insertTx: (input: StoreInput) => number | null;
  private readonly indexSearch: Statement;
  /** Texts stored but not yet in the search index (see indexPending). */
  private pendingSearch: number[] = [];
  private readonly replaceTx: (id: number, extraction: ExtractionDocument) => void;

  constructor(private readonly db: Db) {
    this.rows = new ExtractionRows(db);
    // placeholder metadata; ExtractionRows.write fills it in the same transaction
    this.insertDoc = db.prepare(`INSERT INTO documents (sha256, path, name, format, bytes, pages, ocr, kind, unit_key, fact_count,
        run_id, imported_at, extracted_at, rules_version)
      VALUES (@sha256, @path, @name, @format, @bytes, @pages, @ocr, 'other', '', 0, @run_id, @now, @now, @rules_version)
      ON CONFLICT (sha256) DO NOTHING`);
    this.insertText = db.prepare(`INSERT INTO document_texts (document_id, text, text_folded, blocks_json, pages_json, warnings_json)
      VALUES (?, ?, ?, ?, ?, ?)`);
    this.hasSha = db.prepare("SELECT id FROM documents WHERE sha256 = ?").pluck();
    this.indexSearch = db.prepare(`INSERT INTO document_search (rowid, text, text_folded)
      SELECT document_id, text, text_folded FROM document_texts WHERE document_id IN (SELECT value FROM json_each(?))`);
    this.insertTx = db.transaction((input: StoreInput) => this.insertRows(input));
    this.replaceTx = db.transaction((id: number, x: ExtractionDocument) => this.rows.write(id, x.source.sha256, x));
  }

  /** id of the stored document with these bytes, if any. */
  find(sha256: string): number | undefined {
    return this.hasSha.get(sha256) as number | undefined;
  }

  /**
   * Stores one document in its own transaction (a savepoint when the caller batches several).
   * Returns its id, or null when a document with the same sha256 is already stored.
   */
  insert(input: StoreInput): number | null {
    const outer = this.db.inTransaction;
    const id = this.insertTx(input);
    if (id !== null) this.pendingSearch.push(id);
    // on its own, the document is indexed at once; inside a caller's transaction, at its commit
    if (!outer) this.indexPending();
    return id;
  }

  /**
   * Adds the texts stored since the last call to the search index, in one statement. The caller
   * that batches documents in one transaction calls this just before COMMIT (same transaction:
   * a crash loses both or neither); a document whose savepoint rolled back is simply not found.
   */
  indexPending(): void {
    if (!this.pendingSearch.length) return;
    const ids = this.pendingSearch;
    this.pendingSearch = [];
    this.indexSearch.run(JSON.stringify(ids));
  }

  private insertRows(input: StoreInput): number | null {
    {
      const x = input.extraction;
      const r = this.insertDoc.run({
        sha256: x.source.sha256,
        path: input.path,
        name: x.source.file,
        format: x.source.format,
        bytes: input.bytes,
        pages: x.source.pages,
        ocr: x.source.ocr ? 1 : 0,
        run_id: input.runId,
        now: new Date().toISOString(),
        rules_version: x.rules_version,
      });
      if (r.changes === 0) return null;
      const id = Number(r.lastInsertRowid);
      const t = input.text ?? storedText(input.doc!);
      this.insertText.run(id, t.text, t.text_folded, t.blocks_json, t.pages_json, t.warnings_json);
      if (input.defaultProvince) setDefaultProvince(this.db, id, input.defaultProvince, { refresh: false }); // placed by write below
      this.rows.write(id, x.source.sha256, x, false); // a new document has nothing to clear
      return id;
    }
  }

  /** Replaces what was extracted from a stored document (after the rules changed). */
  replace(id: number, extraction: ExtractionDocument): void {
    this.replaceTx(id, extraction);
  }
}
