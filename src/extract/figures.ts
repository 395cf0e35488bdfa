// Figures in running text: percentages, ratios (with their stated percentage) and counts,
// each with qualifier, role and indicator, read clause by clause and quoted by sentence.

import { BULLETS_ONLY } from "../ingest/markers.js";
import type { Lexicon } from "./lexicon.js";
import { mapFigure, mapRowLabel, type FigureKind, type Mapped } from "./mapping.js";
import { findNumbers, ratioPercent, type NumberMention } from "./numbers.js";
import type { Match } from "./phrases.js";
import type { Sentence } from "./segments.js";
import { drafted, type Drafted, type ReadContext } from "./facts.js";
import { closeOf, lastCue, statedResult, type cuesOf, type RoleDecision } from "./role.js";
import type { Qualifier, Role } from "./types.js";
import { foldWord, tokenize, type Token } from "./vnkey.js";

export interface FigureOptions {
  /** Token list of the sentence. */
  tokens: readonly Token[];
  /** The sentence as quoted around a figure (computed when a fact needs it). */
  quote: (at: number, end: number) => string;
  /** Section title tokens (context and role), innermost first. */
  sections: readonly (readonly Token[])[];
  /** Number mentions already used (team counts). */
  consumed: Set<number>;
  /** The sentence says a target was not met: "tối thiểu N" restates the target. */
  flaggedUnmet: boolean;
  /** Goal and result cues of the sentence (role.ts). */
  cues: ReturnType<typeof cuesOf>;
  /** The goal state the sentence inherits from the one before it. */
  inherited: Role | null;
  /** Called with each figure's role decision (`rules explain`). */
  trace?: (n: NumberMention, d: RoleDecision) => void;
}

/** Qualifier from the words right before a figure ("khoảng trên 80%" → over). */
export function qualifierBefore(lex: Lexicon, tokens: readonly Token[], before: number, sign: NumberMention["sign"]): { q: Qualifier; m: Match | null } {
  if (sign) return { q: sign, m: null };
  let best: { q: Qualifier; m: Match } | null = null;
  for (const [q, set] of [["about", lex.about], ["over", lex.over], ["under", lex.under]] as const) {
    const m = set.matchEndingAt(tokens, before);
    if (m && (!best || m.from < best.m.from)) best = { q, m };
  }
  return best ?? { q: "exact", m: null };
}

/** Goal or result of a figure whose words start at token `before` of its clause (see role.ts). */
export function decideRole(ctx: ReadContext, tokens: readonly Token[], before: number, opt: Pick<FigureOptions, "cues" | "inherited" | "sections">, numberAt = before): RoleDecision {
  const lex = ctx.lex;
  // "bảo đảm 100%", "đạt tối thiểu 40%" (the phrase may include the qualifier)
  const adj = lex.targetAdjacent.matchEndingAt(tokens, before, Math.max(0, before - 4)) ?? (numberAt > before ? lex.targetAdjacent.matchEndingAt(tokens, numberAt, Math.max(0, numberAt - 4)) : null);
  if (adj) return { role: "target", rule: "adjacent", phrase: adj.phrase, match: adj };
  const at = tokens[before]?.s ?? (tokens.length ? tokens[tokens.length - 1]!.e : 0);
  const cue = lastCue(opt.cues, at);
  if (cue) return { role: cue.role, rule: "cue", phrase: cue.m.phrase };
  if (opt.inherited) return { role: opt.inherited, rule: "carried" };
  if (ctx.kind === "plan") return { role: "target", rule: "plan" };
  // the nearest section title with a cue decides ("PHƯƠNG HƯỚNG …" → goals; "KẾT QUẢ …" → results)
  for (const title of opt.sections) {
    const a = lex.actualSections.find(title);
    if (a) return { role: "actual", rule: "section", phrase: a.phrase };
    const t = lex.targetSections.find(title);
    if (t) return { role: "target", rule: "section", phrase: t.phrase };
  }
  return { role: "actual", rule: "default" };
}

