// Text and Markdown reader: markup is structure, not content. Blank lines separate blocks;
// tab-separated lines are table rows; "- "/"+ " lines are list items.

import { BULLET, MARKER } from "./markers.js";
import { continuesBlock, mergeBlocks, TextBuilder } from "./blocks.js";
import { normalizeUnicode } from "./normalize.js";
import type { Block, Cell, NormalizedDocument, Row } from "./types.js";

const HEADING = /^(#{1,6})\s+(.*)$/;
// "**x**", "__x__", "<b>x</b>" … wrap bold; "*x*" wraps italics. Removed, remembered as bold.
const INLINE_TAGS = /<\/?(?:b|strong|i|em|u|span|p|font|sup|sub)(?:\s[^>]*)?>/gi;
const BREAK_TAGS = /<br\s*\/?>|<\/?(?:li|ul|ol|div|tr)(?:\s[^>]*)?>/gi;

interface Line {
  raw: string;
  text: string;
  bold: boolean;
  heading: number;
}

/** Strips inline Markdown/HTML from one line; reports whether the whole line was bold. */
export function stripInline(line: string): { text: string; bold: boolean } {
  // most lines carry no markup at all
  if (!/[*_<>\\&]|[ \t]$/.test(line)) return { text: line, bold: false };
  let s = line;
  const trimmed = s.trim();
  const bold =
    /^(\*\*|__).*(\*\*|__)[.:]?$/.test(trimmed) ||
    /^<(b|strong)>.*<\/(b|strong)>[.:]?$/i.test(trimmed) ||
    /^\*\*\*.*\*\*\*$/.test(trimmed);
  s = s.replace(BREAK_TAGS, (m) => (/^<(li|br)/i.test(m) ? "\n" : ""));
  s = s.replace(INLINE_TAGS, "");
  s = s.replace(/\*\*|__/g, "");
  // single-star italics "*(text)*", never a leading "* " bullet
  s = s.replace(/(^|[\s(])\*(?=\S)([^*\n]+?)\*(?=$|[\s).,;:])/g, "$1$2");
  s = s.replace(/<(https?:\/\/[^>\s]+)>/g, "$1");
  s = s.replace(/\\([\\`*_{}[\]()#+\-.!|])/g, "$1");
  s = s.replace(/&nbsp;/g, " ").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"');
  s = s.replace(/[ \t]+$/g, "");
  return { text: s, bold };
}

function parseLine(raw: string): Line {
  const h = HEADING.exec(raw);
  const body = h ? h[2]! : raw;
  const { text, bold } = stripInline(body);
  return { raw, text, bold, heading: h ? h[1]!.length : 0 };
}

/** Reads decoded text (any Unicode normalisation, any line endings) into a normalised document. */
export function readText(input: string, format: "text" | "markdown" = "text"): NormalizedDocument {
  const src = normalizeUnicode(input);
  const rawLines = pipeRowsAsTabs(src.split("\n"));
  const out = new TextBuilder();
  const blocks: Block[] = [];
  let table: { block: Block; rows: Row[] } | null = null;
  let para: Para | null = null;

  const closePara = () => {
    para = null;
  };
  const closeTable = () => {
    if (table) {
      table.block.end = table.rows[table.rows.length - 1]!.end;
      table = null;
    }
  };

  let blankRun = 0;
  for (const raw of rawLines) {
    if (!raw.trim()) {
      blankRun++;
      closePara();
      continue;
    }
    const isTab = raw.includes("\t");
    if (isTab) {
      closePara();
      const wasBlank = blankRun > 0;
      blankRun = 0;
      const cellsRaw = raw.split("\t");
      if (!table) {
        out.breakBlock();
        const block: Block = { kind: "table", start: out.offset, end: out.offset, page: null, rows: [] };
        blocks.push(block);
        table = { block, rows: block.rows! };
      } else {
        out.append(wasBlank ? "\n\n" : "\n");
      }
      const rowStart = out.offset;
      const cells: Cell[] = [];
      cellsRaw.forEach((c, i) => {
        if (i > 0) out.append("\t");
        const { text, bold } = stripInline(c);
        const span = out.append(text.trim());
        cells.push({ ...span, ...(bold ? { bold } : {}) });
      });
      const row: Row = { start: rowStart, end: out.offset, cells };
      // a row whose first cell is empty right after a page break carries on the row above
      if (wasBlank && table.rows.length && !cellText(out, cells[0]!) && cells.some((c) => c.end > c.start)) row.continues = true;
      if (table.rows.length && isHeaderRepeat(out, table.rows[0]!, row)) row.header = true;
      table.rows.push(row);
      continue;
    }
    // a non-tab line ends a table only after a blank line (pages break tables with blank lines)
    if (table) closeTable();
    const line = parseLine(raw);
    // a line opening with a number ("1. ", "2/ ", "a) ") opens an item or a heading of its own, and
    // a short numbered line without end punctuation is a heading: the line after it starts anew
    const startsItem = BULLET.test(line.text) || line.heading > 0 || MARKER.test(line.text) || (!!para && isTitleLine(para));
    if (para && blankRun === 0 && !startsItem && !(para.block.kind === "list_item")) {
      out.append("\n");
      const span = out.append(line.text);
      para.block.end = span.end;
      para.block.bold = para.block.bold && line.bold;
      para.lines++;
      continue;
    }
    if (para && blankRun === 0 && para.block.kind === "list_item" && !startsItem && !/^\s*\d/.test(line.text)) {
      // wrapped list item line
      out.append("\n");
      para.block.end = out.append(line.text).end;
      continue;
    }
    blankRun = 0;
    out.breakBlock();
    const span = out.append(line.text);
    const kind = line.heading ? "heading" : BULLET.test(line.text) ? "list_item" : "paragraph";
    const block: Block = { kind, start: span.start, end: span.end, page: null };
    if (line.heading) block.level = line.heading;
    if (line.bold) block.bold = true;
    const m = MARKER.exec(line.text);
    if (m) block.marker = m[1];
    blocks.push(block);
    para = { block, lines: 1, first: line.text };
  }
  closeTable();
  const text = out.toString();
  return { format, text, blocks: joinBrokenBlocks(text, blocks), pages: null, warnings: [] };
}

/** A Markdown table's rule under its header: "|---|:---:|". */
const PIPE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/u;

/**
 * Tables typed with pipes, "STT | Chỉ tiêu | Kết quả" or Markdown's "| a | b |": consecutive lines
 * with as many cell separators as each other become tab-separated rows (the reader's table rows);
 * a Markdown rule line under the header is dropped. A lone line with a pipe stays text.
 */
function pipeRowsAsTabs(lines: string[]): string[] {
  const cellsOf = (line: string): string[] | null => {
    if (line.includes("\t") || !line.includes("|")) return null;
    const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
    const cells = inner.split("|");
    return cells.length >= 2 ? cells : null;
  };
  const rows = lines.map((l) => (PIPE_RULE.test(l) && l.includes("-") ? null : cellsOf(l)));
  const rule = lines.map((l) => PIPE_RULE.test(l) && l.includes("|"));
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (rule[i]) return;
    const cells = rows[i];
    const near = (j: number) => {
      while (j >= 0 && j < lines.length && rule[j]) j += j < i ? -1 : 1;
      return j >= 0 && j < lines.length ? rows[j] : null;
    };
    const same = cells && [near(i - 1), near(i + 1)].some((r) => r?.length === cells.length);
    out.push(same ? cells.map((c) => c.trim()).join("\t") : line);
  });
  return out;
}

/** The paragraph being built: its block, how many lines it has and its first line as read. */
interface Para {
  block: Block;
  lines: number;
  first: string;
}

/** A block of one numbered line, short and without end punctuation: "1/ Công tác chỉ đạo". */
function isTitleLine(para: Para): boolean {
  const b = para.block;
  if (para.lines !== 1 || b.kind !== "paragraph" || !b.marker || BULLET.test(b.marker + " ")) return false;
  const text = para.first.trim();
  return text.length <= TITLE_LINE_MAX && !/[.;:,]$/u.test(text);
}
/** The longest line read as a heading title (characters). */
const TITLE_LINE_MAX = 120;

function cellText(out: TextBuilder, c: Cell): string {
  return out.toString().slice(c.start, c.end);
}

function isHeaderRepeat(out: TextBuilder, first: Row, row: Row): boolean {
  if (first.cells.length !== row.cells.length || first.cells.length < 2) return false;
  const all = out.toString();
  return first.cells.every((c, i) => all.slice(c.start, c.end) === all.slice(row.cells[i]!.start, row.cells[i]!.end));
}

/** Rejoins paragraphs and list items cut by page breaks ("… có kiến thức" / "công nghệ số …"). */
export function joinBrokenBlocks(text: string, blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.kind !== "table" &&
      b.kind === "paragraph" &&
      prev.kind !== "heading" &&
      !prev.bold &&
      continuesBlock(text.slice(prev.start, prev.end), text.slice(b.start, b.end))
    ) {
      out[out.length - 1] = mergeBlocks(prev, b);
      continue;
    }
    out.push(b);
  }
  return out;
}
