// The last stage: facts. Resolution (figures.ts, teams.ts, unmet.ts, tables.ts) returns drafts
// as plain data, each with the named scores it was found with; this stage gives them ids in
// reading order, their section and page. Nothing here is shared or mutated while a document is
// read: every stage gets what the one before it returned.

import type { NormalizedDocument } from "../ingest/types.js";
import type { Lexicon } from "./lexicon.js";
import { pageAt } from "./segments.js";
import { sectionAt } from "./sections.js";
import type { Fact, Kind, Section } from "./types.js";

/** What every resolution step reads: the document, its rules and what the metadata said. Read-only. */
export interface ReadContext {
  readonly doc: NormalizedDocument;
  readonly text: string;
  readonly lex: Lexicon;
  readonly kind: Kind;
  /** Last year of the document's period, if known. */
  readonly periodEndYear: number | null;
}

/**
 * How a fact was found: the named scores the summary ranks facts of one indicator by
 * (`rankOf`), and what `tonghop rules explain` shows.
 */
export interface FactScore {
  /** Read from an appendix table row, or from running text. */
  source: "table" | "text";
  /**
   * How its indicator was found (mapping.ts anchors; lower is more specific): 0 the subject right
   * after the figure, 1 after "tỷ lệ"/"số" or an appendix item code, 2 the subject opening the
   * clause, 3 a phrase of the indicator's own (about), 4 restating the goal or result beside it,
   * 9 no indicator.
   */
  subject: number;
  /** A goal for a later period (under "PHƯƠNG HƯỚNG …", or naming a later year): not what this report is checked on. */
  future: boolean;
}

/**
 * The ranking between facts of one indicator, compared field by field, the first difference
 * deciding (higher wins): an appendix table row beats running text; then a ratio (it states
 * both counts) beats a bare percentage or count; then the more specific subject (5 − the
 * FactScore subject, floored at 0).
 */
export interface Rank {
  table: number;
  ratio: number;
  subject: number;
}

export function rankOf(f: Fact, s: FactScore | undefined): Rank {
  return { table: s?.source === "table" ? 1 : 0, ratio: f.kind === "ratio" ? 1 : 0, subject: s ? 5 - Math.min(s.subject, 5) : 0 };
}

/** Negative when `a` ranks higher (for sort: best first). */
export function compareRank(a: Rank, b: Rank): number {
  return b.table - a.table || b.ratio - a.ratio || b.subject - a.subject;
}

export type FactDraft = Fact extends infer F ? (F extends Fact ? Omit<F, "id" | "section" | "page"> : never) : never;

/** A fact as resolution returns it: no id, section or page yet. */
export interface Drafted {
  fact: FactDraft;
  score: FactScore;
}

export function drafted(fact: FactDraft, score: FactScore): Drafted {
  return { fact, score };
}

export const TEXT: FactScore = { source: "text", subject: 0, future: false };

/** The facts of a document, in reading order, with their scores; `add` appends one (the summary's computed shortfalls). */
export class Facts {
  readonly list: Fact[] = [];
  readonly scores = new Map<string, FactScore>();

  constructor(
    private readonly doc: NormalizedDocument,
    private readonly sections: readonly Section[],
    /** Told of every fact as it is made (`tonghop rules explain`). */
    private readonly onFact?: (fact: Fact, score: FactScore) => void,
  ) {}

  add({ fact: draft, score }: Drafted): Fact {
    const id = `f${this.list.length + 1}`;
    const fact = { id, ...draft, section: sectionAt(this.sections, draft.start)?.id ?? null, page: pageAt(this.doc, draft.start) } as Fact;
    this.list.push(fact);
    this.scores.set(id, score);
    this.onFact?.(fact, score);
    return fact;
  }
}
