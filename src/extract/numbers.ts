// Numbers the Vietnamese way: "2.000" is two thousand, "8,5%" is 8.5 percent, "01" is one,
// "1,2 triệu" is 1,200,000. Dates (10/10, 24/12/2025), document numbers (138/KH-UBND,
// 05-KH/BCĐ), phone numbers and versions are not figures. The number words (multipliers, words
// for "%") come from rules/language.yaml `numbers`, compiled once per rules version
// (`numberWords`, kept in the lexicon) and matched on folded words like every other phrase.

import { expandPhrase } from "../rules/phrase.js";
import type { LanguageRules } from "../rules/schema.js";
import { foldPhrase, foldWord } from "./vnkey.js";

/** The number words of the rules, compiled for findNumbers. */
export interface NumberWords {
  /** Folded word sequences written for "%" ("phan tram"). */
  percent: ReadonlySet<string>;
  /** Folded multiplier word → its factor ("trieu" → 1e6). */
  multipliers: ReadonlyMap<string, number>;
  /** Folded phrases that open with a multiplier word and are not one ("ty le"). */
  notMultiplier: ReadonlySet<string>;
  /** Folded phrases between a part and its whole ("trong tong so": "3.120 trong tổng số 3.321 xã"). */
  partOf: ReadonlySet<string>;
  /** Folded fraction phrases → [numerator, denominator] ("mot nua" → 1/2). */
  fractions: ReadonlyMap<string, readonly [number, number]>;
  /** Folded first words of the fraction phrases (a clause holding none needs no fraction scan). */
  fractionFirst: ReadonlySet<string>;
  /** Folded phrases after a fraction naming what it divides ("so", "trong so"). */
  fractionOf: ReadonlySet<string>;
  /** Most words in any of those phrases. */
  maxWords: number;
}

const FACTORS = { thousand: 1e3, million: 1e6, billion: 1e9 } as const;

/** Compiles the `numbers` section of rules/language.yaml. */
export function numberWords(rules: LanguageRules["numbers"]): NumberWords {
  const folded = (ps: readonly string[]) => new Set(ps.flatMap((p) => expandPhrase(p).map(foldPhrase)));
  const percent = folded(rules.percent);
  const notMultiplier = folded(rules.not_multiplier);
  const multipliers = new Map<string, number>();
  for (const [k, factor] of Object.entries(FACTORS)) for (const w of rules[k as keyof typeof FACTORS]) multipliers.set(foldWord(w), factor);
  const partOf = folded(rules.part_of);
  const fractions = new Map<string, readonly [number, number]>();
  for (const [phrase, v] of Object.entries(rules.fractions)) {
    const [a, b] = v.split("/").map(Number) as [number, number];
    if (b > 0) fractions.set(foldPhrase(phrase), [a, b]);
  }
  const fractionFirst = new Set([...fractions.keys()].map((k) => k.split(" ")[0]!));
  const fractionOf = folded(rules.fraction_of);
  const maxWords = Math.max(1, ...[...percent, ...notMultiplier, ...partOf, ...fractions.keys(), ...fractionOf].map((p) => p.split(" ").length));
  return { percent, multipliers, notMultiplier, partOf, fractions, fractionFirst, fractionOf, maxWords };
}

const WORD = /\p{L}+/uy;

/** The first `max` words at the start of `s` (after one optional space), with where each ends. */
function wordsAt(s: string, max: number, space: "optional" | "one"): { k: string; end: number }[] {
  const out: { k: string; end: number }[] = [];
  let i = 0;
  for (let n = 0; n < max; n++) {
    const sp = /^\s/.test(s.slice(i, i + 1)) ? 1 : 0;
    if (n === 0 ? space === "one" && !sp : !sp) break;
    WORD.lastIndex = i + sp;
    const m = WORD.exec(s);
    if (!m) break;
    i = WORD.lastIndex;
    out.push({ k: foldWord(m[0]), end: i });
  }
  return out;
}

/** Length of "%" or a word for it at the start of `s` (after an optional space), else 0. */
function percentAt(words: NumberWords, s: string): number {
  const sign = /^\s?%/u.exec(s);
  if (sign) return sign[0].length;
  const ws = wordsAt(s, words.maxWords, "optional");
  for (let n = ws.length; n > 0; n--) if (words.percent.has(ws.slice(0, n).map((w) => w.k).join(" "))) return ws[n - 1]!.end;
  return 0;
}

/** The text holds "%" or a word for it ("ĐVT: phần trăm"). */
export function mentionsPercent(words: NumberWords, s: string): boolean {
  if (s.includes("%")) return true;
  const folded = ` ${foldPhrase(s)} `;
  for (const p of words.percent) if (folded.includes(` ${p} `)) return true;
  return false;
}

