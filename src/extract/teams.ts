// Community digital technology teams (Tổ công nghệ số cộng đồng): how many teams and members a
// sentence states. "20 tổ với 60 thành viên", "01 Tổ … xã; 13 tổ … tại các thôn …; tổng số
// thành viên … là 65 người", "khoảng trên 100 thành viên Tổ Công nghệ số cộng đồng",
// "N Tổ … với tổng số thành viên M", "N tổ … với sự tham gia của hơn M đoàn viên",
// "21/21 xã đã thành lập tổ …" and "thành lập Tổ … tại 34/34 tổ dân phố" (one team per unit),
// members first ("hơn 130 thành viên của 18 Tổ"), a size per team ("mỗi tổ có 5 thành viên": a
// fact of its own, never a total), members in the next sentence ("Tổng số thành viên các Tổ là
// 118 người"). Not teams: other bodies (team_not: "Tổ chỉ đạo", "tổ hỗ trợ kỹ thuật"), norms
// ("Mỗi thôn có thể thành lập 1 Tổ"), member ranges ("từ 5 - 8", "từ 5 đến 7 thành viên"),
// years ("Năm 2022, tổ …"), a heading's number, people the teams helped ("hướng dẫn 940 người",
// team_helps). The words are in rules/language.yaml.

import type { Candidate } from "./candidates.js";
import type { NumberMention } from "./numbers.js";
import type { Match } from "./phrases.js";
import type { Sentence, Span } from "./segments.js";
import { drafted, TEXT, type Drafted, type ReadContext } from "./facts.js";
import type { Qualifier, TeamFact } from "./types.js";
import type { Token } from "./vnkey.js";

type Draft = {
  teams: number | null;
  members: number | null;
  qualifier: Qualifier;
  start: number;
  end: number;
  scope: TeamFact["scope"];
  clause: number;
  /** "mỗi tổ có 5 thành viên": a size per team, never a total nor merged with one */
  perTeam?: boolean;
  /** token index of the figure */
  at: number;
};

/**
 * Resolution, first step: the team and member figures of a sentence. Marks the candidates it
 * takes (`team`, with the decision and its rule) so that the figure reader leaves them.
 */
