// The one owner of list markers: the bullets and numbers that open a list item or a numbered
// paragraph ("- ", "+ ", "•", "1.", "2.1.", "a)", "II.", "(1)"). Every reader (text, DOCX, ODT,
// PDF) and the extractor (goal state carried into list items, item numbers that are not figures)
// decide with these, so a new kind of marker is added in one place. Markers are punctuation,
// digits and letters, not words: no Vietnamese word list lives here.

/** Bullets typed before an item. */
const BULLET_CHARS = "-+*•–";
/** Further bullet glyphs PDF writers draw as a run of their own. */
const DRAWN_BULLETS = "○▪■►❖✓";
const bulletClass = (chars: string) => `[${chars.replace(/[-\]\\^]/g, "\\$&")}]`;
/** A numbered marker: "II.", "2.1.", "3)", "a)", and with a slash "1/", "II/". */
const NUMBERED = String.raw`(?:(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]|(?:[IVXLC]+|\d{1,2})\/)`;

/** A line opening with a bullet and a space ("- ", "• "): a list item. */
export const BULLET = new RegExp(`^(${bulletClass(BULLET_CHARS)})\\s+`, "u");

/**
 * What follows a numbered marker: a space, or a capital letter typed or recognised without the
 * space ("1.Kết quả", "II.ĐÁNH GIÁ").
 */
const AFTER_NUMBERED = String.raw`(?:\s|(?<=[.)/])(?=\p{Lu}))`;

/** A line opening with a list marker followed by a space; group 1 is the marker as written. */
export const MARKER = new RegExp(`^\\s*(${bulletClass(BULLET_CHARS)}|${NUMBERED})${AFTER_NUMBERED}`, "u");

/** A numbered marker, optionally after a bullet, opening a line ("1. ", "- a) "), with the spaces after it. */
export const NUMBERED_LEAD = new RegExp(`^\\s*(?:${bulletClass(BULLET_CHARS)}\\s+)?${NUMBERED}(?:\\s+|(?=\\p{Lu}))`, "u");

/** A numbered marker of any case opening a line ("1. ", "A. ", "ii) "). */
export const NUMBERED_START = new RegExp(`^${NUMBERED}\\s`, "iu");

/** Only bullets and spaces (what may stand before an item's number). */
export const BULLETS_ONLY = new RegExp(`^[\\s${bulletClass(BULLET_CHARS).slice(1, -1)}]*$`, "u");

/** A PDF text run that is nothing but a marker (set off from its text by a tab). */
export const MARKER_RUN = new RegExp(`^(?:${bulletClass(BULLET_CHARS + DRAWN_BULLETS)}|\\d{1,2}(?:\\.\\d{1,2})*[.)]|[a-zđ][.)]|[IVXLC]{1,5}\\.)$`, "u");

/**
 * A paragraph of running text that is an item of a list: it opens with a bullet, a number or a
 * letter marker, possibly in parentheses ("(1)", "(a)").
 */
const ITEM = new RegExp(`^\\s*(?:${bulletClass(BULLET_CHARS)}|\\(?\\d{1,2}[.)]|\\(?[a-zđ][.)])\\s`, "u");
export function opensListItem(text: string): boolean {
  return ITEM.test(text.slice(0, 12));
}

/**
 * A glyph of a symbol font (Symbol, Wingdings), as Word and LibreOffice store it: the font's byte,
 * or that byte in the private-use block U+F0xx. A report uses these fonts for bullets only, so
 * every glyph reads as "•", except the space, "-" and "+", which stay themselves.
 */
export function symbolGlyph(byte: number): string {
  const b = byte >= 0xf000 && byte <= 0xf0ff ? byte - 0xf000 : byte;
  return b === 0x20 || b === 0x2b || b === 0x2d ? String.fromCharCode(b) : "•";
}

/** Text with its symbol-font glyphs (U+F020–U+F0FF) read as symbolGlyph does. */
export function symbolBullets(text: string): string {
  return /[\uF020-\uF0FF]/.test(text) ? text.replace(/[\uF020-\uF0FF]/g, (c) => symbolGlyph(c.charCodeAt(0))) : text;
}