/** Length of a part-of phrase at the start of `s` ("trong tổng số", after one space) with the space after it, else 0. */
function partOfAt(words: NumberWords, s: string): number {
  const ws = wordsAt(s, words.maxWords, "one");
  for (let n = ws.length; n > 0; n--) {
    if (!words.partOf.has(ws.slice(0, n).map((w) => w.k).join(" "))) continue;
    const end = ws[n - 1]!.end;
    return /^\s/.test(s.slice(end, end + 1)) ? end + 1 : 0;
  }
  return 0;
}

/**
 * "3.120 trong tổng số 3.321 xã", "45 hộ trong số 60 hộ": a part and its whole in one phrase.
 * Returns the length after the part's number and the whole as written, else null.
 */
function partOfWhole(words: NumberWords, after: string): { length: number; den: string } | null {
  if (!words.partOf.size) return null;
  const whole = new RegExp(String.raw`^(${NUM})(?![\p{L}\p{N}/%]|[.,]\d|\s?%)`, "u");
  let at = partOfAt(words, after);
  if (at) {
    const m = whole.exec(after.slice(at));
    return m ? { length: at + m[0].length, den: m[1]! } : null;
  }
  // the same noun on both sides, the part's noun perhaps qualified: "45 hộ trong số 60 hộ",
  // "4.126 hồ sơ trực tuyến trong tổng số 4.854 hồ sơ"
  const phrase = /^\s(\p{L}+(?:\s\p{L}+){0,6})/u.exec(after);
  if (!phrase) return null;
  const ws = phrase[1]!.split(/\s/);
  const heads = [ws.slice(0, 2).join(" "), ws[0]!];
  for (let k = 1; k <= ws.length; k++) {
    at = 1 + ws.slice(0, k).join(" ").length;
    const p = partOfAt(words, after.slice(at));
    if (!p) continue;
    const m = whole.exec(after.slice(at + p));
    const rest = m ? after.slice(at + p + m[0].length) : "";
    // the head noun, one or two words, of the part comes again after the whole
    if (m && heads.some((h) => h.split(" ").length <= k && rest.startsWith(" " + h) && !/^[\p{L}\p{M}]/u.test(rest.slice(h.length + 1)))) return { length: at + p + m[0].length, den: m[1]! };
    return null;
  }
  return null;
}

/** A multiplier word right after a number ("1,2 triệu"): its factor and length, else null. */
function multiplierAt(words: NumberWords, s: string): { factor: number; length: number } | null {
  const ws = wordsAt(s, words.maxWords, "one");
  const factor = ws.length ? words.multipliers.get(ws[0]!.k) : undefined;
  if (factor === undefined) return null;
  for (let n = 2; n <= ws.length; n++) if (words.notMultiplier.has(ws.slice(0, n).map((w) => w.k).join(" "))) return null;
  return { factor, length: ws[0]!.end };
}

/** Parses one number as written; null when it is not a number. `percent` prefers decimals. */
export function parseViNumber(raw: string, opts: { percent?: boolean } = {}): number | null {
  const v = parseRaw(raw.trim(), opts);
  // 330 nines are a string, not a figure
  return v !== null && Number.isFinite(v) && v <= Number.MAX_SAFE_INTEGER ? v : null;
}

function parseRaw(s: string, opts: { percent?: boolean }): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  // malformed: a thousands dot after four digits ("3227.885") or a decimal dot with four places after a group ("257.7575")
  if (/^\d{4,}\.\d{3}$/.test(s) || /^\d{1,3}\.\d{4,}$/.test(s)) return null;
  if (/^\d{1,3}(?:\.\d{3})+$/.test(s)) return Number(s.replace(/\./g, ""));
  if (/^\d{1,3}(?:\.\d{3})+,\d+$/.test(s)) return Number(s.replace(/\./g, "").replace(",", "."));
  if (/^\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$/.test(s)) return Number(s.replace(/,/g, ""));
  if (/^\d{1,3}(?:,\d{3})+\.\d+$/.test(s)) return Number(s.replace(/,/g, ""));
  if (/^\d{1,3},\d{3}$/.test(s) && !opts.percent) return Number(s.replace(",", ""));
  if (/^\d+,\d+$/.test(s)) return Number(s.replace(",", "."));
  if (/^\d+\.\d+$/.test(s)) return Number(s);
  return null;
}

export type Comparator = "over" | "under" | "about" | null;

