// Punctuation the recogniser loses or invents on scans, repaired from the page's own evidence.
//
// The dots of a list or heading number are the smallest marks on a page: at 200 dpi, or under
// scanner noise, "2.1." is read as "2 1", "2.1.1." as "2 11.", "2.7" as "27", "1." as "1", "2.4."
// as "2:4.", and a roman "III." as "III" (or "II." as "1!."). The number is then no longer a
// section or a table row's label, and a row number like "210" stands where "2.10" was. A label is
// repaired only when the page's numbering says so: the reading with the dots put back continues the
// label before it (its next sibling, a next sibling higher up, or its first child) and comes before
// the next label read with its dots, where there is one on either side, and the reading as it is
// does not; a label changed on its own stands where the labels around it stand (a wrapped line
// starts at the margin, a heading where headings do). A figure at the start of a line ("27 Tổ …")
// is therefore left alone unless the page numbers its items exactly around it, at its place.
//
// A speck on the line after a word is read as a full stop ("tỷ lệ học. sinh"); a sentence never
// goes on in lower case after a full stop, so the stop goes (dropInventedStops).
//
// Only the marks change, never the digits. Markers, not words: no Vietnamese lives here.

type Label = number[];

/** What the repair needs of a word: its text, left and right edge, line and the line's height (one unit for all). */
export interface LabelWord {
  text: string;
  x0: number;
  x1: number;
  /** The recognised line it is on (unique across the pages given). */
  line: number;
  lineHeight: number;
}

/**
 * A label read with all its dots: "2.", "2.1", "2.1.1." (1–2 digits a part). Not "11.": that may
 * be "1.1." with a dot lost.
 */
const DOTTED = /^(\d(?:\.\d{1,2})*|\d{2}(?:\.\d{1,2})+)\.$|^(\d{1,2}(?:\.\d{1,2})+)$/;
/** Digits that may have lost dots: "27", "210", "11.", "2", "1," (its dot read as a comma). */
const BARE = /^(\d{1,3})([.,:;]?)$/;
/** A roman numeral read "I" this many times as wide as the one before holds more strokes (one stroke and a gap add about 0.3 line heights to a bold "I." of 0.4). */
const WIDER = 1.4;
/** Roman numerals of headings, by value. */
const ROMANS = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

/** `read` is `full` with one stroke (letter) left out: "II" of "III", "V" of "VI", "I" of "IV". */
function oneStrokeShort(read: string, full: string): boolean {
  return read.length + 1 === full.length && [...full].some((_, i) => full.slice(0, i) + full.slice(i + 1) === read);
}

/** Whether label `b` may come right after label `a` in a document's numbering. */
export function follows(a: Label, b: Label): boolean {
  // a first child, or deeper first children: 2.1 → 2.1.1
  if (b.length > a.length && a.every((v, i) => b[i] === v)) return b.slice(a.length).every((v) => v === 1);
  // the next at some level (the levels above it the same), then first children: 2.1.3 → 2.2,
  // 2.1.3 → 3, 1.3 → 2.1
  for (let k = 0; k < a.length && k < b.length; k++) {
    if (b[k] === a[k]! + 1) return b.slice(k + 1).every((v) => v === 1);
    if (b[k] !== a[k]) return false;
  }
  return false;
}

/** Whether label `a` comes before label `b` in a document's numbering (2.7 before 2.8 and 3, 2 before 2.1). */
export function before(a: Label, b: Label): boolean {
  for (let i = 0; i < b.length; i++) {
    if (i === a.length) return true;
    if (a[i] !== b[i]) return a[i]! < b[i]!;
  }
  return false;
}

/** The ways to put dots between `digits` (each part 1–2 digits, none starting with 0). */
function dottings(digits: string): Label[] {
  if (!digits) return [[]];
  const out: Label[] = [];
  for (const n of [1, 2]) {
    const head = digits.slice(0, n);
    if (head.length < n || head.startsWith("0")) continue;
    for (const rest of dottings(digits.slice(n))) out.push([Number(head), ...rest]);
  }
  return out;
}

interface Lead {
  /** Index in the page's words of the line's first word, and how many words the label takes. */
  at: number;
  take: number;
  /** Labels the lead may stand for; `asRead` is the one it says as it is (null: none). */
  options: Label[];
  asRead: Label | null;
  /** The label was read with all its dots: it needs no repair and anchors its neighbours. */
  sure: boolean;
  /** Nothing follows the label on its line (a table's label cell). */
  alone: boolean;
  /** The lead is digits that were read with a trailing dot. */
  trailingDot: boolean;
}

const letterStart = (w: LabelWord | undefined) => !!w && /^\p{L}/u.test(w.text);
const capitalStart = (w: LabelWord | undefined) => !!w && /^\p{Lu}/u.test(w.text);

