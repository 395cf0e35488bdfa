// Tone marks the recogniser confuses at scan resolutions: the hook above (ả) read as an acute
// (á), a grave or a tilde, or dropped, and the other way round ("hiếu biết", "chuyến đối số",
// "kết quá", "triền khai"). Repaired
// only with context: two neighbouring syllables that do not occur together in the project's own
// wording (rules/*.yaml, read as a list of word pairs, so no Vietnamese lives in this code) but
// do once one tone mark is swapped, and only into a valid syllable (vietnamese-syllables.ts).
// Words in capitals lose their marks altogether ("ĐE XUẤT", "KIEN NGHỊ": the marks are squeezed
// between the lines), and a speck under a letter reads as a dot below ("trị thức"): both are put
// right the same way, a dot below taken off a word in lower case only when both its neighbours agree.
// Digits are never touched.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defaultRulesDir } from "../../rules/load.js";
import { isVietnameseSyllable } from "../vietnamese-syllables.js";

const HOOK = "\u0309";
const GRAVE = "\u0300";
const ACUTE = "\u0301";
const TILDE = "\u0303";
const CIRCUMFLEX = "\u0302";
const DOT_BELOW = "\u0323";
/** Marks above the vowel that the recogniser mistakes for one another: acute, grave, hook, tilde. */
const ABOVE = ["\u0301", "\u0300", HOOK, "\u0303"];
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/;

const pairsOf = new Map<string, Set<string>>();

