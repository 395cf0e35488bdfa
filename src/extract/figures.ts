// Figures in running text: percentages, ratios (with their stated percentage) and counts,
// each with qualifier, role and indicator, read clause by clause and quoted by sentence.

import { BULLETS_ONLY } from "../ingest/markers.js";
import type { Lexicon } from "./lexicon.js";
import { mapFigure, mapRowLabel, type FigureKind, type Mapped } from "./mapping.js";
import { findNumbers, ratioPercent, type NumberMention } from "./numbers.js";
import type { Match } from "./phrases.js";
import type { Sentence } from "./segments.js";
import { countedNoun, tokenIndexAt, type Candidate } from "./candidates.js";
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
  /** The sentence says a target was not met: "tối thiểu N" restates the target. */
  flaggedUnmet: boolean;
  /** Goal and result cues of the sentence (role.ts). */
  cues: ReturnType<typeof cuesOf>;
  /** The goal state the sentence inherits from the one before it. */
  inherited: Role | null;
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
    } else {
      // past a level or a name's number ("… tài khoản định danh mức độ 2 … (đạt 74,3%)"): the
      // first percentage after the ratio in its sentence, when it is the ratio's own
      const p = nums.slice(i + 1).find((n) => n.kind === "percent" || n.kind === "ratio");
      if (p?.kind === "percent" && !used.has(p) && agrees(p) && !/[;.!?]\s/.test(text.slice(r.end, p.start))) {
        pairs.set(r, p);
        used.add(p);
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


/** A goal set for after the reported period: in a "PHƯƠNG HƯỚNG" section, naming a later year or a deadline still ahead. */
function isFuture(ctx: ReadContext, tokens: readonly Token[], sections: FigureOptions["sections"]): boolean {
  if (sections.some((t) => ctx.lex.targetSections.has(t))) return true;
  // "đến hết năm nay", "trong thời gian tới": the deadline is still ahead
  if (ctx.lex.openDeadline.has(tokens)) return true;
  const y = ctx.periodEndYear;
  return y !== null && tokens.some((t) => t.num && /^20\d\d$/.test(t.k) && Number(t.k) > y);
}

/**
 * Resolution of the sentence's candidates the team reader left: goal or result, indicator, and
 * the fact each becomes (or why none), every decision recorded on the candidate.
 */
export function readFigures(ctx: ReadContext, sent: Sentence, candidates: readonly Candidate[], opt: FigureOptions): Drafted[] {
  const text = ctx.text;
  const lex = ctx.lex;
  const out: Drafted[] = [];
  const drafts = () => out.map((d) => d.fact);
  const future = isFuture(ctx, opt.tokens, opt.sections);
  sent.clauses.forEach((clause, ci) => {
    const inClause = candidates.filter((c) => c.clause === ci);
    if (!inClause.length) return;
    const tokens = inClause[0]!.tokens;
    const skip = (c: Candidate, rule: string, phrase?: string) => void c.decisions.push({ step: "skip", value: "", rule, ...(phrase ? { phrase } : {}) });
    // background in a parenthesis ("… 4.800 giao dịch (xếp thứ 3 cả nước)") holds only inside it
    const asides: { from: number; to: number; phrase: string }[] = [];
    for (const bg of lex.background.findAll(tokens)) {
      const paren = parenthesisAround(text, clause.start, sent.end, bg.s, bg.e);
      if (!paren) {
        for (const c of inClause) if (!c.team) skip(c, "background", bg.phrase);
        return;
      }
      asides.push({ ...paren, phrase: bg.phrase });
    }
    const aside = (c: Candidate) => asides.find((a) => c.n.start > a.from && c.n.start < a.to);
    for (const c of inClause) {
      const a = !c.team && aside(c);
      if (a) skip(c, "background", a.phrase);
    }
    // a day/month after a day word ("ngày 15/10", "chiều 10/10") or with more days than months
    // ("15/12") is a date whatever follows it, and takes no percentage as its own
    const dated = (c: Candidate) => !!c.n.dateLike && (c.n.value > c.n.den! || (c.before > 0 && !!lex.dateBefore.matchEndingAt(tokens, c.before)));
    for (const c of inClause) if (!c.team && !aside(c) && dated(c)) skip(c, "date");
    const open = inClause.filter((c) => !c.team && !c.itemNumber && !aside(c) && !dated(c));
    for (const c of inClause) if (c.itemNumber && !c.team) skip(c, "item_number");
    const nums = open.map((c) => c.n);
    const pairs = pairRatios(text, nums);
    const stated = new Set(pairs.values());
    for (const [i, c] of open.entries()) {
      const n = c.n;
      if (stated.has(n)) {
        skip(c, "stated_percent");
        continue;
      }
      // "xếp thứ 9/34", "đứng thứ 3", "top 10": a rank, not a figure
      const rank = c.before > 0 ? lex.rankWords.matchEndingAt(tokens, c.before, Math.max(0, c.before - 3)) : null;
      if (rank) {
        skip(c, "rank", rank.phrase);
        continue;
      }
      // "tỷ lệ 70% … là 70%": one figure said twice
      const prev = nums[i - 1];
      if (n.kind === "percent" && prev?.kind === "percent" && prev.value === n.value && restates(lex, text.slice(prev.end, n.start))) {
        skip(c, "said_twice");
        continue;
      }
      const { before, after, qualifier: q } = c;
      const startFor = c.from;
      const restatesTarget = opt.flaggedUnmet && q === "over";
      // a goal phrase right before the figure ("đạt tối thiểu 40% … và 30% …") decides first, so its goal holds for the figures after it
      let decision: RoleDecision = decideRole(ctx, tokens, startFor, opt, before);
      if (restatesTarget && decision.rule !== "adjacent") decision = { role: "target", rule: "restated" };
      // "mục tiêu 90%, hiện đạt 65%", "phấn đấu 80% (năm 2025: 72%)": the result stated beside the goal
      if (decision.role === "target" && decision.rule !== "adjacent" && decision.rule !== "restated") {
        const from = tokens[startFor]?.s ?? n.start;
        const goal = decision.rule === "cue" ? lastCue(opt.cues, from) : null;
        const time = statedResult(lex, text, opt.tokens, from, goal ? goal.m.e : 0, ctx.periodEndYear);
        if (time) decision = { role: "actual", rule: "stated", phrase: time };
      }
      c.decisions.push({ step: "role", value: decision.role, rule: decision.rule, ...(decision.phrase ? { phrase: decision.phrase } : {}) });
      // "đạt tối thiểu 40% … và 30% …": a goal phrase right before a percentage holds for the figures after it
      if (decision.match && n.kind === "percent") opt.cues.push({ role: "target", m: decision.match, closeAt: closeOf(text, opt.tokens, decision.match) });
      const role: Role = decision.role;
      const base = { quote: opt.quote(n.start, n.end), start: n.start, end: n.end };
      const map = (kind: FigureKind, unit?: readonly Token[]) =>
        mapFigure(lex, { tokens, start: n.start, end: n.end, kind, unit, section: opt.sections[0] }) ?? byListCode(lex, text, tokens, clause.start, n.start, kind);
      if (n.kind === "ratio") {
        const pct = pairs.get(n);
        const noun = countedNoun(lex, tokens, after) ?? lex.villages.matchAt(tokens, after) ?? lex.teamNames.matchAt(tokens, after);
        if (n.dateLike && !pct && !noun) {
          skip(c, "date");
          continue;
        }
        // a part of a whole counts things: "0,7/1.000 dân", "2,5/100 hộ" are rates per N, not ratios
        if (!Number.isInteger(n.value) || !Number.isInteger(n.den!)) {
          skip(c, "rate");
          continue;
        }
        const m = map("ratio");
        emit(
          c,
          m,
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
        emit(
          c,
          m,
          drafted(
            { kind: "percent", value: n.value, qualifier: q, role, indicator: m?.code ?? null, ...base },
            { source: "text", subject: m?.anchor ?? 9, future: role === "target" && future },
          ),
        );
      } else {
        // "Năm 2026, xã …", "tháng 5": a date, not a count; "2026, xã": a noun behind punctuation is not what is counted
        // … but "cung cấp 240 dịch vụ" is a count, not the level of "cấp 2" (rules: counts_after)
        const notCount = lex.notCounts.matchEndingAt(tokens, before, Math.max(0, before - 2));
        const verb = notCount && lex.countsAfter.matchEndingAt(tokens, before, Math.max(0, before - 3));
        if (notCount && !(verb && verb.from < notCount.from)) {
          skip(c, "not_counts", notCount.phrase);
          continue;
        }
        const noun0 = c.unit;
        const named = (noun0 && /^\s*$/u.test(text.slice(n.end, noun0.s)) ? noun0 : null) ?? labelNoun(lex, text, tokens, n);
        // a row of a table flattened into text ("Mức 3 68544 61827 6717 …"): each bare number is a count
        const row = !named && inNumberRow(text, nums, i) && !lex.levelWords.matchEndingAt(tokens, before, Math.max(0, before - 3)) ? { from: after, to: after, s: n.end, e: n.end, phrase: "" } : null;
        const noun = named ?? row;
        if (!noun) {
          skip(c, "no_counted_noun");
          continue;
        }
        // a rate or a norm, not a count: "01 máy tính/01 cán bộ", "mỗi huyện chọn 1 khóm"
        if ((named && /^\s?\//u.test(text.slice(named.e, named.e + 2))) || (named && /\/\s?$/u.test(text.slice(Math.max(0, n.start - 2), n.start)))) {
          skip(c, "rate");
          continue;
        }
        if (n.value <= 1 && lex.perEach.has(tokens, Math.max(0, before - 8), before)) {
          skip(c, "norm");
          continue;
        }
        // "Các thôn đã lập 1 tổ …", "những nơi còn lại 1 bộ": one for each of the units named before
        if (n.value <= 1 && oneEach(lex, tokens, Math.max(0, c.from - 8), c.from)) {
          skip(c, "norm", "distributive");
          continue;
        }
        // "12 tổ … tại 12 thôn", "30 đội hình thuộc 30 xã": the places repeat the count before them, one each
        const echo = lex.words.located.matchEndingAt(tokens, before, Math.max(0, before - 3));
        if (echo && inClause.some((o) => o.n.end <= echo.s && o.n.kind === "number" && o.n.value === n.value)) {
          skip(c, "one_per_place", echo.phrase);
          continue;
        }
        // "Huyện A có 16 xã, thị trấn.": how the place is made up, background
        if (madeUp(lex, opt.tokens, tokens, c.from, noun)) {
          skip(c, "background", "structure");
          continue;
        }
        // "03 trạm nói trên", "12 mô hình kể trên": counted before, not a new figure
        const again = lex.words.mentioned.find(tokens, noun.to, Math.min(tokens.length, noun.to + 5));
        // … not the place: "15 tổ được lập tại các xã nói trên"
        if (again && !tokens.slice(noun.to, again.from).some((t, k) => t.num || lex.words.located.matchAt(tokens, noun.to + k))) {
          skip(c, "mentioned_before", again.phrase);
          continue;
        }
        const unitTokens = tokens.slice(noun.from, noun.to);
        const m = map("count", unitTokens);
        emit(
          c,
          m,
          drafted(
            { kind: "count", value: n.value, unit: text.slice(noun.s, noun.e).toLowerCase(), qualifier: q, role, indicator: m?.code ?? null, ...base },
            { source: "text", subject: m?.anchor ?? 9, future: role === "target" && future },
          ),
        );
      }
    }
  });
  return out;

  /** The fact a candidate became, with its indicator decision recorded. */
  function emit(c: Candidate, m: Mapped | null | undefined, d: Drafted): void {
    c.decisions.push({ step: "indicator", value: m?.code ?? "", rule: m ? ANCHOR_RULES[Math.min(m.anchor, ANCHOR_RULES.length - 1)]! : "none" });
    c.decisions.push({ step: "fact", value: d.fact.kind, rule: d.fact.kind === "count" ? "counted_noun" : d.fact.kind });
    out.push(d);
  }
}

/**
 * "Huyện A có 16 xã, thị trấn.", "Xã gồm 12 thôn và 2 tổ dân phố.": a structure verb right before
 * the count (its words start at clause token `from`), a unit noun, and nothing after it in the
 * sentence but units, numbers and joiners.
 */
function madeUp(lex: Lexicon, sentence: readonly Token[], clause: readonly Token[], from: number, noun: Match): boolean {
  const S = lex.structure;
  const unit = S.units.matchAt(clause, noun.from);
  if (!unit) return false;
  // back to the verb over the units counted before: "gồm 9 khu phố và 2 tổ dân phố"
  let j = clause[from] ? sentence.findIndex((t) => t.s >= clause[from]!.s) : sentence.length;
  for (;;) {
    if (S.verbs.matchEndingAt(sentence, j, Math.max(0, j - 4))) break;
    const back = S.units.matchEndingAt(sentence, j, Math.max(0, j - 4)) ?? S.joiners.matchEndingAt(sentence, j, Math.max(0, j - 2));
    if (back) j = back.from;
    else if (j > 0 && sentence[j - 1]!.num) j--;
    else return false;
  }
  let i = sentence.findIndex((t) => t.s >= unit.e);
  if (i < 0) return true;
  while (i < sentence.length) {
    const m = S.units.matchAt(sentence, i) ?? S.joiners.matchAt(sentence, i);
    if (m) i = m.to;
    else if (sentence[i]!.num) i++;
    else return false;
  }
  return true;
}

/** A distributive word before a place or unit noun in tokens[from, to) ("các thôn", "những nơi"). */
function oneEach(lex: Lexicon, tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const d = lex.distributive.matchAt(tokens, i, to);
    if (d && d.to < to && (lex.countUnits.matchAt(tokens, d.to, to) || lex.villages.matchAt(tokens, d.to, to))) return true;
  }
  return false;
}

/** Names of the mapping anchors (mapping.ts; FactScore.subject), for the indicator decision. */
export const ANCHOR_RULES = ["subject_after", "rate_or_code", "clause_subject", "about", "beside"] as const;


/** The parenthesis holding text[s, e) within [from, to): offsets of its "(" and ")" (the end when unclosed), or null. */
function parenthesisAround(text: string, from: number, to: number, s: number, e: number): { from: number; to: number } | null {
  let depth = 0;
  let open = -1;
  for (let i = s - 1; i >= from; i--) {
    const ch = text[i];
    if (ch === ")") depth++;
    else if (ch === "(" && depth-- === 0) {
      open = i;
      break;
    }
  }
  if (open < 0) return null;
  depth = 0;
  for (let i = e; i < to; i++) {
    const ch = text[i];
    if (ch === "(") depth++;
    else if (ch === ")" && depth-- === 0) return { from: open, to: i };
  }
  return { from: open, to };
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
