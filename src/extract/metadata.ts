// Document metadata: kind, number, issuing date, commune/ward, province, period, signer.
// Read from the national header, the title, the body's own mentions and the signature block,
// wherever the reader put them.

import { BULLET, NUMBERED_START } from "../ingest/markers.js";
import type { NormalizedDocument } from "../ingest/types.js";
import { collapse } from "../ingest/normalize.js";
import type { DocTokens } from "./doctokens.js";
import type { Lexicon } from "./lexicon.js";
import { findPeriods, samePeriod, type PeriodMention } from "./period.js";
import type { Span } from "./segments.js";
import type { DocumentMeta, Issue, Kind, Period, UnitLevel } from "./types.js";
import { loadFormerUnits, loadUnits, placeUnit, type FormerUnit, type OfficialUnit } from "./units.js";
import { foldPhrase, foldWord, tokenize } from "./vnkey.js";

export interface Line extends Span {
  text: string;
}

export function linesOf(text: string, from = 0, to = text.length): Line[] {
  const out: Line[] = [];
  let start = from;
  while (start <= to) {
    let end = text.indexOf("\n", start);
    if (end < 0 || end > to) end = to;
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t) out.push({ start: start + lead, end: start + lead + t.length, text: t });
    start = end + 1;
  }
  return out;
}

export interface MetaResult {
  meta: DocumentMeta;
  issues: Issue[];
  /** Span of the title (after "BÁO CÁO"/"KẾ HOẠCH"), if found. */
  title: Span | null;
  /** Index of the first block after the title (where the body starts). */
  bodyBlock: number;
}

const isUpper = (s: string) => s === s.toUpperCase() && s !== s.toLowerCase();

export function readMetadata(doc: NormalizedDocument, lex: Lexicon, words: DocTokens): MetaResult {
  const text = doc.text;
  const issues: Issue[] = [];
  const { kind, title, bodyBlock } = findKindAndTitle(doc, lex);
  const number = findNumber(text, lex, issues);
  const issued = findIssuedOn(text, lex, issues);
  const unit = findUnit(doc, title, issues, lex);
  const period = findPeriod(doc, lex, words, title, bodyBlock, kind, issues);
  const signer = findSigner(text, lex);
  return {
    meta: {
      kind,
      number,
      unit: { level: unit.level, name: unit.name, code: unit.code },
      province: unit.province,
      province_code: unit.provinceCode,
      district: unit.district,
      former_unit: unit.former
        ? { code: unit.former.code, level: unit.former.level, name: unit.former.name, district: unit.former.district, province: unit.former.province }
        : null,
      issued_on: issued,
      period,
      signer,
    },
    issues,
    title,
    bodyBlock,
  };
}

// --- kind and title -------------------------------------------------------------------------

/** The first paragraph of the body: opening words (document.yaml body_start), "ngày 5 …", or a numbered paragraph. */
function opensBody(lex: Lexicon, t: string): boolean {
  if (NUMBERED_START.test(t)) return true;
  const w = tokenize(t.slice(0, 60), lex.abbr);
  // as written, case aside: tone marks matter here ("Để triển khai …" opens the body, a title line "Đề án …" does not)
  const m = lex.bodyStart.matchAt(w, 0);
  if (m && t.slice(m.s, m.e).normalize("NFC").toLowerCase() === m.phrase.normalize("NFC").toLowerCase()) return true;
  return !!w[0] && !!w[1]?.num && lex.periodWords.day.some((d) => foldPhrase(d) === w[0]!.k) && /^\S+ \d/u.test(t);
}

/** "Số: 12/BC-UBND": a line opening with the document number's label and a colon. */
function isNumberLine(lex: Lexicon, t: string): boolean {
  const w = tokenize(t.slice(0, 20), lex.abbr);
  const m = lex.numberLabel.matchAt(w, 0);
  return !!m && /^\s*:/u.test(t.slice(m.e));
}

