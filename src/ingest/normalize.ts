// Unicode clean-up every reader applies before building text: NFC, one kind of line break,
// no invisible characters that would split words.

const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const ODD_SPACES = /[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g;

const NEEDS_WORK = /[\r\u00AD\u200B-\u200D\u2060\uFEFF\u00A0\u2000-\u200A\u202F\u205F\u3000\u2028\u2029]/;

export function normalizeUnicode(s: string): string {
  if (!NEEDS_WORK.test(s)) return s.normalize("NFC");
  return s
    .replace(/\r\n?/g, "\n")
    .replace(INVISIBLE, "")
    .replace(ODD_SPACES, " ")
    .replace(/[\u2028\u2029]/g, "\n")
    .normalize("NFC");
}

/** Collapses white space for quotes and titles. */
export function collapse(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}
