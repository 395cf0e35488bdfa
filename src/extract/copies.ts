// Two readings of one paragraph. A report that repeats a paragraph (a copy pasted twice) repeats it
// word for word, and a text layer keeps the copies identical. Recognised from a scan, the two
// copies come out a little different ("TTHC" read "TTHG" in one, a quote mark turned in the
// other), so on recognised pages a copy is a paragraph with the same figures, in the same order,
// whose words are the same but for a letter or a mark here and there and a word or two more or
// less. A paragraph about another place or another figure is no copy: a different name is more
// than a letter off, a different figure is a different figure.

import levenshtein from "natural/lib/natural/distance/levenshtein_distance.js";
import { foldText } from "../store/fold.js";

/** What two copies may differ by (see COST): a share of their words, and at least this much. */
const WORDS_OFF = 0.03;
const MIN_OFF = 1;
/** A word a letter off, or two run together, or a speck (a word of one or two characters) more or less; a real word more or less. */
const COST = { slip: 0.5, speck: 0.5, word: 2 };
/** Two copies' lengths differ by at most this share of the later one's (a quick test before the words are compared). */
const LENGTH_OFF = 0.05;

/** The figures of a text, in order: a copy has the same. */
export function figuresKey(text: string): string {
  return (text.match(/\d+/g) ?? []).join(" ");
}

/** A word as a scan may garble it: lower case, no tone or vowel marks, no punctuation around it. */
const bare = (word: string) => foldText(word).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");

const near = (x: string, y: string) => x === y || (Math.min(x.length, y.length) >= 2 && levenshtein.LevenshteinDistance(x, y) <= 1);

/** Whether `a` and `b` read as two recognitions of one paragraph (see the top of this file). */
export function sameParagraph(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > LENGTH_OFF * b.length || figuresKey(a) !== figuresKey(b)) return false;
  const wa = a.split(/\s+/).map(bare).filter(Boolean);
  const wb = b.split(/\s+/).map(bare).filter(Boolean);
  const budget = Math.max(MIN_OFF, WORDS_OFF * Math.max(wa.length, wb.length));
  const more = (w: string) => (w.length <= 2 ? COST.speck : COST.word);
  // cost[i][j]: the cheapest way to read wa[0..i) as wb[0..j), one row kept at a time (and the one before)
  let before: number[] = [];
  let row: number[] = [0];
  for (let j = 1; j <= wb.length; j++) row.push(row[j - 1]! + more(wb[j - 1]!));
  for (let i = 1; i <= wa.length; i++) {
    const x = wa[i - 1]!;
    const next = [row[0]! + more(x)];
    for (let j = 1; j <= wb.length; j++) {
      const y = wb[j - 1]!;
      let c = Math.min(row[j]! + more(x), next[j - 1]! + more(y));
      if (x === y) c = Math.min(c, row[j - 1]!);
      else if (near(x, y)) c = Math.min(c, row[j - 1]! + COST.slip);
      // two words read as one, or one as two ("toàntổ", "toàn tổ")
      if (i >= 2 && near(wa[i - 2]! + x, y)) c = Math.min(c, before[j - 1]! + COST.slip);
      if (j >= 2 && near(x, wb[j - 2]! + y)) c = Math.min(c, row[j - 2]! + COST.slip);
      next.push(c);
    }
    before = row;
    row = next;
    // every way on goes through one of the last two rows (a merge reaches back two)
    if (Math.min(...row, ...before) > budget) return false;
  }
  return row[wb.length]! <= budget;
}
