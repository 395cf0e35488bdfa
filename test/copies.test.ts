// A paragraph pasted twice into a report, read from a scan: the two copies come out a little
// different, and are still read once and reported as a copy (src/extract/copies.ts). Paragraphs
// that differ in a figure or a name are not copies.
import { describe, expect, it } from "vitest";
import { extractDocument } from "../src/extract/index.js";
import { sameParagraph } from "../src/extract/copies.js";
import { readText } from "../src/ingest/text.js";
import { loadRules } from "../src/rules/load.js";
import { ofKind, report } from "./extract-helpers.js";

const para =
  "- Thực hiện Công văn số 88/SKHCN ngày 12/02/2026 về tập huấn sử dụng phần mềm giải quyết TTHC trên nền tảng “Bình dân học vụ số”, toàn bộ cán bộ của xã đã tham gia khóa học; qua đó 100% cán bộ, công chức của UBND xã hoàn thành khóa học.";

describe("two readings of one paragraph", () => {
  it("are the same despite a letter, a mark, a speck, two words run together", () => {
    const read = para.replace("TTHC", "TTHG").replace("“Bình", '"Bình').replace("toàn bộ", "toànbộ").replace("khóa học;", "khoá hoc ;");
    expect(sameParagraph(para, read)).toBe(true);
    expect(sameParagraph(read, para)).toBe(true);
  });

  it("differ in a figure, a name, or a word more", () => {
    expect(sameParagraph(para, para.replace("100%", "90%"))).toBe(false);
    expect(sameParagraph(para, para.replace("của xã", "của phường"))).toBe(false);
    expect(sameParagraph(para, para.replace("cán bộ, công chức", "cán bộ, giáo viên, công chức"))).toBe(false);
  });
});

describe("a recognised report with a paragraph pasted twice", () => {
  const extract = (ocr: boolean) => {
    const text = report(`${para}\n\n${para.replace("TTHC", "TTHG").replace("“Bình", '"Bình')}`);
    const doc = { ...readText(text, "text"), ocr };
    return extractDocument(doc, { file: "scan.pdf", sha256: "0", format: "pdf", pages: 1, ocr }, loadRules());
  };

  it("reads it once and reports the copy", () => {
    const x = extract(true);
    expect(ofKind(x, "percent").map((f) => f.value)).toEqual([100]);
    expect(x.issues.filter((i) => i.kind === "duplicate_paragraph")).toHaveLength(1);
  });

  it("keeps both when the text is a text layer's: there a copy is exact", () => {
    const x = extract(false);
    expect(ofKind(x, "percent")).toHaveLength(2);
    expect(x.issues.filter((i) => i.kind === "duplicate_paragraph")).toHaveLength(0);
  });
});
