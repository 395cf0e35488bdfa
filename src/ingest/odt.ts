// OpenDocument text (.odt) reader: its content.xml (and styles.xml for named styles) turned into
// the normalised document. text:h is a heading with its outline level, text:list items get the
// label their list style would show, table:table is a table (spans kept; a layout table comes out
// column by column, as in DOCX). The zip guard has checked the archive before this runs.

import { parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";
import { readDocxParts } from "./docx-zip.js";
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
}

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
    if (n.name === "text:list-style") {
      const levels = new Map<number, ListLevel>();
      for (const l of kids(n)) {
        const level = Number(l.attribs["text:level"] ?? 1);
        if (l.name === "text:list-level-style-number")
          levels.set(level, { format: l.attribs["style:num-format"] || null, prefix: l.attribs["style:num-prefix"] ?? "", suffix: l.attribs["style:num-suffix"] ?? ".", bullet: "" });
        else if (l.name === "text:list-level-style-bullet") levels.set(level, { format: null, prefix: "", suffix: "", bullet: l.attribs["text:bullet-char"] ?? "•" });
      }
      if (n.attribs["style:name"]) lists.set(n.attribs["style:name"], levels);
      continue;
    }
    collectStyles(n.children, styles, lists);
  }
}

class OdtWalker {
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
  private inline(p: Element): { text: string; bold: boolean } {
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
            case "text:note":
            case "office:annotation":
            case "text:bookmark-ref":
            case "draw:frame":
            case "text:soft-page-break":
              break;
            case "text:span": {
              const s = n.attribs["text:style-name"];
              walk(n.children, s && this.styles.has(s) ? this.style(s).bold || (bold && this.styles.get(s)!.bold !== false) : bold);
              break;
            }
            default:
              walk(n.children, bold);
          }
        }
      }
    };
    walk(p.children, paraBold);
    return { text: cleanText(text), bold: letters > 0 && boldLetters >= letters };
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
      switch (n.name) {
        case "text:p": {
          const b = this.para(n, "paragraph");
          if (b) out.push(b);
          break;
        }
        case "text:h": {
          const level = Number(n.attribs["text:outline-level"] ?? 1);
          const b = this.para(n, "heading", { level: level > 0 ? level : 1 });
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
          break; // sequence declarations, forms, frames anchored to the page
      }
    }
    return out;
  }

  private list(list: Element, level: number, styleName: string | undefined): ProtoBlock[] {
    const style = this.lists.get(list.attribs["text:style-name"] ?? styleName ?? "")?.get(level);
    const out: ProtoBlock[] = [];
    let n = Number(list.attribs["text:start-value"] ?? 1) - 1;
    for (const item of kids(list).filter((c) => c.name === "text:list-item" || c.name === "text:list-header")) {
      if (item.name === "text:list-item") n = item.attribs["text:start-value"] ? Number(item.attribs["text:start-value"]) : n + 1;
      const marker = style ? label(style, n) : "•";
      let first = true;
      for (const c of kids(item)) {
        if (c.name === "text:list") out.push(...this.list(c, level + 1, styleName));
        else if (c.name === "text:p" || c.name === "text:h") {
          const inl = this.inline(c);
          if (!inl.text) continue;
          if (first && item.name === "text:list-item") {
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
