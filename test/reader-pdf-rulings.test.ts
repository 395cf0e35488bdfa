// The PDF reader asks pdf.js for a page's operator list (a second parse of the page) only when
// it needs it: for the fonts of text it has not seen yet, or for the rulings of a page that may
// hold a ruled table. Whether a page may, it reads from the content stream itself
// (pdf-objects.ts, pdf-rulings.ts): these tests hold that reading to pdf.js's, and check that it
// gives up on what it does not follow.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadPdf } from "../src/ingest/pdf-load.js";
import { PdfFile } from "../src/ingest/pdf-objects.js";
import { contentRulings, mayHoldTable, rulings, type Ruling } from "../src/ingest/pdf-rulings.js";
import { FIXTURES } from "./helpers.js";

const OPS = { save: 10, restore: 11, transform: 12, constructPath: 91 };

type Obj = string | { dict: string; data: string };

/** A PDF from objects 1…n: a classic xref table, or an xref stream with the plain objects listed in `packed` inside an object stream. */
function buildPdf(objs: Obj[], packed: number[] = []): Uint8Array {
  const parts: Buffer[] = [Buffer.from("%PDF-1.5\n")];
  let len = parts[0]!.length;
  const where = new Map<number, { offset: number } | { stm: number; index: number }>();
  const add = (num: number, body: Buffer) => {
    where.set(num, { offset: len });
    const b = Buffer.concat([Buffer.from(`${num} 0 obj\n`), body, Buffer.from("\nendobj\n")]);
    parts.push(b);
    len += b.length;
  };
  const stream = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from("\nendstream")]);
  objs.forEach((o, i) => {
    if (packed.includes(i + 1)) return;
    add(i + 1, typeof o === "string" ? Buffer.from(o) : stream(o.dict, Buffer.from(o.data, "latin1")));
  });
  if (!packed.length) {
    const xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` + objs.map((_, i) => `${String((where.get(i + 1) as { offset: number }).offset).padStart(10, "0")} 00000 n \n`).join("");
    parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${len}\n%%EOF\n`));
    return new Uint8Array(Buffer.concat(parts));
  }
  const stm = objs.length + 1;
  const bodies = packed.map((n) => objs[n - 1] as string);
  let head = "";
  let body = "";
  packed.forEach((n, k) => {
    head += `${n} ${body.length} `;
    body += `${bodies[k]}\n`;
    where.set(n, { stm, index: k });
  });
  add(stm, stream(`/Type /ObjStm /N ${packed.length} /First ${head.length} /Filter /FlateDecode`, deflateSync(Buffer.from(head + body))));
  const xrefNum = stm + 1;
  where.set(xrefNum, { offset: len });
  const rows = Buffer.alloc((xrefNum + 1) * 4);
  for (let n = 1; n <= xrefNum; n++) {
    const w = where.get(n)!;
    if ("offset" in w) rows.set([1, w.offset >> 8, w.offset & 255, 0], n * 4);
    else rows.set([2, w.stm >> 8, w.stm & 255, w.index], n * 4);
  }
  const data = deflateSync(rows);
  const xrefAt = len;
  add(xrefNum, stream(`/Type /XRef /Size ${xrefNum + 1} /W [1 2 1] /Root 1 0 R /Filter /FlateDecode`, data));
  parts.push(Buffer.from(`startxref\n${xrefAt}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

/** One A4 page (object 3) drawing `content`, with a font, an image and a form to call on. */
function onePage(content: string, extra = "", packed = false): PdfFile {
  const objs: Obj[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /XObject << /Im1 6 0 R /Fm1 7 0 R >> /ExtGState << /G0 8 0 R /G1 9 0 R >> >> >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> ${extra} >>`,
    { dict: "", data: content },
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    { dict: "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", data: "\u0080" },
    { dict: "/Type /XObject /Subtype /Form /BBox [0 0 100 100]", data: "0 0 100 100 re S" },
    "<< /Type /ExtGState /ca 0.5 >>",
    "<< /Type /ExtGState /SMask << /S /Alpha /G 7 0 R >> >>",
  ];
  return new PdfFile(buildPdf(objs, packed ? [1, 2, 3, 5, 8, 9] : []));
}

const page3 = { num: 3, gen: 0 };
const text = (x: number, y: number) => ({ x, y, width: 60 });
const PROSE = "0 0 595 842 re W n BT /F1 12 Tf 100 700 Td (Van xuoi) Tj ET 100 690 m 300 690 l S";
const BOX = "BT /F1 12 Tf 100 700 Td (Ghi chu trong khung) Tj ET q 1 0 0 1 90 690 cm 0 0 200 30 re S Q";

