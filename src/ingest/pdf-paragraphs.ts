// Lines → paragraphs by spacing, indentation, alignment and font. A line that was wrapped (the
// next line's first word would not have fitted after it) continues its paragraph with a space;
// a short line followed at normal spacing keeps its line break (title and signature lines).

import { MARKER } from "./markers.js";
import type { Line } from "./pdf-lines.js";
import type { ProtoBlock } from "./proto.js";

export interface Metrics {
  bodySize: number;
  left: number;
  right: number;
  lineGap: number;
  headingSizes: number[];
}

const mode = (values: number[], step: number): number | undefined => {
  const counts = new Map<number, number>();
  for (const v of values) {
    const k = Math.round(v / step) * step;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best: number | undefined;
  let n = 0;
  for (const [k, c] of counts) if (c > n || (c === n && best != null && k < best)) (best = k), (n = c);
  return best;
};

export function measure(lines: Line[]): Metrics {
  const sizes: number[] = [];
  for (const l of lines) for (let i = 0; i < l.text.length; i += 10) sizes.push(l.size);
  const bodySize = mode(sizes, 0.5) ?? 12;
  const body = lines.filter((l) => Math.abs(l.size - bodySize) < 0.6);
  const left = mode(body.map((l) => l.x0), 1) ?? 0;
  const x1s = body.map((l) => l.x1).sort((a, b) => a - b);
  const right = x1s[Math.floor(x1s.length * 0.95)] ?? left + 400;
  const gaps: number[] = [];
  for (let i = 1; i < body.length; i++) {
    const d = body[i - 1]!.y - body[i]!.y;
    if (body[i]!.page === body[i - 1]!.page && d > 0 && d < 2.5 * bodySize) gaps.push(d);
  }
  const lineGap = mode(gaps, 0.5) ?? bodySize * 1.2;
  const headingSizes = [...new Set(lines.filter((l) => l.size > bodySize * 1.12).map((l) => Math.round(l.size * 2) / 2))].sort((a, b) => b - a);
  return { bodySize, left, right, lineGap, headingSizes };
}

export interface Frame {
  left: number;
  right: number;
  /** A column of a header or signature block: short lines keep their breaks whatever their width. */
  keepLines?: boolean;
}

/** A line that opens an item: a list marker (markers.ts), or a numbered target line ("Chỉ tiêu 3"). */
const startsItem = (s: string) => MARKER.test(s) || /^Chỉ tiêu \d/u.test(s);

/** Builds blocks from the lines of one text column (the page body, or one side of a layout region). */
export function paragraphs(lines: Line[], m: Metrics, frame: Frame = { left: m.left, right: m.right }): ProtoBlock[] {
  const out: { block: ProtoBlock; lines: Line[] }[] = [];
  let cur = null as { block: ProtoBlock; lines: Line[] } | null;
  const width = frame.right - frame.left;
  const mid = (frame.left + frame.right) / 2;
  // centred: clear of the left edge, with about as much room on the right as on the left
  const centred = (l: Line) => l.x0 > frame.left + m.bodySize && Math.abs(l.x0 - frame.left - (frame.right - l.x1)) <= Math.max(8, 0.6 * m.bodySize, width * 0.03);
  const charW = (l: Line) => (l.x1 - l.x0) / Math.max(l.text.length, 1);
  // would the next line's first word have fitted at the end of this one?
  const wrapped = (a: Line, b: Line) => {
    const word = (b.text.split(" ")[0] ?? "").length + 2;
    const need = word * charW(b);
    if (centred(a) && centred(b)) return a.x1 - a.x0 + need > width - m.bodySize;
    return a.x1 + need > frame.right - 0.3 * m.bodySize;
  };
  const indented = (l: Line) => l.x0 > frame.left + 0.8 * m.bodySize;
  const sameFont = (a: Line, b: Line) => a.bold === b.bold && Math.abs(a.size - b.size) < 0.12 * m.bodySize;

  for (const line of lines) {
    const prev: Line | undefined = cur?.lines[cur.lines.length - 1];
    let join: " " | "\n" | null = null;
    if (cur && prev && sameFont(prev, line)) {
      const wrap = wrapped(prev, line);
      const marker = startsItem(line.text);
      if (line.page !== prev.page) {
        // a page break: only a wrapped line carries its paragraph over
        if (wrap && !indented(line) && !marker) join = " ";
      } else {
        const gap = prev.y - line.y;
        if (gap > 0 && gap <= m.lineGap * 1.12 + 0.5 && !marker) {
          // Vietnamese has no hyphenation: a line that starts in lower case after one that stops
          // mid-sentence is the same sentence, whatever width the box had
          const lower = frame.keepLines ? /^[\p{Ll}\d]/u : /^\p{Ll}/u;
          const goesOn = (wrap && !frame.keepLines) || (lower.test(line.text) && !/[.;:!?]$/.test(prev.text));
          if (goesOn && (frame.keepLines || !indented(line) || (wrap && Math.abs(line.x0 - prev.x0) < 3) || (centred(prev) && centred(line)) || (wrap && centred(line) && indented(prev)))) join = " ";
          else if (!goesOn && (frame.keepLines || centred(prev) || prev.x1 < frame.right - width * 0.25)) join = "\n";
        }
      }
    }
    if (cur && join) {
      const b = cur.block;
      if (line.page !== b.page && !(b.pageStarts ?? []).some((p) => p.page === line.page)) {
        b.pageStarts = [...(b.pageStarts ?? []), { at: b.text.length + 1, page: line.page }];
      }
      // "C-" / "ThaiNguyen": a word broken at its own hyphen closes up again
      b.text += (join === " " && /[\p{L}\p{N}][-/]$/u.test(b.text) ? "" : join) + line.text;
      cur.lines.push(line);
      continue;
    }
    cur = { block: { kind: "paragraph", text: line.text, page: line.page }, lines: [line] };
    out.push(cur);
  }
  return out.map(({ block, lines: ls }) => {
    const size = ls.reduce((n, l) => n + l.size, 0) / ls.length;
    const ratio = size / m.bodySize;
    if (ls.every((l) => l.bold)) block.bold = true;
    if (Math.abs(ratio - 1) > 0.05) block.size = Math.round(ratio * 100) / 100;
    // larger than the body text: a heading, ranked by size
    if (ratio > 1.12) {
      block.kind = "heading";
      const rank = m.headingSizes.findIndex((h) => Math.abs(h - size) < 0.6);
      block.level = rank >= 0 ? rank + 1 : 1;
    }
    if (ls.every(centred)) block.align = "center";
    else if (ls.every((l) => l.x0 > mid && Math.abs(l.x1 - frame.right) < m.bodySize)) block.align = "right";
    return block;
  });
}
