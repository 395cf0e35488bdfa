// Vietnamese numbers and what is not a figure.
import { describe, expect, it } from "vitest";
import { findNumbers, parseViNumber, ratioPercent } from "../src/extract/numbers.js";
import { lexiconFor } from "../src/extract/lexicon.js";
import { loadRules } from "../src/rules/load.js";

// the number words come from rules/language.yaml
const W = lexiconFor(loadRules()).numbers;

describe("parseViNumber", () => {
  it.each([
    ["2.000", 2000],
    ["1.234.567", 1234567],
    ["8,5", 8.5],
    ["01", 1],
    ["12.5", 12.5],
    ["1.000,5", 1000.5],
    ["1,000,000", 1000000],
  ])("%s → %d", (raw, value) => expect(parseViNumber(raw)).toBe(value));

  it("prefers a decimal comma for percentages", () => {
    expect(parseViNumber("2,125", { percent: true })).toBe(2.125);
    expect(parseViNumber("2,125")).toBe(2125);
  });
});

describe("findNumbers", () => {
  const kinds = (s: string) => findNumbers(s, W).map((m) => [m.kind, m.value, m.den ?? null]);
  it("reads percentages, ratios, multipliers and signs", () => {
    expect(kinds("đạt 8,5% và 56,25 phần trăm")).toEqual([["percent", 8.5, null], ["percent", 56.25, null]]);
    expect(kinds("12564/16900 công dân")).toEqual([["ratio", 12564, 16900]]);
    expect(kinds("1,2 triệu người và 538 nghìn lượt")).toEqual([["number", 1200000, null], ["number", 538000, null]]);
    expect(findNumbers("≥ 95%", W)[0]!.sign).toBe("over");
    // spelling variants of the rules' words (tỉ = tỷ, tone marks and case aside); "tỷ lệ" never multiplies
    expect(kinds("2 tỉ đồng, 3 Triệu lượt")).toEqual([["number", 2e9, null], ["number", 3e6, null]]);
    expect(kinds("60 - 80 phần trăm")).toEqual([["percent", 60, null]]);
    expect(findNumbers("đạt 12 tỷ lệ cao", W)[0]).toMatchObject({ kind: "number", value: 12, raw: "12" });
  });

  it("skips dates, document numbers, phone numbers and times", () => {
    expect(kinds("ngày 24/12/2025, Kế hoạch số 138/KH-UBND, 05-KH/BCĐ, 57- NQ/TW, gọi 0912.345.678 lúc 10h30, tháng 10/2025")).toEqual([]);
  });

  it("marks day/month-like ratios so context decides", () => {
    expect(findNumbers("3/5 thôn", W)[0]).toMatchObject({ kind: "ratio", dateLike: true });
    expect(findNumbers("9/16", W)[0]).toMatchObject({ kind: "ratio", dateLike: false });
  });

  it("keeps both numbers of '10 tổ/58 thành viên' and never reads it as a ratio", () => {
    expect(kinds("10 tổ/58 thành viên")).toEqual([["number", 10, null], ["number", 58, null]]);
  });

  it("rounds ratio percentages to two places", () => {
    expect(ratioPercent(12564, 16900)).toBe(74.34);
    expect(ratioPercent(9, 16)).toBe(56.25);
  });
});
