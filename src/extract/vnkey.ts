// Word keys for matching Vietnamese text: lower case, tone marks removed (so "hóa" = "hoá",
// "thủy" = "thuỷ"), "tỷ" = "tỉ", capitalised short forms expanded ("CBCCVC" → "cán bộ công
// chức viên chức"). Vowel shapes (ă â ê ô ơ ư) and đ are kept: they tell words apart.

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const charCache = new Map<string, string>();

function foldChar(ch: string): string {
  let k = charCache.get(ch);
  if (k === undefined) {
    k = ch.normalize("NFD").replace(TONES, "").normalize("NFC").toLowerCase();
    charCache.set(ch, k);
  }
  return k;
}

const CONSONANT_Y = /^[bcdđghklmnpqrstvx]+y$/;

const wordCache = new Map<string, string>();

/** The matching key of one word (memoised: a report's vocabulary is small). */
export function foldWord(word: string): string {
  let k = wordCache.get(word);
  if (k === undefined) {
    if (wordCache.size > 200_000) wordCache.clear();
    k = foldUncached(word);
    wordCache.set(word, k);
  }
  return k;
}

function foldUncached(word: string): string {
  let out = "";
  for (const ch of word) out += ch.charCodeAt(0) < 128 ? ch.toLowerCase() : foldChar(ch);
  // "tỷ", "kỹ", "mỹ", "lý": a lone y after consonants is the same word as with i
  if (CONSONANT_Y.test(out)) out = out.slice(0, -1) + "i";
  return out;
}

/** The word is a number or holds digits ("nay100" where a space was lost before "100%"). */
export function hasDigits(t: Token): boolean {
  return t.num || /\d/.test(t.k);
}

export interface Token {
  /** Matching key. */
  k: string;
  /** Span of the word in the text (expanded abbreviations share their word's span). */
  s: number;
  e: number;
  /** The word is written in capitals (TDP, CBCCVC). */
  caps: boolean;
  /** The word is a number (digits). */
  num: boolean;
}

interface WordInfo {
  k: string;
  caps: boolean;
  num: boolean;
}
const infoCache = new Map<string, WordInfo>();

function wordInfo(w: string): WordInfo {
  let info = infoCache.get(w);
  if (!info) {
    if (infoCache.size > 200_000) infoCache.clear();
    const num = /^\d+$/.test(w);
    info = { k: foldWord(w), caps: !num && w.length > 1 && w === w.toUpperCase() && w !== w.toLowerCase(), num };
    infoCache.set(w, info);
  }
  return info;
}

export type Abbreviations = ReadonlyMap<string, string[]>;

export function compileAbbreviations(map: Record<string, string>): Abbreviations {
  const out = new Map<string, string[]>();
  for (const [short, long] of Object.entries(map)) out.set(foldWord(short), long.split(/\s+/).map(foldWord));
  return out;
}

/** Letters (Latin with Vietnamese diacritics), combining marks and digits; other scripts via \p{…}. */
function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  if ((c >= 0x300 && c <= 0x36f) || (c >= 0x1e00 && c <= 0x1eff)) return true;
  if (c < 0xc0 || (c >= 0x2000 && c <= 0x2bff) || (c >= 0xd800 && c <= 0xdfff)) return false;
  return WORD_CHAR.test(String.fromCharCode(c));
}
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** Words of text[from, to) as tokens; capitalised abbreviations are expanded in place. */
export function tokenize(text: string, abbr?: Abbreviations, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  // a hand-written scanner: regex matchAll allocated a match object per word (the top cost of extraction)
  for (let i = from; i < to; ) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < to && isWordChar(text.charCodeAt(j))) j++;
    const w = text.slice(i, j);
    const { k, caps, num } = wordInfo(w);
    const long = caps && abbr ? abbr.get(k) : undefined;
    if (long) for (const part of long) out.push({ k: part, s: i, e: j, caps, num: false });
    else out.push({ k, s: i, e: j, caps, num });
    i = j;
  }
  return out;
}

/** Key of a whole phrase (words joined by single spaces), for comparing names. */
export function foldPhrase(s: string): string {
  return tokenize(s).map((t) => t.k).join(" ");
}

/**
 * Modern tone placement for names from the official list ("Khánh Hoà" → "Khánh Hòa",
 * "Thanh Hoá" → "Thanh Hóa"): in open syllables oa, oe, uy the tone goes on the first vowel.
 */
export function modernTones(name: string): string {
  return name
    .normalize("NFD")
    .replace(/([oO])([aAeE])([\u0300\u0301\u0303\u0309\u0323])(?![\p{L}])/gu, "$1$3$2")
    .replace(/(?<![qQ])([uU])([yY])([\u0300\u0301\u0303\u0309\u0323])(?![\p{L}])/gu, "$1$3$2")
    .normalize("NFC");
}
