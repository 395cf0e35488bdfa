// Property tests of the Vietnamese number parser (src/extract/numbers.ts): "2.000" is 2000,
// "8,5" is 8.5, "01" is 1; formatted numbers read back as themselves; never NaN.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findNumbers, parseViNumber, ratioPercent } from "../src/extract/numbers.js";
import { lexiconFor } from "../src/extract/lexicon.js";
import { loadRules } from "../src/rules/load.js";

// the number words come from rules/language.yaml
const W = lexiconFor(loadRules()).numbers;

/** Formats the way Vietnamese reports write numbers: "." between thousands, "," before decimals. */
function formatVi(int: number, decimals = ""): string {
  const grouped = String(int).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return decimals ? `${grouped},${decimals}` : grouped;
}

describe("parseViNumber", () => {
  it("the conventions", () => {
    expect(parseViNumber("2.000")).toBe(2000);
    expect(parseViNumber("8,5")).toBe(8.5);
    expect(parseViNumber("01")).toBe(1);
    expect(parseViNumber("1.234.567")).toBe(1234567);
    expect(parseViNumber("1.234,5")).toBe(1234.5);
    expect(parseViNumber("8,5", { percent: true })).toBe(8.5);
  });

  it("integers written with thousands dots read back", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(parseViNumber(formatVi(n))).toBe(n);
      }),
    );
  });

  it("leading zeros do not change the value", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1, max: 3 }), (n, z) => {
        expect(parseViNumber("0".repeat(z) + n)).toBe(n);
      }),
    );
  });

  it("decimals with a comma read back (one or two decimals: three would be a thousands group)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.stringMatching(/^\d{1,2}$/), (n, d) => {
        expect(parseViNumber(formatVi(n, d))).toBe(Number(`${n}.${d}`));
        expect(parseViNumber(formatVi(n, d), { percent: true })).toBe(Number(`${n}.${d}`));
      }),
    );
  });

  it("never NaN, on anything", () => {
    const numberish = fc.stringMatching(/^[\d.,\s]{0,40}$/);
    fc.assert(
      fc.property(fc.oneof(numberish, fc.string({ maxLength: 40 })), fc.boolean(), (s, percent) => {
        const v = parseViNumber(s, { percent });
        expect(v === null || !Number.isNaN(v)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("findNumbers and ratioPercent", () => {
  it("mentions lie inside the text and hold a number", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom("85,5%", "2.000", "12/30", "7/8/2025", "138/KH-UBND", " ", "người", "1,2 triệu"), fc.nat().map(String)), { maxLength: 30 }), (parts) => {
        const text = parts.join(" ");
        for (const m of findNumbers(text, W)) {
          expect(0 <= m.start && m.start < m.end && m.end <= text.length).toBe(true);
          expect(Number.isNaN(m.value)).toBe(false);
          expect(text.slice(m.start, m.end)).toBe(m.raw);
        }
      }),
    );
  });

  it("ratioPercent is num/den × 100 rounded to 2 places", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (num, den) => {
        const p = ratioPercent(num, den);
        expect(Math.abs(p - (num / den) * 100)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.round(p * 100)).toBeCloseTo(p * 100, 6);
      }),
    );
  });
});