/** "… 70% … là 70%": the words between two equal figures end with a verb that restates the first (rules: words.restate). */
function restates(lex: Lexicon, between: string): boolean {
  const toks = tokenize(between);
  const last = toks[toks.length - 1];
  return !!last && /[\p{L}]\s*$/u.test(between) && lex.words.restate.has(last.k);
}

function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  const i = tokens.findIndex((t) => t.s >= offset);
  return i < 0 ? tokens.length : i;
}

/** The counted noun right after a figure ("110 người", "11 nhà văn hóa"), or null. */
export function countedNoun(lex: Lexicon, tokens: readonly Token[], after: number): Match | null {
  if (after >= tokens.length) return null;
  if (lex.notCounts.matchAt(tokens, after)) return null;
  return lex.countUnits.matchAt(tokens, after);
}

/** "Số bài: 10", "Số người tham gia: 240": the noun after "Số" labels a bare number after ":". */
export function labelNoun(lex: Lexicon, text: string, tokens: readonly Token[], m: NumberMention): Match | null {
  const gap = /\S\s*:\s*$/u.exec(text.slice(Math.max(0, m.start - 12), m.start));
  if (!gap) return null;
  const before = tokenIndexAt(tokens, m.start);
  for (let i = before - 1; i >= 0 && before - i <= 8; i--) {
    if (lex.words.numberOf.has(tokens[i]!.k) && i + 1 < before) return lex.countUnits.matchAt(tokens, i + 1);
  }
  return null;
}

/**
 * Pairs each ratio with the percentage written beside it ("…/29850 tài khoản, đạt 41%",
 * "100% (37/37)"): the nearest percentage in the clause with no other figure between, when it
 * is written right next to the ratio or agrees with it.
 */
export function pairRatios(text: string, nums: NumberMention[]): Map<NumberMention, NumberMention> {
  const pairs = new Map<NumberMention, NumberMention>();
  const used = new Set<NumberMention>();
  for (let i = 0; i < nums.length; i++) {
    const r = nums[i]!;
    if (r.kind !== "ratio") continue;
    const computed = ratioPercent(r.value, r.den!);
    const agrees = (p: NumberMention) => Math.abs(p.value - computed) <= 1.5;
    const prev = nums[i - 1];
    const next = nums[i + 1];
    if (prev?.kind === "percent" && !used.has(prev) && (/^\s*[(:–-]?\s*$/u.test(text.slice(prev.end, r.start)) || agrees(prev))) {
      pairs.set(r, prev);
      used.add(prev);
    } else if (next?.kind === "percent" && !used.has(next)) {
      const between = text.slice(r.end, next.start);
      const close = between.length <= 40 && !/[;.]/.test(between) && between.split(/\s+/).filter(Boolean).length <= 5;
      if (close || agrees(next)) {
        pairs.set(r, next);
        used.add(next);
      }
    }
  }
  return pairs;
}

/**
 * The appendix written as a list ("2.3. Số dịch vụ, nền tảng được sử dụng …: 04 nền tảng"):
 * the catalogue code that opens the item and its label decide, as for a table row.
 */
function byListCode(lex: Lexicon, text: string, tokens: readonly Token[], from: number, at: number, kind: FigureKind): Mapped | null {
  const m = /^\s*[-+•]?\s*(\d\.\d{1,2})\.?\s+(\S.*)$/su.exec(text.slice(from, at));
  if (!m || !lex.byCode.has(m[1]!)) return null;
  const label = tokens.filter((t) => t.s < at && t.s >= from + m.index + m[0].indexOf(m[2]!));
  const code = mapRowLabel(lex, label, m[2]!, m[1]!, kind);
  return code ? { code, anchor: 1 } : null;
}

/** "5. Bài học kinh nghiệm", "2.1. …", "a) …": the number of a heading or list item is not a figure. */
function isItemNumber(text: string, sent: Sentence, n: NumberMention): boolean {
  const lead = text.slice(sent.start, n.start);
  return BULLETS_ONLY.test(lead) && /^[.)]\s/.test(text.slice(n.end, n.end + 2));
}

