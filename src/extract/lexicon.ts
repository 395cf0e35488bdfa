// Rules compiled for matching: every phrase list becomes a PhraseSet once per rules version.

import type { IndicatorRule, Rules } from "../rules/schema.js";
import { numberWords, type NumberWords } from "./numbers.js";
import { PhraseSet, type Match } from "./phrases.js";
import { dottedAbbreviations, type DottedAbbreviations } from "./segments.js";
import { compileAbbreviations, foldPhrase, foldWord, type Abbreviations, type Token } from "./vnkey.js";

export interface CompiledIndicator {
  rule: IndicatorRule;
  code: string;
  subject: PhraseSet | null;
  about: PhraseSet[];
  context: PhraseSet | null;
  not: PhraseSet | null;
  flag: PhraseSet | null;
  countUnits: PhraseSet | null;
  /** Folded labels for fuzzy matching of table rows. */
  labels: string[];
}

/** Folded keys of one-word phrases. */
export type WordSet = ReadonlySet<string>;

export interface Lexicon {
  version: string;
  /** Short forms written in capitals, expanded while matching (rules/language.yaml abbreviations). */
  abbr: Abbreviations;
  /** Short forms written with a dot that does not end a sentence (rules/language.yaml dotted_abbreviations), for sentence splitting. */
  dotted: DottedAbbreviations;
  indicators: CompiledIndicator[];
  byCode: Map<string, CompiledIndicator>;
  /** A result stated beside a goal (rules/language.yaml stated_result). */
  statedResult: { times: PhraseSet; year: PhraseSet; verbs: PhraseSet };
  /** Multipliers and words for "%" (rules/language.yaml numbers), for findNumbers. */
  numbers: NumberWords;
  about: PhraseSet;
  over: PhraseSet;
  under: PhraseSet;
  target: PhraseSet;
  actual: PhraseSet;
  /** Cue words matched only with their own tone mark (rules/language.yaml tone_exact): folded key → the words as written (NFC, lower case). */
  toneExact: ReadonlyMap<string, ReadonlySet<string>>;
  targetSections: PhraseSet;
  connectors: PhraseSet;
  /** A goal's deadline still ahead (rules/language.yaml open_deadline). */
  openDeadline: PhraseSet;
  actualSections: PhraseSet;
  targetAdjacent: PhraseSet;
  unmet: PhraseSet;
  /** First words of the unmet phrases: a sentence without any cannot hold a flag. */
  unmetFirst: Set<string>;
  shareOfTarget: PhraseSet;
  teamNames: PhraseSet;
  teamNot: PhraseSet;
  teamWord: PhraseSet;
  teamFounding: PhraseSet;
  teamMembers: PhraseSet;
  /** The first team_members phrase: the members proper ("thành viên"); the others count only beside a team. */
  memberWord: string;
  /** Words right before a commune's name that make the mention strong ("Ủy ban nhân dân xã …", "trên địa bàn xã …"). */
  unitCues: PhraseSet;
  /** Words that may open a numbered heading ("Phần I", "Mục 2"). */
  sectionWords: readonly string[];
  perEach: PhraseSet;
  /** Words between the ends of a range: "từ 5 đến 7 thành viên". */
  rangeJoiners: PhraseSet;
  /** Words right before a day/month that make it a date: "ngày 15/10", "chiều 10/10". */
  dateBefore: PhraseSet;
  /** What teams do for people: the people after these are helped, not members ("hướng dẫn 940 người"). */
  teamHelps: PhraseSet;
  /** Right before a number: a rank, not a figure ("xếp thứ 9/34"). */
  rankWords: PhraseSet;
  /** Before a place or unit noun, "one" is a share for each (rules/language.yaml distributive). */
  distributive: PhraseSet;
  communeLevel: PhraseSet;
  villages: PhraseSet;
  rosterCues: PhraseSet;
  attendanceCues: PhraseSet;
  countUnits: PhraseSet;
  background: PhraseSet;
  /** How a place is made up (rules/language.yaml structure). */
  structure: { verbs: PhraseSet; units: PhraseSet; joiners: PhraseSet };
  levelWords: PhraseSet;
  words: {
    bareUnmet: PhraseSet;
    fillers: WordSet;
    resultVerbs: WordSet;
    restate: WordSet;
    located: PhraseSet;
    mentioned: PhraseSet;
    thisFigure: PhraseSet;
    rate: PhraseSet;
    numberOf: WordSet;
    amount: WordSet;
    total: WordSet;
    plural: WordSet;
  };
  notCounts: PhraseSet;
  /** Verbs ending with a not_counts word that still count the number after them (rules/language.yaml counts_after). */
  countsAfter: PhraseSet;
  colTarget: PhraseSet;
  colActual: PhraseSet;
  colEvaluation: PhraseSet;
  colLabel: PhraseSet;
  colCode: PhraseSet;
  colEvidence: PhraseSet;
  colUnit: PhraseSet;
  colShare: PhraseSet;
  yes: PhraseSet;
  no: PhraseSet;
  notApplicable: PhraseSet;
  reportKind: PhraseSet;
  planKind: PhraseSet;
  periods: { set: PhraseSet; start: string; end: string }[];
  /** Words of periods written with dates (rules/document.yaml period_words), NFC. */
  periodWords: Record<"from" | "to" | "until_end" | "day" | "month" | "year" | "stage", string[]>;
  listParents: PhraseSet;
  appendix: PhraseSet;
  notSections: PhraseSet;
  signerTitles: PhraseSet;
  bodyStart: PhraseSet;
  numberLabel: PhraseSet;
  /** The header's number and place-date lines (number_label, period_words, not_place_date), compiled once. */
  header: HeaderPatterns;
  signingNotes: PhraseSet;
  notNames: PhraseSet;
  closing: PhraseSet;
  topic: PhraseSet;
  future: PhraseSet;
  /** Level words of place names (rules/places.yaml), for findUnit. */
  places: Rules["places"];
}

