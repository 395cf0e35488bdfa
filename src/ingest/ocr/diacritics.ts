// Tone marks the recogniser confuses at scan resolutions: the hook above (ả) read as an acute
// (á), a grave or a tilde, or dropped, and the other way round ("hiếu biết", "chuyến đối số",
// "kết quá", "triền khai"). Repaired
// only with context: two neighbouring syllables that do not occur together in the project's own
// wording (rules/*.yaml, read as a list of word pairs, so no Vietnamese lives in this code) but
// do once one tone mark is swapped, and only into a valid syllable (vietnamese-syllables.ts).
// Digits are never touched.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defaultRulesDir } from "../../rules/load.js";
import { isVietnameseSyllable } from "../vietnamese-syllables.js";

const HOOK = "\u0309";
/** Marks above the vowel that the recogniser mistakes for one another: acute, grave, hook, tilde. */
const ABOVE = ["\u0301", "\u0300", HOOK, "\u0303"];
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/;

let pairs: Set<string> | null = null;

/** Word pairs of the rules' wording, lower case NFC. */
export function knownPairs(dir = defaultRulesDir()): Set<string> {
  if (pairs) return pairs;
  const out = new Set<string>();
  try {
    for (const f of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
      const words = readFileSync(join(dir, f), "utf8").normalize("NFC").toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
      for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i]} ${words[i + 1]}`);
    }
  } catch {
    // no rules folder: no repairs
  }
  return (pairs = out);
}

/** The syllable with its mark above swapped for another one above, or a hook removed. */
function variants(word: string): string[] {
  const d = word.normalize("NFD");
  const m = TONE.exec(d);
  if (!m || !ABOVE.includes(m[0])) return [];
  const swap = (mark: string) => (d.slice(0, m.index) + mark + d.slice(m.index + 1)).normalize("NFC");
  const out = ABOVE.filter((a) => a !== m[0]).map(swap);
  if (m[0] === HOOK) out.push(swap(""));
  return out;
}

const lc = (w: string) => w.toLowerCase();
const syllable = (w: string) => /^\p{L}+$/u.test(w);

/** Repairs the words of one recognised line in place; returns the indices changed. */
export function repairTones(words: string[], known = knownPairs()): number[] {
  const changed: number[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i]!;
    const b = words[i + 1]!;
    if (!syllable(a) || !syllable(b) || known.has(`${lc(a)} ${lc(b)}`)) continue;
    const options: [string, string][] = [];
    for (const va of variants(a)) if (known.has(`${lc(va)} ${lc(b)}`)) options.push([va, b]);
    for (const vb of variants(b)) if (known.has(`${lc(a)} ${lc(vb)}`)) options.push([a, vb]);
    for (const va of variants(a)) for (const vb of variants(b)) if (known.has(`${lc(va)} ${lc(vb)}`)) options.push([va, vb]);
    if (options.length !== 1) continue;
    const [na, nb] = options[0]!;
    if (!isVietnameseSyllable(na) || !isVietnameseSyllable(nb)) continue;
    if (na !== a) (words[i] = na), changed.push(i);
    if (nb !== b) (words[i + 1] = nb), changed.push(i + 1);
  }
  return changed;
}
