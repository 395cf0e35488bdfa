// RTF reader: a small tokenizer (no npm RTF parser reads tables and codepages well enough), enough
// for what Word, WordPad and LibreOffice write. Text is \uN (with \ucN fallback characters skipped)
// or \'hh bytes in the codepage of the current font (\fcharset) or of the document (\ansicpgN);
// \par ends a paragraph, \line breaks a line, \cell and \row close table cells and rows (\intbl
// paragraphs); groups that are not text (font, colour and style tables, document info, pictures,
// objects, headers and footers, footnotes, and every \* destination but a shape's text box and
// \upr's Unicode copy) are skipped, as is hidden (\v) and deleted (\deleted) text. Character and
// paragraph properties are saved and restored with groups. Paragraph styles named "heading N" or
// with \outlinelevel make headings; \b makes bold; \qc, \qr, \qj alignment; \trhdr header rows,
// merged cells (\clvmgf, \clmgf, cells wider than the column grid) as spans.

import iconv from "iconv-lite";
import { fontEncoding, LEGACY_DECODERS } from "./legacy-encodings.js";
import { symbolGlyph } from "./markers.js";
import { readError } from "./messages.js";
import { classifyTyped, cleanText, emitDocument, joinCutBlocks, type ProtoBlock, type ProtoCell } from "./proto.js";
import { tableProtos, type PlainRow } from "./proto-tables.js";
import type { Block, NormalizedDocument } from "./types.js";

/** Destinations whose content is not document text. */
const SKIP = new Set([
  "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "objdata", "header", "headerl", "headerr", "headerf",
  "footer", "footerl", "footerr", "footerf", "footnote", "annotation", "fldinst", "listtable", "listoverridetable",
  "rsidtbl", "generator", "themedata", "colorschememapping", "datastore", "latentstyles", "xmlnstbl", "mmathPr",
  "filetbl", "revtbl", "pgdsctbl", "nonshppict", "bkmkstart", "bkmkend", "template", "userprops", "docvar",
  // a shape's property pairs and its drawing-object fallback (the text box's text is read from \shptxt)
  "sp", "shprslt", "do",
]);

/** \* destinations read as text: a shape (its text box) and the Unicode half of \upr. */
const READ_STARRED = new Set(["shpinst", "ud"]);

/** \fcharset → Windows codepage. */
const CHARSET_CP: Record<number, number> = {
  0: 1252, 77: 10000, 128: 932, 129: 949, 134: 936, 136: 950, 161: 1253, 162: 1254, 163: 1258, 177: 1255, 178: 1256,
  186: 1257, 204: 1251, 222: 874, 238: 1250,
};

interface CharState {
  bold: boolean;
  uc: number;
  /** A Windows codepage, or a legacy Vietnamese font encoding (.VnTime: TCVN3, VNI-Times: VNI). */
  codepage: number | "tcvn3" | "vni" | "symbol";
  skip: boolean;
  /** Hidden text (\v) or text deleted under tracked changes (\deleted): not part of what is read. */
  hidden?: boolean;
}

interface CellDef {
  right: number;
  /** \clmgf/\clmrg: first of, or merged into, a horizontal merge; \clvmgf/\clvmrg: the same, vertically. */
  h?: "first" | "cont";
  v?: "first" | "cont";
}

interface Saved {
  char: CharState;
  para: ParaState;
  /** Run when the group closes (a text box's paragraphs end with its group). */
  onClose?: () => void;
}

interface ParaState {
  style: number;
  intbl: boolean;
  align?: Block["align"];
  outline?: number;
}

interface Run {
  text: string;
  bold: boolean;
}

export async function readRtf(bytes: Uint8Array): Promise<NormalizedDocument> {
  const src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  let protos: ProtoBlock[];
  const warnings: string[] = [];
  try {
    const parser = new RtfParser(src);
    protos = parser.parse();
    if (parser.legacyFonts.size)
      warnings.push(`RTF dùng phông chữ mã cũ ${[...parser.legacyFonts].join(", ")}: đã chuyển sang Unicode, hãy kiểm tra dấu (legacy Vietnamese font encoding converted)`);
  } catch (e) {
    throw readError("corrupt", "Tệp RTF hỏng, không đọc được nội dung", "hãy mở bằng Word rồi lưu lại thành .docx", `corrupt RTF: ${String((e as Error)?.message ?? e).slice(0, 100)}`);
  }
  const doc = emitDocument(joinCutBlocks(protos), "rtf", { warnings });
  if (!doc.text.trim()) throw readError("empty", "Tệp RTF không có chữ nào", "hãy kiểm tra lại bản gửi", "RTF holds no text");
  return doc;
}