/** A goal set for after the reported period: in a "PHƯƠNG HƯỚNG" section or naming a later year. */
function isFuture(ctx: ReadContext, tokens: readonly Token[], sections: FigureOptions["sections"]): boolean {
  if (sections.some((t) => ctx.lex.targetSections.has(t))) return true;
  const y = ctx.periodEndYear;
  return y !== null && tokens.some((t) => t.num && /^20\d\d$/.test(t.k) && Number(t.k) > y);
}

export function readFigures(ctx: ReadContext, sent: Sentence, opt: FigureOptions): Drafted[] {
  const text = ctx.text;
  const lex = ctx.lex;
  const out: Drafted[] = [];
  const drafts = () => out.map((d) => d.fact);
  const future = isFuture(ctx, opt.tokens, opt.sections);
  for (const clause of sent.clauses) {
    const tokens = sent.clauses.length === 1 ? opt.tokens : opt.tokens.filter((t) => t.s >= clause.start && t.e <= clause.end);
    if (!tokens.some((t) => t.num)) continue;
    if (lex.background.has(tokens)) continue;
    const nums = findNumbers(text, lex.numbers, clause.start, clause.end).filter((n) => !opt.consumed.has(n.start) && !isItemNumber(text, sent, n));
    const pairs = pairRatios(text, nums);
    const stated = new Set(pairs.values());
    for (const [i, n] of nums.entries()) {
      if (stated.has(n)) continue;
      // "tỷ lệ 70% … là 70%": one figure said twice
      const prev = nums[i - 1];
      if (n.kind === "percent" && prev?.kind === "percent" && prev.value === n.value && restates(lex, text.slice(prev.end, n.start))) continue;
      const before = tokenIndexAt(tokens, n.start);
      const after = tokenIndexAt(tokens, n.end);
      const { q, m: qm } = qualifierBefore(lex, tokens, before, n.sign);
      const startFor = qm ? Math.min(before, qm.from) : before;
      const restatesTarget = opt.flaggedUnmet && q === "over";
      let decision: RoleDecision = restatesTarget ? { role: "target", rule: "restated" } : decideRole(ctx, tokens, startFor, opt, before);
      // "mục tiêu 90%, hiện đạt 65%", "phấn đấu 80% (năm 2025: 72%)": the result stated beside the goal
      if (decision.role === "target" && decision.rule !== "adjacent" && decision.rule !== "restated") {
        const from = tokens[startFor]?.s ?? n.start;
        const goal = decision.rule === "cue" ? lastCue(opt.cues, from) : null;
        const time = statedResult(lex, text, opt.tokens, from, goal ? goal.m.e : 0, ctx.periodEndYear);
        if (time) decision = { role: "actual", rule: "stated", phrase: time };
      }
      opt.trace?.(n, decision);
      // "đạt tối thiểu 40% … và 30% …": a goal phrase right before a percentage holds for the figures after it
      if (decision.match && n.kind === "percent") opt.cues.push({ role: "target", m: decision.match, closeAt: closeOf(text, opt.tokens, decision.match) });
      const role: Role = decision.role;
      const base = { quote: opt.quote(n.start, n.end), start: n.start, end: n.end };
      const map = (kind: FigureKind, unit?: readonly Token[]) =>
        mapFigure(lex, { tokens, start: n.start, end: n.end, kind, unit, section: opt.sections[0] }) ?? byListCode(lex, text, tokens, clause.start, n.start, kind);
      if (n.kind === "ratio") {
        const pct = pairs.get(n);
        const noun = countedNoun(lex, tokens, after) ?? lex.villages.matchAt(tokens, after) ?? lex.teamNames.matchAt(tokens, after);
        if (n.dateLike && !pct && !noun) continue;
        const m = map("ratio");
        out.push(
          drafted(
            {
              kind: "ratio",
              num: n.value,
              den: n.den!,
              percent: ratioPercent(n.value, n.den!),
              stated_percent: pct?.value ?? null,
              unit: noun ? text.slice(noun.s, noun.e) : null,
              role,
              qualifier: q,
              indicator: m?.code ?? null,
              ...base,
            },
            { source: "text", subject: m?.anchor ?? 9, future: role === "target" && future },
          ),
        );
      } else if (n.kind === "percent") {
        // "đạt 95% kế hoạch", "90% so với chỉ tiêu" — not "100% (chỉ tiêu: 100%)", where the goal follows
        const shareM = lex.shareOfTarget.matchAt(tokens, after);
        const share = shareM && /^\s*$/.test(text.slice(n.end, shareM.s)) && !tokens[shareM.to]?.num;
        let m = share ? null : map("percent");
        // "… chưa đạt chỉ tiêu kế hoạch giao (85%)": a goal without a subject of its own restates the clause's figure's goal
        if (!m && role === "target") {
          const prior = drafts().filter((f) => f.start >= clause.start && f.indicator && (f.kind === "percent" || f.kind === "ratio") && f.role === "actual").pop();
          if (prior) m = { code: prior.indicator!, anchor: 4 };
        }
        // "mục tiêu 100% cán bộ …; đến nay đạt 76%": a result without a subject of its own, stated after the sentence's goal, measures the goal's indicator
        if (!m && role === "actual" && (decision.rule === "stated" || decision.rule === "cue")) {
          const goal = drafts().filter((f) => f.indicator && f.kind === "percent" && f.role === "target").pop();
          if (goal) m = { code: goal.indicator!, anchor: 4 };
        }
        out.push(
          drafted(
            { kind: "percent", value: n.value, qualifier: q, role, indicator: m?.code ?? null, ...base },
            { source: "text", subject: m?.anchor ?? 9, future: role === "target" && future },
          ),
        );
      } else {
        // "Năm 2026, xã …", "tháng 5": a date, not a count; "2026, xã": a noun behind punctuation is not what is counted
        if (lex.notCounts.matchEndingAt(tokens, before, Math.max(0, before - 2))) continue;
        const noun0 = countedNoun(lex, tokens, after);
        const named = (noun0 && /^\s*$/u.test(text.slice(n.end, noun0.s)) ? noun0 : null) ?? labelNoun(lex, text, tokens, n);
        // a row of a table flattened into text ("Mức 3 68544 61827 6717 …"): each bare number is a count
        const row = !named && inNumberRow(text, nums, i) && !lex.levelWords.matchEndingAt(tokens, before, Math.max(0, before - 3)) ? { from: after, to: after, s: n.end, e: n.end, phrase: "" } : null;
        const noun = named ?? row;
        if (!noun) continue;
        // a rate or a norm, not a count: "01 máy tính/01 cán bộ", "mỗi huyện chọn 1 khóm"
        if (named && /^\s?\//u.test(text.slice(named.e, named.e + 2))) continue;
        if (named && /\/\s?$/u.test(text.slice(Math.max(0, n.start - 2), n.start))) continue;
        if (n.value <= 1 && lex.perEach.has(tokens, Math.max(0, before - 8), before)) continue;
        const unitTokens = tokens.slice(noun.from, noun.to);
        const m = map("count", unitTokens);
        out.push(
          drafted(
            { kind: "count", value: n.value, unit: text.slice(noun.s, noun.e).toLowerCase(), qualifier: q, role, indicator: m?.code ?? null, ...base },
            { source: "text", subject: m?.anchor ?? 9, future: role === "target" && future },
          ),
        );
      }
    }
  }
  return out;
}


/** The number is one of three or more written side by side with only spaces or percentages between (a flattened table row). */
function inNumberRow(text: string, nums: readonly NumberMention[], i: number): boolean {
  const joined = (a: NumberMention | undefined, b: NumberMention | undefined) => !!a && !!b && /^[ \t]+$/.test(text.slice(a.end, b.start));
  let from = i;
  let to = i;
  while (joined(nums[from - 1], nums[from])) from--;
  while (joined(nums[to], nums[to + 1])) to++;
  return to - from >= 2 && nums.slice(from, to + 1).filter((x) => x.kind === "number").length >= 2;
}
