// Which catalogue indicator a figure measures. The subject of a figure starts right after it
// ("60% người dân …"), after "tỷ lệ"/"số" ("Tỷ lệ học sinh … đạt 100%"), or at the start of its
// clause ("đối tượng … được chi trả qua tài khoản, đạt tỷ lệ 100%"). An indicator matches when
// its subject starts there and its other phrases stand in the clause; the highest priority wins.

import diceCoefficient from "natural/lib/natural/distance/dice_coefficient.js";
import type { CompiledIndicator, Lexicon } from "./lexicon.js";
import { foldPhrase, foldWord, type Token } from "./vnkey.js";

export type FigureKind = "percent" | "ratio" | "count";

export interface FigureContext {
  /** Tokens of the clause holding the figure. */
  tokens: readonly Token[];
  /** Character span of the figure. */
  start: number;
  end: number;
  kind: FigureKind;
  /** Tokens of the counted noun (counts only). */
  unit?: readonly Token[];
  /** Tokens of the enclosing section title, for `context` phrases. */
  section?: readonly Token[];
}

export interface Mapped {
  code: string;
  /** How the subject was found: 0 right after the figure, 1 after tỷ lệ/số, 2 clause start, 3 no subject. */
  anchor: number;
}

function skipFillers(lex: Lexicon, tokens: readonly Token[], i: number, limit: number): number {
  let j = i;
  while (j < limit && j - i < 3 && lex.words.fillers.has(tokens[j]!.k) && !tokens[j]!.num) j++;
  return j;
}

function unitFits(ind: CompiledIndicator, kind: FigureKind): boolean {
  const u = ind.rule.unit;
  if (kind === "count") return u === "count" || u === "count_or_percent";
  return u === "percent" || u === "count_or_percent";
}

function satisfied(ind: CompiledIndicator, ctx: FigureContext): boolean {
  const t = ctx.tokens;
  if (ind.not?.has(t)) return false;
  for (const group of ind.about) if (!group.has(t)) return false;
  if (ind.context && !ind.context.has(t) && !(ctx.section && ind.context.has(ctx.section))) return false;
  if (ctx.kind === "count" && ind.countUnits && ctx.unit?.length && !ind.countUnits.matchAt(ctx.unit, 0)) return false;
  return true;
}

/** Anchor token indices for the figure's subject, best first. */
function anchors(lex: Lexicon, ctx: FigureContext): number[] {
  const w = lex.words;
  const t = ctx.tokens;
  const n = t.length;
  const out: number[] = [];
  let after = t.findIndex((x) => x.s >= ctx.end);
  if (after < 0) after = n;
  let before = t.findIndex((x) => x.s >= ctx.start);
  if (before < 0) before = n;
  if (after < n) out.push(skipFillers(lex, t, after, n));
  // "tỷ lệ X … N%", "Số X …: N", "tổng số X là N"
  for (let i = before - 1; i >= 0; i--) {
    const k = t[i]!.k;
    const isTyLe = w.rate.matchEndingAt(t, i + 1, Math.max(0, i - 3)) !== null;
    // "Số …" opens the clause (after a list number such as "2.1.") or follows "tổng"
    const opens = i === 0 || w.total.has(t[i - 1]!.k) || t.slice(0, i).every((x) => x.num);
    const isSo = (w.numberOf.has(k) && opens && !t[i + 1]?.num) || (w.amount.has(k) && i > 0 && w.numberOf.has(t[i - 1]!.k));
    if (isTyLe || isSo) {
      out.push(skipFillers(lex, t, i + 1, before));
      break;
    }
  }
  // "<subject> …, đạt (tỷ lệ) N%": the clause start, when the figure closes the clause
  const verbBefore = t.slice(Math.max(0, before - 3), before).some((x) => w.resultVerbs.has(x.k));
  if (verbBefore && n - after <= 4) out.push(skipFillers(lex, t, 0, before));
  return out;
}

export function mapFigure(lex: Lexicon, ctx: FigureContext): Mapped | null {
  const list = anchors(lex, ctx);
  for (let a = 0; a < list.length; a++) {
    const p = list[a]!;
    let best: { ind: CompiledIndicator; len: number } | null = null;
    for (const ind of lex.indicators) {
      if (!ind.subject || !unitFits(ind, ctx.kind)) continue;
      const m = ind.subject.matchAt(ctx.tokens, p);
      if (!m || !satisfied(ind, ctx)) continue;
      const len = m.to - m.from;
      if (!best || ind.rule.priority > best.ind.rule.priority || (ind.rule.priority === best.ind.rule.priority && len > best.len)) best = { ind, len };
    }
    if (best) return { code: best.ind.code, anchor: Math.min(a, 2) };
  }
  // indicators named by their own words ("tích hợp Sổ sức khỏe điện tử đối với 12234/29850 tài khoản")
  let best: CompiledIndicator | null = null;
  for (const ind of lex.indicators) {
    if (ind.subject || !ind.about.length || !unitFits(ind, ctx.kind) || !satisfied(ind, ctx)) continue;
    if (!best || ind.rule.priority > best.rule.priority) best = ind;
  }
  return best ? { code: best.code, anchor: 3 } : null;
}

/** Indicators a flag line names by itself ("mô hình điểm “Bình dân học AI”: Chưa đạt …"). */
export function flaggedIndicator(lex: Lexicon, tokens: readonly Token[]): string | null {
  let best: CompiledIndicator | null = null;
  for (const ind of lex.indicators) if (ind.flag?.has(tokens) && (!best || ind.rule.priority > best.rule.priority)) best = ind;
  return best?.code ?? null;
}

/**
 * The indicator of an appendix row from its label (and code column, if any): the phrase rules
 * first, then string similarity to the catalogue's labels (natural's Dice coefficient over
 * folded text), where a matching code in the first column counts in favour.
 */
export function mapRowLabel(lex: Lexicon, labelTokens: readonly Token[], labelText: string, code: string | null, kind: FigureKind | "yesno"): string | null {
  if (kind !== "yesno" && labelTokens.length) {
    const end = labelTokens[labelTokens.length - 1]!.e + 1;
    const m = mapFigure(lex, { tokens: labelTokens, start: end, end, kind });
    if (m && (m.anchor <= 1 || m.anchor === 3)) return m.code;
  }
  const folded = foldPhrase(labelText);
  if (folded.length < 6) return null;
  const key = `${lex.version}|${code ?? ""}|${folded}`;
  const hit = labelCache.get(key);
  if (hit !== undefined) return hit;
  let best: { code: string; score: number } | null = null;
  for (const ind of lex.indicators) {
    let score = Math.max(...ind.labels.map((l) => diceCoefficient(folded, l)));
    if (code && code === ind.code) score += 0.3;
    if (!best || score > best.score) best = { code: ind.code, score };
  }
  const result = best && best.score >= 0.62 ? best.code : null;
  if (labelCache.size > 20_000) labelCache.clear();
  labelCache.set(key, result);
  return result;
}

// Appendix labels repeat across a round's reports: remember what each label mapped to.
const labelCache = new Map<string, string | null>();