class RtfParser {
  private i = 0;
  private char: CharState = { bold: false, uc: 1, codepage: 1252, skip: false };
  private stack: Saved[] = [];
  private para: ParaState = { style: 0, intbl: false };
  private docCodepage = 1252;
  private defaultFont: number | null = null;
  private fonts = new Map<number, CharState["codepage"]>(); // font number → codepage or legacy encoding
  readonly legacyFonts = new Set<string>();
  private headingStyles = new Map<number, number>(); // style number → heading level
  private styleAlign = new Map<number, Block["align"]>();
  private runs: Run[] = [];
  private bytes: number[] = [];
  private out: ProtoBlock[] = [];
  private cells: { text: string; bold: boolean }[] = [];
  private cellParas: ProtoBlock[] = [];
  private rows: PlainRow[] = [];
  private rowHeader = false; // \trhdr: the row repeats as the table header
  /** The current row's cell definitions (\cellx right edges, merge flags), from its last \trowd. */
  private cellDefs: CellDef[] = [];
  private nextDef: Omit<CellDef, "right"> = {};
  /** Each kept row's cell right edges, for the column grid of the table. */
  private rowEdges: number[][] = [];
  /** The cell that opened a vertical merge, by its right edge. */
  private openV = new Map<number, ProtoCell>();
  private pendingSkip = 0; // fallback characters still to drop after \uN

  constructor(private readonly src: string) {}

