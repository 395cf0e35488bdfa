// Runs the real reader and extractor on a string (no files, no mocks).
import { extractDocument } from "../src/extract/index.js";
import type { ExtractionDocument, Fact } from "../src/extract/types.js";
import { readText } from "../src/ingest/text.js";
import { loadRules } from "../src/rules/load.js";
import type { Rules } from "../src/rules/schema.js";

export function extractText(text: string, rules: Rules = loadRules()): ExtractionDocument {
  const doc = readText(text, "text");
  return extractDocument(doc, { file: "test.txt", sha256: "0", format: "text", pages: null, ocr: false }, rules);
}

/** A report skeleton around body text, so figures are read in a report's context. */
export function report(body: string, opts: { title?: string; province?: string; kind?: "BÁO CÁO" | "KẾ HOẠCH" } = {}): string {
  return [
    "UBND XÃ HÒA BÌNH",
    "Số: 12/BC-UBND",
    "",
    "Hòa Bình, ngày 20 tháng 12 năm 2025",
    "",
    opts.kind ?? "BÁO CÁO",
    opts.title ?? "Kết quả triển khai Phong trào “Bình dân học vụ số” năm 2025",
    "",
    `Kính gửi: Sở Khoa học và Công nghệ tỉnh ${opts.province ?? "Gia Lai"}`,
    "",
    body,
    "",
    "CHỦ TỊCH",
    "",
    "Trần Văn Nam",
  ].join("\n");
}

export const ofKind = <K extends Fact["kind"]>(x: ExtractionDocument, kind: K) =>
  x.facts.filter((f): f is Extract<Fact, { kind: K }> => f.kind === kind);
