// Turning one fixture report into another commune's: its unit and province names swapped for
// another official unit's, and its figures moved by up to ±15 %, so documents differ in content
// (not only in bytes) while keeping the shape the extractor reads.

import type { Place } from "./units.js";
import type { Rand } from "./rng.js";

export interface Edit {
  start: number;
  end: number;
  text: string;
}

const upper = (s: string) => s.toLocaleUpperCase("vi");
const capital = (s: string) => upper(s.slice(0, 1)) + s.slice(1);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A function replacing the template's unit and province (all cases) with `to`'s, in one pass. */
export function renamer(from: Place, to: Place): (text: string) => string {
  const pairs = new Map<string, string>();
  const add = (a: string, b: string) => {
    for (const [x, y] of [[a, b], [capital(a), capital(b)], [upper(a), upper(b)]] as const) pairs.set(x, y);
  };
  add(`${from.type} ${from.name}`, `${to.type} ${to.name}`);
  add(`${from.provinceType} ${from.province}`, `${to.provinceType} ${to.province}`);
  add(from.name, to.name);
  add(from.province, to.province);
  const keys = [...pairs.keys()].sort((a, b) => b.length - a.length); // longest first: "xã Vĩnh Thông" before "Vĩnh Thông"
  const re = new RegExp(keys.map(escapeRe).join("|"), "gu");
  return (text) => text.replace(re, (m) => pairs.get(m)!);
}

// An integer (optionally with "." thousands and a ",5" decimal) standing alone: not part of a
// date (15/5/2026), a document number (05-KH/BCĐ), a code or a word.
const FIGURE = /(?<![\p{L}\p{N}/.,\-–_])(\d{1,3}(?:\.\d{3})+|\d+)(,\d+)?(?![\p{L}\p{N}/\-–_])(?![.,]\d)/gu;
const DATE_WORD = /(?:ngày|tháng|năm|số|khóa|khoá|đợt|lần|giai đoạn|Điều|Khoản|Chương)\s*$/iu;

/** Where the figures are and what each becomes; dates, years, numbering and small counts stay. */
export function figureEdits(text: string, rand: Rand): Edit[] {
  const edits: Edit[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const whole = m[1]!;
    const start = m.index!;
    const end = start + whole.length;
    if (whole.startsWith("0")) continue; // "05", "01": codes and padded counts
    const v = Number(whole.replace(/\./g, ""));
    if (v < 10) continue;
    if (!whole.includes(".") && v >= 1900 && v <= 2100) continue; // a year
    if (DATE_WORD.test(text.slice(Math.max(0, start - 16), start))) continue;
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    const after = text[end + (m[2]?.length ?? 0)];
    if (/^[\s#|*>-]*$/.test(text.slice(lineStart, start)) && (after === "." || after === ")")) continue; // "12. …" numbering
    const percent = after === "%" || text.startsWith(" %", end + (m[2]?.length ?? 0));
    if (percent && v >= 100) continue;
    let n = Math.max(10, Math.round(v * (0.85 + 0.3 * rand())));
    if (percent) n = Math.min(n, 99);
    if (n === v) continue;
    edits.push({ start, end, text: whole.includes(".") ? groupThousands(n) : String(n) });
  }
  return edits;
}

function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

export function applyEdits(text: string, edits: Edit[]): string {
  let out = "";
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** The text of another commune's report: renamed, then figures moved. */
export function varyText(text: string, rename: (t: string) => string, rand: Rand): string {
  const renamed = rename(text);
  return applyEdits(renamed, figureEdits(renamed, rand));
}