export function readTeams(
  ctx: ReadContext,
  sent: Sentence,
  tokens: readonly Token[],
  candidates: readonly Candidate[],
  quote: (at: number, end: number) => string,
  /** the sentence before, in the same paragraph, named the teams: "Mỗi tổ có 5 thành viên." is about them */
  afterTeams = false,
): Drafted[] {
  const lex = ctx.lex;
  const facts: Drafted[] = [];
  const take = (c: Candidate, rule: string, value = "") => {
    c.team = true;
    c.decisions.push({ step: "team", value, rule });
  };
  // a team name inside another body's name ("Tổ Chỉ đạo … công nghệ số cộng đồng") is not a team
  // (villages named with the team word, "tổ dân phố có Tổ …", are no other body)
  const others = lex.teamNot.findAll(tokens).filter((o) => !lex.villages.matchAt(tokens, o.from));
  const names = lex.teamNames.findAll(tokens).filter((m) => !others.some((o) => o.from <= m.from && m.from < o.to + 2 && o.from < m.from + 1));
  // after a sentence naming the teams, one about their sizes or members: "Tổng số thành viên các Tổ là 118 người."
  const aboutTeams = afterTeams && (perTeamAt(lex, tokens, 0, tokens.length) || tokens.some((_, k) => memberWordAt(lex, tokens, k)));
  if (!names.length && !aboutTeams) return facts;
  const text = ctx.text;
  const roster = !lex.attendanceCues.has(tokens);
  const drafts: Draft[] = [];
  const clauseOf = (offset: number) => clauseIndex(sent.clauses, offset);
  /** Where another body's teams are counted ("166 tổ hỗ trợ kỹ thuật với …"): members after them are not the teams'. */
  const otherAt: { at: number; clause: number }[] = [];
  const nums = candidates.map((c) => c.n);
  for (const [i, c] of candidates.entries()) {
    const n = c.n;
    // a heading's or item's own number ("4. Tổ công nghệ số cộng đồng") counts nothing
    if (n.kind === "percent" || !Number.isInteger(n.value) || c.itemNumber) continue;
    let after = tokens.findIndex((t) => t.s >= n.end);
    if (after < 0) after = tokens.length; // the number ends the sentence ("… tổng số thành viên 1.380.")
    const before = tokens.findIndex((t) => t.s >= n.start);
    const clause = clauseOf(n.start);
    const clauseStart = tokens.findIndex((t) => t.s >= sent.clauses[clause]!.start);
    // a year ("Năm 2022, tổ …") or a member range ("từ 5 - 8 thành viên") is not a count of teams or members
    if (before > 0 && lex.notCounts.matchAt(tokens, before - 1)?.to === before) continue;
    if (inRange(text, n, nums[i - 1], nums[i + 1]) || joinedRange(lex, tokens, n, nums[i - 1], nums[i + 1])) {
      take(c, "member_range");
      continue;
    }
    // "thành lập 15/15 Tổ …", "21/21 xã … đã thành lập tổ …": the numerator counts the teams (the ratio stays a ratio)
    if (n.kind === "ratio") {
      const direct = names.some((m) => m.from === after);
      // one team per unit only for communes and villages: "63/63 tỉnh đã thành lập tổ …" has many teams per province
      const perUnit = !!(lex.communeLevel.matchAt(tokens, after) || lex.villages.matchAt(tokens, after));
      const founded = !direct && perUnit && lex.teamFounding.find(tokens, after, clauseEnd(tokens, sent.clauses[clause]!));
      const named = founded && names.some((m) => m.from >= founded.to && m.from - founded.to <= 1);
      // "thành lập Tổ công nghệ số cộng đồng tại 34/34 tổ dân phố": the teams named just before the units
      const placed = perUnit && !drafts.some((d) => d.clause === clause && d.teams !== null) && names.some((m) => m.to <= before && before - m.to <= 2 && lex.teamFounding.find(tokens, Math.max(0, clauseStart), m.from));
      if (direct || named || placed) {
        drafts.push({ teams: n.value, members: null, qualifier: "exact", start: n.start, end: n.end, scope: "village", clause, at: before });
        // the ratio stays a ratio: recorded, not taken
        c.decisions.push({ step: "team", value: "teams", rule: direct ? "ratio_of_teams" : named ? "units_founding_teams" : "teams_founded_in_units" });
      }
      continue;
    }
    const q = c.qualifier;
    const name = names.find((m) => m.from === after);
    const other = !name && lex.teamNot.matchAt(tokens, after);
    // "… tại 12 tổ dân phố với 84 thành viên": villages named with the team word are no other body
    if (other && lex.teamWord.matchAt(tokens, after) && !lex.villages.matchAt(tokens, after)) otherAt.push({ at: before, clause });
    // "Số tổ CNSCĐ: 14": the teams' name labels the number after a colon
    const teamLabel = names.some((m) => m.to === before && /^\s*:\s*$/u.test(text.slice(tokens[m.to - 1]!.e, n.start)));
    const isTeams = name || teamLabel || (lex.teamWord.matchAt(tokens, after) && !other);
    if (isTeams) {
      // a norm, not a figure: "Mỗi thôn có thể thành lập 1 Tổ …", "yêu cầu mỗi thôn thành lập 01 Tổ …"
      if (lex.perEach.has(tokens, Math.max(0, clauseStart), before)) {
        take(c, "norm");
        continue;
      }
      const scopeAt = name ? name.to : after + 1;
      const scope = scopeOf(lex, tokens, scopeAt);
      take(c, name ? "team_name_after" : "team_word_after", "teams");
      // members stated first: "hơn 130 thành viên của 18 Tổ …", "Với tổng số 132 thành viên, 22 Tổ …"
      const last = drafts[drafts.length - 1];
      if (last && last.teams === null && !last.perTeam && last.clause === clause && before - last.at <= MEMBERS_FIRST_GAP && !/[;:.()]/u.test(text.slice(last.end, n.start))) {
        Object.assign(last, { teams: n.value, scope, end: n.end, at: before });
        continue;
      }
      drafts.push({ teams: n.value, members: null, qualifier: q, start: n.start, end: n.end, scope, clause, at: before });
      continue;
    }
    // members: "60 thành viên", "100 thành viên Tổ …", "tổng số thành viên … là 65 người",
    // "với tổng số thành viên 10.257", "với sự tham gia của hơn 6.000 đoàn viên"
    const noun = lex.teamMembers.matchAt(tokens, after);
    const labelled = memberLabelBefore(lex, tokens, before, Math.max(0, clauseStart));
    const isMember = noun?.phrase === lex.memberWord || labelled;
    // "người", "đoàn viên" count as members only beside teams whose members are not yet stated, or
    // right after "thành viên": "… gồm 7 thành viên, … hỗ trợ 214 người" counts people helped
    const nameBefore = names.filter((m) => m.to <= before && before - m.to <= 12 && clauseOf(tokens[m.from]!.s) === clause).pop();
    const draftBefore = drafts.filter((d) => d.clause === clause && d.at < before).pop();
    const nameEnd = nameBefore ? tokens[nameBefore.to - 1]!.e : -1;
    // the team named after the last figure's own teams ("… với tối đa 10 thành viên, và mỗi thôn … một Tổ … với tối đa 5 người")
    const nameLater = !!nameBefore && (!draftBefore || nameBefore.from > draftBefore.at + 1);
    const beside = nameLater ? !candidates.some((o) => o.n.start >= nameEnd && o.n.end <= n.start) : !!draftBefore && draftBefore.members === null;
    let word = -1;
    for (let k = Math.max(0, before - 8); k < before; k++) if (memberWordAt(lex, tokens, k)) word = tokens[k]!.e;
    const besideWord = word >= 0 && !candidates.some((o) => o.n.start >= word && o.n.end <= n.start);
    // "… đã đến tận nhà hướng dẫn 940 người": people the teams helped (rules: team_helps), not members
    const mentionAt = Math.max(nameBefore ? nameBefore.to : -1, draftBefore ? draftBefore.at + 1 : -1);
    const helped = lex.teamHelps.has(tokens, Math.max(0, mentionAt, clauseStart), before);
    const isPeople = !!noun && !isMember && !helped && (besideWord || beside);
    if (!isMember && !isPeople) continue;
    const next = noun ? noun.to : after;
    // members of another body ("24 thành viên Tổ ứng cứu", "166 tổ hỗ trợ kỹ thuật với 1.179 thành viên"): not a team figure
    if (lex.teamNot.matchAt(tokens, next)) {
      take(c, "members_of_another_body");
      continue;
    }
    const nearest = drafts.filter((d) => d.at < before).pop();
    if (otherAt.some((o) => o.clause === clause && o.at < before && (!nearest || o.at > nearest.at))) continue;
    // "mỗi tổ (cấp thôn) có (tối đa) 7 thành viên": the size of each team
    if (perTeamAt(lex, tokens, Math.max(0, clauseStart), before)) {
      take(c, "members_per_team", "members");
      drafts.push({ teams: null, members: n.value, qualifier: q, start: n.start, end: n.end, scope: "unknown", clause, perTeam: true, at: before });
      continue;
    }
    // a member count must be about the team: followed by its name, or in a clause about teams
    const named = names.some((m) => m.from === next || (m.from > next && m.from - next <= 2));
    if (!named && !drafts.length && !names.some((m) => m.to <= before) && !aboutTeams) continue;
    take(c, isMember ? "member_noun" : "people_beside_team", "members");
    const last = drafts[drafts.length - 1];
    // the commune's own team takes members stated with it ("16 Tổ … cấp xã với 112 thành viên");
    // a total stated apart ("01 Tổ … xã; 13 tổ … thôn; tổng số thành viên là 65") is the villages'
    const withIt = !!last && last.clause === clause && before - last.at <= MEMBERS_WITH_TEAMS;
    if (last && last.members === null && !last.perTeam && (last.scope !== "commune" || withIt)) {
      last.members = n.value;
      if (q !== "exact") last.qualifier = q;
    } else drafts.push({ teams: null, members: n.value, qualifier: q, start: n.start, end: n.end, scope: "unknown", clause, at: before });
  }
  for (const d of drafts) {
    // a size per team is no roster total
    facts.push(drafted({ kind: "team", teams: d.teams, members: d.members, qualifier: d.qualifier, scope: d.scope, roster: roster && !d.perTeam, indicator: null, quote: quote(d.start, d.end), start: d.start, end: d.end }, TEXT));
  }
  return facts;
}


