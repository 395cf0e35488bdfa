// OpenDocument text (.odt) reader: its content.xml (and styles.xml for named styles) turned into
// the normalised document. text:h is a heading with its outline level, text:list items get the
// label their list style would show, table:table is a table (spans kept; a layout table comes out
// column by column, as in DOCX). The zip guard has checked the archive before this runs.

import { parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";
import { readDocxParts } from "./docx-zip.js";
import { symbolBullets } from "./markers.js";
import { readError } from "./messages.js";
import { classifyTyped, cleanText, emitDocument, joinCutBlocks, type ProtoBlock } from "./proto.js";
import { tableProtos, type PlainRow } from "./proto-tables.js";
import type { Block, NormalizedDocument } from "./types.js";

const isEl = (n: ChildNode): n is Element => n.type === "tag";
const kids = (e: Element) => e.children.filter(isEl);

interface StyleInfo {
  parent?: string;
  bold?: boolean;
  align?: Block["align"];
}

interface ListLevel {
  format: string | null; // "1", "I", "i", "a", "A" or null for a bullet
  prefix: string;
  suffix: string;
  bullet: string;
  /** How many levels the label shows ("1.2." shows 2). */
  display: number;
}

/** The style name under which the outline (heading numbering) levels are kept. */
const OUTLINE = "\u0000outline";

const ALIGN: Record<string, Block["align"]> = { start: "left", left: "left", center: "center", end: "right", right: "right", justify: "justify" };

export async function readOdt(bytes: Uint8Array): Promise<NormalizedDocument> {
  const { parts } = await readDocxParts(bytes, ["content.xml", "styles.xml"]);
  const content = parts.get("content.xml");
  if (!content) throw readError("corrupt", "Tệp ODT thiếu phần nội dung (content.xml)", "hãy mở bằng LibreOffice/Word rồi lưu lại", "ODT without content.xml");
  let root: ReturnType<typeof parseDocument>;
  let stylesRoot: ReturnType<typeof parseDocument> | null = null;
  try {
    root = parseDocument(content, { xmlMode: true, decodeEntities: true });
    const st = parts.get("styles.xml");
    if (st) stylesRoot = parseDocument(st, { xmlMode: true, decodeEntities: true });
  } catch (e) {
    throw readError("corrupt", "Tệp ODT hỏng, không đọc được nội dung", "hãy mở bằng LibreOffice/Word rồi lưu lại", `corrupt ODT: ${String((e as Error)?.message ?? e).slice(0, 100)}`);
  }
  const styles = new Map<string, StyleInfo>();
  const lists = new Map<string, Map<number, ListLevel>>();
  for (const r of [stylesRoot, root]) if (r) collectStyles(r.children, styles, lists);
  const body = find(root.children, "office:text");
  const reader = new OdtWalker(styles, lists);
  const protos = joinCutBlocks(body ? reader.blocks(kids(body)) : []);
  const doc = emitDocument(protos, "odt");
  if (!doc.text.trim()) throw readError("empty", "Tệp ODT không có chữ nào", "hãy kiểm tra lại bản gửi", "ODT holds no text");
  return doc;
}

function find(nodes: ChildNode[], name: string): Element | null {
  for (const n of nodes) {
    if (!isEl(n)) continue;
    if (n.name === name) return n;
    const f = find(n.children, name);
    if (f) return f;
  }
  return null;
}

function collectStyles(nodes: ChildNode[], styles: Map<string, StyleInfo>, lists: Map<string, Map<number, ListLevel>>): void {
  for (const n of nodes) {
    if (!isEl(n)) continue;
    if (n.name === "style:style") {
      const info: StyleInfo = {};
      if (n.attribs["style:parent-style-name"]) info.parent = n.attribs["style:parent-style-name"];
      for (const p of kids(n)) {
        if (p.name === "style:text-properties" && p.attribs["fo:font-weight"]) info.bold = /^(bold|[6-9]00)$/.test(p.attribs["fo:font-weight"]);
        if (p.name === "style:paragraph-properties" && p.attribs["fo:text-align"]) info.align = ALIGN[p.attribs["fo:text-align"]];
      }
      if (n.attribs["style:name"]) styles.set(n.attribs["style:name"], info);
      continue;
    }
    if (n.name === "text:list-style" || n.name === "text:outline-style") {
      const levels = new Map<number, ListLevel>();
      for (const l of kids(n)) {
        const level = Number(l.attribs["text:level"] ?? 1);
        const display = Math.max(1, Number(l.attribs["text:display-levels"] ?? 1) || 1);
        if (l.name === "text:list-level-style-number" || l.name === "text:outline-level-style")
          levels.set(level, { format: l.attribs["style:num-format"] || null, prefix: l.attribs["style:num-prefix"] ?? "", suffix: l.attribs["style:num-suffix"] ?? (l.name === "text:outline-level-style" ? "" : "."), bullet: "", display });
        else if (l.name === "text:list-level-style-bullet") levels.set(level, { format: null, prefix: "", suffix: "", bullet: bulletGlyph(l.attribs["text:bullet-char"] ?? "•"), display: 1 });
      }
      if (n.name === "text:outline-style") lists.set(OUTLINE, levels);
      else if (n.attribs["style:name"]) lists.set(n.attribs["style:name"], levels);
      continue;
    }
    collectStyles(n.children, styles, lists);
  }
}

class OdtWalker {
  /** Paragraphs of text boxes and shapes met inside a paragraph: emitted before it. */
  private boxes: ProtoBlock[] = [];
  /** Last number of each list (by style and level, and by xml:id), for lists that continue one. */
  private listEnds = new Map<string, number>();
  /** Heading numbers by outline level (text:outline-style). */
  private outlineCount: number[] = [];

  constructor(
    private readonly styles: Map<string, StyleInfo>,
    private readonly lists: Map<string, Map<number, ListLevel>>,
  ) {}

  private style(name: string | undefined): { bold: boolean; align?: Block["align"] } {
    let bold: boolean | undefined;
    let align: Block["align"] | undefined;
    for (let n = name, guard = 0; n && guard < 20; guard++) {
      const s = this.styles.get(n);
      if (!s) break;
      if (bold === undefined && s.bold !== undefined) bold = s.bold;
      if (align === undefined && s.align) align = s.align;
      n = s.parent;
    }
    return { bold: !!bold, ...(align ? { align } : {}) };
  }

  /** Inline text of a paragraph; bold when every letter is in a bold style. */
  private inline(p: Element): { text: string; bold: boolean; number?: string } {
    let number: string | undefined;
    const paraBold = this.style(p.attribs["text:style-name"]).bold;
    let text = "";
    let letters = 0;
    let boldLetters = 0;
    const walk = (nodes: ChildNode[], bold: boolean) => {
      for (const n of nodes) {
        if (n.type === "text") {
          text += n.data;
          const k = n.data.replace(/[\s\p{P}]/gu, "").length;
          letters += k;
          if (bold) boldLetters += k;
        } else if (isEl(n)) {
          switch (n.name) {
            case "text:s":
              text += " ".repeat(Math.max(1, Number(n.attribs["text:c"] ?? 1)));
              break;
            case "text:tab":
              text += " ";
              break;
            case "text:line-break":
              text += "\n";
              break;
            case "text:number":
              // the label the writer showed for this item or heading, cached in the file
              number = cleanText(textOf(n)) || undefined;
              break;
            case "text:note":
            case "office:annotation":
            case "text:soft-page-break":
            case "text:tracked-changes":
              break;
            case "text:span": {
              const s = n.attribs["text:style-name"];
              walk(n.children, s && this.styles.has(s) ? this.style(s).bold || (bold && this.styles.get(s)!.bold !== false) : bold);
              break;
            }
            default:
              // a text box or shape inside the paragraph: its own blocks, not words of this one
              if (n.name.startsWith("draw:")) this.boxes.push(...this.drawing(n));
              else walk(n.children, bold);
          }
        }
      }
    };
    walk(p.children, paraBold);
    return { text: cleanText(symbolBullets(text)), bold: letters > 0 && boldLetters >= letters, ...(number ? { number } : {}) };
  }

  /** The text of a frame, text box or shape (draw:*): its paragraphs, lists and tables. */
  private drawing(el: Element): ProtoBlock[] {
    const out: ProtoBlock[] = [];
    for (const c of kids(el)) {
      if (c.name === "text:p" || c.name === "text:h" || c.name === "text:list" || c.name === "table:table") out.push(...this.blocks([c]));
      else if (c.name.startsWith("draw:")) out.push(...this.drawing(c));
    }
    return out;
  }

  /** A heading's number from the outline style ("I.", "1.2."), counting headings as they come. */
  private outlineLabel(h: Element, level: number): string {
    const style = this.lists.get(OUTLINE)?.get(level);
    if (!style?.format || h.attribs["text:is-list-header"] === "true") return "";
    const counts = this.outlineCount;
    counts.length = Math.max(counts.length, level);
    for (let k = 0; k < level - 1; k++) counts[k] ??= 0;
    if (h.attribs["text:restart-numbering"] === "true") counts[level - 1] = Number(h.attribs["text:start-value"] ?? 1) - 1;
    counts[level - 1] = (counts[level - 1] ?? 0) + 1;
    counts.length = level;
    const parts: string[] = [];
    for (let l = level - style.display + 1; l <= level; l++) {
      const s = this.lists.get(OUTLINE)?.get(l);
      if (l < 1 || !s?.format) continue;
      parts.push(label({ ...s, prefix: "", suffix: "" }, counts[l - 1] ?? 1));
    }
    return parts.length ? `${style.prefix}${parts.join(".")}${style.suffix}` : "";
  }

  private para(p: Element, kind: Block["kind"], extra: Partial<ProtoBlock> = {}): ProtoBlock | null {
    const { text, bold } = this.inline(p);
    if (!text) return null;
    const { align } = this.style(p.attribs["text:style-name"]);
    const b: ProtoBlock = { kind, text, page: null, ...extra };
    if (bold) b.bold = true;
    if (align) b.align = align;
    return kind === "paragraph" ? classifyTyped(b) : b;
  }

  blocks(nodes: Element[]): ProtoBlock[] {
    const out: ProtoBlock[] = [];
    for (const n of nodes) {
      const { boxes, value } = this.withBoxes(() => this.element(n));
      out.push(...boxes, ...value);
    }
    return out;
  }

  /** Runs `read`, collecting apart the text boxes met meanwhile (they go before what it read). */
  private withBoxes<T>(read: () => T): { boxes: ProtoBlock[]; value: T } {
    const outer = this.boxes;
    this.boxes = [];
    try {
      const value = read();
      return { boxes: this.boxes, value };
    } finally {
      this.boxes = outer;
    }
  }

  private element(n: Element): ProtoBlock[] {
    const out: ProtoBlock[] = [];
    switch (n.name) {
      case "text:p": {
        const b = this.para(n, "paragraph");
        if (b) out.push(b);
        break;
      }
      case "text:h": {
        const b = this.heading(n, null);
        if (b) out.push(b);
        break;
      }
      case "text:list":
        out.push(...this.list(n, 1, n.attribs["text:style-name"]));
        break;
      case "table:table":
        out.push(...tableProtos(this.rows(n)));
        break;
      case "text:section":
      case "text:index-body":
      case "text:table-of-content":
        out.push(...this.blocks(kids(n)));
        break;
      default:
        // frames and shapes anchored to the page hold text boxes; the rest is declarations, forms
        if (n.name.startsWith("draw:")) out.push(...this.drawing(n));
        break;
    }
    return out;
  }

  /** A text:h: a heading at its outline level, its number (list label, cached or outline) before it. */
  private heading(h: Element, listMarker: string | null): ProtoBlock | null {
    const lv = Number(h.attribs["text:outline-level"] ?? 1);
    const level = lv > 0 ? lv : 1;
    const inl = this.inline(h);
    if (!inl.text) return null;
    const marker = inl.number ?? listMarker ?? this.outlineLabel(h, level);
    const text = !marker || inl.text.startsWith(marker) ? inl.text : `${marker} ${inl.text}`;
    const { align } = this.style(h.attribs["text:style-name"]);
    const b: ProtoBlock = { kind: "heading", text, page: null, level };
    if (marker) b.marker = marker;
    if (inl.bold) b.bold = true;
    if (align) b.align = align;
    return b;
  }

  private list(list: Element, level: number, styleName: string | undefined): ProtoBlock[] {
    const name = list.attribs["text:style-name"] ?? styleName ?? "";
    const style = this.lists.get(name)?.get(level);
    const out: ProtoBlock[] = [];
    // a list cut by a paragraph goes on counting when it says so (continue-numbering, continue-list)
    const key = `${name}\u0000${level}`;
    const cont = list.attribs["text:continue-list"];
    let n =
      cont && this.listEnds.has(`#${cont}`)
        ? this.listEnds.get(`#${cont}`)!
        : list.attribs["text:continue-numbering"] === "true" && this.listEnds.has(key)
          ? this.listEnds.get(key)!
          : Number(list.attribs["text:start-value"] ?? 1) - 1;
    for (const item of kids(list).filter((c) => c.name === "text:list-item" || c.name === "text:list-header")) {
      if (item.name === "text:list-item") n = item.attribs["text:start-value"] ? Number(item.attribs["text:start-value"]) : n + 1;
      let marker = style ? label(style, n) : "•";
      let first = true;
      for (const c of kids(item)) {
        if (c.name === "text:list") out.push(...this.list(c, level + 1, name));
        else if (c.name === "text:h" && first && item.name === "text:list-item") {
          // a numbered heading written as a list item (Word's numbered headings): still a heading
          const { boxes, value: b } = this.withBoxes(() => this.heading(c, marker));
          out.push(...boxes, ...(b ? [b] : []));
          if (b) first = false;
        } else if (c.name === "text:p" || c.name === "text:h") {
          const { boxes, value: inl } = this.withBoxes(() => this.inline(c));
          out.push(...boxes);
          if (!inl.text) continue;
          if (first && item.name === "text:list-item") {
            if (inl.number) marker = inl.number;
            const text = inl.text.startsWith(marker) || !marker ? inl.text : `${marker} ${inl.text}`;
            const b: ProtoBlock = { kind: "list_item", text, page: null, marker, ...(level > 1 ? { level } : {}) };
            if (inl.bold) b.bold = true;
            out.push(b);
          } else {
            const b = this.para(c, "paragraph");
            if (b) out.push(b);
          }
          first = false;
        } else if (c.name === "table:table") out.push(...tableProtos(this.rows(c)));
      }
    }
    this.listEnds.set(key, n);
    if (list.attribs["xml:id"]) this.listEnds.set(`#${list.attribs["xml:id"]}`, n);
    if (cont) this.listEnds.set(`#${cont}`, n);
    return out;
  }

  private rows(table: Element): PlainRow[] {
    const rows: PlainRow[] = [];
    const visit = (el: Element, header: boolean) => {
      for (const c of kids(el)) {
        if (c.name === "table:table-header-rows") visit(c, true);
        else if (c.name === "table:table-rows" || c.name === "table:table-row-group") visit(c, header);
        else if (c.name === "table:table-row") {
          const repeat = Math.min(Number(c.attribs["table:number-rows-repeated"] ?? 1), 1000);
          const cells = kids(c)
            .filter((td) => td.name === "table:table-cell")
            // empty cells written once with a repeat count (WPS, LibreOffice) stand for that many columns
            .flatMap((td) => Array<Element>(Math.min(Math.max(1, Number(td.attribs["table:number-columns-repeated"] ?? 1) || 1), 100)).fill(td))
            .map((td) => {
              const blocks = this.blocks(kids(td));
              const text = blocks.map((b) => (b.kind === "table" ? (b.rows ?? []).map((r) => r.cells.map((x) => x.text).join(" ")).join("\n") : b.text)).join("\n\n");
              const cs = Number(td.attribs["table:number-columns-spanned"] ?? 1);
              const rs = Number(td.attribs["table:number-rows-spanned"] ?? 1);
              return {
                text,
                ...(cs > 1 ? { colspan: cs } : {}),
                ...(rs > 1 ? { rowspan: rs } : {}),
                ...(blocks.length && blocks.every((b) => b.bold) ? { bold: true } : {}),
              };
            });
          // trailing empty cells (spreadsheet-like padding) say nothing
          while (cells.length > 1 && !cells[cells.length - 1]!.text && !cells[cells.length - 1]!.colspan) cells.pop();
          if (cells.every((x) => !x.text)) continue;
          for (let k = 0; k < repeat; k++) rows.push({ cells, ...(header ? { header: true } : {}) });
        }
      }
    };
    visit(table, false);
    return rows;
  }
}

function label(style: ListLevel, index: number): string {
  if (!style.format) return style.bullet || "•";
  let num: string;
  switch (style.format) {
    case "I":
      num = roman(index);
      break;
    case "i":
      num = roman(index).toLowerCase();
      break;
    case "a":
      num = String.fromCharCode(96 + (((index - 1) % 26) + 1));
      break;
    case "A":
      num = String.fromCharCode(64 + (((index - 1) % 26) + 1));
      break;
    default:
      num = String(index);
  }
  return `${style.prefix}${num}${style.suffix}`;
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
  let out = "";
  for (const [v, s] of table) while (n >= v) (out += s), (n -= v);
  return out;
}

/** All the character data under an element. */
function textOf(el: Element): string {
  return el.children.map((c) => (c.type === "text" ? c.data : isEl(c) ? textOf(c) : "")).join("");
}

/** A bullet from a symbol font (Symbol, Wingdings: private-use U+F0xx) shows as "•"; "-" and "+" stay. */
function bulletGlyph(ch: string): string {
  return symbolBullets(ch) || "•";
}
