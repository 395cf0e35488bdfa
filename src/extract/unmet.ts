// Targets the text says were not met: "chưa đạt chỉ tiêu", "không đạt kế hoạch", "chưa hoàn
// thành". The indicator is the one of the figure the flag follows, or the one the flag line
// names ("Xây dựng tối thiểu 01 mô hình điểm “Bình dân học AI”: Chưa đạt chỉ tiêu kế hoạch").

import { flaggedIndicator, mapFigure } from "./mapping.js";
import type { Match } from "./phrases.js";
import type { FactSink } from "./sink.js";
import type { Fact } from "./types.js";
import type { Token } from "./vnkey.js";

export function unmetFlags(sink: FactSink, tokens: readonly Token[]): Match[] {
  return sink.lex.unmet.findAll(tokens);
}

export function readUnmet(sink: FactSink, tokens: readonly Token[], quote: (at: number, end: number) => string, figures: readonly Fact[], flags: readonly Match[]): void {
  const seen = new Set<string | null>();
  for (const flag of flags) {
    const prior = figures.filter((f) => f.start < flag.s && f.indicator && f.kind !== "team").pop();
    let code = prior?.indicator ?? flaggedIndicator(sink.lex, tokens);
    if (!code) code = mapFigure(sink.lex, { tokens, start: flag.s, end: flag.s, kind: "percent" })?.code ?? null;
    if (seen.has(code)) continue;
    seen.add(code);
    sink.add({ kind: "unmet", basis: "explicit", indicator: code, quote: quote(flag.s, flag.e), start: flag.s, end: flag.e }, { source: "text", anchor: 0 });
  }
}