/** Tokens from a members figure back to the team it belongs to, at most: "… 16 Tổ … cấp xã, thị trấn với 112 thành viên". */
const MEMBERS_WITH_TEAMS = 14;
/** Tokens from a members figure stated first to its teams: "130 thành viên của 18 Tổ". */
const MEMBERS_FIRST_GAP = 5;

/** "thành viên" (the members proper, the first of rules' team_members) at token k. */
export function memberWordAt(lex: ReadContext["lex"], tokens: readonly Token[], k: number): boolean {
  return lex.teamMembers.matchAt(tokens, k)?.phrase === lex.memberWord;
}

/** "mỗi tổ" (per_each, then the team word or a team's name) within tokens [from, to). */
function perTeamAt(lex: ReadContext["lex"], tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const m = lex.perEach.matchAt(tokens, i);
    if (m && m.to < to && (lex.teamWord.matchAt(tokens, m.to) || lex.teamNames.matchAt(tokens, m.to))) return true;
  }
  return false;
}

/** "(tổng số) thành viên (là)" right before a number. */
function memberLabelBefore(lex: ReadContext["lex"], tokens: readonly Token[], before: number, clauseStart: number): boolean {
  // within the number's clause: "… 900 thành viên; thành lập 40 tổ hỗ trợ" is no member label
  for (let i = Math.max(clauseStart, before - 4); i < before; i++) {
    const m = lex.teamMembers.matchAt(tokens, i);
    if (m?.phrase === lex.memberWord && (m.to === before || lex.rosterCues.matchAt(tokens, m.to)?.to === before)) return true;
  }
  return false;
}

