// Extract stage entry point: normalised document + rules → extraction document.

import { opensListItem } from "../ingest/markers.js";
import { roundOfPeriod } from "./period.js";
import type { Block, NormalizedDocument } from "../ingest/types.js";
import { collapse } from "../ingest/normalize.js";
import type { Rules } from "../rules/schema.js";
import { readFigures } from "./figures.js";
import { lexiconFor, type Lexicon } from "./lexicon.js";
import { ratioPercent } from "./numbers.js";
import { readMetadata } from "./metadata.js";
import { MAX_QUOTE, quoteOf, sentencesOf } from "./segments.js";
import { readSections, sectionChain } from "./sections.js";
import { Facts, type Drafted, type FactScore, type ReadContext } from "./facts.js";
import { ruleTargets, summarise } from "./summary.js";
import { readTables } from "./tables.js";
import { readTeams } from "./teams.js";
import { SCHEMA, type ExtractionDocument, type Issue, type Source } from "./types.js";
import { readUnmet, unmetFlags } from "./unmet.js";
import { DocTokens } from "./doctokens.js";
import { candidatesOf, type Candidate } from "./candidates.js";
import { cuesOf, GoalScope } from "./role.js";
import type { Fact, Role } from "./types.js";
import type { Section } from "./types.js";
import { hasDigits, tokenize, type Token } from "./vnkey.js";
import { markOcrConfidence } from "./ocr-trust.js";
import { figuresKey, sameParagraph } from "./copies.js";

export type { ExtractionDocument, Fact, Source } from "./types.js";

/** What `tonghop rules explain` is told while a document is read. */
export interface ExtractTrace {
  /** The candidates of each sentence read, with every decision resolution made about them. */
  candidates?(candidates: readonly Candidate[], sentence: { start: number; end: number; inherited: Role | null }): void;
  /** Each fact as it is made, with the named scores it was found with (facts.ts). */
  fact?(fact: Fact, score: FactScore): void;
}

export function extractDocument(doc: NormalizedDocument, source: Source, rules: Rules, trace?: ExtractTrace): ExtractionDocument {
  const lex = lexiconFor(rules);
  const text = doc.text;
  const words = new DocTokens(text, lex.abbr);
  const { meta, issues, bodyBlock } = readMetadata(doc, lex, words);
  const sections = readSections(doc, lex, bodyBlock);
  const ctx: ReadContext = { doc, text, lex, kind: meta.kind, periodEndYear: meta.period ? Number(meta.period.end.slice(0, 4)) : null };
  // resolution returns drafts, in reading order; the facts stage numbers them at the end
  const drafts: Drafted[] = [];

  if (meta.kind === "other")
    issues.push({ kind: "not_a_report", message: "Không thấy tiêu đề BÁO CÁO hay KẾ HOẠCH: lưu với loại “other” (not a report or plan; stored as kind other)", start: null, end: null });
  if (!lex.topic.has(words.all))
    issues.push({ kind: "off_topic", message: "Văn bản không nói về Phong trào “Bình dân học vụ số” hay kỹ năng số (document is not about the movement)", start: null, end: null });
  const repeated = repeatedBlocks(doc, issues);
  const titleTokens = new Map<string, Token[]>();
  const titleOf = (s: Section) => titleTokens.get(s.id) ?? titleTokens.set(s.id, tokenize(s.title, lex.abbr)).get(s.id)!;
  const scope = new GoalScope(lex);
  let lastSentence: { block: number; figures: readonly Drafted[] } | null = null;
  /** the sentence before, for what it said about the teams ("… 11 Tổ … . Mỗi tổ có 5 thành viên.") */
  let prevSentence: { block: number; tokens: readonly Token[] } | null = null;
  for (const sent of sentencesOf(doc, lex.dotted)) {
    const tokens = words.slice(sent.start, sent.end);
    const cues = cuesOf(lex, text, tokens);
    const inherited = scope.enter(sent.block, tokens, text, sent.start, sent.end, isListItem(text, doc.blocks[sent.block]!));
    scope.leave(cues, sent.end);
    const before = prevSentence;
    prevSentence = { block: sent.block, tokens };
    if (repeated.has(sent.block)) continue;
    // only sentences with a number or an unmet flag can hold a fact
    if (!tokens.some((t) => hasDigits(t) || lex.numbers.fractionFirst.has(t.k))) {
      if (!tokens.some((t) => lex.unmetFirst.has(t.k))) continue;
    }
    let quoted: string | null = null;
    // the sentence, computed once; a very long one is quoted around each figure instead
    const quote = (at = sent.start, end = at) => (sent.end - sent.start > MAX_QUOTE ? quoteOf(text, sent, at, end) : (quoted ??= quoteOf(text, sent)));
    const chain = sectionChain(sections, sent.start).map(titleOf);
    const flags = unmetFlags(ctx, tokens);
    // stage 1: candidates; stage 2: resolution (teams first, then figures, then shortfalls)
    const candidates = candidatesOf(ctx, sent, tokens);
    const afterTeams = before?.block === sent.block && lex.teamNames.has(before.tokens);
    drafts.push(...readTeams(ctx, sent, tokens, candidates, quote, afterTeams));
    const figures = readFigures(ctx, sent, candidates, { tokens, quote, sections: chain, flaggedUnmet: flags.length > 0, cues, inherited });
    // "… 3.120 trong tổng số 3.321 xã. Số này chiếm 93,95% …": the percentage of the ratio just before
    const restated = statedNext(lex, tokens, sent.block, lastSentence, figures);
    if (restated) {
      restated.ratio.stated_percent = restated.percent.fact.value;
      figures.splice(figures.indexOf(restated.percent), 1);
      candidates.find((c) => c.n.start === restated.percent.fact.start)?.decisions.push({ step: "skip", value: "", rule: "stated_percent", phrase: restated.phrase });
    }
    lastSentence = { block: sent.block, figures };
    drafts.push(...figures);
    if (flags.length) drafts.push(...readUnmet(ctx, tokens, quote, figures.map((d) => d.fact), flags, candidates));
    trace?.candidates?.(candidates, { start: sent.start, end: sent.end, inherited });
  }
  drafts.push(...readTables(ctx));

  const facts = new Facts(doc, sections, trace?.fact);
  for (const d of drafts) facts.add(d);

  const targets = ruleTargets(rules.targets, meta);
  const { indicators, teams } = summarise(facts, meta, targets, issues);
  markOcrConfidence(doc, facts.list, issues);
  return {
    schema: SCHEMA,
    source,
    // the round: what kind of period the document covers (issue 9)
    document: { ...meta, round: roundOfPeriod(meta.period) },
    sections,
    facts: facts.list,
    indicators,
    teams,
    issues,
    rules_version: rules.version,
  };
}

