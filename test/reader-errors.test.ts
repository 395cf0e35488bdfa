// The readers' failures an analyst can act on: password-protected, truncated and corrupt PDFs,
// a PDF without a text layer, a ZIP that is not a DOCX, a DOCX that is not a ZIP at all.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDocument } from "../src/ingest/index.js";
import { ReadError } from "../src/ingest/types.js";
import { FIXTURES } from "./helpers.js";

const fixture = (p: string) => new Uint8Array(readFileSync(join(FIXTURES, p)));

async function failure(bytes: Uint8Array, fileName: string): Promise<ReadError> {
  try {
    await readDocument(bytes, { fileName });
  } catch (e) {
    expect(e).toBeInstanceOf(ReadError);
    return e as ReadError;
  }
  throw new Error("expected a ReadError");
}

/** A one-page PDF that draws a line and holds no text: what a scan without OCR looks like to us. */
function pdfWithoutText(): Uint8Array {
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    "<< /Length 21 >>\nstream\n10 10 m 500 800 l S\nendstream",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, "latin1"));
}

describe("PDF reader errors", () => {
  it("a password-protected PDF is 'encrypted' with a one-line Vietnamese then English message", async () => {
    const e = await failure(fixture("pdf-broken/encrypted.pdf"), "encrypted.pdf");
    expect(e.code).toBe("encrypted");
    expect(e.message).toMatch(/mật khẩu.*\(password-protected PDF\)$/);
    expect(e.message).not.toContain("\n");
  });

  it("a PDF cut short is 'truncated'", async () => {
    const whole = fixture("pdf/002_937598931c7507e2.pdf");
    const e = await failure(whole.subarray(0, 1500), "cut.pdf");
    expect(e.code).toBe("truncated");
    expect(e.message).toMatch(/^PDF bị cắt cụt.*\(truncated PDF/);
  });

  it("bytes that only start like a PDF are 'corrupt'", async () => {
    const junk = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(4000, 0x41), Buffer.from("\n%%EOF\n")]);
    const e = await failure(new Uint8Array(junk), "junk.pdf");
    expect(e.code).toBe("corrupt");
    expect(e.message).toMatch(/\(corrupt PDF/);
  });

  it("a PDF without a text layer warns that OCR is not supported and says ocr: false", async () => {
    const doc = await readDocument(pdfWithoutText(), { fileName: "scan.pdf" });
    expect(doc.format).toBe("pdf");
    expect(doc.ocr).toBe(false);
    expect(doc.text).toBe("");
    expect(doc.pages).toHaveLength(1);
    expect(doc.warnings.join(" ")).toMatch(/OCR/);
  });
});

describe("DOCX reader errors", () => {
  it("a ZIP without word/document.xml is not a DOCX", async () => {
    // a DOCX is a ZIP; drop its main part by renaming it inside the archive's bytes
    const bytes = Buffer.from(fixture("docx/000_71c6cec35a92dd84.docx"));
    let at = bytes.indexOf("word/document.xml");
    while (at >= 0) {
      bytes.write("word/documenX.xml", at, "latin1");
      at = bytes.indexOf("word/document.xml", at + 1);
    }
    const e = await failure(new Uint8Array(bytes), "not-word.docx");
    expect(e.code).toBe("unsupported_format");
    expect(e.message).toMatch(/word\/document\.xml/);
  });

  it("a DOCX cut short is reported, not thrown as a raw error", async () => {
    const whole = fixture("docx/001_715a5b70f3b78fcd.docx");
    const e = await failure(whole.subarray(0, Math.floor(whole.length / 2)), "cut.docx");
    expect(["corrupt", "truncated"]).toContain(e.code);
  });
});
