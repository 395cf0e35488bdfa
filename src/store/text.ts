// The normalised document as stored: text, folded text (for search) and blocks as JSON. Made in
// the import's worker threads, so the one writer only copies strings into the database.

import type { NormalizedDocument } from "../ingest/types.js";
import { foldText } from "./fold.js";

export interface StoredText {
  text: string;
  text_folded: string;
  blocks_json: string;
  pages_json: string | null;
  warnings_json: string;
}

export function storedText(doc: NormalizedDocument): StoredText {
  return {
    text: doc.text,
    text_folded: foldText(doc.text),
    blocks_json: JSON.stringify(doc.blocks),
    pages_json: doc.pages ? JSON.stringify(doc.pages) : null,
    warnings_json: JSON.stringify(doc.warnings ?? []),
  };
}