/**
 * The header's lines as regular expressions whose words come from rules/document.yaml: the
 * structure (label, colon, "place, day month year") is here, the words are the analyst's.
 */
export interface HeaderPatterns {
  /** "Số: 12/BC-UBND" at a line start, the label capitalised as written there: [1] line break, [2] indent, [3] label, [4] the rest of the line. */
  numberLine: RegExp;
  /** "Xã A, ngày 05 tháng 6 năm 2026" (blank day and month allowed): [1] place, [2] day, [3] month, [4] year. */
  placeDate: RegExp;
  /** "Xã A, ngày 05/6/2026". */
  placeDateNumeric: RegExp;
  /** Lines opening with these are never the place-date line ("ngày …", "Căn cứ …"). */
  notPlaceDate: RegExp;
  /** A period that opens with a "from" word ("từ tháng 1 đến …"): tested on the period's first `fromWindow` characters. */
  from: RegExp;
  fromWindow: number;
  /** "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN": a signing prefix (signing_prefixes) before the signer's title, with its dot. */
  signingPrefix: RegExp;
}

/** Alternatives of plain words (NFC, longest first; a space matches any white space). */
function wordsPattern(words: readonly string[]): string {
  return [...words]
    .map((w) => w.normalize("NFC").trim())
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/\s+/g, "\\s+"))
    .join("|");
}

function headerPatterns(D: Rules["document"]): HeaderPatterns {
  const W = D.period_words;
  const label = wordsPattern(D.number_label);
  // at a line start the label is written with a capital ("Số:"); a lower-case "số …" line is prose
  const capital = wordsPattern(D.number_label.map((w) => w.normalize("NFC").replace(/^\p{L}/u, (c) => c.toUpperCase())));
  const place = `^(?:(?:${label})\\s*:?\\s*\\S*\\s+)?([\\p{L}][\\p{L}\\p{M} .'’-]{0,40}?)`;
  const [day, month, year] = [wordsPattern(W.day), wordsPattern(W.month), wordsPattern(W.year)];
  const fromWords = W.from.map((w) => w.normalize("NFC"));
  return {
    numberLine: new RegExp(`(^|\\n)([ \\t]*)(${capital})\\s*:?[ \\t]*([^\\n]{0,60})`, "u"),
    placeDate: new RegExp(`${place}\\s*,?\\s*(?:${day})\\s*([0-9]{1,2}|[.…_\\s]*)\\s*(?:${month})\\s*([0-9]{1,2}|[.…_\\s]*)\\s*(?:${year})\\s*(\\d{4})`, "iu"),
    placeDateNumeric: new RegExp(`${place}\\s*,\\s*(?:${day})\\s*(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})\\s*[/.-]\\s*(\\d{4})\\s*$`, "iu"),
    notPlaceDate: new RegExp(`^(?:${wordsPattern([...W.day, ...D.not_place_date])})`, "iu"),
    from: new RegExp(`(?:${wordsPattern(fromWords)})`, "iu"),
    fromWindow: Math.max(...fromWords.map((w) => w.length)) + 1,
    signingPrefix: new RegExp(`^(?:${wordsPattern(D.signing_prefixes) || "(?!)"})\\s*\\.?\\s*`, "iu"),
  };
}

function toneExactWords(words: readonly string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const w of words) {
    const k = foldWord(w);
    const set = out.get(k) ?? new Set<string>();
    set.add(w.normalize("NFC").toLowerCase());
    out.set(k, set);
  }
  return out;
}

/** A match keeps the tone marks of its tone-exact words ("sẽ" as written, not the "sẻ" of "chia sẻ"). */
export function tonesHold(lex: Lexicon, text: string, tokens: readonly Token[], m: Match): boolean {
  if (!lex.toneExact.size) return true;
  for (let i = m.from; i < m.to; i++) {
    const t = tokens[i]!;
    const words = lex.toneExact.get(t.k);
    if (words && !words.has(text.slice(t.s, t.e).normalize("NFC").toLowerCase())) return false;
  }
  return true;
}

