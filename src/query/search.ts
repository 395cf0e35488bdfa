// Full-text search over the stored documents, insensitive to tone marks and đ ("ty le" finds
// "tỷ lệ"): FTS5 over the folded text finds the documents; the snippets are cut from the
// original text at the same offsets (folding keeps one character per character of NFC text).

import { StoreError, foldText, type Db } from "../store/index.js";

export interface Snippet {
  text: string;
  /** [start, end) of each match within `text`. */
  marks: [number, number][];
  /** Offset of `text` in the document's text (links to the place in the document). */
  start: number;
}

export interface SearchHit {
  id: number;
  name: string;
  kind: string;
  province: string | null;
  unit: string | null;
  period_end: string | null;
  matches: number;
  snippets: Snippet[];
}

export interface SearchResult {
  query: string;
  total: number;
  hits: SearchHit[];
}

const MAX_TERMS = 16;
const CONTEXT = 70;

/** The words of a query, folded: what FTS5 and the highlighter look for. */
export function searchTerms(q: string): string[] {
  return foldText(q.normalize("NFC"))
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_TERMS);
}

export function search(db: Db, q: string, opts: { limit?: number; offset?: number } = {}): SearchResult {
  const terms = searchTerms(q);
  if (!terms.length) return { query: q, total: 0, hits: [] };
  // one phrase: the words in this order; only letters and digits reach FTS5
  const match = `text_folded : "${terms.join(" ")}"`;
  let total: number;
  let rows: Omit<SearchHit, "matches" | "snippets">[];
  try {
    total = db.prepare("SELECT count(*) FROM document_search WHERE document_search MATCH ?").pluck().get(match) as number;
    rows = db
      .prepare(
        `SELECT d.id, d.name, d.kind, d.province, d.unit, d.period_end
         FROM (SELECT rowid, rank FROM document_search WHERE document_search MATCH ? ORDER BY rank LIMIT ? OFFSET ?) s
         JOIN v_documents d ON d.id = s.rowid ORDER BY s.rank`,
      )
      .all(match, opts.limit ?? 50, opts.offset ?? 0) as typeof rows;
  } catch (e) {
    throw new StoreError(`Không tìm được "${q}" (search failed): ${(e as Error).message}`);
  }
  const texts = db.prepare("SELECT text, text_folded FROM document_texts WHERE document_id = ?");
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${terms.join("[^\\p{L}\\p{N}]+")}(?![\\p{L}\\p{N}])`, "gu");
  const hits = rows.map((r) => {
    const t = texts.get(r.id) as { text: string; text_folded: string };
    const found = highlights(t.text, t.text_folded, re);
    return { ...r, ...found };
  });
  return { query: q, total, hits };
}

function highlights(text: string, folded: string, re: RegExp): { matches: number; snippets: Snippet[] } {
  // folding keeps NFC text's length; if a rare character changed it, fold again by character
  const f = folded.length === text.length ? folded : [...text].map((c) => (foldText(c).length === c.length ? foldText(c) : c)).join("");
  const spans: [number, number][] = [];
  re.lastIndex = 0;
  for (let m = re.exec(f); m; m = re.exec(f)) spans.push([m.index, m.index + m[0].length]);
  const snippets: Snippet[] = [];
  for (const [s, e] of spans) {
    const last = snippets[snippets.length - 1];
    if (last && s < last.start + last.text.length) {
      // overlaps the previous snippet: extend it
      const end = Math.min(text.length, e + CONTEXT);
      last.text = text.slice(last.start, Math.max(end, last.start + last.text.length));
      last.marks.push([s - last.start, e - last.start]);
      continue;
    }
    if (snippets.length >= 3) break;
    const from = Math.max(0, s - CONTEXT);
    const to = Math.min(text.length, e + CONTEXT);
    snippets.push({ text: text.slice(from, to), marks: [[s - from, e - from]], start: from });
  }
  return { matches: spans.length, snippets };
}