function findKindAndTitle(doc: NormalizedDocument, lex: Lexicon): { kind: Kind; title: Span | null; bodyBlock: number } {
  const { text, blocks } = doc;
  const limit = Math.min(blocks.length, 30);
  for (let bi = 0; bi < limit; bi++) {
    const b = blocks[bi]!;
    if (b.kind === "table") continue;
    for (const line of linesOf(text, b.start, b.end)) {
      const words = tokenize(line.text);
      let kind: Kind | null = null;
      for (const [k, set] of [["report", lex.reportKind], ["plan", lex.planKind]] as const) {
        const m = set.matchAt(words, 0);
        // the kind word stands alone on its line, or opens the title line in capitals ("BÁO CÁO Kết quả …")
        if (m && (m.to === words.length || isUpper(line.text.slice(0, m.e)))) kind = k;
      }
      if (!kind) continue;
      // the title: the rest of this block and up to two following short heading-like blocks
      const kindLineEnd = line.end;
      const kindWordsEnd = line.start + wordsEndOffset(line.text, kind === "report" ? lex.reportKind : lex.planKind);
      let start = kindWordsEnd < kindLineEnd ? kindWordsEnd : -1;
      let end = kindLineEnd;
      if (b.end > kindLineEnd) {
        if (start < 0) start = kindLineEnd;
        end = b.end;
      }
      let next = bi + 1;
      for (; next < Math.min(blocks.length, bi + 3); next++) {
        const nb = blocks[next]!;
        const t = collapse(text.slice(nb.start, nb.end));
        if (nb.kind === "table" || opensBody(lex, t) || t.length > 300 || isNumberLine(lex, t)) break;
        if (!(nb.kind === "heading" || nb.bold || t.length < 200)) break;
        if (start < 0) start = nb.start;
        end = nb.end;
      }
      const title = start >= 0 && end > start ? { start, end } : null;
      return { kind, title, bodyBlock: next };
    }
  }
  // no title in capitals: a short heading-like block opening with "Báo cáo …"/"Kế hoạch …" (not "Kế hoạch số …")
  for (let bi = 0; bi < limit; bi++) {
    const b = blocks[bi]!;
    if (b.kind === "table" || b.end - b.start > 300 || !(b.kind === "heading" || b.bold || b.align === "center")) continue;
    const words = tokenize(text.slice(b.start, b.end));
    for (const [k, set] of [["report", lex.reportKind], ["plan", lex.planKind]] as const) {
      const m = set.matchAt(words, 0);
      if (m && words[m.to] && !lex.numberLabel.matchAt(words, m.to)) return { kind: k, title: { start: b.start, end: b.end }, bodyBlock: bi + 1 };
    }
  }
  return { kind: "other", title: null, bodyBlock: 0 };
}

/** Offset just after the kind word at the start of an all-capitals title line. */
function wordsEndOffset(line: string, set: Lexicon["reportKind"]): number {
  const words = tokenize(line);
  const m = set.matchAt(words, 0);
  return m ? m.e : line.length;
}

// --- number and date ------------------------------------------------------------------------

function findNumber(text: string, lex: Lexicon, issues: Issue[]): string | null {
  const head = text.slice(0, Math.min(text.length, 3000));
  const m = lex.header.numberLine.exec(head);
  if (m) {
    const at = m.index + m[1]!.length + m[2]!.length;
    // a narrow header column may wrap the number onto a line of its own under "Số:" (in a PDF the
    // place-date line of the other column may come between)
    const rest = m[4]!.trim() || wrappedNumber(head.slice(m.index + m[0].length));
    const v = /^(\d+[a-zA-Z]?)\s*\/\s*([\p{L}\d][\p{L}\d.\-–/]*[\p{L}\d])/u.exec(rest.trim());
    if (v) return `${v[1]}/${v[2]!.replace(/–/g, "-")}`;
    issues.push({ kind: "missing_number", message: "Số văn bản để trống (blank document number)", start: at, end: at + m[0].trim().length });
    return null;
  }
  issues.push({ kind: "missing_number", message: "Không thấy số văn bản (no document number)", start: null, end: null });
  return null;
}

/** The first of the next three lines that opens like a document number ("215/BC-UBND", "/BC-UBND"). */
function wrappedNumber(after: string): string {
  const lines = after.split("\n").map((l) => l.trim()).filter(Boolean).slice(0, 3);
  return lines.find((l) => /^(?:\d+[a-zA-Z]?\s*)?\/\s*\p{Lu}/u.test(l)) ?? "";
}

