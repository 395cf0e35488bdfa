// DOCX variants: the fixture is unzipped, the text of every run in word/document.xml goes
// through the same renaming and figure changes as the text reports, and it is zipped again.
// fflate writes the zip (yauzl, the project's reader, cannot write one).

import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";

const DECODE: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : DECODE[e]!,
  );
}

function encodeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export interface DocxTemplate {
  files: Record<string, Uint8Array>;
  xml: string;
}

export function docxTemplate(bytes: Uint8Array): DocxTemplate {
  const files = unzipSync(bytes);
  const doc = files["word/document.xml"];
  if (!doc) throw new Error("no word/document.xml");
  return { files, xml: strFromU8(doc) };
}

/** A new .docx whose runs' text went through `vary` (the other parts are copied as they are). */
export function varyDocx(t: DocxTemplate, vary: (text: string) => string): Uint8Array {
  const xml = t.xml.replace(/(<w:t(?:\s[^>]*)?>)([^<]*)(<\/w:t>)/g, (_, open: string, text: string, close: string) => open + encodeXml(vary(decodeXml(text))) + close);
  const files: Zippable = {};
  for (const [name, data] of Object.entries(t.files)) files[name] = name === "word/document.xml" ? strToU8(xml) : data;
  return zipSync(files, { level: 6 });
}
