// Where facts are collected while a document is read: ids in reading order, each fact's
// section and page, and what the summary needs to know about how a fact was found.

import type { NormalizedDocument } from "../ingest/types.js";
import type { Lexicon } from "./lexicon.js";
import { pageAt } from "./segments.js";
import { sectionAt } from "./sections.js";
import type { Fact, Kind, Section } from "./types.js";

export interface FactInfo {
  /** Read from a table row (appendix) or from running text. */
  source: "table" | "text";
  /** Subject anchor (see mapping.ts); lower is more specific. */
  anchor: number;
  /** A goal for a later period (under "PHƯƠNG HƯỚNG …", or naming a later year): not what this report is checked on. */
  future?: boolean;
}

type Draft = Fact extends infer F ? (F extends Fact ? Omit<F, "id" | "section" | "page"> : never) : never;

export class FactSink {
  readonly facts: Fact[] = [];
  readonly info = new Map<string, FactInfo>();
  /** Told of every fact as it is added (`tonghop rules explain`). */
  onAdd?: (fact: Fact, info: FactInfo) => void;

  constructor(
    readonly doc: NormalizedDocument,
    readonly lex: Lexicon,
    readonly kind: Kind,
    readonly sections: readonly Section[],
    /** Last year of the document's period, if known. */
    readonly periodEndYear: number | null = null,
  ) {}

  get text(): string {
    return this.doc.text;
  }

  add(draft: Draft, info: FactInfo): Fact {
    const id = `f${this.facts.length + 1}`;
    const fact = {
      id,
      ...draft,
      section: sectionAt(this.sections, draft.start)?.id ?? null,
      page: pageAt(this.doc, draft.start),
    } as Fact;
    this.facts.push(fact);
    this.info.set(id, info);
    this.onAdd?.(fact, info);
    return fact;
  }
}