describe("pdf: which pages need pdf.js's operator list", () => {
  for (const packed of [false, true]) {
    const how = packed ? "xref stream, object stream" : "xref table";
    it(`reads a page's drawing from its content stream (${how})`, () => {
      const prose = contentRulings(onePage(PROSE, "", packed), page3, OPS, 0, 0);
      // the clip of the whole page and one underline: no table
      expect(prose).not.toBeNull();
      expect(mayHoldTable(prose!, 595, [text(100, 700)])).toBe(false);
      const box = contentRulings(onePage(BOX, "", packed), page3, OPS, 0, 0);
      // a frame round a line of text is a one-cell table for findTables
      expect(box).toHaveLength(4);
      expect(mayHoldTable(box!, 595, [text(100, 700)])).toBe(true);
      // the same frame with no text inside holds no table
      expect(mayHoldTable(box!, 595, [text(100, 400)])).toBe(false);
    });
  }

  it("follows what draws no lines: images, plain graphics states, links without an appearance", () => {
    const file = onePage(`${PROSE} q 10 0 0 10 0 0 cm /Im1 Do Q /G0 gs`, "/Annots [<< /Subtype /Link /Rect [0 0 10 10] >>]");
    expect(contentRulings(file, page3, OPS, 0, 0)).not.toBeNull();
  });

  it("gives up on what it does not follow: forms, soft masks, inline images, patterns, drawn annotations, odd operands", () => {
    const cases: [string, string?][] = [
      [`${PROSE} /Fm1 Do`],
      [`${PROSE} /G1 gs`],
      [`${PROSE} BI /W 1 /H 1 /CS /G /BPC 8 ID \u0080 EI`],
      [`${PROSE} /P0 scn`],
      [`${PROSE} 1 2 3 re S`],
      [`${PROSE} 1 2 3 4 5 re S`],
      [`${PROSE} 1e3 0 m`],
      [`${PROSE} 1 0 0 1 0 0 xx`],
      [PROSE, "/Annots [<< /Subtype /Square /Rect [0 0 10 10] >>]"],
      [PROSE, "/Annots [<< /Subtype /Link /Rect [0 0 10 10] /AP << /N 7 0 R >> >>]"],
    ];
    for (const [content, extra] of cases) expect(contentRulings(onePage(content, extra), page3, OPS, 0, 0), content + (extra ?? "")).toBeNull();
  });

  it("refuses files it cannot read: encrypted, a wrong object offset", () => {
    const ok = buildPdf(["<< /Type /Catalog >>"]);
    const encrypted = Buffer.from(Buffer.from(ok).toString("latin1").replace("/Root 1 0 R", "/Root 1 0 R /Encrypt << /Filter /Standard >>"), "latin1");
    expect(() => new PdfFile(encrypted)).toThrow();
    // object 1 is at offset 9; the xref says 12, inside its "1 0 obj"
    const shifted = Buffer.from(Buffer.from(ok).toString("latin1").replace("0000000009 00000 n", "0000000012 00000 n"), "latin1");
    const file = new PdfFile(shifted);
    expect(() => file.fetch({ num: 1, gen: 0 } as never)).toThrow();
    expect(new PdfFile(ok).fetch({ num: 1, gen: 0 } as never)).toBeInstanceOf(Map);
  });

  it("finds exactly pdf.js's rulings on every page of the PDF fixtures", async () => {
    const { getDocument, OPS: pdfOps } = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const near = (a: Ruling[], b: Ruling[]) => a.length === b.length && a.every((r, i) => (["x0", "y0", "x1", "y1"] as const).every((k) => Math.abs(r[k] - b[i]![k]) < 0.01));
    let pages = 0;
    for (const dir of ["pdf", "pdf-alt"])
      for (const name of readdirSync(join(FIXTURES, dir)).filter((f) => f.endsWith(".pdf"))) {
        const bytes = new Uint8Array(readFileSync(join(FIXTURES, dir, name)));
        const file = new PdfFile(bytes);
        const doc = await getDocument({ data: bytes.slice(), verbosity: 0, disableFontFace: true, isEvalSupported: false }).promise;
        for (let n = 1; n <= doc.numPages; n++) {
          const page = await doc.getPage(n);
          const [x0, y0] = page.view as number[];
          const exact = rulings(await page.getOperatorList(), pdfOps, x0!, y0!);
          expect(near(contentRulings(file, page.ref!, pdfOps, x0!, y0!, 0)!, exact), `${dir}/${name} page ${n}`).toBe(true);
          pages++;
        }
        await doc.destroy();
      }
    expect(pages).toBeGreaterThan(100);
  });

  it("reads rulings only where a table may be, or for fonts not seen yet", async () => {
    const read = async (name: string) => (await loadPdf(new Uint8Array(readFileSync(join(FIXTURES, "pdf", name))))).map((p) => p.rulings.length > 0);
    // 003: prose on pages 1-4 (page 1 brings both fonts), a ruled table on pages 5-10
    expect(await read("003_3b144be784d99a16.pdf")).toEqual([true, false, false, false, true, true, true, true, true, true]);
    // 004: prose on pages 1-3, where page 2 brings the italic font; a table on pages 4-5
    expect(await read("004_1e8afcbf59a4aba5.pdf")).toEqual([true, true, false, true, true]);
  });
});
