// The committed fixtures in fixtures/bad/ are what fixtures/bad/make.ts builds (rebuild them with
// UPDATE_BAD_FIXTURES=1); those made from other fixtures or by tools are checked by their shape.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BAD_DIR, legacyFixtures, plainFixtures, writeCommittedFixtures } from "../fixtures/bad/make.js";

const update = !!process.env.UPDATE_BAD_FIXTURES;

describe("fixtures/bad", () => {
  it.runIf(update)("regenerates the committed fixtures", () => {
    const written = writeCommittedFixtures();
    expect(written).toContain("encrypted.pdf");
  });

  it("committed fixtures match the generator byte for byte", () => {
    for (const [name, bytes] of Object.entries(plainFixtures())) {
      const path = join(BAD_DIR, name);
      expect(existsSync(path), `${name} missing: run UPDATE_BAD_FIXTURES=1 npx vitest run test/bad-fixtures.test.ts`).toBe(true);
      expect(Buffer.compare(readFileSync(path), bytes), `${name} differs from make.ts`).toBe(0);
    }
  });

  it("the cut renderings are cut", () => {
    const pdf = readFileSync(join(BAD_DIR, "truncated.pdf"));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.includes("%%EOF")).toBe(false);
    const docx = readFileSync(join(BAD_DIR, "truncated.docx"));
    expect(docx.subarray(0, 4).toString("hex")).toBe("504b0304");
    expect(docx.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]))).toBe(false);
    for (const [name, bytes] of Object.entries(legacyFixtures())) {
      expect(Buffer.compare(readFileSync(join(BAD_DIR, name)), bytes), `${name} differs from make.ts`).toBe(0);
    }
    const enc = readFileSync(join(BAD_DIR, "encrypted.doc"));
    expect(enc.subarray(0, 4).toString("hex")).toBe("d0cf11e0");
    const xls = readFileSync(join(BAD_DIR, "workbook.xls"));
    expect(xls.includes(Buffer.from("Workbook", "utf16le"))).toBe(true);
    expect(xls.includes(Buffer.from("WordDocument", "utf16le"))).toBe(false);
  });

  it("the tool-made fixtures are what they claim", () => {
    // qpdf output: an /Encrypt dictionary in the trailer
    expect(readFileSync(join(BAD_DIR, "encrypted.pdf")).includes("/Encrypt")).toBe(true);
    // LibreOffice .doc: an OLE compound file holding a WordDocument stream
    const doc = readFileSync(join(BAD_DIR, "legacy.doc"));
    expect(doc.subarray(0, 4).toString("hex")).toBe("d0cf11e0");
    expect(doc.includes(Buffer.from("WordDocument", "utf16le"))).toBe(true);
  });
});
