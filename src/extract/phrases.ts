// Matching rule phrases against tokens. Phrases are word sequences (see rules/phrase.ts);
// a gap "…" skips up to GAP_WORDS words. Work is bounded by (tokens × variants × gap²),
// linear in the text: no rule can make matching hang.

import { expandPhrase, GAP, NUMBER } from "../rules/phrase.js";
import { foldWord, type Token } from "./vnkey.js";

export const GAP_WORDS = 6;

type Step = string | typeof GAP | typeof NUMBER;

export interface Match {
  /** Token indices [from, to). */
  from: number;
  to: number;
  /** Character span in the text. */
  s: number;
  e: number;
  phrase: string;
}

export class PhraseSet {
  private readonly byFirst = new Map<string, { steps: Step[]; phrase: string; words: number }[]>();
  readonly size: number;

  constructor(phrases: readonly string[]) {
    let n = 0;
    for (const phrase of phrases) {
      for (const v of expandPhrase(phrase)) {
        const steps: Step[] = v.split(" ").flatMap((w) => (w === GAP || w === NUMBER ? [w] : w.split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean).map(foldWord)));
        if (!steps.length || steps[0] === GAP) continue;
        const first = steps[0] as string;
        const list = this.byFirst.get(first) ?? [];
        list.push({ steps, phrase, words: steps.filter((w) => w !== GAP).length });
        this.byFirst.set(first, list);
        n++;
      }
    }
    this.size = n;
  }

  /** Keys of the words phrases start with. */
  firstWords(): Set<string> {
    return new Set(this.byFirst.keys());
  }

  /**
   * Longest match starting at token i (within [.., limit)): the most words matched, and of
   * matches with as many words the one ending first, so that "(đến) hết năm … (đạt|có)" ends at
   * the first of its last words, not at a later one the gap could reach.
   */
  matchAt(tokens: readonly Token[], i: number, limit = tokens.length): Match | null {
    const cands = this.byFirst.get(tokens[i]?.k ?? "");
    if (!cands) return null;
    let best: Match | null = null;
    let bestWords = 0;
    for (const c of cands) {
      const end = matchSteps(tokens, c.steps, 0, i, limit);
      if (end <= 0) continue;
      if (!best || c.words > bestWords || (c.words === bestWords && end < best.to)) {
        best = { from: i, to: end, s: tokens[i]!.s, e: tokens[end - 1]!.e, phrase: c.phrase };
        bestWords = c.words;
      }
    }
    return best;
  }

  /** All non-overlapping matches in tokens[from, to), leftmost-longest. */
  findAll(tokens: readonly Token[], from = 0, to = tokens.length): Match[] {
    const out: Match[] = [];
    for (let i = from; i < to; ) {
      const m = this.matchAt(tokens, i, to);
      if (m) {
        out.push(m);
        i = m.to;
      } else i++;
    }
    return out;
  }

  /** First match in tokens[from, to). */
  find(tokens: readonly Token[], from = 0, to = tokens.length): Match | null {
    for (let i = from; i < to; i++) {
      const m = this.matchAt(tokens, i, to);
      if (m) return m;
    }
    return null;
  }

  has(tokens: readonly Token[], from = 0, to = tokens.length): boolean {
    return this.find(tokens, from, to) !== null;
  }

  /** Longest match that ends exactly at token index `end` (exclusive), without gaps. */
  matchEndingAt(tokens: readonly Token[], end: number, earliest = 0): Match | null {
    let best: Match | null = null;
    for (let i = Math.max(earliest, end - 8); i < end; i++) {
      const m = this.matchAt(tokens, i, end);
      if (m && m.to === end && (!best || m.from < best.from)) best = m;
    }
    return best;
  }
}

/** Matches steps[k..] at token i; returns the end token index, or -1. */
function matchSteps(tokens: readonly Token[], steps: readonly Step[], k: number, i: number, limit: number): number {
  while (k < steps.length) {
    const step = steps[k]!;
    if (step === GAP) {
      for (let skip = 0; skip <= GAP_WORDS && i + skip < limit; skip++) {
        const end = matchSteps(tokens, steps, k + 1, i + skip, limit);
        if (end > 0) return end;
      }
      return -1;
    }
    if (i >= limit || (step === NUMBER ? !tokens[i]!.num : tokens[i]!.k !== step)) return -1;
    i++;
    k++;
  }
  return i;
}