const cache = new Map<string, Lexicon>();
const set = (p: readonly string[]) => new PhraseSet(p);
const wordSet = (p: readonly string[]): WordSet => new Set(p.map((w) => foldPhrase(w)));
const maybe = (p: readonly string[]) => (p.length ? new PhraseSet(p) : null);

export function lexiconFor(rules: Rules): Lexicon {
  const hit = cache.get(rules.version + rules.dir);
  if (hit) return hit;
  const L = rules.language;
  const D = rules.document;
  const indicators = rules.indicators.map<CompiledIndicator>((r) => ({
    rule: r,
    code: r.code,
    subject: maybe(r.subject),
    about: r.about.filter((g) => g.length).map(set),
    context: maybe(r.context),
    not: maybe(r.not),
    flag: maybe(r.flag),
    countUnits: maybe(r.count_units),
    labels: [r.label, ...r.table_labels].map(foldPhrase),
  }));
  const lex: Lexicon = {
    version: rules.version,
    abbr: compileAbbreviations(L.abbreviations),
    dotted: dottedAbbreviations(L.dotted_abbreviations),
    indicators,
    byCode: new Map(indicators.map((i) => [i.code, i])),
    numbers: numberWords(L.numbers),
    statedResult: { times: set(L.stated_result.times), year: set(L.stated_result.year), verbs: set(L.stated_result.verbs) },
    about: set(L.qualifiers.about),
    over: set(L.qualifiers.over),
    under: set(L.qualifiers.under),
    target: set(L.target),
    actual: set(L.actual),
    toneExact: toneExactWords(L.tone_exact),
    targetSections: set(L.target_sections),
    connectors: set(L.connectors),
    openDeadline: set(L.open_deadline),
    actualSections: set(L.actual_sections),
    targetAdjacent: set(L.target_adjacent),
    unmet: set(L.unmet),
    unmetFirst: new PhraseSet(L.unmet).firstWords(),
    shareOfTarget: set(L.share_of_target),
    teamNames: set(L.team_names),
    teamNot: set(L.team_not),
    teamWord: set(L.team_word),
    teamFounding: set(L.team_founding),
    teamMembers: set(L.team_members),
    memberWord: L.team_members[0]!,
    unitCues: set(D.unit_cues),
    sectionWords: D.section_words,
    perEach: set(L.per_each),
    rangeJoiners: set(L.range_joiners),
    dateBefore: set(L.date_before),
    teamHelps: set(L.team_helps),
    rankWords: set(L.rank_words),
    distributive: set(L.distributive),
    communeLevel: set(L.commune_level),
    villages: set(L.villages),
    rosterCues: set(L.roster_cues),
    attendanceCues: set(L.attendance_cues),
    countUnits: set(L.count_units),
    background: set(L.background),
    structure: { verbs: set(L.structure.verbs), units: set(L.structure.units), joiners: set(L.structure.joiners) },
    levelWords: set(L.level_words),
    words: {
      bareUnmet: set(L.words.bare_unmet),
      fillers: wordSet(L.words.fillers),
      resultVerbs: wordSet(L.words.result_verbs),
      restate: wordSet(L.words.restate),
      located: set(L.words.located),
      mentioned: set(L.words.mentioned),
      thisFigure: set(L.words.this_figure),
      rate: set(L.words.rate),
      numberOf: wordSet(L.words.number_of),
      amount: wordSet(L.words.amount),
      total: wordSet(L.words.total),
      plural: wordSet(L.words.plural),
    },
    notCounts: set(L.not_counts),
    countsAfter: set(L.counts_after),
    colTarget: set(L.columns.target),
    colActual: set(L.columns.actual),
    colEvaluation: set(L.columns.evaluation),
    colLabel: set(L.columns.label),
    colCode: set(L.columns.code),
    colEvidence: set(L.columns.evidence),
    colUnit: set(L.columns.unit),
    colShare: set(L.columns.share),
    yes: set(L.answers.yes),
    no: set(L.answers.no),
    notApplicable: set(L.answers.not_applicable),
    reportKind: set(D.kinds.report),
    planKind: set(D.kinds.plan),
    periods: D.periods.map((p) => ({ set: set([p.phrase]), start: p.start, end: p.end })),
    periodWords: Object.fromEntries(Object.entries(D.period_words).map(([k, v]) => [k, v.map((w) => w.normalize("NFC"))])) as Lexicon["periodWords"],
    listParents: set(D.list_parents),
    appendix: set(D.appendix),
    notSections: set(D.not_sections),
    signerTitles: set(D.signer_titles),
    bodyStart: set(D.body_start),
    numberLabel: set(D.number_label),
    header: headerPatterns(D),
    signingNotes: set(D.signing_notes),
    notNames: set(D.not_names),
    closing: set(D.closing),
    topic: set(D.topic),
    future: set(D.future),
    places: rules.places,
  };
  cache.set(rules.version + rules.dir, lex);
  return lex;
}
