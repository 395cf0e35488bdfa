// The document's words, tokenised once; every stage takes slices by character offsets.

import { tokenize, type Abbreviations, type Token } from "./vnkey.js";

export class DocTokens {
  readonly all: Token[];

  constructor(text: string, abbr: Abbreviations) {
    this.all = tokenize(text, abbr);
  }

  /** Index of the first token starting at or after `offset`. */
  indexAt(offset: number): number {
    let lo = 0;
    let hi = this.all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.all[mid]!.s < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Tokens lying inside [start, end). */
  slice(start: number, end: number): Token[] {
    const from = this.indexAt(start);
    let to = from;
    while (to < this.all.length && this.all[to]!.e <= end) to++;
    return this.all.slice(from, to);
  }

  /** Whether any token inside [start, end) satisfies `pred` (no copy). */
  some(start: number, end: number, pred: (t: Token) => boolean): boolean {
    for (let i = this.indexAt(start); i < this.all.length && this.all[i]!.e <= end; i++) if (pred(this.all[i]!)) return true;
    return false;
  }
}
