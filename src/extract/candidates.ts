// The first stage: candidates. Every number mention of a sentence, as plain data: the mention
// (numbers.ts), its clause and that clause's tokens, where its words start and end, the
// qualifier written before it and the counted noun after it. Resolution (teams.ts, then
// figures.ts) decides what each one is and records every decision on it with the rule that made
// it, so `tonghop rules explain` can show why a figure became a fact or did not.

import type { ReadContext } from "./facts.js";
import type { NumberMention } from "./numbers.js";
import { findNumbers } from "./numbers.js";
import type { Match } from "./phrases.js";
import type { Sentence } from "./segments.js";
import { BULLETS_ONLY } from "../ingest/markers.js";
import type { Qualifier } from "./types.js";
import { hasDigits, type Token } from "./vnkey.js";

/** One decision of resolution about a candidate. */
export interface Decision {
  /**
   * team: read as a team or member figure (teams.ts) · skip: not a figure, and why · role: goal
   * or result (role.ts rule names) · indicator: which indicator (mapping.ts subject anchor) ·
   * fact: the kind of fact it became · shortfall: a flag after it says its target was not met.
   */
  step: "team" | "skip" | "role" | "indicator" | "fact" | "shortfall";
  /** What was decided: "target"/"actual", an indicator code, a fact kind, or the skipped reason's value. */
  value: string;
  /** The rule that decided. */
  rule: string;
  /** The phrase that decided, when one did. */
  phrase?: string;
}

export interface Candidate {
  n: NumberMention;
  /** Index of its clause in the sentence, and the clause's tokens (shared by its candidates). */
  clause: number;
  tokens: readonly Token[];
  /** Index in `tokens` of the figure's first token, and of the first token after it. */
  before: number;
  after: number;
  /** Qualifier from the words before it ("khoảng", "trên", "≥") … */
  qualifier: Qualifier;
  /** … and the token where the figure's words start (the qualifier included). */
  from: number;
  qualifierPhrase: string | null;
  /** The counted noun right after it ("110 người"), when the rules list one. */
  unit: Match | null;
  /** The number of a heading or list item ("2.1. …", "a) …"): never a figure. */
  itemNumber: boolean;
  /** Taken by the team reader (a team or member count, or part of a member range). */
  team: boolean;
  /** Resolution's decisions, in the order they were made. */
  decisions: Decision[];
}

export function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  const i = tokens.findIndex((t) => t.s >= offset);
  return i < 0 ? tokens.length : i;
}

/** Qualifier from the words right before a figure ("khoảng trên 80%" → over). */
export function qualifierBefore(lex: ReadContext["lex"], tokens: readonly Token[], before: number, sign: NumberMention["sign"]): { q: Qualifier; m: Match | null } {
  if (sign) return { q: sign, m: null };
  let best: { q: Qualifier; m: Match } | null = null;
  for (const [q, set] of [["about", lex.about], ["over", lex.over], ["under", lex.under]] as const) {
    const m = set.matchEndingAt(tokens, before);
    if (m && (!best || m.from < best.m.from)) best = { q, m };
  }
  return best ?? { q: "exact", m: null };
}

/** The counted noun right after a figure ("110 người", "11 nhà văn hóa"), or null. */
export function countedNoun(lex: ReadContext["lex"], tokens: readonly Token[], after: number): Match | null {
  if (after >= tokens.length) return null;
  if (lex.notCounts.matchAt(tokens, after)) return null;
  return lex.countUnits.matchAt(tokens, after);
}

/** "5. Bài học kinh nghiệm", "2.1. …", "a) …": the number of a heading or list item is not a figure. */
function isItemNumber(text: string, sent: Sentence, n: NumberMention): boolean {
  return BULLETS_ONLY.test(text.slice(sent.start, n.start)) && /^[.)]\s/.test(text.slice(n.end, n.end + 2));
}

/** The candidates of a sentence, clause by clause, in reading order. `tokens` are the sentence's. */
export function candidatesOf(ctx: ReadContext, sent: Sentence, tokens: readonly Token[]): Candidate[] {
  const out: Candidate[] = [];
  const { text, lex } = ctx;
  sent.clauses.forEach((clause, ci) => {
    const ct = sent.clauses.length === 1 ? tokens : tokens.filter((t) => t.s >= clause.start && t.e <= clause.end);
    if (!ct.some((t) => hasDigits(t) || lex.numbers.fractionFirst.has(t.k))) return;
    for (const n of findNumbers(text, lex.numbers, clause.start, clause.end)) {
      const before = tokenIndexAt(ct, n.start);
      const after = tokenIndexAt(ct, n.end);
      const { q, m } = qualifierBefore(lex, ct, before, n.sign);
      out.push({
        n,
        clause: ci,
        tokens: ct,
        before,
        after,
        qualifier: q,
        from: m ? Math.min(before, m.from) : before,
        qualifierPhrase: m?.phrase ?? null,
        unit: n.kind === "number" ? countedNoun(lex, ct, after) : null,
        itemNumber: isItemNumber(text, sent, n),
        team: false,
        decisions: [],
      });
    }
  });
  return out;
}