function inRange(text: string, n: NumberMention, prev: NumberMention | undefined, next: NumberMention | undefined): boolean {
  if (next && /^\s?[-–]\s?$/u.test(text.slice(n.end, next.start))) return true;
  return !!prev && /^\s?[-–]\s?$/u.test(text.slice(prev.end, n.start));
}

/** "từ 5 đến 7": the numbers on either side of a range joiner and nothing else. */
function joinedRange(lex: ReadContext["lex"], tokens: readonly Token[], n: NumberMention, prev: NumberMention | undefined, next: NumberMention | undefined): boolean {
  const joined = (a: NumberMention, b: NumberMention) => {
    const from = tokens.findIndex((t) => t.s >= a.end);
    const m = from >= 0 ? lex.rangeJoiners.matchAt(tokens, from) : null;
    return !!m && m.to < tokens.length && tokens[m.to]!.s >= b.start && tokens[m.to]!.s < b.end;
  };
  return (!!next && joined(n, next)) || (!!prev && joined(prev, n));
}

function clauseIndex(clauses: readonly Span[], offset: number): number {
  const i = clauses.findIndex((c) => offset >= c.start && offset < c.end + 1);
  return i < 0 ? 0 : i;
}

function clauseEnd(tokens: readonly Token[], clause: Span): number {
  const i = tokens.findIndex((t) => t.s >= clause.end);
  return i < 0 ? tokens.length : i;
}

function scopeOf(lex: ReadContext["lex"], tokens: readonly Token[], at: number): TeamFact["scope"] {
  const window = tokens.slice(at, at + 5);
  if (lex.villages.has(window)) return "village";
  const m: Match | null = lex.communeLevel.matchAt(window, 0);
  return m ? "commune" : "unknown";
}