export interface NumberMention {
  kind: "percent" | "ratio" | "number";
  /** Span of the whole mention ("60%", "12564/16900", "1,2 triệu"). */
  start: number;
  end: number;
  value: number;
  /** Ratio only. */
  den?: number;
  /** a/b could also be a day/month date ("3/5"): decide from context. */
  dateLike?: boolean;
  /** From a sign written before the number: ≥, >, ≤, <, ~. */
  sign: Comparator;
  /** A range "60 - 80%", "từ 25% - 30%": the value is its lower bound, `upper` the other end. */
  upper?: number;
  raw: string;
}

const NUM = String.raw`\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?`;
const MENTION = new RegExp(String.raw`(${NUM})`, "gu");
const RANGE_TAIL = new RegExp(String.raw`^\s?(%)?\s?[-–]\s?(${NUM})`, "u");

const WORD_OR_NUMBER = /[\p{L}\p{M}]+|\d+/gu;

/**
 * Fraction words dividing what follows them: "một nửa số hộ", "1 nửa trong số đó", "hai phần ba
 * các xã" (rules: numbers.fractions, numbers.fraction_of), as ratios.
 */
function findFractions(text: string, words: NumberWords, from: number, to: number): NumberMention[] {
  if (!words.fractions.size) return [];
  const ws: { k: string; s: number; e: number }[] = [];
  WORD_OR_NUMBER.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = WORD_OR_NUMBER.exec(text)) && m.index < to) ws.push({ k: foldWord(m[0]), s: m.index, e: m.index + m[0].length });
  const out: NumberMention[] = [];
  const gapOk = (a: { e: number }, b: { s: number }) => /^\s+$/.test(text.slice(a.e, b.s));
  for (let i = 0; i < ws.length; i++) {
    if (!words.fractionFirst.has(ws[i]!.k)) continue;
    let best: { to: number; v: readonly [number, number] } | null = null;
    for (let n = 1; n <= words.maxWords && i + n <= ws.length; n++) {
      if (n > 1 && !gapOk(ws[i + n - 2]!, ws[i + n - 1]!)) break;
      const v = words.fractions.get(ws.slice(i, i + n).map((w) => w.k).join(" "));
      if (v) best = { to: i + n, v };
    }
    if (!best) continue;
    // what it divides must follow: "một nửa số hộ", not "nửa đầu năm"
    let of = false;
    for (let n = 1; n <= words.maxWords && best.to + n <= ws.length; n++) {
      if (!gapOk(ws[best.to + n - 2] ?? ws[i]!, ws[best.to + n - 1]!)) break;
      if (words.fractionOf.has(ws.slice(best.to, best.to + n).map((w) => w.k).join(" "))) of = true;
    }
    if (!of || !gapOk(ws[best.to - 1]!, ws[best.to]!)) continue;
    const start = ws[i]!.s;
    const end = ws[best.to - 1]!.e;
    out.push({ kind: "ratio", start, end, value: best.v[0], den: best.v[1], sign: signBefore(text, start), raw: text.slice(start, end) });
    i = best.to - 1;
  }
  return out;
}

/** Finds figures in text[from, to), skipping dates, document numbers, phone numbers and codes. */
export function findNumbers(text: string, words: NumberWords, from = 0, to = text.length): NumberMention[] {
  const fractions = findFractions(text, words, from, to);
  const digits = findDigits(text, words, from, to).filter((n) => !fractions.some((f) => n.start >= f.start && n.start < f.end));
  return fractions.length ? [...digits, ...fractions].sort((a, b) => a.start - b.start) : digits;
}