/**
 * A sentence opening with words for "this figure" (rules: words.this_figure) whose first figure is
 * the percentage of the ratio that ended the sentence before it, in the same paragraph.
 */
function statedNext(lex: Lexicon, tokens: readonly Token[], block: number, last: { block: number; figures: readonly Drafted[] } | null, figures: readonly Drafted[]) {
  const opener = lex.words.thisFigure.matchAt(tokens, 0);
  if (!opener || !last || last.block !== block) return null;
  const prev = last.figures[last.figures.length - 1]?.fact;
  const first = figures[0];
  if (prev?.kind !== "ratio" || prev.stated_percent !== null || first?.fact.kind !== "percent") return null;
  if (Math.abs(first.fact.value - ratioPercent(prev.num, prev.den)) > 0.5) return null;
  return { ratio: prev, percent: first as Drafted & { fact: { kind: "percent"; value: number; start: number } }, phrase: opener.phrase };
}

/**
 * Blocks that repeat an earlier paragraph word for word: read once, reported once. On recognised
 * text a copy is read a little differently each time (copies.ts).
 */
function repeatedBlocks(doc: NormalizedDocument, issues: Issue[]): Set<number> {
  const seen = new Map<string, number>();
  // recognised text: paragraphs by their figures, to compare with the readings of the same figures
  const byFigures = new Map<string, string[]>();
  const out = new Set<number>();
  doc.blocks.forEach((b, i) => {
    if (b.kind === "table" || b.end - b.start < 80) return;
    // copies are exact: compare the text as written (collapsing white space only for the message)
    const key = doc.text.slice(b.start, b.end).trim();
    let copy = seen.has(key);
    if (doc.ocr && !copy) {
      const figures = figuresKey(key);
      const same = byFigures.get(figures) ?? byFigures.set(figures, []).get(figures)!;
      copy = same.some((t) => sameParagraph(t, key));
      if (!copy) same.push(key);
    }
    if (copy) {
      out.add(i);
      issues.push({ kind: "duplicate_paragraph", message: `Đoạn văn lặp lại nguyên văn: “${collapse(key.slice(0, 100)).slice(0, 80)}…” (paragraph repeated word for word)`, start: b.start, end: b.end });
    } else seen.set(key, i);
  });
  return out;
}

/** A block that opens with a list marker ("-", "–", "+", "•", "(1)", "1.", "a)"): ingest/markers.ts decides. */
function isListItem(text: string, b: Block): boolean {
  return opensListItem(text.slice(b.start, Math.min(b.end, b.start + 8)));
}
