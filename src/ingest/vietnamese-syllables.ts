// Is this string Vietnamese? Used to choose between candidate decodings of a legacy 8-bit file
// and to tell repaired text from mojibake: real Vietnamese words are valid syllables
// (initial consonant + rime + at most one tone mark); mojibake words ("c¸c", "chaøo", "Bá»™") are not.

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

const INITIALS = ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""];

// Rimes without tone marks. Generous on purpose (a few impossible rimes do no harm): the job is
// to separate Vietnamese from byte soup, not to spell-check.
const OPEN_RIMES = [
  "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
  "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "iêu", "yêu", "oa", "oai", "oay", "oao", "oe", "oeo",
  "oi", "ôi", "ơi", "ua", "uây", "uê", "ui", "uôi", "uơ", "uy", "uya", "uyu", "ưa", "ưi", "ươi", "ươu", "ưu",
];
const CLOSED_NUCLEI = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "iê", "yê", "uô", "ươ", "oa", "oă", "uâ", "oe", "uê", "uy", "uyê", "oo", "ua"];
const FINALS = ["c", "ch", "m", "n", "ng", "nh", "p", "t"];

const RIMES = new Set<string>([...OPEN_RIMES, ...CLOSED_NUCLEI.flatMap((n) => FINALS.map((f) => n + f))]);

/** True when `word` (any case, NFC or NFD) is one well-formed Vietnamese syllable. */
export function isVietnameseSyllable(word: string): boolean {
  const d = word.toLowerCase().normalize("NFD");
  const tones = d.match(TONES);
  if (tones && tones.length > 1) return false;
  const bare = d.replace(TONES, "").normalize("NFC");
  if (!/^[a-zđăâêôơư]+$/.test(bare)) return false;
  for (const ini of INITIALS) {
    if (!bare.startsWith(ini)) continue;
    const rime = bare.slice(ini.length);
    if (RIMES.has(rime)) return true;
    // "gì", "gìn": the i of "gi" doubles as the vowel
    if (ini === "gi" && (rime === "" || FINALS.includes(rime))) return true;
  }
  return false;
}

const COMMON = new Set(["của", "và", "các", "được", "người", "trong", "năm", "đã", "với", "những", "cho", "số", "tháng", "thực", "hiện", "xã", "dân", "có", "là", "để"]);

export interface VietnameseScore {
  /** Words that hold a non-ASCII letter or mark: the only ones a wrong decoding changes. */
  words: number;
  /** Share of those that are valid syllables (1 when there are none). */
  valid: number;
  /** Hits of very common Vietnamese words ("của", "và", "được" …). */
  common: number;
  /** Non-ASCII characters that are neither letters, marks nor ordinary punctuation (« ¸ µ ™ …). */
  symbols: number;
}

const WORD = /[\p{L}\p{M}]+/gu;
// Typographic punctuation a Vietnamese report legitimately holds.
const OK_PUNCT = /[\u00A0\u00AB\u00BB\u00B0\u00B7\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\u2264\u2265]/u;

export function scoreVietnamese(text: string): VietnameseScore {
  let words = 0;
  let valid = 0;
  let common = 0;
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    if (!/[^\x00-\x7f]/.test(w)) continue;
    words++;
    if (isVietnameseSyllable(w)) valid++;
    if (COMMON.has(w.toLowerCase().normalize("NFC"))) common++;
  }
  let symbols = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80 || /[\p{L}\p{M}\s]/u.test(ch) || OK_PUNCT.test(ch)) continue;
    symbols++;
  }
  return { words, valid: words ? valid / words : 1, common, symbols };
}

/** True when the text reads as Vietnamese with confidence (enough words, nearly all valid). */
export function looksVietnamese(s: VietnameseScore): boolean {
  return s.words >= 3 && s.valid >= 0.85 && s.symbols <= Math.max(2, s.words * 0.02);
}