  parse(): ProtoBlock[] {
    const s = this.src;
    const n = s.length;
    if (!/^\s*\{\\rtf/.test(s.slice(0, 64).replace(/^\uFEFF|^\xEF\xBB\xBF/, ""))) throw new Error("no {\\rtf header");
    while (this.i < n) {
      const c = s[this.i]!;
      if (c === "{") {
        this.flushBytes();
        this.openGroup();
        this.i++;
        // "{\*\dest" and known non-text destinations
        const m = /^\\\*\\?([a-zA-Z]+)?|^\\([a-zA-Z]+)(-?\d+)? ?/.exec(s.slice(this.i, this.i + 40));
        if (m && !this.char.skip) {
          const word = m[1] ?? m[2] ?? "";
          if ((m[0].startsWith("\\*") && !READ_STARRED.has(word)) || SKIP.has(word)) {
            if (word === "fonttbl") this.readFontTable();
            else if (word === "stylesheet") this.readStylesheet();
            else this.skipGroup();
          } else if (word === "upr") {
            // {\upr{ANSI text}{\*\ud{Unicode text}}}: the ANSI copy is skipped, the Unicode one read
            this.i += m[0].length;
            while (this.i < n && s[this.i] !== "{" && s[this.i] !== "}") this.i++;
            if (s[this.i] === "{") {
              this.openGroup();
              this.i++;
              this.skipGroup();
            }
          } else if (word === "shptxt") this.openTextBox();
        }
        continue;
      }
      if (c === "}") {
        this.flushBytes();
        this.closeGroup();
        this.i++;
        continue;
      }
      if (c === "\\") {
        this.control();
        continue;
      }
      if (c === "\r" || c === "\n") {
        this.i++;
        continue;
      }
      // plain text: 8-bit characters are in the current codepage
      this.i++;
      if (this.char.skip) continue;
      if (this.pendingSkip > 0) {
        this.pendingSkip--;
        continue;
      }
      this.bytes.push(c.charCodeAt(0) & 0xff);
    }
    this.flushBytes();
    this.endParagraph();
    this.endTable();
    return this.out;
  }

  /** Skips the group just opened (its "{" consumed), nested groups included. */
  private skipGroup(): void {
    const s = this.src;
    let depth = 1;
    while (this.i < s.length && depth > 0) {
      const c = s[this.i]!;
      if (c === "\\") {
        // \bin N: N raw bytes follow
        const m = /^\\bin(\d+) ?/.exec(s.slice(this.i, this.i + 20));
        if (m) {
          this.i += m[0].length + Number(m[1]);
          continue;
        }
        this.i += 2;
        continue;
      }
      if (c === "{") depth++;
      else if (c === "}") depth--;
      this.i++;
    }
    this.closeGroup();
  }

  /** A group opens: the character and paragraph properties in force are saved. */
  private openGroup(): void {
    this.stack.push({ char: { ...this.char }, para: { ...this.para } });
  }

  /** A group closes: what it asked for at its end is done, and the saved properties are back. */
  private closeGroup(): void {
    const saved = this.stack.pop();
    if (!saved) return;
    saved.onClose?.();
    this.char = saved.char;
    this.para = saved.para;
  }

  /**
   * A text box (\shptxt) inside a paragraph: its paragraphs are read apart (a table around it is
   * left as it stands) and come before the paragraph that anchors it, or join the table cell that
   * holds it; the anchoring paragraph's text so far is taken up again after.
   */
  private openTextBox(): void {
    this.flushBytes();
    const outer = {
      runs: this.runs, cellParas: this.cellParas, cells: this.cells, rows: this.rows, rowEdges: this.rowEdges,
      openV: this.openV, out: this.out, rowHeader: this.rowHeader, cellDefs: this.cellDefs,
    };
    this.runs = [];
    this.cellParas = [];
    this.cells = [];
    this.rows = [];
    this.rowEdges = [];
    this.openV = new Map();
    this.out = [];
    const saved = this.stack[this.stack.length - 1]!;
    saved.onClose = () => {
      this.endParagraph();
      this.endTable();
      const box = this.out;
      Object.assign(this, outer);
      if (saved.para.intbl) this.cellParas.push(...box.filter((b) => b.kind !== "table"));
      else {
        this.endTable(); // a table just closed comes before the box
        this.out.push(...box);
      }
    };
    this.para = { style: 0, intbl: false };
  }

  /** The text of the group just opened, with its control words, to its closing brace. */
  private groupSource(): string {
    const start = this.i;
    this.skipGroup();
    return this.src.slice(start, this.i - 1);
  }

  private readFontTable(): void {
    const body = this.groupSource();
    for (const m of body.matchAll(/\\f(\d+)((?:\\[a-z]+-?\d* ?|\{\\\*[^{}]*\})*)([^;{}\\]*);/g)) {
      const legacy = fontEncoding(m[3] ?? "");
      const cs = /\\fcharset(\d+)/.exec(m[2] ?? "");
      if (legacy) {
        this.fonts.set(Number(m[1]), legacy);
        this.legacyFonts.add(`${(m[3] ?? "").trim()} (${legacy === "tcvn3" ? "TCVN3" : "VNI"})`);
      } else if (cs && cs[1] === "2") this.fonts.set(Number(m[1]), "symbol");
      else if (cs) this.fonts.set(Number(m[1]), CHARSET_CP[Number(cs[1])] ?? 1252);
    }
    // back in the document's group: text before any \f is in the default font (\deffN)
    this.char.codepage = this.defaultCodepage();
  }

  private defaultCodepage(): CharState["codepage"] {
    return (this.defaultFont != null ? this.fonts.get(this.defaultFont) : undefined) ?? this.docCodepage;
  }

  private readStylesheet(): void {
    const body = this.groupSource();
    for (const m of body.matchAll(/\{(?:\\\*)?\\s(\d+)([^{}]*?);\}/g)) {
      const style = Number(m[1]);
      const props = m[2] ?? "";
      const name = props.replace(/\\[a-zA-Z]+-?\d* ?/g, "").trim();
      const h = /^heading\s*(\d)$/i.exec(name);
      const ol = /\\outlinelevel(\d)/.exec(props);
      if (h) this.headingStyles.set(style, Number(h[1]));
      else if (ol) this.headingStyles.set(style, Number(ol[1]) + 1);
      const a = /\\q([lcrj])\b/.exec(props);
      if (a) this.styleAlign.set(style, ({ l: "left", c: "center", r: "right", j: "justify" } as const)[a[1] as "l" | "c" | "r" | "j"]);
    }
  }

  private control(): void {
    const s = this.src;
    const next = s[this.i + 1];
    if (next === undefined) {
      this.i++;
      return;
    }
    // control symbols
    if (!/[a-zA-Z]/.test(next)) {
      this.i += 2;
      if (next === "'") {
        const hex = s.slice(this.i, this.i + 2);
        this.i += 2;
        if (this.char.skip) return;
        if (this.pendingSkip > 0) {
          this.pendingSkip--;
          return;
        }
        this.bytes.push(parseInt(hex, 16) & 0xff);
        return;
      }
      if (this.char.skip) return;
      if (next === "\\" || next === "{" || next === "}") this.text(next);
      else if (next === "~") this.text("\u00a0");
      else if (next === "_") this.text("\u2011");
      else if (next === "-") return; // optional hyphen
      else if (next === "\n" || next === "\r") this.endParagraph();
      else if (next === "*") return;
      return;
    }
    const m = /^\\([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(s.slice(this.i, this.i + 48))!;
    this.i += m[0].length;
    const word = m[1]!;
    const param = m[2] != null ? Number(m[2]) : null;
    if (word === "bin") {
      this.i += param ?? 0;
      return;
    }
    if (this.char.skip) return;
    this.word(word, param);
  }

  private word(word: string, param: number | null): void {
    // a control word ends a run of fallback characters
    if (word !== "u") this.pendingSkip = 0;
    switch (word) {
      case "ansicpg":
        if (param) this.docCodepage = this.char.codepage = param;
        return;
      case "deff":
        this.defaultFont = param ?? 0;
        return;
      case "f":
        this.flushBytes();
        this.char.codepage = this.fonts.get(param ?? 0) ?? this.docCodepage;
        return;
      case "uc":
        this.char.uc = Math.max(0, param ?? 1);
        return;
      case "u": {
        this.flushBytes();
        let code = param ?? 0;
        if (code < 0) code += 65536;
        // Symbol/Wingdings glyphs written as U+F0xx (private use): a bullet
        this.text(code >= 0xf000 && code <= 0xf0ff ? symbolGlyph(code) : String.fromCharCode(code));
        this.pendingSkip = this.char.uc;
        return;
      }
      case "par":
        this.endParagraph();
        return;
      case "sect":
      case "page":
        this.endParagraph();
        return;
      case "line":
      case "nestcell":
        this.text("\n");
        return;
      case "tab":
        this.text("\t");
        return;
      case "emdash":
        return this.text("—");
      case "endash":
        return this.text("–");
      case "bullet":
        return this.text("•");
      case "lquote":
        return this.text("‘");
      case "rquote":
        return this.text("’");
      case "ldblquote":
        return this.text("“");
      case "rdblquote":
        return this.text("”");
      case "emspace":
      case "enspace":
      case "qmspace":
        return this.text(" ");
      case "b":
        this.flushBytes();
        this.char.bold = param !== 0;
        return;
      case "v":
      case "deleted":
        this.flushBytes();
        this.char.hidden = param !== 0;
        return;
      case "plain":
        this.flushBytes();
        this.char.bold = false;
        this.char.hidden = false;
        this.char.codepage = this.defaultCodepage();
        return;
      case "pard":
        this.para = { style: 0, intbl: false };
        return;
      case "s":
        this.para.style = param ?? 0;
        return;
      case "intbl":
        this.para.intbl = true;
        return;
      case "outlinelevel":
        this.para.outline = param ?? 0;
        return;
      case "ql":
        this.para.align = "left";
        return;
      case "qc":
        this.para.align = "center";
        return;
      case "qr":
        this.para.align = "right";
        return;
      case "qj":
        this.para.align = "justify";
        return;
      case "cell":
        this.endCell();
        return;
      case "row":
        this.endRow();
        return;
      case "nestrow":
        return;
      case "trowd":
        this.rowHeader = false;
        this.cellDefs = [];
        this.nextDef = {};
        return;
      case "clmgf":
        this.nextDef.h = "first";
        return;
      case "clmrg":
        this.nextDef.h = "cont";
        return;
      case "clvmgf":
        this.nextDef.v = "first";
        return;
      case "clvmrg":
        this.nextDef.v = "cont";
        return;
      case "cellx":
        this.cellDefs.push({ right: param ?? 0, ...this.nextDef });
        this.nextDef = {};
        return;
      case "trhdr":
        this.rowHeader = true;
        return;
      default:
        return;
    }
  }

  private text(t: string): void {
    if (this.char.skip) return;
    this.flushBytes();
    this.push(t);
  }

  private push(t: string): void {
    if (this.char.hidden) return;
    const last = this.runs[this.runs.length - 1];
    if (last && last.bold === this.char.bold) last.text += t;
    else this.runs.push({ text: t, bold: this.char.bold });
  }

  private flushBytes(): void {
    if (!this.bytes.length) return;
    const buf = Buffer.from(this.bytes);
    this.bytes = [];
    const cp = this.char.codepage || this.docCodepage;
    if (cp === "tcvn3" || cp === "vni") return this.push(LEGACY_DECODERS[cp](buf));
    if (cp === "symbol") return this.push(Array.from(buf, symbolGlyph).join(""));
    const enc = iconv.encodingExists(`cp${cp}`) ? `cp${cp}` : "cp1252";
    this.push(iconv.decode(buf, enc));
  }

  /** The paragraph's text and whether all its letters are bold; resets the runs. */
  private takeParagraph(): { text: string; bold: boolean } {
    this.flushBytes();
    let letters = 0;
    let bold = 0;
    let text = "";
    for (const r of this.runs) {
      text += r.text;
      const k = r.text.replace(/[\s\p{P}]/gu, "").length;
      letters += k;
      if (r.bold) bold += k;
    }
    this.runs = [];
    return { text: cleanText(text), bold: letters > 0 && bold >= letters };
  }

  private endParagraph(): void {
    const { text, bold } = this.takeParagraph();
    if (this.para.intbl) {
      if (text) this.cellParas.push({ kind: "paragraph", text, page: null, ...(bold ? { bold } : {}) });
      return;
    }
    if (this.rows.length || this.cells.length) this.endTable();
    if (!text) return;
    const level = this.para.outline != null ? this.para.outline + 1 : this.headingStyles.get(this.para.style);
    const align = this.para.align ?? this.styleAlign.get(this.para.style);
    let b: ProtoBlock = { kind: level ? "heading" : "paragraph", text, page: null };
    if (level) b.level = level;
    if (bold) b.bold = true;
    if (align) b.align = align;
    if (!level) b = classifyTyped(b);
    this.out.push(b);
  }

  private endCell(): void {
    const { text, bold } = this.takeParagraph();
    if (text) this.cellParas.push({ kind: "paragraph", text, page: null, ...(bold ? { bold } : {}) });
    const paras = this.cellParas;
    this.cellParas = [];
    this.cells.push({ text: paras.map((p) => p.text).join("\n\n"), bold: paras.length > 0 && paras.every((p) => p.bold) });
  }

  private endRow(): void {
    const rest = this.takeParagraph();
    if (rest.text) this.cells.push({ text: rest.text, bold: rest.bold });
    const defs = this.cellDefs.length === this.cells.length ? this.cellDefs : null;
    const cells: ProtoCell[] = [];
    const edges: number[] = [];
    this.cells.forEach((c, k) => {
      const def = defs?.[k];
      const prev = cells[cells.length - 1];
      // merged into the cell on its left (\clmrg) or above (\clvmrg): that cell spans further
      if (def?.h === "cont" && prev && !c.text) {
        prev.colspan = (prev.colspan ?? 1) + 1;
        edges[edges.length - 1] = def.right;
        return;
      }
      const above = def?.v === "cont" ? this.openV.get(def.right) : undefined;
      if (above && !c.text) {
        above.rowspan = (above.rowspan ?? 1) + 1;
        edges.push(-def!.right); // a covered place: counts for the grid, holds no cell
        return;
      }
      const cell: ProtoCell = { text: c.text, ...(c.bold ? { bold: true } : {}) };
      if (def) {
        if (def.v === "first") this.openV.set(def.right, cell);
        else this.openV.delete(def.right);
      }
      cells.push(cell);
      edges.push(def?.right ?? Number.NaN);
    });
    this.rows.push({ cells, ...(this.rowHeader ? { header: true } : {}) });
    this.rowEdges.push(edges);
    this.cells = [];
  }

  /**
   * Horizontal spans Word writes as wider cells: the table's column grid is every right edge of
   * every row (edges closer than a few points are one); a cell spanning several grid columns gets
   * that colspan.
   */
  private gridSpans(): void {
    const all = this.rowEdges.flat().map(Math.abs).filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
    const grid: number[] = [];
    for (const x of all) if (!grid.length || x - grid[grid.length - 1]! > 60) grid.push(x);
    if (grid.length < 2) return;
    const col = (x: number) => grid.findIndex((g) => Math.abs(g - x) <= 60);
    this.rows.forEach((row, r) => {
      const edges = this.rowEdges[r]!;
      if (edges.some((x) => !Number.isFinite(x))) return;
      let left = -1;
      let k = 0;
      for (const e of edges) {
        const right = col(Math.abs(e));
        if (right < 0) return;
        if (e >= 0) {
          const cell = row.cells[k++];
          if (cell && right - left > 1 && !cell.colspan) cell.colspan = right - left;
        }
        left = right;
      }
    });
  }

  private endTable(): void {
    if (this.cells.length) this.endRow();
    if (this.rows.length) {
      this.gridSpans();
      this.out.push(...tableProtos(this.rows));
    }
    this.rows = [];
    this.rowEdges = [];
    this.openV.clear();
  }
}