// the place-date line (lex.header: the words of rules/document.yaml); a reader that could not
// split the header's columns may leave "Số: …" before it
function findIssuedOn(text: string, lex: Lexicon, issues: Issue[]): string | null {
  for (const line of linesOf(text)) {
    if (line.text.length > 120 || line.text.startsWith("(")) continue;
    const t = line.text.replace(/^[*_]+|[*_]+$/g, "");
    const m = lex.header.placeDate.exec(t) ?? lex.header.placeDateNumeric.exec(t);
    if (!m || lex.header.notPlaceDate.test(t)) continue;
    const day = Number(m[2]);
    const month = Number(m[3]);
    const year = Number(m[4]);
    if (!day || !month) {
      issues.push({ kind: "missing_date", message: "Ngày ban hành để trống (blank issue date)", start: line.start, end: line.end });
      return null;
    }
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCMonth() !== month - 1) continue;
    return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  }
  issues.push({ kind: "missing_date", message: "Không thấy ngày ban hành (no issue date)", start: null, end: null });
  return null;
}

// --- unit and province ----------------------------------------------------------------------

interface UnitPick {
  level: UnitLevel | null;
  name: string | null;
  code: string | null;
  province: string | null;
  provinceCode: string | null;
  district: { level: string; name: string } | null;
  former: FormerUnit | null;
}

const LETTER = /\p{L}/u;
const NAME_WORDS = "((?:[\\p{Lu}\\d][\\p{L}\\p{M}'’\\d-]*)(?:[ \\t]+[\\p{Lu}\\d][\\p{L}\\p{M}'’\\d-]*){0,5})";
/** A province's name after its level word: up to four capitalised words. */
const PROVINCE_WORDS = "((?:[\\p{Lu}][\\p{L}\\p{M}'’-]*)(?:[ \\t]+[\\p{Lu}][\\p{L}\\p{M}'’-]*){0,3})";

interface LevelMatcher {
  /** The level word opens the pattern so the regex engine can skip ahead to it; the word boundary before it is checked in code. */
  re: RegExp;
  /** Folded level word → level code. */
  levels: Map<string, string>;
}
const matchers = new Map<object, Map<string, LevelMatcher>>();

