// Community digital technology teams (Tổ công nghệ số cộng đồng): how many teams and members a
// sentence states. "20 tổ với 60 thành viên", "01 Tổ … xã; 13 tổ … tại các thôn …; tổng số
// thành viên … là 65 người", "khoảng trên 100 thành viên Tổ Công nghệ số cộng đồng".

import { qualifierBefore } from "./figures.js";
import { findNumbers } from "./numbers.js";
import type { Sentence } from "./segments.js";
import type { FactSink } from "./sink.js";
import type { Qualifier, TeamFact } from "./types.js";
import { foldWord, type Token } from "./vnkey.js";

const TO = foldWord("tổ");
const THANH = foldWord("thành");
const VIEN = foldWord("viên");
const NGUOI = foldWord("người");
const COMMUNE_WORDS = new Set(["xã", "phường", "khu"].map(foldWord));
const CAP = foldWord("cấp");

type Draft = { teams: number | null; members: number | null; qualifier: Qualifier; start: number; end: number; scope: TeamFact["scope"] };

/** Reads team facts from a sentence; returns the starts of the numbers it used. */
export function readTeams(sink: FactSink, sent: Sentence, tokens: readonly Token[], quote: (at: number, end: number) => string): Set<number> {
  const lex = sink.lex;
  const used = new Set<number>();
  const names = lex.teamNames.findAll(tokens);
  if (!names.length) return used;
  const text = sink.text;
  const roster = !lex.attendanceCues.has(tokens);
  const drafts: Draft[] = [];
  for (const n of findNumbers(text, sent.start, sent.end)) {
    if (n.kind === "percent" || !Number.isInteger(n.value)) continue;
    const after = tokens.findIndex((t) => t.s >= n.end);
    if (after < 0) continue;
    // "thành lập 15/15 Tổ công nghệ số cộng đồng": the numerator counts the teams (the ratio stays a ratio)
    if (n.kind === "ratio") {
      if (names.some((m) => m.from === after)) drafts.push({ teams: n.value, members: null, qualifier: "exact", start: n.start, end: n.end, scope: "village" });
      continue;
    }
    const before = tokens.findIndex((t) => t.s >= n.start);
    const { q } = qualifierBefore(lex, tokens, before, n.sign);
    const name = names.find((m) => m.from === after);
    const isTeams = name || (tokens[after]!.k === TO && !lex.teamNot.matchAt(tokens, after));
    if (isTeams) {
      const scopeAt = name ? name.to : after + 1;
      drafts.push({ teams: n.value, members: null, qualifier: q, start: n.start, end: n.end, scope: scopeOf(lex, tokens, scopeAt) });
      used.add(n.start);
      continue;
    }
    // members: "60 thành viên", "100 thành viên Tổ …", "tổng số thành viên … là 65 người"
    const isMember = tokens[after]!.k === THANH && tokens[after + 1]?.k === VIEN;
    const isPeople = tokens[after]!.k === NGUOI && tokens.slice(Math.max(0, before - 8), before).some((t, i, a) => t.k === THANH && a[i + 1]?.k === VIEN);
    if (!isMember && !isPeople) continue;
    const next = isMember ? after + 2 : after + 1;
    // members of another body ("24 thành viên Tổ ứng cứu"): not a team figure, and not a count either
    if (lex.teamNot.matchAt(tokens, next)) {
      used.add(n.start);
      continue;
    }
    // a member count must be about the team: followed by its name, or in a sentence about teams with numbers of teams
    const named = names.some((m) => m.from === next || (m.from > next && m.from - next <= 2));
    if (!named && !drafts.length && !names.some((m) => m.to <= before)) continue;
    used.add(n.start);
    const last = drafts[drafts.length - 1];
    if (last && last.members === null && last.scope !== "commune") {
      last.members = n.value;
      if (q !== "exact") last.qualifier = q;
    } else drafts.push({ teams: null, members: n.value, qualifier: q, start: n.start, end: n.end, scope: "unknown" });
  }
  // members stated for the whole commune belong with the village teams, not the commune team
  for (const d of drafts) {
    sink.add({ kind: "team", teams: d.teams, members: d.members, qualifier: d.qualifier, scope: d.scope, roster, indicator: null, quote: quote(d.start, d.end), start: d.start, end: d.end }, { source: "text", anchor: 0 });
  }
  return used;
}

function scopeOf(lex: FactSink["lex"], tokens: readonly Token[], at: number): TeamFact["scope"] {
  const window = tokens.slice(at, at + 5);
  if (lex.villages.has(window)) return "village";
  const first = window[0]?.k;
  if (first && COMMUNE_WORDS.has(first)) return "commune";
  if (first === CAP && window[1] && COMMUNE_WORDS.has(window[1].k)) return "commune";
  return "unknown";
}
