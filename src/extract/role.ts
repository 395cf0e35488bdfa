// Resolution of goal versus result. A figure is a goal when the last cue before it in its
// sentence is a goal cue ("phấn đấu", "mục tiêu", "theo kế hoạch", "sẽ" …) and a result when it
// is a result cue ("đã", "kết quả", "đến nay" …). Cues inside a parenthesis that closes before
// the figure do not count outside it. A sentence with no cue of its own before the figure
// continues the state of the sentence before it: in the same paragraph, after a lead-in that ends
// with ":", in the list items under such a lead-in, and in a paragraph that opens with a
// connector ("Đồng thời", "Đặc biệt" …). Failing all that, the document kind and the section
// title decide.
//
// Named decisions (see `RoleDecision.rule`), shown by `tonghop rules explain`:
//   adjacent   a goal phrase right before the figure ("bảo đảm 100%")
//   restated   "tối thiểu N" in a sentence that says the target was not met
//   stated     a goal sentence, but the figure's own clause or parenthesis opens with a time of
//              the report or before it ("mục tiêu 90%, hiện đạt 65%", "(năm 2025: 72%)"): a result
//   cue        the last goal/result cue before the figure in its sentence
//   carried    no cue in the sentence: the state of the sentence before it
//   plan       the document is a plan
//   section    the nearest section title with a cue
//   default    nothing says otherwise: a result

import { GAP } from "../rules/phrase.js";
import { tonesHold, type Lexicon } from "./lexicon.js";
import type { Match } from "./phrases.js";
import type { Role } from "./types.js";
import type { Token } from "./vnkey.js";

export interface RoleDecision {
  role: Role;
  rule: "adjacent" | "restated" | "stated" | "cue" | "carried" | "plan" | "section" | "default";
  /** The phrase that decided, when one did. */
  phrase?: string;
  /** Where that phrase stands (adjacent phrases). */
  match?: Match;
}

interface Cue {
  role: Role;
  m: Match;
}