/** A mention pattern for the level words of one rules list (lower case, Capitalised, UPPER CASE). */
function levelMatcher(words: Record<string, string[]>, nameWords = NAME_WORDS): LevelMatcher {
  const byName = matchers.get(words) ?? matchers.set(words, new Map()).get(words)!;
  let m = byName.get(nameWords);
  if (m) return m;
  const levels = new Map<string, string>();
  const alts: string[] = [];
  for (const [code, list] of Object.entries(words))
    for (const w of list) {
      levels.set(foldPhrase(w), code);
      const lower = w.normalize("NFC").toLowerCase();
      for (const v of [lower, lower[0]!.toUpperCase() + lower.slice(1), lower.toUpperCase()]) alts.push(v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+"));
    }
  alts.sort((a, b) => b.length - a.length);
  m = { re: new RegExp(`()(${alts.join("|")})\\.?\\s+${nameWords}`, "gu"), levels };
  byName.set(nameWords, m);
  return m;
}

function titleCase(s: string): string {
  return s
    .toLowerCase()
    .split(/(\s+)/)
    .map((w) => (w.trim() ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join("");
}

function findUnit(doc: NormalizedDocument, title: Span | null, issues: Issue[], lex: Lexicon): UnitPick {
  const units = loadUnits(lex.places);
  const former = loadFormerUnits; // read only when a name is not a current unit
  const text = doc.text;
  const communes = levelMatcher(lex.places.communes);
  const scores = new Map<string, { level: UnitLevel; name: string; official: OfficialUnit[]; isFormer: boolean; score: number; first: number }>();
  for (const m of text.matchAll(communes.re)) {
    if (m.index! > 0 && LETTER.test(text[m.index! - 1]!)) continue;
    const level = communes.levels.get(foldPhrase(m[2]!)) as UnitLevel | undefined;
    if (!level) continue;
    const words = m[3]!.split(/\s+/);
    const at = m.index! + m[1]!.length;
    const inTitle = title && at >= title.start && at < title.end;
    const cueWords = tokenize(text.slice(Math.max(0, at - 30), at), lex.abbr);
    const strong = !!lex.unitCues.matchEndingAt(cueWords, cueWords.length) && /\p{L}\s*$/u.test(text.slice(Math.max(0, at - 30), at));
    // longest prefix that is an official commune name (keys built from one tokenisation), else a
    // commune as it was before 1 July 2025
    const toks = tokenize(m[3]!);
    let best: { name: string; official: OfficialUnit[]; isFormer: boolean } | null = null;
    if (level !== "thi_tran")
      for (let n = Math.min(toks.length, units.maxWords); n >= 1; n--) {
        const list = units.unitsByKey.get(toks.slice(0, n).map((t) => t.k).join(" "));
        if (list) {
          best = { name: m[3]!.slice(0, toks[n - 1]!.e), official: list, isFormer: false };
          break;
        }
      }
    // a name in capitals after a level word in capitals is a heading ("CỘNG HÒA XÃ HỘI …") unless
    // the words before it say whose it is
    const sameLine = !m[0].slice(m[1]!.length + m[2]!.length, m[0].length - m[3]!.length).includes("\n");
    if (!best && sameLine && (strong || !isUpper(m[2]! + m[3]!)))
      for (let n = Math.min(toks.length, former().maxWords); n >= 1; n--) {
        if (former().byName.has(toks.slice(0, n).map((t) => t.k).join(" "))) {
          best = { name: m[3]!.slice(0, toks[n - 1]!.e), official: [], isFormer: true };
          break;
        }
      }
    let name: string;
    let official: OfficialUnit[] = [];
    if (best) {
      name = best.name;
      official = best.official;
    } else {
      if (!strong || isUpper(m[3]!)) continue;
      // not in the official list: keep the capitalised words as written
      name = words.filter((w, i) => i === 0 || /^[\p{Lu}]/u.test(w)).slice(0, 3).join(" ");
    }
    if (isUpper(name)) name = official[0]?.name ?? titleCase(name);
    const key = `${level}|${foldPhrase(name)}`;
    const e = scores.get(key) ?? { level, name, official, isFormer: !!best?.isFormer, score: 0, first: at };
    e.score += (inTitle ? 5 : 1) + (strong ? 1 : 0) + (official.length || best?.isFormer ? 1 : 0);
    scores.set(key, e);
  }
  const ranked = [...scores.values()].sort((a, b) => b.score - a.score || a.first - b.first);
  const top = ranked[0];
  const provinces = provinceMentions(text, lex);
  const district = districtMention(text, lex);
  if (!top) {
    issues.push({ kind: "unknown_unit", message: "Không xác định được xã/phường (commune not found)", start: null, end: null });
    const p = provinces[0];
    return { level: null, name: null, code: null, province: p?.name ?? null, provinceCode: p?.code || null, district, former: null };
  }
  // written before 1 July 2025 (a district, a former province, a thị trấn) or not a current unit:
  // the one placement decision of units.ts, with the district and province the text names
  const formerProvince = provinces.length > 0 && !provinces[0]!.code;
  if (district || formerProvince || top.level === "thi_tran" || !top.official.length) {
    const placed = placeUnit({ name: top.name, level: top.level, province: provinces[0]?.name ?? null, district: district?.name ?? null }, lex.places);
    if (placed.problem) issues.push({ kind: placed.problem.kind, message: placed.problem.message, start: null, end: null });
    const prov = placed.provinceCode ? units.provinces.find((p) => p.code === placed.provinceCode) : undefined;
    return {
      level: top.level,
      name: top.name,
      code: placed.code,
      // placed: its province now; not placed: the province as the text names it
      province: (placed.code ? prov?.name : provinces[0]?.name) ?? prov?.name ?? null,
      provinceCode: prov?.code ?? null,
      district,
      former: placed.former,
    };
  }
  // the official unit: same level and a province the text names, else the only one of that name
  const sameLevel = top.official.filter((u) => u.level === top.level);
  const pool = sameLevel.length ? sameLevel : top.official;
  const named = new Set(provinces.map((p) => p.code));
  const inNamed = pool.filter((u) => named.has(u.provinceCode));
  let unit: OfficialUnit | undefined;
  if (inNamed.length) unit = inNamed.sort((a, b) => rank(provinces, a.provinceCode) - rank(provinces, b.provinceCode))[0];
  else if (pool.length === 1) unit = pool[0];
  const province = unit ? { name: unit.province, code: unit.provinceCode } : provinces[0] ?? null;
  return {
    level: top.level,
    name: top.name,
    code: unit?.code ?? null,
    province: province?.name ?? null,
    provinceCode: province?.code || null,
    district,
    former: null,
  };
}

/** The district (huyện, quận, thị xã, thành phố) the text names most, as it was before 1 July 2025. */
function districtMention(text: string, lex: Lexicon): { level: string; name: string } | null {
  const units = loadUnits(lex.places);
  const former = loadFormerUnits;
  const districts = levelMatcher(lex.places.districts);
  const counts = new Map<string, { level: string; name: string; count: number; first: number }>();
  for (const m of text.matchAll(districts.re)) {
    if (m.index! > 0 && LETTER.test(text[m.index! - 1]!)) continue;
    const level = districts.levels.get(foldPhrase(m[2]!));
    if (!level || m[0].slice(m[1]!.length + m[2]!.length, m[0].length - m[3]!.length).includes("\n")) continue;
    const toks = tokenize(m[3]!);
    const keys: { k: string; n: number }[] = [];
    for (let n = Math.min(toks.length, 5); n >= 1; n--) keys.push({ k: toks.slice(0, n).map((t) => t.k).join(" "), n });
    if (keys.some(({ k }) => units.provinceByKey.has(k))) continue; // "thành phố Hải Phòng": a province
    for (const { k, n } of keys) {
      if (!former().districts.has(k)) continue;
      if (former().provinces.has(k)) break;
      const e = counts.get(k) ?? { level, name: m[3]!.slice(0, toks[n - 1]!.e), count: 0, first: m.index! };
      e.count++;
      counts.set(k, e);
      break;
    }
  }
  const best = [...counts.values()].sort((a, b) => b.count - a.count || a.first - b.first)[0];
  return best ? { level: best.level, name: best.name } : null;
}

function rank(list: { code: string }[], code: string): number {
  const i = list.findIndex((p) => p.code === code);
  return i < 0 ? 1e9 : i;
}

/** Provinces the text names ("tỉnh Thái Nguyên", "thành phố Hải Phòng"), most mentioned first. */
function provinceMentions(text: string, lex: Lexicon): { name: string; code: string; count: number }[] {
  const units = loadUnits(lex.places);
  const former = loadFormerUnits;
  const counts = new Map<string, { name: string; code: string; count: number; first: number }>();
  // the level words of rules/places.yaml provinces ("tỉnh", "thành phố", "TP.")
  for (const m of text.matchAll(levelMatcher(lex.places.provinces, PROVINCE_WORDS).re)) {
    if (m.index! > 0 && LETTER.test(text[m.index! - 1]!)) continue;
    const toks = tokenize(m[3]!);
    const sameLine = !m[0].slice(m[1]!.length + m[2]!.length, m[0].length - m[3]!.length).includes("\n");
    for (let n = Math.min(toks.length, 4); n >= 1; n--) {
      const k = toks.slice(0, n).map((t) => t.k).join(" ");
      // a current province, else one of the 63 before 1 July 2025 (code "": not a current province)
      const p = units.provinceByKey.get(k) ?? (sameLine && former().provinces.has(k) ? { code: "", name: m[3]!.slice(0, toks[n - 1]!.e) } : undefined);
      if (p) {
        const id = p.code || `former:${k}`;
        const e = counts.get(id) ?? { name: p.name, code: p.code, count: 0, first: m.index! };
        e.count++;
        counts.set(id, e);
        break;
      }
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.first - b.first);
}

// --- period ---------------------------------------------------------------------------------


function findPeriod(doc: NormalizedDocument, lex: Lexicon, words: DocTokens, title: Span | null, bodyBlock: number, kind: Kind, issues: Issue[]): Period | null {
  const text = doc.text;
  // the title's period, not the "phương hướng … 6 tháng cuối năm" it also announces
  const inTitle = title ? reportedPeriods(text, title, lex) : [];
  const range = inTitle.find((p) => p.end - p.start > 12 && lex.header.from.test(text.slice(p.start, p.start + lex.header.fromWindow)));
  let period: Period | null = (range ?? inTitle[0])?.period ?? null;
  // the body's own statements of the period: the opening paragraph and the closing sentence
  const stated: PeriodMention[] = [];
  const intro = doc.blocks.slice(bodyBlock, bodyBlock + 3).filter((b) => b.kind !== "table");
  for (const b of intro) stated.push(...reportedPeriods(text, b, lex));
  for (const b of doc.blocks) {
    if (b.kind === "table") continue;
    const i = words.indexAt(b.start);
    if (lex.closing.matchAt(words.all, i, Math.min(words.all.length, i + 6))) stated.push(...reportedPeriods(text, b, lex));
  }
  if (!period) {
    const first = kind === "plan" ? intro.flatMap((b) => findPeriods(text, b, lex))[0] : stated[0];
    period = first?.period ?? null;
  } else {
    const off = stated.find((s) => !samePeriod(s.period, period!));
    if (off)
      issues.push({
        kind: "period_mismatch",
        message: `Kỳ báo cáo ở tiêu đề (${period.start} → ${period.end}) khác kỳ ghi trong văn bản: “${collapse(text.slice(off.start, off.end))}” (period in the title differs from the body)`,
        start: off.start,
        end: off.end,
      });
  }
  return period;
}

/** Periods a block says it reports on (skips "phương hướng, nhiệm vụ 6 tháng cuối năm …"). */
function reportedPeriods(text: string, b: Span, lex: Lexicon): PeriodMention[] {
  return findPeriods(text, b, lex).filter((p) => {
    const before = tokenize(text, lex.abbr, Math.max(b.start, p.start - 40), p.start).slice(-5);
    return !lex.future.has(before);
  });
}

// --- signer ---------------------------------------------------------------------------------

function findSigner(text: string, lex: Lexicon): { name: string | null; title: string | null } {
  const lines = linesOf(text);
  for (let i = lines.length - 1; i >= 0; i--) {
    const raw = lines[i]!.text.replace(/^[*_]+|[*_]+$/g, "").trim();
    const bare = raw.replace(lex.header.signingPrefix, "");
    if (bare.length > 40 || !isUpper(bare)) continue;
    const words = tokenize(bare);
    const m = lex.signerTitles.matchAt(words, 0);
    if (!m || m.to !== words.length) continue;
    // the name: the next short line of capitalised words
    // (a reader may have interleaved the "Nơi nhận" list beside it: skip its "- …" lines)
    for (let j = i + 1; j < Math.min(lines.length, i + 8); j++) {
      const cand = lines[j]!.text.replace(/^[*_]+|[*_]+$/g, "").trim();
      // the title as the rules spell it: a recognised scan may have lost a tone mark ("PHO CHỦ TỊCH")
      if (isPersonName(cand, lex)) return { name: isUpper(cand) ? titleCase(cand) : cand, title: sentenceCaseTitle(plainPhrase(m.phrase) ?? bare) };
      if (BULLET.test(cand) || isSigningNote(lex, cand)) continue;
      if (!isUpper(cand)) break;
    }
  }
  return { name: null, title: null };
}

function isPersonName(s: string, lex: Lexicon): boolean {
  const words = s.split(/\s+/);
  if (words.length < 2 || words.length > 6) return false;
  if (!words.every((w) => /^[\p{Lu}][\p{L}\p{M}]*$/u.test(w))) return false;
  const toks = tokenize(s);
  return !lex.signerTitles.matchAt(toks, 0) && !lex.notNames.matchAt(toks, 0);
}

/** "(Đã ký)", "Ký, đóng dấu", "Nơi nhận:": a line between a signer's title and name that is not the name. */
function isSigningNote(lex: Lexicon, s: string): boolean {
  const toks = tokenize(s);
  return !!lex.signingNotes.matchAt(toks, 0);
}

/** A rules phrase that is plain words (no alternatives or gaps), else null. */
function plainPhrase(p: string): string | null {
  return /^[\p{L}\p{M} ]+$/u.test(p) ? p : null;
}

/** "PHÓ CHỦ TỊCH" → "Phó Chủ tịch"; "GIÁM ĐỐC" → "Giám đốc". */
export function sentenceCaseTitle(s: string): string {
  const lower = collapse(s).toLowerCase();
  const cap = (w: string) => (w ? w[0]!.toUpperCase() + w.slice(1) : w);
  const words = lower.split(" ");
  if (words[0] === "phó" && words.length > 1) return ["Phó", cap(words[1]!), ...words.slice(2)].join(" ");
  return cap(lower);
}

