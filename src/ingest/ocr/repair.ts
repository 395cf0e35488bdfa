// Repairs of what the recogniser typically gets wrong in Vietnamese reports, one word at a time.
// Only repairs that cannot change a number into another number: a letter standing among digits
// (O for 0, l or I for 1) inside a word that is otherwise a number, a percent sign read as a
// degree or "o" after a number, a thousands separator read as a comma-space. A word that was
// repaired is reported (repaired() is true), so its confidence can be lowered and the analyst
// asked to check it against the scan.

import { isVietnameseSyllable } from "../vietnamese-syllables.js";

const LOOKALIKE: Record<string, string> = { O: "0", o: "0", D: "0", Q: "0", l: "1", I: "1", "|": "1", i: "1", S: "5", B: "8", Z: "2" };

const repairedWords = new WeakSet<object>();

export interface Repair {
  text: string;
  changed: boolean;
}

/** The word with safe repairs applied. */
export function repairWordDetailed(word: string): Repair {
  let w = word.normalize("NFC");
  const before = w;
  // what is left of an erased table border, stuck to a figure: "|56%", "!100", ":100", ".100%"
  w = w.replace(/^[!|:;.,'‘’`¦]+(?=\d)/u, "").replace(/(?<=[\d%])[!|¦]+$/u, "");
  // "85°%", "85%o", "85 %" read as one word: the percent sign
  w = w.replace(/^(\d+(?:[.,]\d+)?)(?:°|º|%[o°º]|[o°º]%)$/u, "$1%");
  // a number with a letter that looks like a digit: "1O0", "2.OOO", "l5", "9O%"
  const m = /^([(\[]?)([0-9OoDQlI|iSBZ.,]+)(%?[)\].,;:]?)$/u.exec(w);
  if (m && /\d/.test(m[2]!) && /[OoDQlI|iSBZ]/.test(m[2]!) && !isVietnameseSyllable(m[2]!)) {
    const digits = m[2]!.replace(/[OoDQlI|iSBZ]/g, (c) => LOOKALIKE[c]!);
    // still a well-formed number (groups of three after a dot, at most one decimal comma)
    if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d+(?:[.,]\d+)?$/.test(digits)) w = m[1]! + digits + m[3]!;
  }
  return { text: w, changed: w !== before };
}

export function repairWord(word: string): string {
  return repairWordDetailed(word).text;
}

export { repairedWords };
