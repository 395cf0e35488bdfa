// Vietnamese numbers and what is not a figure.
import { describe, expect, it } from "vitest";
import { findNumbers, parseViNumber, ratioPercent } from "../src/extract/numbers.js";

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
  const kinds = (s: string) => findNumbers(s).map((m) => [m.kind, m.value, m.den ?? null]);
  it("reads percentages, ratios, multipliers and signs", () => {
    expect(kinds("đạt 8,5% và 56,25 phần trăm")).toEqual([["percent", 8.5, null], ["percent", 56.25, null]]);
    expect(kinds("12564/16900 công dân")).toEqual([["ratio", 12564, 16900]]);
    expect(kinds("1,2 triệu người và 538 nghìn lượt")).toEqual([["number", 1200000, null], ["number", 538000, null]]);
    expect(findNumbers("≥ 95%")[0]!.sign).toBe("over");
  });

  it("skips dates, document numbers, phone numbers and times", () => {
    expect(kinds("ngày 24/12/2025, Kế hoạch số 138/KH-UBND, 05-KH/BCĐ, 57- NQ/TW, gọi 0912.345.678 lúc 10h30, tháng 10/2025")).toEqual([]);
  });

  it("marks day/month-like ratios so context decides", () => {
    expect(findNumbers("3/5 thôn")[0]).toMatchObject({ kind: "ratio", dateLike: true });
    expect(findNumbers("9/16")[0]).toMatchObject({ kind: "ratio", dateLike: false });
  });

  it("keeps both numbers of '10 tổ/58 thành viên' and never reads it as a ratio", () => {
    expect(kinds("10 tổ/58 thành viên")).toEqual([["number", 10, null], ["number", 58, null]]);
  });

  it("rounds ratio percentages to two places", () => {
    expect(ratioPercent(12564, 16900)).toBe(74.34);
    expect(ratioPercent(9, 16)).toBe(56.25);
  });
});