/** Word pairs of the rules' wording, lower case NFC (read once for each rules folder). */
export function knownPairs(dir = defaultRulesDir()): Set<string> {
  const known = pairsOf.get(dir);
  if (known) return known;
  const out = new Set<string>();
  try {
    for (const f of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)))
      // words next to each other within one item of a list: not across lines, commas, quotes or
      // brackets (the last word of one item and the first of the next make no pair)
      for (const piece of readFileSync(join(dir, f), "utf8").normalize("NFC").toLowerCase().split(/[\n,;:[\]{}"“”]+/u)) {
        const words = piece.split(/[^\p{L}]+/u).filter(Boolean);
        for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i]} ${words[i + 1]}`);
      }
  } catch {
    // no rules folder: no repairs
  }
  pairsOf.set(dir, out);
  return out;
}

const VOWEL = /[aeiouyăâêôơư]/;

/**
 * The syllable with its mark above swapped for another one above, or a hook removed; with
 * `bare`, a syllable read without any mark gets each mark on each of its vowels instead.
 */
function variants(word: string, bare = false): string[] {
  return [...markVariants(word, bare), ...letterVariants(word)];
}

/** A word's variants; a word in capitals read without marks may have lost both (capitalVariants). */
function variantsOf(word: string, bare: boolean): string[] {
  return capitals(word) && !/[\u0300-\u036f]/.test(word.normalize("NFD")) ? capitalVariants(word) : variants(word, bare);
}

/** Vowels and the shapes the recogniser may drop from them: the circumflex, the breve, the horn. */
const SHAPES: Record<string, string[]> = { A: ["\u0302", "\u0306"], E: ["\u0302"], O: ["\u0302", "\u031b"], U: ["\u031b"] };

/**
 * The marks over capitals are squeezed between the lines: "ĐỀ XUẤT" is read "ĐE XUẤT", "KIẾN"
 * "KIEN". A word in capitals without a mark: one of its vowels given a shape (Â, Ê, Ơ …), a tone,
 * or both.
 */
function capitalVariants(word: string): string[] {
  const w = word.normalize("NFC");
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) {
    if (!VOWEL.test(w[i]!.toLowerCase())) continue;
    for (const shape of ["", ...(SHAPES[w[i]!] ?? [])])
      for (const tone of ["", ...ABOVE, DOT_BELOW]) if (shape || tone) out.push((w.slice(0, i + 1) + shape + tone + w.slice(i + 1)).normalize("NFC"));
  }
  return out;
}

const BASE_VOWELS = ["a", "e", "i", "o", "u", "y"];

/**
 * A word that is no syllable at all ("khaảng": a vowel read twice or read as another): the word
 * with one letter left out, or one vowel read as another vowel (its marks kept). Only these are
 * tried, and only into a valid syllable that forms one of the rules' word pairs (repairTones).
 */
function letterVariants(word: string): string[] {
  if (word.length < 3 || !/^\p{Ll}+$/u.test(word) || isVietnameseSyllable(word)) return [];
  const w = word.normalize("NFC");
  const out = new Set<string>();
  for (let i = 0; i < w.length; i++) {
    out.add(w.slice(0, i) + w.slice(i + 1));
    const d = w[i]!.normalize("NFD");
    if (BASE_VOWELS.includes(d[0]!)) for (const v of BASE_VOWELS) if (v !== d[0]) out.add((w.slice(0, i) + v + d.slice(1)).normalize("NFC") + w.slice(i + 1));
  }
  return [...out].filter((v) => isVietnameseSyllable(v));
}

function markVariants(word: string, bare = false): string[] {
  const d = word.normalize("NFD");
  const m = TONE.exec(d);
  if (!m) {
    if (!bare) return [];
    const w = word.normalize("NFC");
    const out: string[] = [];
    for (let i = 0; i < w.length; i++)
      if (VOWEL.test(w[i]!.toLowerCase())) for (const t of [...ABOVE, DOT_BELOW]) out.push((w.slice(0, i + 1) + t + w.slice(i + 1)).normalize("NFC"));
    return out;
  }
  const swap = (mark: string) => (d.slice(0, m.index) + mark + d.slice(m.index + 1)).normalize("NFC");
  // a dot below may be a speck under the letter ("trị thức", "NỘI DỤNG")
  if (m[0] === DOT_BELOW) return [swap("")];
  const out = ABOVE.filter((a) => a !== m[0]).map(swap);
  // a hook, or a grave (a speck over the vowel), read where there is no mark
  if (m[0] === HOOK || m[0] === GRAVE) out.push(swap(""));
  // a circumflex with an acute over it ("ố") is small at scan resolutions and runs together into
  // one stroke read as a tilde ("õ"): the tilde may be the two
  if (m[0] === TILDE && /^[aeo]$/i.test(d[m.index - 1] ?? "")) out.push((d.slice(0, m.index) + CIRCUMFLEX + ACUTE + d.slice(m.index + 1)).normalize("NFC"));
  return out;
}

const lc = (w: string) => w.toLowerCase();
const droppedDot = (was: string, now: string) => was !== now && was.normalize("NFD").replace(DOT_BELOW, "").normalize("NFC") === now;
const capitals = (w: string) => w.length >= 2 && /^\p{Lu}+$/u.test(w);
/** The word before a pair, lower case, unless punctuation parts them ("tác," "1.") or it is none. */
const leftWord = (w: string | undefined) => (w && /^[\p{P}\p{S}]*\p{L}+$/u.test(w) ? lc(w.replace(/^[\p{P}\p{S}]+/u, "")) : null);
/** The word after a pair, lower case, unless punctuation parts them ("“Bình") or it is none. */
const rightWord = (w: string | undefined) => (w && /^\p{L}+[\p{P}\p{S}]*$/u.test(w) ? lc(w.replace(/[\p{P}\p{S}]+$/u, "")) : null);

/**
 * Repairs the words of one recognised line in place; returns the indices changed. `bare`: words
 * that may have lost their mark altogether (syllables split out of a run-together word, where the
 * recogniser drops marks as it drops spaces): they may get one. A word read as it is elsewhere
 * ("Khoa học") never gets a mark added: without a mark is a spelling too.
 */
export function repairTones(words: string[], known = knownPairs(), bare: ReadonlySet<number> = new Set()): number[] {
  const changed: number[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    // punctuation before the first word or after the second stays out of the pair ("(ĐE XUẤT,")
    const pa = /^([\p{P}\p{S}]*)(\p{L}+)$/u.exec(words[i]!);
    const pb = /^(\p{L}+)([\p{P}\p{S}]*)$/u.exec(words[i + 1]!);
    if (!pa || !pb) continue;
    const [, lead, a] = pa as unknown as [string, string, string];
    const [, b, trail] = pb as unknown as [string, string, string];
    if (known.has(`${lc(a)} ${lc(b)}`)) continue;
    const options: [string, string][] = [];
    // a word that makes one of the pairs with its other neighbour is kept as read: two pairs
    // that each want their own spelling of it say nothing about which one is right
    const left = lead ? null : leftWord(words[i - 1]);
    const right = trail ? null : rightWord(words[i + 2]);
    const pairedLeft = left !== null && known.has(`${left} ${lc(a)}`);
    const pairedRight = right !== null && known.has(`${lc(b)} ${right}`);
    const vas = pairedLeft ? [] : variantsOf(a, bare.has(i));
    const vbs = pairedRight ? [] : variantsOf(b, bare.has(i + 1));
    for (const va of vas) if (known.has(`${lc(va)} ${lc(b)}`)) options.push([va, b]);
    for (const vb of vbs) if (known.has(`${lc(a)} ${lc(vb)}`)) options.push([a, vb]);
    for (const va of vas) for (const vb of vbs) if (known.has(`${lc(va)} ${lc(vb)}`)) options.push([va, vb]);
    if (options.length !== 1) continue;
    const [na, nb] = options[0]!;
    if (!isVietnameseSyllable(na) || !isVietnameseSyllable(nb)) continue;
    // a dot below taken off a word in lower case makes a common word ("trọng" → "trong"): its
    // other neighbour, when there is one (a word, not a heading's number, not past a comma), has
    // to agree too
    if (!capitals(a) && droppedDot(a, na) && left !== null && !known.has(`${left} ${lc(na)}`)) continue;
    if (!capitals(b) && droppedDot(b, nb) && right !== null && !known.has(`${lc(nb)} ${right}`)) continue;
    if (na !== a) (words[i] = lead + na), changed.push(i);
    if (nb !== b) (words[i + 1] = nb + trail), changed.push(i + 1);
  }
  return changed;
}

/**
 * Spelling the syllable inventory lets through: "ngh", "gh" and "k" come only before i, e, ê (and
 * k before y); "ng", "g" and "c" never do.
 */
function misspelt(piece: string): boolean {
  const d = piece.toLowerCase().normalize("NFD").replace(TONES_ALL, "").normalize("NFC");
  if (/^(ngh|gh)[^ieê]/.test(d) || /^k[^ieêy]/.test(d)) return true;
  return /^(ng|c)[ieê]/.test(d) || /^g[eê]/.test(d);
}
const TONES_ALL = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Longest syllable, in letters ("nghiêng", "khuyếch"). */
const MAX_SYLLABLE = 7;

/**
 * Syllables the recogniser ran together (narrow table cells lose their word spaces:
 * "Tỉlệngườidân"): a word that is no syllable itself but is, wholly, a run of two or more valid
 * syllables, split into them. Only words of lower-case letters (a capital first) holding at least
 * one letter only Vietnamese has, so abbreviations, names in Latin letters and numbers are left
 * alone. Among the ways to split, the fewest syllables, then the fewest starting with a vowel.
 * Punctuation around the word stays where it was. Returns null when nothing is split.
 */
export function splitGlued(word: string): string | null {
  const m = /^([\p{P}\p{S}]*)(\p{L}+)([\p{P}\p{S}]*)$/u.exec(word.normalize("NFC"));
  if (!m) return null;
  const [, lead, core, trail] = m as unknown as [string, string, string, string];
  if (core.length < 4 || !/^\p{Lu}?\p{Ll}+$/u.test(core) || !/[^a-zA-Z]/.test(core) || isVietnameseSyllable(core)) return null;
  const n = core.length;
  // best[i]: fewest pieces (then fewest vowel-initial ones) covering core[0, i)
  const best: ({ pieces: number; vowels: number; from: number } | null)[] = new Array(n + 1).fill(null);
  best[0] = { pieces: 0, vowels: 0, from: -1 };
  for (let i = 1; i <= n; i++)
    for (let k = Math.max(0, i - MAX_SYLLABLE); k < i; k++) {
      const prev = best[k];
      if (!prev) continue;
      const piece = core.slice(k, i);
      // a lone vowel is a word ("ý", "ở") too rarely to cut one off
      if (piece.length < 2 || !isVietnameseSyllable(piece) || misspelt(piece)) continue;
      const vowels = prev.vowels + (/^[^bcdđghklmnpqrstvx]/i.test(piece) ? 1 : 0);
      const cur = best[i];
      if (!cur || prev.pieces + 1 < cur.pieces || (prev.pieces + 1 === cur.pieces && vowels < cur.vowels)) best[i] = { pieces: prev.pieces + 1, vowels, from: k };
    }
  if (!best[n] || best[n]!.pieces < 2) return null;
  const parts: string[] = [];
  for (let i = n; i > 0; i = best[i]!.from) parts.unshift(core.slice(best[i]!.from, i));
  return lead + parts.join(" ") + trail;
}
