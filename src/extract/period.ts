// Periods as written: "6 tháng đầu năm 2026", "quý III năm 2026", "năm 2025",
// "từ ngày 07/8/2025 đến ngày 31/5/2026", "từ tháng 7/2025 đến tháng 6/2026".

import type { Lexicon } from "./lexicon.js";
import type { Span } from "./segments.js";
import type { Period } from "./types.js";
import { foldWord, tokenize, type Token } from "./vnkey.js";

export interface PeriodMention extends Span {
  period: Period;
}

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function validDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m) && y >= 1990 && y <= 2100;
}

// The regular expressions of periods written with dates, made from the words in
// rules/document.yaml (period_words) once per set of rules.
interface PeriodPatterns {
  rangeDays: RegExp;
  rangeMonths: RegExp;
  stage: RegExp;
  month: RegExp;
  /** Folded "tháng" and "năm" words, for the token scan. */
  monthWords: Set<string>;
  yearWords: Set<string>;
}

const patterns = new WeakMap<Lexicon, PeriodPatterns>();

function escape(w: string): string {
  return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
}

function periodPatterns(lex: Lexicon): PeriodPatterns {
  const hit = patterns.get(lex);
  if (hit) return hit;
  const any = (ws: string[]) => `(?:${ws.map(escape).join("|")})`;
  const w = lex.periodWords;
  const [from, to, end, day, month, year, stage] = [any(w.from), any(w.to), any(w.until_end), any(w.day), any(w.month), any(w.year), any(w.stage)];
  const date = String.raw`(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`;
  const p: PeriodPatterns = {
    rangeDays: new RegExp(`${from}\\s+(?:${day}\\s+)?${date}\\s*(?:${to}|-|–)\\s*(?:${day}\\s+)?${date}`, "giu"),
    stage: new RegExp(`${stage}\\s+((?:19|20)\\d\\d)\\s*[-–]\\s*((?:19|20)\\d\\d)`, "giu"),
    month: new RegExp(`(?<!${day}\\s+\\S{1,4}\\s+)${month}\\s+(\\d{1,2})\\s*(?:${year}\\s+|[/-]\\s*)((?:19|20)\\d\\d)(?!\\d)`, "giu"),
    rangeMonths: new RegExp(`${from}\\s+${month}\\s+(\\d{1,2})\\s*[/.-]\\s*(\\d{4})\\s*(?:${to}|-|–)\\s*(?:${end}\\s+)?${month}\\s+(\\d{1,2})\\s*[/.-]\\s*(\\d{4})`, "giu"),
    monthWords: new Set(w.month.map(foldWord)),
    yearWords: new Set(w.year.map(foldWord)),
  };
  patterns.set(lex, p);
  return p;
}

