// Quote units: the sentences of paragraphs and list items (already joined across page breaks
// by the readers), each split into clauses at ";". Facts are read clause by clause and quoted
// sentence by sentence.

import { NUMBERED_LEAD } from "../ingest/markers.js";
import type { Block, NormalizedDocument } from "../ingest/types.js";
import { collapse } from "../ingest/normalize.js";

export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  block: number;
  page: number | null;
  clauses: Span[];
}

/** Short forms written with a dot that does not end a sentence (rules/language.yaml dotted_abbreviations), compiled by the lexicon. */
export interface DottedAbbreviations {
  /** Matches the text before and up to a "." when it ends one of the short forms (case aside). */
  re: RegExp;
  /** How many characters before the "." the test needs (longest form + the space before it). */
  window: number;
}

export function dottedAbbreviations(words: readonly string[]): DottedAbbreviations {
  const forms = words.map((w) => w.normalize("NFC")).sort((a, b) => b.length - a.length);
  const alt = forms.map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|");
  return { re: new RegExp(`(?:^|[\\s(])(?:${alt || "(?!)"})\\.$`, "iu"), window: (forms[0]?.length ?? 0) + 1 };
}

/** Splits a block's text into sentence spans (absolute offsets). */
export function splitSentences(text: string, b: Span, abbr: DottedAbbreviations): Span[] {
  const out: Span[] = [];
  let start = b.start;
  // a numbered heading marker ("1.", "2.1.", "a)") at the start is not a sentence end
  const lead = NUMBERED_LEAD.exec(text.slice(b.start, Math.min(b.end, b.start + 20)));
  let i = lead ? b.start + lead[0].length : b.start;
  for (; i < b.end; i++) {
    const c = text[i]!;
    if (c !== "." && c !== "!" && c !== "?" && c !== "…") continue;
    // sentence end: punctuation, optional closing quotes/brackets, white space, then a capital, digit, quote or list mark
    const rest = text.slice(i + 1, Math.min(b.end, i + 8));
    const m = /^(?:[.”"’)\]]*|\/\.)\s+(?=[\p{Lu}\d“"(\-+•])/u.exec(rest);
    if (!m) continue;
    if (c === "." && abbr.re.test(text.slice(Math.max(b.start, i - abbr.window), i + 1))) continue;
    // "1.000" / "2.1." numbering inside a sentence: a digit right before a dot followed by a digit is not an end
    const endAt = i + 1 + m[0].trimEnd().length;
    out.push({ start: start, end: endAt });
    start = i + 1 + m[0].length;
    i = start - 1;
  }
  if (start < b.end) out.push({ start, end: b.end });
  return out.map((s) => trimSpan(text, s)).filter((s) => s.end > s.start);
}

/** Clause spans of a sentence: split at ";" (not inside parentheses). */
export function splitClauses(text: string, s: Span): Span[] {
  const out: Span[] = [];
  let depth = 0;
  let start = s.start;
  for (let i = s.start; i < s.end; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (c === ";" && depth === 0) {
      out.push({ start, end: i });
      start = i + 1;
    }
  }
  out.push({ start, end: s.end });
  return out.map((x) => trimSpan(text, x)).filter((x) => x.end > x.start);
}

export function trimSpan(text: string, s: Span): Span {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** Sentences of the non-table blocks `keep` accepts, with their clauses. */
export function sentencesOf(doc: NormalizedDocument, abbr: DottedAbbreviations, keep: (b: Block, index: number) => boolean = () => true): Sentence[] {
  const out: Sentence[] = [];
  doc.blocks.forEach((b: Block, bi) => {
    if (b.kind === "table" || !keep(b, bi)) return;
    for (const s of splitSentences(doc.text, b, abbr)) {
      out.push({ ...s, block: bi, page: pageAt(doc, s.start, b), clauses: splitClauses(doc.text, s) });
    }
  });
  return out;
}

export function pageAt(doc: NormalizedDocument, offset: number, b?: Block): number | null {
  if (!doc.pages) return b?.page ?? null;
  for (const p of doc.pages) if (offset >= p.start && offset < p.end) return p.number;
  return b?.page ?? doc.pages[doc.pages.length - 1]?.number ?? null;
}

export const MAX_QUOTE = 600;

/**
 * The quote for a span: its text with white space collapsed. A span longer than MAX_QUOTE (a
 * line with no full stop) is quoted around the figure [at, end), so output stays linear in input.
 */
export function quoteOf(text: string, s: Span, at = s.start, end = at): string {
  if (s.end - s.start <= MAX_QUOTE) return collapse(text.slice(s.start, s.end));
  const half = MAX_QUOTE / 2;
  let from = Math.max(s.start, at - half);
  let to = Math.min(s.end, end + half);
  // cut at word boundaries, never inside the figure
  while (from > s.start && from < at && !/\s/.test(text[from - 1]!)) from++;
  while (to < s.end && to > end && !/\s/.test(text[to]!)) to--;
  return (from > s.start ? "… " : "") + collapse(text.slice(from, to)) + (to < s.end ? " …" : "");
}
