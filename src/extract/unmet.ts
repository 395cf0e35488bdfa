// Targets the text says were not met: "chưa đạt chỉ tiêu", "không đạt kế hoạch", "chưa hoàn
// thành". The indicator is the one of the figure the flag follows, or the one the flag line
// names ("Xây dựng tối thiểu 01 mô hình điểm “Bình dân học AI”: Chưa đạt chỉ tiêu kế hoạch").

import { flaggedIndicator, mapFigure } from "./mapping.js";
import type { Match } from "./phrases.js";
import type { Candidate } from "./candidates.js";
import { drafted, TEXT, type Drafted, type FactDraft, type ReadContext } from "./facts.js";
import type { Lexicon } from "./lexicon.js";
import type { Token } from "./vnkey.js";

/** End (exclusive token index) of a bare "chưa đạt" / "không đạt" / "chưa hoàn thành" (rules: words.bare_unmet) at token i, or -1. */
export function bareUnmetAt(lex: Lexicon, tokens: readonly Token[], i: number): number {
  return lex.words.bareUnmet.matchAt(tokens, i)?.to ?? -1;
}

export function unmetFlags(ctx: ReadContext, tokens: readonly Token[]): Match[] {
  const found = ctx.lex.unmet.findAll(tokens);
  // an evaluation closing a clause: "…: 95% (chỉ tiêu: 100%) – Chưa đạt."
  for (let i = 0; i + 1 < tokens.length; i++) {
    const bare = ctx.lex.words.bareUnmet.matchAt(tokens, i);
    if (!bare || found.some((m) => m.from <= i && i < m.to)) continue;
    const to = bare.to;
    const next = tokens[to];
    const rest = ctx.text.slice(tokens[to - 1]!.e, next ? next.s : tokens[to - 1]!.e + 3);
    if (!next || /[;.!()]/.test(rest)) found.push({ from: i, to, s: tokens[i]!.s, e: tokens[to - 1]!.e, phrase: bare.phrase });
  }
  return found;
}

/**
 * Resolution, last step: the shortfalls a sentence states. A flag after a figure is that figure's
 * indicator's shortfall, recorded on the figure's candidate ("shortfall").
 */
export function readUnmet(ctx: ReadContext, tokens: readonly Token[], quote: (at: number, end: number) => string, figures: readonly FactDraft[], flags: readonly Match[], candidates: readonly Candidate[] = []): Drafted[] {
  const out: Drafted[] = [];
  const seen = new Set<string | null>();
  for (const [i, flag] of flags.entries()) {
    const prior = figures.filter((f) => f.start < flag.s && f.indicator && f.kind !== "team").pop();
    let code = prior?.indicator ?? flaggedIndicator(ctx.lex, tokens);
    if (!code) code = mapFigure(ctx.lex, { tokens, start: flag.s, end: flag.s, kind: "percent" })?.code ?? null;
    // one flag per indicator; flags that name no indicator count once per clause ("…; 02 mục tiêu chưa hoàn thành; không thực hiện 01 mục tiêu")
    const prev = flags[i - 1];
    const sameClause = prev && !/;/.test(ctx.text.slice(prev.e, flag.s));
    if (code ? seen.has(code) : sameClause) continue;
    seen.add(code);
    const c = prior && candidates.find((x) => x.n.start === prior.start);
    c?.decisions.push({ step: "shortfall", value: code ?? "", rule: "flag_after_figure", phrase: flag.phrase });
    out.push(drafted({ kind: "unmet", basis: "explicit", indicator: code, quote: quote(flag.s, flag.e), start: flag.s, end: flag.e }, TEXT));
  }
  return out;
}