/** The label a line opens with, if any (words[from..to) are the line). */
function leadOf(words: readonly LabelWord[], from: number, to: number): Lead | null {
  const w0 = words[from]!;
  const w1 = words[from + 1];
  const alone = to - from === 1;
  const sure = DOTTED.exec(w0.text);
  if (sure && (alone || letterStart(w1))) {
    const label = (sure[1] ?? sure[2]!).split(".").map(Number);
    return { at: from, take: 1, options: [label], asRead: label, sure: true, alone, trailingDot: false };
  }
  // "2 1 Công tác", "2 11. Công tác", "2,1 Công tác": a dot read as a space or a comma
  const split = /^(\d{1,2})$/.exec(w0.text);
  const second = w1 && /^(\d{1,2}(?:\.\d{1,2})*)(\.?)$/.exec(w1.text);
  if (split && second && to - from >= 3 && letterStart(words[from + 2]) && w1!.x0 - w0.x1 < 0.8 * w0.lineHeight) {
    const rest = second[1]!.split(".");
    const options = dottings(rest.join("")).filter((o) => o.length >= rest.length).map((o) => [Number(split[1]), ...o]);
    // two numbers this close before a heading's words are one label: sure of itself when its digits part one way only
    return { at: from, take: 2, options, asRead: null, sure: options.length === 1, alone: false, trailingDot: !!second[2] };
  }
  // "2,1 Công tác", "2:4. Việc": the dot read as a comma, a colon or a semicolon
  const comma = /^(\d{1,2})[,:;](\d{1,2})(\.?)$/.exec(w0.text);
  if (comma && capitalStart(w1)) return { at: from, take: 1, options: [[Number(comma[1]), Number(comma[2])]], asRead: null, sure: false, alone: false, trailingDot: !!comma[3] };
  // "27 Số lượng", "11. Tiếp tục", "2 Kết quả", "1, Công tác", or a table's label cell "210" alone
  const bare = BARE.exec(w0.text);
  if (bare && (alone ? !/[,:;]/.test(bare[2]!) : capitalStart(w1))) {
    const asRead = bare[1]!.length <= 2 ? [Number(bare[1])] : null;
    return { at: from, take: 1, options: dottings(bare[1]!), asRead, sure: false, alone, trailingDot: !!bare[2] };
  }
  return null;
}

const only = <T>(v: T[]): T | null => (v.length === 1 ? v[0]! : null);

/** Words → the lines they make (ranges of indices), in reading order. */
function linesOf(words: readonly LabelWord[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < words.length; ) {
    let j = i + 1;
    while (j < words.length && words[j]!.line === words[i]!.line) j++;
    out.push([i, j]);
    i = j;
  }
  return out;
}

/**
 * Recognised words in reading order (all the recognised pages of a document, so that a page
 * opening with "26" knows the page before ended with "2.5") with the dots of list and heading
 * numbers put back. A label read as two words ("2" "1") becomes one: `join(first, last, text)`
 * makes it. The digits themselves never change. Returns the words (a new array).
 */
