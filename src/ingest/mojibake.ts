// Double-encoded UTF-8 ("Bá»™ Ä‘Ã£" for "Bộ đã"): UTF-8 bytes once read as Windows-1252 and
// saved again as UTF-8. Each garbled letter is a run of Windows-1252 characters that, turned back
// into bytes, is exactly one valid multi-byte UTF-8 sequence; real Vietnamese text practically
// never holds such a run, and the caller keeps a repair only when the text then reads better as
// Vietnamese. When some runs are broken (a byte lost on the way: "á»" + nothing) the text cannot
// be repaired and is refused: never stored half garbled.

import iconv from "iconv-lite";

const BYTE_OF = new Map<string, number>();
for (let b = 0; b < 256; b++) {
  const ch = iconv.decode(Buffer.from([b]), "windows1252");
  // bytes Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) survive as C1 controls when
  // Windows did the damage; as U+FFFD they are lost and the letter cannot be rebuilt
  BYTE_OF.set(ch === "\uFFFD" ? String.fromCharCode(b) : ch, b);
}

// Any printable character: in a triple-encoded text the first round yields the double-encoded
// characters ("Ã", "¡"), not yet letters. Whether the whole repair reads better is decided by the
// caller, on the Vietnamese score of the text before and after.
const TARGET = /^[^\u0000-\u007F\uFFFD]$/u;

function seqLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const strict = new TextDecoder("utf-8", { fatal: true });

/** The garbled letter starting at `i`, if there is one: its length in characters and the letter. */
function garbledAt(s: string, i: number): { len: number; ch: string } | null {
  const lead = BYTE_OF.get(s[i]!);
  if (lead === undefined) return null;
  const n = seqLength(lead);
  if (!n || i + n > s.length) return null;
  const bytes = [lead];
  for (let k = 1; k < n; k++) {
    const b = BYTE_OF.get(s[i + k]!);
    if (b === undefined || b < 0x80 || b > 0xbf) return null;
    bytes.push(b);
  }
  try {
    const ch = strict.decode(Uint8Array.from(bytes));
    return TARGET.test(ch) ? { len: n, ch } : null;
  } catch {
    return null;
  }
}

// What is left of a garbled letter whose continuation byte was lost or replaced.
const BROKEN = /\uFFFD|á[º»]|Ä[^\s\p{L}]|Æ[^\s\p{L}]|â€|Ã[\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]/u;

export type MojibakeResult =
  | { kind: "clean" }
  | { kind: "repaired"; text: string; letters: number }
  | { kind: "broken"; sample: string };

// A garbled letter always starts with a lead byte's character followed by a continuation byte's:
// one regex test rules out clean text before the character-by-character pass.
const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
const charsOf = (from: number, to: number) =>
  [...BYTE_OF].filter(([, b]) => b >= from && b <= to).map(([c]) => escape(c)).join("");
const SUSPECT = new RegExp(`[${charsOf(0xc2, 0xf4)}][${charsOf(0x80, 0xbf)}]`);

/** Finds and repairs double-encoded UTF-8; at most two rounds (triple encoding happens). */
export function repairMojibake(text: string): MojibakeResult {
  if (!SUSPECT.test(text)) return { kind: "clean" };
  let s = text;
  let letters = 0;
  for (let round = 0; round < 2; round++) {
    const out: string[] = [];
    let found = 0;
    for (let i = 0; i < s.length; i++) {
      const g = s.charCodeAt(i) >= 0xc0 && s.charCodeAt(i) <= 0xff ? garbledAt(s, i) : null;
      if (g) {
        out.push(g.ch);
        i += g.len - 1;
        found++;
      } else out.push(s[i]!);
    }
    if (!found) break;
    letters += found;
    s = out.join("");
  }
  if (!letters) return { kind: "clean" };
  const m = BROKEN.exec(s);
  if (m) return { kind: "broken", sample: s.slice(Math.max(0, m.index - 10), m.index + 10).replace(/\s+/g, " ") };
  return { kind: "repaired", text: s, letters };
}
