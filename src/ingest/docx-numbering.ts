// Word auto-numbering: mammoth turns numbered paragraphs into <ol>/<ul> and drops the number
// itself ("I.", "1.", "2.1.", "a)"), which the extractor needs to find sections. This reads
// word/numbering.xml and word/document.xml and computes each paragraph's label as Word shows it.

import { DomUtils, parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";

interface Level {
  start: number;
  numFmt: string;
  lvlText: string;
  isLgl: boolean;
}

interface Num {
  abstractId: string;
  overrides: Map<number, { start?: number; level?: Level }>;
}

export interface XmlParagraph {
  /** Text with all white space removed: what paragraphs are matched on. */
  key: string;
  /** Label as Word renders it ("1.", "a)", "2.1.", "I.", or the bullet character). */
  label?: string;
  bullet?: boolean;
}

const isEl = (n: ChildNode): n is Element => n.type === "tag";
const attr = (el: Element | null | undefined, name: string): string | undefined => el?.attribs[name];
const child = (el: Element | null | undefined, name: string): Element | undefined =>
  el ? (el.children.find((c) => isEl(c) && c.name === name) as Element | undefined) : undefined;

function readLevel(el: Element): Level {
  const lgl = child(el, "w:isLgl");
  return {
    start: Number(attr(child(el, "w:start"), "w:val") ?? 1),
    numFmt: attr(child(el, "w:numFmt"), "w:val") ?? "decimal",
    lvlText: attr(child(el, "w:lvlText"), "w:val") ?? "",
    isLgl: !!lgl && attr(lgl, "w:val") !== "0" && attr(lgl, "w:val") !== "false",
  };
}

class Numbering {
  abstracts = new Map<string, Map<number, Level>>();
  nums = new Map<string, Num>();
  styleNum = new Map<string, { numId: string; ilvl: number }>();
  private counters = new Map<string, (number | undefined)[]>();

  constructor(numberingXml: string | undefined, stylesXml: string | undefined) {
    if (numberingXml) {
      const doc = parseDocument(numberingXml, { xmlMode: true });
      for (const a of DomUtils.getElementsByTagName("w:abstractNum", doc, true)) {
        const levels = new Map<number, Level>();
        for (const l of a.children.filter(isEl).filter((c) => c.name === "w:lvl")) levels.set(Number(attr(l, "w:ilvl") ?? 0), readLevel(l));
        this.abstracts.set(attr(a, "w:abstractNumId") ?? "", levels);
      }
      for (const n of DomUtils.getElementsByTagName("w:num", doc, true)) {
        const overrides = new Map<number, { start?: number; level?: Level }>();
        for (const o of n.children.filter(isEl).filter((c) => c.name === "w:lvlOverride")) {
          const so = attr(child(o, "w:startOverride"), "w:val");
          const lvl = child(o, "w:lvl");
          overrides.set(Number(attr(o, "w:ilvl") ?? 0), { ...(so != null ? { start: Number(so) } : {}), ...(lvl ? { level: readLevel(lvl) } : {}) });
        }
        this.nums.set(attr(n, "w:numId") ?? "", { abstractId: attr(child(n, "w:abstractNumId"), "w:val") ?? "", overrides });
      }
    }
    if (stylesXml) {
      const doc = parseDocument(stylesXml, { xmlMode: true });
      for (const s of DomUtils.getElementsByTagName("w:style", doc, true)) {
        const numPr = child(child(s, "w:pPr"), "w:numPr");
        const numId = attr(child(numPr, "w:numId"), "w:val");
        if (numId) this.styleNum.set(attr(s, "w:styleId") ?? "", { numId, ilvl: Number(attr(child(numPr, "w:ilvl"), "w:val") ?? 0) });
      }
    }
  }

  private level(num: Num, ilvl: number): Level | undefined {
    return num.overrides.get(ilvl)?.level ?? this.abstracts.get(num.abstractId)?.get(ilvl);
  }

  /** Advances the counters of (numId, ilvl) and returns the label Word shows for it. */
  next(numId: string, ilvl: number): { label: string; bullet: boolean } | undefined {
    const num = this.nums.get(numId);
    if (!num) return undefined;
    const lvl = this.level(num, ilvl);
    if (!lvl) return undefined;
    if (lvl.numFmt === "bullet") return { label: bulletChar(lvl.lvlText), bullet: true };
    // lists that share an abstract definition (and no restart) continue one sequence, as in Word
    const key = num.overrides.size ? `n${numId}` : `a${num.abstractId}`;
    const c = this.counters.get(key) ?? [];
    const startOf = (i: number) => num.overrides.get(i)?.start ?? this.level(num, i)?.start ?? 1;
    c[ilvl] = c[ilvl] == null ? startOf(ilvl) : c[ilvl]! + 1;
    for (let i = ilvl + 1; i < c.length; i++) c[i] = undefined;
    this.counters.set(key, c);
    const label = lvl.lvlText.replace(/%([1-9])/g, (_, d: string) => {
      const i = Number(d) - 1;
      const li = this.level(num, i);
      const v = c[i] ?? startOf(i);
      return formatNumber(v, lvl.isLgl ? "decimal" : (li?.numFmt ?? "decimal"));
    });
    return { label: label.trim(), bullet: false };
  }
}

/** Symbol/Wingdings bullets live in the private use area: show them as "•". */
function bulletChar(lvlText: string): string {
  const t = lvlText.trim();
  if (!t || /[\uE000-\uF8FF]/.test(t) || t === "·") return "•";
  return t;
}

const ROMAN: [number, string][] = [
  [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
  [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
];

export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case "upperRoman":
    case "lowerRoman": {
      let s = "";
      let v = Math.max(1, n);
      for (const [k, r] of ROMAN) while (v >= k) (s += r), (v -= k);
      return fmt === "lowerRoman" ? s.toLowerCase() : s;
    }
    case "upperLetter":
    case "lowerLetter": {
      // Word repeats the letter past z: aa, bb, …
      const v = Math.max(1, n) - 1;
      const s = String.fromCharCode(97 + (v % 26)).repeat(Math.floor(v / 26) + 1);
      return fmt === "upperLetter" ? s.toUpperCase() : s;
    }
    case "decimalZero":
      return n < 10 ? `0${n}` : String(n);
    case "none":
      return "";
    default:
      return String(n);
  }
}

/** Every paragraph of document.xml in order, with its numbering label when it has one. */
export function readNumberedParagraphs(documentXml: string, numberingXml?: string, stylesXml?: string): XmlParagraph[] {
  const numbering = new Numbering(numberingXml, stylesXml);
  const doc = parseDocument(documentXml, { xmlMode: true });
  const out: XmlParagraph[] = [];
  const visit = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (!isEl(n)) continue;
      // mammoth reads the fallback of alternate content; so do we, once
      if (n.name === "mc:Choice" || n.name === "w:del" || n.name === "w:delText") continue;
      if (n.name === "w:p") {
        out.push(paragraph(n, numbering));
        continue;
      }
      visit(n.children);
    }
  };
  visit(doc.children);
  return out;
}

function paragraph(p: Element, numbering: Numbering): XmlParagraph {
  const texts = DomUtils.getElementsByTagName("w:t", p, true).filter((t) => !insideSkipped(t, p));
  const key = texts.map((t) => DomUtils.textContent(t)).join("").replace(/\s+/g, "");
  const pPr = child(p, "w:pPr");
  const numPr = child(pPr, "w:numPr");
  let numId = attr(child(numPr, "w:numId"), "w:val");
  let ilvl = Number(attr(child(numPr, "w:ilvl"), "w:val") ?? 0);
  if (numId == null) {
    const s = numbering.styleNum.get(attr(child(pPr, "w:pStyle"), "w:val") ?? "");
    if (s) ({ numId, ilvl } = s);
  }
  if (!numId || numId === "0") return { key };
  const n = numbering.next(numId, ilvl);
  return n ? { key, label: n.label, bullet: n.bullet } : { key };
}

/** Deleted text and the preferred branch of alternate content are not what mammoth shows. */
function insideSkipped(el: Element, stop: Element): boolean {
  for (let a = el.parent; a && a !== stop; a = a.parent) if (isEl(a as ChildNode) && ((a as Element).name === "w:del" || (a as Element).name === "mc:Choice")) return true;
  return false;
}
