// The heading tree. A section is a block that opens with its own numbering (I., 1., 2.1.,
// 2.1.1., a)) and reads like a heading, or an appendix ("PHỤ LỤC …"). A numbered paragraph
// that reads like a sentence, or one of a run of numbered items with nothing between them
// (the list under "NỘI DUNG" or "PHƯƠNG HƯỚNG"), is a list item, not a section.

import type { Block, NormalizedDocument } from "../ingest/types.js";
import { collapse } from "../ingest/normalize.js";
import type { Lexicon } from "./lexicon.js";
import { linesOf } from "./metadata.js";
import { pageAt } from "./segments.js";
import type { Section } from "./types.js";
import { tokenize } from "./vnkey.js";

type Style = "upper" | "roman" | "dec1" | "dec2" | "dec3" | "dec4" | "alpha" | "appendix";

interface Candidate {
  block: number;
  style: Style;
  number: string | null;
  title: string;
  start: number;
  strong: boolean;
  sentenceLike: boolean;
  words: number;
}

// I. / II- (roman) · A. B. (capital letters) · 1. 2.1. 2.1.1 1/ · a) b. (small letters), after an
// optional word of rules/document.yaml section_words ("Phần I.", "Mục 2.")
const headCache = new WeakMap<Lexicon, { numbered: RegExp; quick: RegExp }>();
function headPatterns(lex: Lexicon): { numbered: RegExp; quick: RegExp } {
  let h = headCache.get(lex);
  if (h) return h;
  // the word as listed, capitalised or in capitals ("Phần I.", "PHẦN I."); the numeral's case still matters
  const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const words = lex.sectionWords.flatMap((w) => {
    const n = w.normalize("NFC");
    return [...new Set([n, n.charAt(0).toUpperCase() + n.slice(1), n.toUpperCase()])].map(escape);
  });
  const word = words.length ? `(?:(?:${words.join("|")})\\s+)?` : "";
  h = {
    // case matters after the word (roman numerals, capital and small letters): the word is matched as listed
    numbered: new RegExp(`^${word}${NUMBERED_REST}`, "su"),
    quick: new RegExp(`^\\s*${word}(?:[IVX]+|[A-ZĐ]|\\d{1,2}|[a-zđ])[\\s.)/-]`, "iu"),
  };
  headCache.set(lex, h);
  return h;
}
const NUMBERED_REST = String.raw`(?:([IVX]+)\s*[.)/-]|([A-HJ-UWYZĐ])[.)](?=\s)|(\d{1,2}(?:\.\d{1,2}){0,3})(?:[.)]|\/(?=\s))(?!\d)|(\d{1,2}(?:\.\d{1,2}){1,3})(?=\s\p{Lu})|([a-zđ])[.)](?=\s))\s*(.*)$`;

function styleOf(roman?: string, upper?: string, dec?: string, alpha?: string): Style {
  if (roman) return "roman";
  if (upper) return "upper";
  if (alpha) return "alpha";
  const depth = dec!.split(".").length;
  return (["dec1", "dec2", "dec3", "dec4"] as const)[Math.min(depth, 4) - 1]!;
}

