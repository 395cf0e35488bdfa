// mammoth's HTML → proto blocks. Each Word paragraph arrives tagged with its index
// ("\uE000<n>\uE001" before its first character, see docx.ts) so its alignment and Word
// list number can be looked up; the tags never reach the text.

import { parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";
import { cleanText, type ProtoBlock, type ProtoRow } from "./proto.js";
import { isLayoutTable } from "./layout-tables.js";
import type { Block } from "./types.js";

export interface ParaInfo {
  align?: Block["align"];
  /** Word's list label for this paragraph ("1.", "a)", "I.", "•"). */
  label?: string;
  bullet?: boolean;
}

type Lookup = (index: number) => ParaInfo | undefined;

const TAG = /\uE000(\d+)\uE001/g;
const isEl = (n: ChildNode): n is Element => n.type === "tag";
const HEADING = /^h([1-6])$/;

interface Inline {
  text: string;
  bold: boolean;
  index: number | null;
}

/** Text of inline content: <br> is a line break, <strong>/<b> is bold; nested lists/tables are skipped. */
function inline(nodes: ChildNode[]): Inline {
  let text = "";
  let boldText = "";
  const walk = (ns: ChildNode[], bold: boolean) => {
    for (const n of ns) {
      if (n.type === "text") {
        text += n.data;
        if (bold) boldText += n.data;
      } else if (isEl(n)) {
        if (n.name === "br") text += "\n";
        else if (n.name === "ol" || n.name === "ul" || n.name === "table") continue;
        else walk(n.children, bold || n.name === "strong" || n.name === "b");
      }
    }
  };
  walk(nodes, false);
  let index: number | null = null;
  text = text.replace(TAG, (_, d: string) => {
    if (index == null) index = Number(d);
    return "";
  });
  const letters = text.replace(TAG, "").replace(/[\s\p{P}]/gu, "").length;
  const boldLetters = boldText.replace(TAG, "").replace(/[\s\p{P}]/gu, "").length;
  return { text: cleanText(text), bold: letters > 0 && boldLetters >= letters, index };
}

function withLabel(text: string, label: string | undefined): string {
  if (!label) return text;
  // some writers type the number as well as numbering the paragraph: never show it twice
  return text.startsWith(label) ? text : `${label} ${text}`;
}

class Walker {
  constructor(private readonly lookup: Lookup) {}

  private para(kind: Block["kind"], inl: Inline, extra: Partial<ProtoBlock> = {}): ProtoBlock | null {
    const info = inl.index != null ? this.lookup(inl.index) : undefined;
    const label = extra.marker ?? info?.label;
    const text = withLabel(inl.text, kind === "list_item" || info?.label ? label : undefined);
    if (!inl.text && !label) return null;
    if (!text) return null;
    const b: ProtoBlock = { kind, text, page: null, ...extra };
    if (label && (kind === "list_item" || info?.label)) b.marker = label;
    if (inl.bold) b.bold = true;
    if (info?.align) b.align = info.align;
    return b;
  }

  /** Block-level nodes → proto blocks, in order. */
  blocks(nodes: ChildNode[], depth = 0): ProtoBlock[] {
    const out: ProtoBlock[] = [];
    let loose: ChildNode[] = [];
    const flushLoose = () => {
      if (loose.length) {
        const b = this.para("paragraph", inline(loose));
        if (b) out.push(b);
        loose = [];
      }
    };
    for (const n of nodes) {
      if (!isEl(n)) {
        loose.push(n);
        continue;
      }
      const h = HEADING.exec(n.name);
      if (n.name === "p" || h || n.name === "ol" || n.name === "ul" || n.name === "table" || n.name === "div") flushLoose();
      if (n.name === "p") {
        const b = this.para("paragraph", inline(n.children));
        if (b) out.push(b);
      } else if (h) {
        const b = this.para("heading", inline(n.children), { level: Number(h[1]) });
        if (b) out.push(b);
      } else if (n.name === "ol" || n.name === "ul") {
        out.push(...this.list(n, depth));
      } else if (n.name === "table") {
        out.push(...this.table(n));
      } else if (n.name === "div" || n.name === "blockquote" || n.name === "section") {
        out.push(...this.blocks(n.children, depth));
      } else {
        loose.push(n);
      }
    }
    flushLoose();
    return out;
  }

  private list(list: Element, depth: number): ProtoBlock[] {
    const out: ProtoBlock[] = [];
    let n = 0;
    for (const li of list.children.filter(isEl).filter((c) => c.name === "li")) {
      n++;
      const inl = inline(li.children);
      const info = inl.index != null ? this.lookup(inl.index) : undefined;
      // mammoth drops Word's number; without numbering.xml fall back to the list's own order
      const marker = info?.label ?? (list.name === "ol" ? `${n}.` : "•");
      const b = this.para("list_item", inl, { marker, ...(depth ? { level: depth + 1 } : {}) });
      if (b) out.push(b);
      for (const sub of li.children.filter(isEl)) {
        if (sub.name === "ol" || sub.name === "ul") out.push(...this.list(sub, depth + 1));
        else if (sub.name === "table") out.push(...this.table(sub));
      }
    }
    return out;
  }

  private table(table: Element): ProtoBlock[] {
    const rows: { cells: { blocks: ProtoBlock[]; el: Element }[]; header: boolean }[] = [];
    const visitRows = (el: Element, inHead: boolean) => {
      for (const c of el.children.filter(isEl)) {
        if (c.name === "thead") visitRows(c, true);
        else if (c.name === "tbody" || c.name === "tfoot") visitRows(c, inHead);
        else if (c.name === "tr") {
          const cells = c.children
            .filter(isEl)
            .filter((td) => td.name === "td" || td.name === "th")
            .map((td) => ({ el: td, blocks: this.blocks(td.children) }));
          rows.push({ cells, header: inHead || (cells.length > 0 && cells.every((x) => x.el.name === "th")) });
        }
      }
    };
    visitRows(table, false);
    const texts = rows.map((r) => r.cells.map((c) => c.blocks.map(cellLine).join("\n")));
    if (isLayoutTable(texts)) {
      // left column first, then the right one: never interleave header or signature columns
      const out: ProtoBlock[] = [];
      const width = Math.max(...rows.map((r) => r.cells.length));
      for (let col = 0; col < width; col++) for (const r of rows) out.push(...(r.cells[col]?.blocks ?? []).map(asLayoutBlock));
      return out;
    }
    const first = texts[0]?.join("\t");
    const protoRows: ProtoRow[] = rows
      .map((r, i) => {
        const row: ProtoRow = {
          cells: r.cells.map((c, k) => {
            const cell: ProtoRow["cells"][number] = { text: texts[i]![k]! };
            const cs = Number(c.el.attribs.colspan ?? 1);
            const rs = Number(c.el.attribs.rowspan ?? 1);
            if (cs > 1) cell.colspan = cs;
            if (rs > 1) cell.rowspan = rs;
            if (c.blocks.length && c.blocks.every((b) => b.bold)) cell.bold = true;
            return cell;
          }),
          page: null,
        };
        if (r.header || (i > 0 && texts[i]!.length > 1 && texts[i]!.join("\t") === first)) row.header = true;
        return row;
      })
      .filter((r) => r.cells.length);
    if (!protoRows.length) return [];
    return [{ kind: "table", text: "", page: null, rows: protoRows }];
  }
}

/** A cell's block as one line of cell text: nested tables become their rows' text. */
function cellLine(b: ProtoBlock): string {
  if (b.kind === "table") return (b.rows ?? []).map((r) => r.cells.map((c) => c.text).join(" ")).join("\n");
  return b.text;
}

function asLayoutBlock(b: ProtoBlock): ProtoBlock {
  if (b.kind !== "table") return b;
  return { kind: "paragraph", text: cellLine(b), page: null };
}

export function htmlToProtos(html: string, lookup: Lookup): ProtoBlock[] {
  const doc = parseDocument(html, { decodeEntities: true });
  return new Walker(lookup).blocks(doc.children);
}
