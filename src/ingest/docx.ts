// DOCX reader: mammoth's HTML (raw text would lose tables and list numbers) turned into the
// normalised document. Word paragraphs are tagged during mammoth's document transform so each
// HTML element can be tied back to its alignment and to the list label Word would show.

import mammoth from "mammoth";
import { htmlToProtos, type ParaInfo } from "./docx-html.js";
import { readNumberedParagraphs, type XmlParagraph } from "./docx-numbering.js";
import { readDocxParts } from "./docx-zip.js";
import { classifyTyped, emitDocument, joinCutBlocks } from "./proto.js";
import { ReadError, type Block, type NormalizedDocument } from "./types.js";

interface MammothElement {
  type: string;
  value?: string;
  alignment?: string;
  children?: MammothElement[];
}

interface Tagged {
  key: string;
  align?: Block["align"];
}

const ALIGN: Record<string, Block["align"]> = {
  left: "left",
  start: "left",
  center: "center",
  right: "right",
  end: "right",
  both: "justify",
  distribute: "justify",
};

export async function readDocx(bytes: Uint8Array): Promise<NormalizedDocument> {
  const { names, parts } = await readDocxParts(bytes, ["word/document.xml", "word/numbering.xml", "word/styles.xml"]);
  const documentXml = parts.get("word/document.xml");
  if (!documentXml) {
    const what = names.some((n) => n.startsWith("xl/")) ? "Excel" : names.some((n) => n.startsWith("ppt/")) ? "PowerPoint" : "ZIP";
    throw new ReadError("unsupported_format", `Tệp ${what} không phải văn bản Word (.docx): hãy gửi DOCX hoặc PDF (not a DOCX: no word/document.xml)`);
  }

  // tag every paragraph with its index; remember what mammoth knows about it
  const tagged: Tagged[] = [];
  const transforms = (mammoth as unknown as { transforms: { paragraph(f: (p: MammothElement) => MammothElement): (e: unknown) => unknown } }).transforms;
  const transformDocument = transforms.paragraph((p: MammothElement) => {
    const index = tagged.length;
    tagged.push({ key: textOf(p).replace(/\s+/g, ""), align: p.alignment ? ALIGN[p.alignment] : undefined });
    const first = firstText(p);
    if (first) first.value = `\uE000${index}\uE001${first.value}`;
    return p;
  });

  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, { transformDocument });
    html = result.value;
  } catch (e) {
    throw new ReadError("corrupt", `Tệp DOCX hỏng, không đọc được nội dung (corrupt DOCX: ${String((e as Error)?.message ?? e).split("\n")[0]!.slice(0, 120)})`);
  }

  let xmlParas: XmlParagraph[] = [];
  const warnings: string[] = [];
  try {
    xmlParas = readNumberedParagraphs(documentXml, parts.get("word/numbering.xml"), parts.get("word/styles.xml"));
  } catch {
    warnings.push("Không đọc được đánh số tự động của Word; số mục có thể thiếu (Word numbering unreadable)");
  }
  const labels = alignLabels(tagged, xmlParas);
  const lookup = (i: number): ParaInfo | undefined => {
    const t = tagged[i];
    if (!t) return undefined;
    const l = labels.get(i);
    return { align: t.align, ...(l ? { label: l.label, bullet: l.bullet } : {}) };
  };
  const protos = joinCutBlocks(htmlToProtos(html, lookup).map(classifyTyped));
  const doc = emitDocument(protos, "docx", { warnings });
  if (!doc.text.trim()) throw new ReadError("empty", "Tệp DOCX không có chữ nào: hãy kiểm tra lại bản gửi (DOCX holds no text)");
  return doc;
}

/** Ties mammoth's paragraphs to document.xml's by their text, in order, to carry list labels over. */
function alignLabels(tagged: Tagged[], xml: XmlParagraph[]): Map<number, { label?: string; bullet?: boolean }> {
  const out = new Map<number, { label?: string; bullet?: boolean }>();
  let j = 0;
  for (let i = 0; i < tagged.length; i++) {
    const key = tagged[i]!.key;
    for (let k = j; k < Math.min(xml.length, j + 25); k++) {
      if (xml[k]!.key === key) {
        if (xml[k]!.label) out.set(i, { label: xml[k]!.label, bullet: xml[k]!.bullet });
        j = k + 1;
        break;
      }
    }
  }
  return out;
}

function textOf(el: MammothElement): string {
  if (el.type === "text") return el.value ?? "";
  return (el.children ?? []).map(textOf).join("");
}

function firstText(el: MammothElement): MammothElement | null {
  if (el.type === "text" && el.value) return el;
  for (const c of el.children ?? []) {
    const t = firstText(c);
    if (t) return t;
  }
  return null;
}
