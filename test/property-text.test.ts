// Property tests of the text reader and of readDocument on random and adversarial input: never a
// throw other than ReadError, every span inside the text with start ≤ end, the text in NFC.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hostileBytes, reportLikeText } from "../fixtures/bad/arbitraries.js";
import { readDocument, ReadError, type NormalizedDocument } from "../src/ingest/index.js";
import { readText } from "../src/ingest/text.js";

function expectSpansInside(doc: NormalizedDocument): void {
  const n = doc.text.length;
  const inside = (s: { start: number; end: number }, what: string) => {
    expect(Number.isInteger(s.start) && Number.isInteger(s.end), what).toBe(true);
    expect(0 <= s.start && s.start <= s.end && s.end <= n, `${what} [${s.start}, ${s.end}) in ${n}`).toBe(true);
  };
  for (const b of doc.blocks) {
    inside(b, `block ${b.kind}`);
    for (const r of b.rows ?? []) {
      inside(r, "row");
      for (const c of r.cells) inside(c, "cell");
    }
  }
  for (const p of doc.pages ?? []) inside(p, "page");
}

describe("readText on adversarial Unicode", () => {
  it("never throws; spans inside the text; NFC", () => {
    fc.assert(
      fc.property(reportLikeText, fc.constantFrom("text", "markdown") as fc.Arbitrary<"text" | "markdown">, (s, format) => {
        const doc = readText(s, format);
        expectSpansInside(doc);
        expect(doc.text).toBe(doc.text.normalize("NFC"));
        expect(doc.text).not.toMatch(/\r/);
      }),
      { numRuns: 300 },
    );
  });

  it("any Unicode at all, including lone surrogates", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 5 }), (a, b) => {
        const doc = readText(a + b + a);
        expectSpansInside(doc);
        expect(doc.text).toBe(doc.text.normalize("NFC"));
      }),
      { numRuns: 300 },
    );
  });

  it("NFD input reads as the NFC input does", () => {
    fc.assert(
      fc.property(reportLikeText, (s) => {
        const wellFormed = s.replace(/[\ud800-\udfff]/g, "");
        expect(readText(wellFormed.normalize("NFD")).text).toBe(readText(wellFormed.normalize("NFC")).text);
      }),
      { numRuns: 100 },
    );
  });
});

describe("readDocument on hostile bytes", () => {
  it("either a document with spans inside its text, or a ReadError", async () => {
    await fc.assert(
      fc.asyncProperty(hostileBytes, async (bytes) => {
        try {
          expectSpansInside(await readDocument(bytes, { fileName: "x.txt" }));
        } catch (e) {
          if (!(e instanceof ReadError)) throw e;
          expect(e.message).not.toMatch(/\n/);
        }
      }),
      { numRuns: 200 },
    );
  });
});
