// A stored document's normalised text with its page spans (PDF), for showing every fact where
// it was read: facts, sections and issues carry offsets into this text.

import { StoreError, type Db } from "../store/index.js";

export interface PageSpan {
  number: number;
  start: number;
  end: number;
}

export interface DocumentText {
  text: string;
  pages: PageSpan[] | null;
}

export function documentText(db: Db, id: number): DocumentText {
  const r = db.prepare("SELECT text, pages_json FROM document_texts WHERE document_id = ?").get(id) as { text: string; pages_json: string | null } | undefined;
  if (!r) throw new StoreError(`Không có văn bản mã ${id} (document not found)`);
  return { text: r.text, pages: r.pages_json ? (JSON.parse(r.pages_json) as PageSpan[]) : null };
}