function candidateOf(doc: NormalizedDocument, bi: number, b: Block, lex: Lexicon): Candidate | null {
  // Word's numbered lists carry headings too ("I.", "1.", "a."): only bullets are never sections
  if (b.kind === "table" || (b.kind === "list_item" && !/^(?:[IVX]+|[A-ZĐ]|\d+(?:\.\d+)*|[a-zđ])[.)]$/u.test(b.marker ?? ""))) return null;
  const raw = doc.text.slice(b.start, b.end);
  const firstLine = raw.split("\n", 1)[0]!.trim();
  const strong = b.kind === "heading" || !!b.bold;
  // appendix headings: "PHỤ LỤC …" in capitals, title over its capital lines
  if (firstLine === firstLine.toUpperCase() && firstLine.length < 200 && lex.appendix.matchAt(tokenize(firstLine, lex.abbr), 0)) {
    const lines = linesOf(doc.text, b.start, b.end).filter((l) => l.text === l.text.toUpperCase() && !l.text.startsWith("("));
    return { block: bi, style: "appendix", number: null, title: collapse(lines.map((l) => l.text).join(" ")), start: b.start, strong: true, sentenceLike: false, words: 0 };
  }
  // quick refusal before collapsing the whole block: headings open with a number, a letter or a roman numeral
  const head = headPatterns(lex);
  if (!head.quick.test(raw.slice(0, 24))) return null;
  const text = collapse(raw.length > 600 ? raw.slice(0, 600) : raw);
  const m = head.numbered.exec(text);
  if (!m) return null;
  const [, roman, upper, decDot, decBare, alpha, rest] = m;
  const dec = decDot ?? decBare;
  const title = rest!.trim();
  if (!title || !/^[\p{L}“"(]/u.test(title)) return null;
  // "1. 100% cán bộ …", "a) Phấn đấu 90% …" start with a figure or a goal: list items
  const words = title.split(/\s+/).length;
  const sentences = title.split(/[.!?]\s+(?=\p{Lu})/u).length;
  const endsLikeSentence = /[.;!?]$|\/\.$/.test(title) && !/\b(v\.v|tp)\.$/iu.test(title);
  // a figure ("đạt 85%.", "13 tổ.") makes a line a statement, not a heading
  const figure = /\d\s?%|\d[\d.,]*\s+\p{L}+[^\d]*[.;]$/u.test(title);
  const sentenceLike = sentences > 1 || /^\S*\d/.test(title) || (endsLikeSentence && (words > 12 || figure)) || words > (dec?.includes(".") ? 45 : 32);
  const titleTokens = tokenize(title, lex.abbr);
  if (lex.notSections.matchAt(titleTokens, 0) && !roman && !dec) return null;
  // a capital letter opens a section only in a capitals title ("A. KẾT QUẢ …"), never an initial ("A. Nguyễn")
  if (upper && title !== title.toUpperCase()) return null;
  return {
    block: bi,
    style: styleOf(roman, upper, dec, alpha),
    number: roman ?? upper ?? dec ?? alpha ?? null,
    title: title.replace(/[.:;]+$/, "").replace(/\s*\/\.$/, "").trim(),
    start: b.start,
    strong,
    sentenceLike,
    words,
  };
}

export function readSections(doc: NormalizedDocument, lex: Lexicon, fromBlock = 0): Section[] {
  const cands: (Candidate | null)[] = doc.blocks.map((b, i) => (i < fromBlock ? null : candidateOf(doc, i, b, lex)));
  const isHeading = cands.map((c) => c !== null);
  // runs: consecutive numbered blocks of one style with nothing in between
  for (let i = 0; i < cands.length; ) {
    const c = cands[i];
    if (!c || c.style === "appendix") {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < cands.length && cands[j] && cands[j]!.style === c.style) j++;
    const run = cands.slice(i, j) as Candidate[];
    const runIsList = run.length >= 2 && run.filter((x) => x.sentenceLike || x.words > 20).length * 2 >= run.length;
    for (let k = i; k < j; k++) {
      const x = cands[k]!;
      if (runIsList && !(x.strong && !x.sentenceLike)) isHeading[k] = false;
      else if (x.sentenceLike && !(x.strong && x.words <= 45)) isHeading[k] = false;
    }
    i = j;
  }
  // build the tree: a style seen higher up closes everything below it
  const sections: Section[] = [];
  const stack: { style: Style; section: Section }[] = [];
  cands.forEach((c, i) => {
    if (!c || !isHeading[i]) return;
    if (c.style === "appendix") stack.length = 0;
    else {
      const at = stack.findIndex((s) => s.style === c.style);
      if (at >= 0) stack.length = at;
      // a list-parent heading ("NỘI DUNG", "PHƯƠNG HƯỚNG") keeps sentence-like children out
      const parent = stack[stack.length - 1]?.section;
      if (parent && c.sentenceLike && lex.listParents.has(tokenize(parent.title, lex.abbr))) return;
    }
    const parent = stack[stack.length - 1]?.section ?? null;
    const s: Section = {
      id: `s${sections.length + 1}`,
      parent: parent?.id ?? null,
      number: c.number,
      title: c.title,
      level: stack.length + 1,
      start: c.start,
      end: doc.text.length,
      page: pageAt(doc, c.start, doc.blocks[c.block]),
    };
    sections.push(s);
    stack.push({ style: c.style, section: s });
  });
  // a section ends where the next section of the same or a higher level starts
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    const next = sections.slice(i + 1).find((n) => n.level <= s.level);
    if (next) s.end = next.start;
  }
  return sections;
}

/** The innermost section holding offset `at`. */
export function sectionAt(sections: readonly Section[], at: number): Section | null {
  let best: Section | null = null;
  for (const s of sections) if (at >= s.start && at < s.end && (!best || s.level > best.level)) best = s;
  return best;
}

/** The sections holding offset `at`, innermost first. */
export function sectionChain(sections: readonly Section[], at: number): Section[] {
  const out: Section[] = [];
  let s = sectionAt(sections, at);
  while (s) {
    out.push(s);
    const parent = s.parent;
    s = parent ? sections.find((x) => x.id === parent) ?? null : null;
  }
  return out;
}