export function repairPunctuation<W extends LabelWord>(words: readonly W[], join: (first: W, last: W, text: string) => W): W[] {
  const lines = linesOf(words);
  const leads = lines.map(([a, b]) => leadOf(words, a, b));
  // for each line, the next line whose label was read with all its dots (-1: none)
  const nextSure: number[] = new Array(lines.length).fill(-1);
  for (let li = lines.length - 2; li >= 0; li--) nextSure[li] = leads[li + 1]?.sure ? li + 1 : nextSure[li + 1]!;
  const merged = new Map<number, W>();
  const dropped = new Set<number>();
  // the last label taken (an empty one after a roman numeral: the numbering starts again at 1)
  // and where its line starts
  let prev: Label | null = null;
  let prevX: number | null = null;
  // the line before was a roman numeral's heading: its first item comes now; the last numeral
  let afterRoman = false;
  let lastRoman = 0;
  // how wide the last numeral's box was, in line heights (its strokes and dot)
  let romanWidth = 0;
  for (let li = 0; li < lines.length; li++) {
    const [a, b] = lines[li]!;
    const w0 = words[a]!;
    const wasAfterRoman = afterRoman;
    afterRoman = false;
    // a roman numeral's heading: "II." or, its dot lost, "III" before a line of capitals; a
    // stroke lost ("II" where "III" comes) is put back when the numeral before says so
    const capitalsAfter = b - a >= 3 && letterStart(words[a + 1]) && words.slice(a + 1, b).every((w) => !/\p{Ll}/u.test(w.text));
    // its strokes read as look-alikes ("1!." for "II.", "IL" for "II." with the dot run into the
    // stroke), the numeral the one that comes next
    const alike = /^([IVX1l|!][IVX1lL|!]{1,3})([.)]?)$/.exec(w0.text);
    const strokes = alike && /[IVXl|!]/.test(alike[1]!) && /[1lL|!]/.test(alike[1]!) ? alike[1]!.replace(/[1lL|!]/g, "I") : null;
    const roman = /^([IVX]{1,4})([.)]?)$/.exec(w0.text) ?? (strokes && capitalsAfter && strokes === ROMANS[lastRoman + 1] ? [w0.text, strokes, alike![2]!] : null);
    if (roman && (roman[2] || capitalsAfter)) {
      const expected = ROMANS[lastRoman + 1];
      const read = roman[1]!;
      // only a numeral that repeats or goes back; a new "I" starts a numbering of its own, unless
      // its box is clearly wider than the numeral's before it: then it holds another stroke
      const width = (w0.x1 - w0.x0) / w0.lineHeight;
      const wider = romanWidth > 0 && width >= WIDER * romanWidth;
      const back = ROMANS.indexOf(read) <= lastRoman && (read !== "I" || wider);
      const numeral = expected && back && oneStrokeShort(read, expected) ? expected : read;
      lastRoman = ROMANS.indexOf(numeral);
      romanWidth = width;
      const text = numeral + (roman[2] || ".");
      if (text !== w0.text) merged.set(a, join(w0, w0, text));
      (prev = []), (prevX = null), (afterRoman = true);
      continue;
    }
    const lead = leads[li];
    if (!lead) continue;
    const after = nextSure[li]!;
    const next = after >= 0 ? leads[after]!.options[0]! : null;
    if (!lead.sure && prev === null && next === null) continue;
    // the label read before comes right before; the next one read with its dots comes later
    // (other items, their dots lost, may stand between)
    const fits = (o: Label) => (prev === null || follows(prev, o)) && (next === null || before(o, next));
    const chosen = lead.sure ? lead.options[0]! : lead.asRead && fits(lead.asRead) ? lead.asRead : only(lead.options.filter(fits));
    if (!chosen) continue;
    // a word changed on its own, or a label alone on its line, stands under the labels around it
    // (or is the first item under a roman numeral's heading)
    const nextX = after >= 0 ? words[leads[after]!.at]!.x0 : null;
    const near = (x: number | null) => x !== null && Math.abs(x - w0.x0) < 1.5 * w0.lineHeight;
    const placed = near(prevX) || near(nextX) || (wasAfterRoman && chosen.length === 1 && chosen[0] === 1);
    // read with all its dots: it stays as it is, and numbers the ones after it, unless it is a
    // number alone away from the labels around it that does not continue them (a page's number
    // "4." over its text)
    if (lead.sure && lead.take === 1) {
      if (lead.alone && !placed && !(prev && follows(prev, chosen))) continue;
      (prev = chosen), (prevX = w0.x0);
      continue;
    }
    // a label on a line of its own keeps its form ("1" in a table's number column); one before a
    // heading's words gets the dot a heading's number ends with
    const text = chosen.length === 1 ? (lead.alone ? `${chosen[0]}` : `${chosen[0]}.`) : chosen.join(".") + (lead.trailingDot ? "." : "");
    if (!lead.sure && (lead.alone || (lead.take === 1 && text !== w0.text)) && !placed) continue;
    (prev = chosen), (prevX = w0.x0);
    if (text === w0.text) continue;
    const last = words[a + lead.take - 1]!;
    merged.set(a, join(w0, last, text));
    for (let k = a + 1; k < a + lead.take; k++) dropped.add(k);
  }
  return words.flatMap((w, i) => (dropped.has(i) ? [] : [merged.get(i) ?? w]));
}

/**
 * A speck after a word read as a full stop, with the sentence going on in lower case ("học.
 * sinh"): the stop goes. The sentence goes on in the next word, or, in a table, in the next run
 * of words that starts where the stop's run started (the recogniser reads a row's cells as one
 * line: a run ends where a gap wider than RUN_GAP line heights opens). Words in reading order,
 * changed in place.
 */
/** A gap between words this many line heights wide parts two cells (word spaces are about a third of it). */
const RUN_GAP = 0.6;

export function dropInventedStops(words: LabelWord[]): void {
  // runs: words of a line with no wide gap between them
  const runs: [number, number][] = [];
  for (const [a, b] of linesOf(words)) {
    let start = a;
    for (let i = a + 1; i <= b; i++)
      if (i === b || words[i]!.x0 - words[i - 1]!.x1 > RUN_GAP * words[i]!.lineHeight) runs.push([start, i]), (start = i);
  }
  const invented = (t: string) => /(?:^|\s)\p{Ll}+\.$/u.test(t);
  const lower = (k: number | undefined) => k !== undefined && /^\p{Ll}/u.test(words[k]!.text);
  runs.forEach(([a, b], r) => {
    const w = words[b - 1]!;
    if (!invented(w.text)) return;
    const x = words[a]!.x0;
    // the first run below that reaches under this one: the sentence goes on there only if it
    // starts where this run starts (a heading indented under a paragraph's last line does not)
    const under = runs.slice(r + 1, r + 9).find(([c, d]) => words[c]!.line !== w.line && words[c]!.x0 < w.x1 && words[d - 1]!.x1 > x);
    const below = under && Math.abs(words[under[0]]!.x0 - x) < w.lineHeight ? under : undefined;
    if (lower(b < words.length ? b : undefined) || lower(below?.[0])) w.text = w.text.slice(0, -1);
  });
  // and inside a run
  for (const [a, b] of runs) for (let i = a; i + 1 < b; i++) if (invented(words[i]!.text) && lower(i + 1)) words[i]!.text = words[i]!.text.slice(0, -1);
}