/** Goal and result cues of a sentence, in reading order; parenthesised cues keep their depth span. */
export function cuesOf(lex: Lexicon, text: string, tokens: readonly Token[]): (Cue & { closeAt: number })[] {
  const out: (Cue & { closeAt: number })[] = [];
  // "sẽ" is not the "sẻ" of "chia sẻ", "đã" not the "đa" of "tối đa" (rules: tone_exact)
  const targets = lex.target.findAll(tokens).filter((m) => tonesHold(lex, text, tokens, m));
  const actuals = lex.actual.findAll(tokens).filter((m) => tonesHold(lex, text, tokens, m));
  for (const m of targets) {
    // a result word inside a goal phrase's gap takes over: "đến hết năm 2025, … ước đạt 17%", "… đã đạt"
    if (m.phrase.includes(GAP) && actuals.some((a) => a.from > m.from && a.from < m.to)) continue;
    // a goal reported on: "Kết quả thực hiện mục tiêu năm 2025: …", "kết quả (thực hiện) chỉ tiêu về …"
    if (actuals.some((a) => a.to <= m.from && m.from - a.to <= REPORTED_GOAL_GAP && !/[,;:.()]/u.test(text.slice(a.e, m.s)))) continue;
    out.push({ role: "target", m, closeAt: closeOf(text, tokens, m) });
  }
  for (const m of actuals) {
    // "phấn đấu đạt tỷ lệ …": a result word right after a goal word belongs to the goal
    // … but not across a parenthesis or a colon: "so với kế hoạch đạt (Kết quả: …)"
    if (targets.some((t) => (t.to === m.from && !/[(:;]/.test(text.slice(t.e, m.s))) || (t.from <= m.from && m.from < t.to))) continue;
    out.push({ role: "actual", m, closeAt: closeOf(text, tokens, m) });
  }
  return out.sort((a, b) => a.m.from - b.m.from);
}

/** Words between a result word and the goal it reports on ("kết quả thực hiện mục tiêu"). */
const REPORTED_GOAL_GAP = 2;

/** Offset where the parenthesis holding a match closes (Infinity when it is not in one). */
export function closeOf(text: string, tokens: readonly Token[], m: Match): number {
  if (!tokens.length) return Infinity;
  const from = tokens[0]!.s;
  let depth = 0;
  for (let i = from; i < m.s; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
  }
  if (!depth) return Infinity;
  const end = tokens[tokens.length - 1]!.e;
  for (let i = m.e; i < end; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return Infinity;
}

/** The last cue before `offset` that still holds there. */
export function lastCue(cues: readonly (Cue & { closeAt: number })[], offset: number): Cue | null {
  let best: Cue | null = null;
  for (const c of cues) {
    if (c.m.e > offset || c.closeAt < offset) continue;
    if (!best || c.m.s > best.m.s) best = c;
  }
  return best;
}

/**
 * A result stated beside a goal: the figure opens its own clause or parenthesis (after ",", ";",
 * "(", "–") with a time of the report or before it ("hiện", "năm nay", "năm 2025"), followed only
 * by result verbs ("đã", "đạt") before the figure and its qualifier. `from` is the offset where the
 * figure's words start (its qualifier included); `goalEnd` where the goal cue ends, when one
 * decided (the opening must come after it). Returns the time phrase, or null.
 */
export function statedResult(lex: Lexicon, text: string, sentence: readonly Token[], from: number, goalEnd: number, periodEndYear: number | null): string | null {
  const windowStart = Math.max(goalEnd, from - 60, sentence[0]?.s ?? 0);
  const head = text.slice(windowStart, from);
  const open = Math.max(head.lastIndexOf(","), head.lastIndexOf(";"), head.lastIndexOf("("), head.lastIndexOf("–"), head.lastIndexOf(" - "));
  if (open < 0) return null;
  const at = windowStart + open + 1;
  const words = sentence.filter((t) => t.s >= at && t.e <= from);
  if (!words.length) return null;
  const S = lex.statedResult;
  let i = 0;
  let time: string | null = null;
  const t = S.times.matchAt(words, 0);
  if (t) {
    i = t.to;
    time = text.slice(t.s, t.e);
  } else {
    const y = S.year.matchAt(words, 0);
    const num = y ? words[y.to] : undefined;
    if (!y || !num?.num || !/^(?:19|20)\d\d$/.test(num.k)) return null;
    const year = Number(num.k);
    // a year the sentence names before (the goal's: "đến năm 2030") that is later
    const later = sentence.some((w) => w.e <= at && w.num && /^(?:19|20)\d\d$/.test(w.k) && Number(w.k) > year);
    if (!(periodEndYear !== null ? year <= periodEndYear : later)) return null;
    i = y.to + 1;
    time = text.slice(y.s, num.e);
  }
  while (i < words.length) {
    const v = S.verbs.matchAt(words, i);
    if (!v) return null;
    i = v.to;
  }
  return time;
}

/** The goal state carried from sentence to sentence while a document is read. */
export class GoalScope {
  private state: Role | null = null;
  private block = -1;
  /** The previous sentence ended with ":" (a lead-in to a list). */
  private leadIn = false;
  /** The state came through a lead-in and may continue into list items. */
  private listed = false;

  constructor(private readonly lex: Lexicon) {}

  /** Starts a sentence; returns the state it inherits (null: none). */
  enter(block: number, tokens: readonly Token[], text: string, start: number, end: number, isListItem: boolean): Role | null {
    let inherited: Role | null = null;
    if (block === this.block) inherited = this.state;
    else {
      const viaList = this.leadIn || (this.listed && isListItem);
      if (viaList || this.lex.connectors.matchAt(tokens, 0)) inherited = this.state;
      this.listed = viaList && inherited === "target";
    }
    this.block = block;
    this.state = inherited;
    this.leadIn = /:\s*$/u.test(text.slice(start, end));
    return inherited;
  }

  /** Ends a sentence: its last cue (if any) becomes the state the next sentence may inherit. */
  leave(cues: readonly (Cue & { closeAt: number })[], end: number): void {
    const last = lastCue(cues, end);
    if (last) this.state = last.role;
  }
}