/** Every period mentioned in text[span], in order. */
export function findPeriods(text: string, span: Span, lex: Lexicon): PeriodMention[] {
  const out: PeriodMention[] = [];
  const slice = text.slice(span.start, span.end);
  const P = periodPatterns(lex);
  for (const m of slice.matchAll(P.rangeDays)) {
    const [d1, m1, y1, d2, m2, y2] = m.slice(1).map(Number) as [number, number, number, number, number, number];
    if (validDate(y1, m1, d1) && validDate(y2, m2, d2))
      out.push({ start: span.start + m.index!, end: span.start + m.index! + m[0].length, period: { start: iso(y1, m1, d1), end: iso(y2, m2, d2) } });
  }
  for (const m of slice.matchAll(P.rangeMonths)) {
    const [m1, y1, m2, y2] = m.slice(1).map(Number) as [number, number, number, number];
    if (validDate(y1, m1, 1) && validDate(y2, m2, 1))
      out.push({ start: span.start + m.index!, end: span.start + m.index! + m[0].length, period: { start: iso(y1, m1, 1), end: iso(y2, m2, lastDay(y2, m2)) } });
  }
  for (const m of slice.matchAll(P.stage)) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (b >= a) out.push({ start: span.start + m.index!, end: span.start + m.index! + m[0].length, period: { start: `${a}-01-01`, end: `${b}-12-31` } });
  }
  for (const m of slice.matchAll(P.month)) {
    const at = span.start + m.index!;
    if (out.some((o) => at >= o.start && at < o.end)) continue;
    const [mo, y] = [Number(m[1]), Number(m[2])];
    if (validDate(y, mo, 1)) out.push({ start: at, end: at + m[0].length, period: { start: iso(y, mo, 1), end: iso(y, mo, lastDay(y, mo)) } });
  }
  const tokens = tokenize(text, lex.abbr, span.start, span.end);
  // "6 tháng đầu năm và phương hướng 6 tháng cuối năm 2026": a part of a year written without
  // its year takes the next year written after it
  const waiting: { s: number; e: number; start: string; end: string }[] = [];
  const isYear = (t: Token | undefined) => !!t?.num && /^(19|20|21)\d\d$/.test(t.k);
  for (let i = 0; i < tokens.length; i++) {
    if (out.some((o) => tokens[i]!.s >= o.start && tokens[i]!.s < o.end)) continue;
    // "ngày 02 tháng 6 năm 2026" is a date, not the year 2026
    if (i >= 2 && tokens[i - 1]!.num && P.monthWords.has(tokens[i - 2]!.k)) continue;
    let best: { to: number; start: string; end: string; year: boolean } | null = null;
    for (const p of lex.periods) {
      const m = p.set.matchAt(tokens, i);
      if (!m) continue;
      // "quý III 2026" and "quý III năm 2026" alike
      if (P.yearWords.has(tokens[m.to]?.k ?? "") && isYear(tokens[m.to + 1])) m.to++;
      const year = isYear(tokens[m.to]);
      // a bare "năm" with no year is just a word
      if (!year && m.to - m.from < 2) continue;
      if (!best || (year && !best.year) || (year === best.year && m.to > best.to)) best = { to: m.to, start: p.start, end: p.end, year };
    }
    if (!best) continue;
    if (!best.year) {
      waiting.push({ s: tokens[i]!.s, e: tokens[best.to - 1]!.e, start: best.start, end: best.end });
      i = best.to - 1;
      continue;
    }
    const y = Number(tokens[best.to]!.k);
    for (const w of waiting.splice(0)) out.push({ start: w.s, end: w.e, period: { start: `${y}-${w.start}`, end: `${y}-${w.end}` } });
    out.push({ start: tokens[i]!.s, end: tokens[best.to]!.e, period: { start: `${y}-${best.start}`, end: `${y}-${best.end}` } });
    i = best.to;
  }
  return out.sort((a, b) => a.start - b.start);
}

export function samePeriod(a: Period, b: Period): boolean {
  return a.start === b.start && a.end === b.end;
}

/** true when the period covers the whole calendar year `year` (what a yearly target is checked on). */
export function coversYear(p: Period, year: number): boolean {
  return p.start <= `${year}-01-01` && p.end >= `${year}-12-31`;
}

/** The kinds of reporting round (issue 9): what a period is, from its first and last day. */
export type RoundKind = "month" | "quarter" | "six_months" | "nine_months" | "year" | "multi_year" | "range";

export interface RoundShape {
  kind: RoundKind;
  start: string;
  end: string;
  /** true when the period runs from 1 January of the year it ends in (a cumulative report). */
  cumulative: boolean;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The round of a period: month, quarter (1/4–30/6 is a quarter, never a six-month report),
 * six or nine months, a year, several whole years, else a plain range. null without dates.
 */
export function roundOfPeriod(p: Period | null | undefined): RoundShape | null {
  if (!p?.start || !p.end) return null;
  const a = DATE.exec(p.start);
  const b = DATE.exec(p.end);
  if (!a || !b || p.start > p.end) return null;
  const [y1, m1, d1] = [Number(a[1]), Number(a[2]), Number(a[3])];
  const [y2, m2, d2] = [Number(b[1]), Number(b[2]), Number(b[3])];
  const cumulative = p.start === `${y2}-01-01`;
  const shape = (kind: RoundKind): RoundShape => ({ kind, start: p.start, end: p.end, cumulative });
  if (d1 !== 1 || d2 !== lastDay(y2, m2)) return shape("range");
  const months = (y2 - y1) * 12 + (m2 - m1) + 1;
  if (y1 === y2) {
    if (months === 12) return shape("year");
    if (months === 1) return shape("month");
    if (months === 3 && (m1 - 1) % 3 === 0) return shape("quarter");
    if (months === 6 && (m1 === 1 || m1 === 7)) return shape("six_months");
    if (months === 9 && m1 === 1) return shape("nine_months");
    return shape("range");
  }
  if (m1 === 1 && m2 === 12) return shape("multi_year");
  return shape("range");
}