function findDigits(text: string, words: NumberWords, from: number, to: number): NumberMention[] {
  const out: NumberMention[] = [];
  MENTION.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = MENTION.exec(text)) && m.index < to) {
    const start = m.index;
    let end = start + m[0].length;
    if (end > to) break;
    const before = text.slice(Math.max(0, start - 3), start);
    const prev = before.slice(-1);
    // part of a word or a code: "H15", "C-09", "v2" ("10 tổ/58 thành viên" keeps both numbers)
    // … but a percentage glued to a lower-case word that lost its space is one: "đến nay100%"
    const glued = /\p{Ll}{2}$/u.test(before) && /^\s?%/u.test(text.slice(start + m[0].length, start + m[0].length + 2)) && !/[\p{Lu}\p{N}_]/u.test(wordBefore(text, start));
    if (!glued && (/[\p{L}\p{N}_]/u.test(prev) || (prev === "-" && /[\p{L}\p{N}]/u.test(before.slice(-2, -1))))) continue;
    const after = text.slice(end, Math.min(to, end + 40));
    // dates d/m/y or d-m-y, and times
    const monthYear = /^\d{1,2}$/.test(m[0]) && Number(m[0]) >= 1 && Number(m[0]) <= 12 ? /^\s?[/-]\s?(?:19|20)\d\d(?!\d)/u.exec(after) : null;
    const date = monthYear ?? /^(?:\s?([/.-])\s?\d{1,2}\s?\1\s?\d{2,4}(?!\d)|[hg:]\d{2})/u.exec(after);
    if (date) {
      MENTION.lastIndex = end + date[0].length;
      continue;
    }
    // document numbers: 138/KH-UBND, 05-KH/BCĐ, 57- NQ/TW, 8471/ UBND-KGVX
    if (/^\s?[/-]\s?\p{L}/u.test(after)) {
      const skip = /^[\s/\p{L}\p{N}.&-]*/u.exec(after)![0].length;
      MENTION.lastIndex = end + skip;
      continue;
    }
    // phone numbers 0912.345.678 / 0912 345 678
    const phone = phoneTail(m[0], after);
    if (phone >= 0) {
      MENTION.lastIndex = end + phone;
      continue;
    }
    const sign = signBefore(text, start);
    // "12564/16900", and "1.250 người/3.500 người" (the same noun on both sides; "10 tổ/58 thành viên" is not a ratio)
    const ratio =
      new RegExp(String.raw`^\s?\/\s?(${NUM})(?![\p{L}\p{N}/]|[.,]\d)`, "u").exec(after) ??
      new RegExp(String.raw`^\s(\p{L}+(?:\s\p{L}+)?)\s?\/\s?(${NUM})(?=\s\1(?![\p{L}]))`, "u").exec(text.slice(end, Math.min(to, end + 60)));
    if (ratio && ratio.length === 3) ratio[1] = ratio[2]!;
    const part = ratio ? null : partOfWhole(words, text.slice(end, Math.min(to, end + 80)));
    if (ratio || part) {
      const a = parseViNumber(m[0]);
      const b = parseViNumber(ratio ? ratio[1]! : part!.den);
      end += ratio ? ratio[0].length : part!.length;
      MENTION.lastIndex = end;
      if (a === null || b === null || b === 0) continue;
      const dateLike = !!ratio && Number.isInteger(a) && Number.isInteger(b) && a >= 1 && a <= 31 && b >= 1 && b <= 12 && !/[.,]/.test(m[0] + ratio[1]);
      out.push({ kind: "ratio", start, end, value: a, den: b, dateLike, sign, raw: text.slice(start, end) });
      continue;
    }
    // a range of percentages: "60-80%", "60 - 80 %", "25% - 30%" (the lower bound stands for it)
    const range = RANGE_TAIL.exec(after);
    const rangeUnit = range ? percentAt(words, after.slice(range[0].length)) : 0;
    if (range && rangeUnit) {
      const lo = parseViNumber(m[0], { percent: true });
      const hi = parseViNumber(range[2]!, { percent: true });
      if (lo !== null && hi !== null && hi > lo) {
        end += range[0].length + rangeUnit;
        MENTION.lastIndex = end;
        out.push({ kind: "percent", start, end, value: lo, upper: hi, sign: sign ?? "about", raw: text.slice(start, end) });
        continue;
      }
    }
    const pct = percentAt(words, after);
    if (pct) {
      const v = parseViNumber(m[0], { percent: true });
      end += pct;
      MENTION.lastIndex = end;
      if (v !== null) out.push({ kind: "percent", start, end, value: v, sign, raw: text.slice(start, end) });
      continue;
    }
    let v = parseViNumber(m[0]);
    if (v === null) continue;
    const mult = multiplierAt(words, after);
    if (mult) {
      v = Math.round(v * mult.factor);
      end += mult.length;
      MENTION.lastIndex = end;
    }
    out.push({ kind: "number", start, end, value: v, sign, raw: text.slice(start, end) });
  }
  return out;
}

/** The run of letters and digits that ends at `start`. */
function wordBefore(text: string, start: number): string {
  let i = start;
  while (i > 0 && /[\p{L}\p{M}\p{N}_]/u.test(text[i - 1]!)) i--;
  return text.slice(i, start);
}

/** Length of the rest of a phone number after `head`, or -1 when it is not one. */
function phoneTail(head: string, after: string): number {
  if (!/^0\d/.test(head)) return -1;
  const tail = /^(?:[.\s]?\d{2,4}){0,3}/.exec(after)![0];
  return (head + tail).replace(/\D/g, "").length >= 9 ? tail.length : -1;
}

function signBefore(text: string, start: number): Comparator {
  const b = text.slice(Math.max(0, start - 3), start).trimEnd();
  const c = b.slice(-1);
  if (c === "≥" || c === ">" || c === "⩾") return "over";
  if (c === "≤" || c === "<" || c === "⩽") return "under";
  if (c === "~" || c === "≈") return "about";
  return null;
}

/** num/den × 100 rounded to 2 places. */
export function ratioPercent(num: number, den: number): number {
  return Math.round((num / den) * 10000) / 100;
}
