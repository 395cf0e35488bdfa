// Property tests of the whole extractor on random and adversarial text read through readText:
// no exception, and the contract's invariants (../shared/spec/extraction-json.md): every fact's
// span lies inside the text; a percent/ratio/count fact's quote contains its number as written
// at [start, end); a ratio's percent is round(num/den × 100, 2).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reportLikeText } from "../fixtures/bad/arbitraries.js";
import { extractDocument, type ExtractionDocument } from "../src/extract/index.js";
import { readText } from "../src/ingest/text.js";
import { loadRules } from "../src/rules/load.js";

const rules = loadRules();
const collapse = (s: string) => s.replace(/\s+/g, " ").trim();

function extract(s: string): { text: string; out: ExtractionDocument } {
  const doc = readText(s);
  const out = extractDocument(doc, { file: "x.txt", sha256: "0".repeat(64), format: "text", pages: null, ocr: false }, rules);
  return { text: doc.text, out };
}

function expectInvariants(text: string, out: ExtractionDocument): void {
  JSON.stringify(out); // serialisable: no cycles, no BigInt
  for (const f of out.facts) {
    const where = `${f.id} ${f.kind} [${f.start}, ${f.end}) "${f.quote.slice(0, 80)}"`;
    expect(0 <= f.start && f.start <= f.end && f.end <= text.length, where).toBe(true);
    if (f.kind === "percent" || f.kind === "ratio" || f.kind === "count") {
      const written = collapse(text.slice(f.start, f.end));
      expect(written.length, where).toBeGreaterThan(0);
      expect(collapse(f.quote), where).toContain(written);
    }
    if (f.kind === "percent" || f.kind === "count") expect(Number.isFinite(f.value), where).toBe(true);
    if (f.kind === "ratio") {
      expect(Number.isFinite(f.num) && Number.isFinite(f.den) && f.den !== 0, where).toBe(true);
      expect(f.percent, where).toBe(Math.round((f.num / f.den) * 10000) / 100);
    }
  }
  for (const s of out.sections) expect(0 <= s.start && s.start <= s.end && s.end <= text.length, `section ${s.id}`).toBe(true);
  for (const i of out.issues) if (i.start !== null && i.end !== null) expect(0 <= i.start && i.start <= i.end && i.end <= text.length, `issue ${i.kind}`).toBe(true);
}

describe("extractDocument on adversarial text", () => {
  it("no exception; facts keep the contract's invariants", () => {
    fc.assert(
      fc.property(reportLikeText, (s) => {
        const { text, out } = extract(s);
        expectInvariants(text, out);
      }),
      { numRuns: 300 },
    );
  });

  it("report-shaped sentences with figures", () => {
    const sentence = fc
      .tuple(
        fc.constantFrom("Tỷ lệ người dân trưởng thành có tài khoản định danh điện tử đạt", "Số người dân tham gia học trên nền tảng MOOC là", "Đã thành lập", "Khoảng trên", "chỉ tiêu đến năm 2026 là"),
        fc.constantFrom("85,5%", "12234/29850 tài khoản, đạt 41%", "100% (37/37)", "13 Tổ công nghệ số cộng đồng với 65 thành viên", "2.000 người", "5/0 người", "0/0", "1/3 thôn", "9".repeat(330) + "%", "9".repeat(330) + "/" + "9".repeat(331)),
        fc.constantFrom(".", ";", " (chưa đạt chỉ tiêu).", "\n", "\t"),
      )
      .map((p) => p.join(" "));
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 20 }), fc.constantFrom("BÁO CÁO\n\n", "KẾ HOẠCH\n\n", ""), (ss, head) => {
        const { text, out } = extract(head + ss.join("\n\n"));
        expectInvariants(text, out);
      }),
      { numRuns: 200 },
    );
  });

  it("a number too large for a double (330 digits) gives no Infinity or NaN", () => {
    const { text, out } = extract(`Tỷ lệ người dân có tài khoản đạt ${"9".repeat(330)}/${"9".repeat(331)}; trên ${"9".repeat(330)}% hộ gia đình.`);
    expectInvariants(text, out);
  });

  it("finishes on a long line without full stops, with output linear in the input", () => {
    // every fact quotes its sentence: unbounded quotes make the output quadratic (a 360 KB line
    // ran out of string length); a bounded quote keeps it linear
    const long = ("người dân đạt 50% và 1/2 của 2.000 " + "x".repeat(50) + " ").repeat(500);
    const { text, out } = extract(long);
    expect(JSON.stringify(out).length).toBeLessThan(50 * text.length);
    expectInvariants(text, out);
  });
});
