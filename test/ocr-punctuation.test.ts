// Punctuation and marks the recogniser loses or invents on scans: the dots of heading and row
// numbers put back from the page's own numbering, specks read as full stops taken out
// (src/ingest/ocr/punctuation.ts), marks over capitals and dots under letters (diacritics.ts).
// Real scans first: pages of fixtures/pdf-alt scanned black and white at 200 dpi
// (fixtures/scanned-alt, made by scripts/make-scans.mjs), where "2.1." is read "2 1" and a table's
// "2.5" is read "25"; then the rule's edges on words laid out by hand.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extractDocument } from "../src/extract/index.js";
import { knownPairs, repairTones } from "../src/ingest/ocr/diacritics.js";
import { stopRecognizer, type OcrWord } from "../src/ingest/ocr/engine.js";
import { before, dropInventedStops, follows, repairPunctuation } from "../src/ingest/ocr/punctuation.js";
import { readPdf } from "../src/ingest/pdf.js";
import { isPageNumber } from "../src/ingest/pdf-lines.js";
import { joinLostThousands } from "../src/ingest/ocr/page.js";
import { loadRules } from "../src/rules/load.js";
import { FIXTURES } from "./helpers.js";

afterAll(() => stopRecognizer());

const scan = (name: string) => readPdf(new Uint8Array(readFileSync(join(FIXTURES, "scanned-alt", name))));

describe("numbers of headings and rows on a black-and-white scan", () => {
  it("are read with their dots: the headings are sections again", async () => {
    // page 2 of 001: "2. Kết quả …", "2.1. Công tác …", "2.1.1. Công tác …" (read "2", "2 1", "2 11.")
    const doc = await scan("001_715a5b70f3b78fcd.pdf");
    const x = extractDocument(doc, { file: "001.pdf", sha256: "0", format: "pdf", pages: 1, ocr: true }, loadRules());
    expect(x.sections.map((s) => s.number)).toEqual(["2", "2.1", "2.1.1"]);
    expect(x.sections.map((s) => s.title.slice(0, 10))).toEqual(["Kết quả th", "Công tác t", "Công tác t"]);
    // the page number over the text ("2", alone, far from the headings) is left as it is
    expect(doc.text).not.toMatch(/^2\.$/m);
  });

  it("puts a table row's lost dot back, with the rows of the page before", async () => {
    // pages 9 and 10 of 003: the indicator table's rows 2.3 to 2.8, read "2.3", "2.4", "25" and,
    // with nothing on page 10 read with its dots, "26", "27", "28"
    const doc = await scan("003_3b144be784d99a16.pdf");
    const labels = doc.blocks
      .filter((b) => b.kind === "table")
      .flatMap((t) => t.rows!.map((r) => doc.text.slice(r.cells[0]!.start, r.cells[0]!.end).trim()))
      .filter(Boolean);
    expect(labels).toEqual(["2.3", "2.4", "2.5", "2.6", "2.7", "2.8"]);
  });
});

/** One word a line, or words on one line: text, left edge, line. */
function words(...lines: [number, ...string[]][]): OcrWord[] {
  return lines.flatMap(([x, ...texts], line) =>
    texts.map((text, i) => ({ text, confidence: 90, x0: x + 60 * i, x1: x + 60 * i + 40, y0: 40 * line, y1: 40 * line + 30, baseline: 40 * line + 28, lineHeight: 36, line })),
  );
}
const texts = (ws: OcrWord[]) => ws.map((w) => w.text);
const repair = (ws: OcrWord[]) => repairPunctuation(ws, (a, b, text) => ({ ...a, text, x1: b.x1 }));

describe("the page's numbering", () => {
  it("follows: next sibling, next higher up, first child; before: in the document's order", () => {
    expect([before([2, 7], [2, 8]), before([2, 7], [3]), before([2], [2, 1]), before([27], [2, 8]), before([2, 8], [2, 8])]).toEqual([true, true, true, false, false]);
    expect(follows([2, 1], [2, 2])).toBe(true);
    expect(follows([2, 1, 3], [2, 2])).toBe(true);
    expect(follows([1, 3], [2, 1])).toBe(true);
    expect(follows([2], [2, 1, 1])).toBe(true);
    expect(follows([], [1])).toBe(true);
    expect(follows([2, 1], [2, 3])).toBe(false);
    expect(follows([2, 1], [2, 11])).toBe(false);
    expect(follows([9], [10])).toBe(true);
  });

  it("chooses the reading the labels around it agree with", () => {
    const out = repair(words([50, "2.6", "Tỉ", "lệ"], [50, "27", "Số", "lượng"], [50, "2.8", "Số"], [50, "2.9", "Số"], [50, "210", "Tỉ", "lệ"], [50, "2.11", "Tỉ"]));
    expect(texts(out)).toEqual(["2.6", "Tỉ", "lệ", "2.7", "Số", "lượng", "2.8", "Số", "2.9", "Số", "2.10", "Tỉ", "lệ", "2.11", "Tỉ"]);
    // no label read with its dots after it: the one before decides
    expect(texts(repair(words([50, "3.2", "Tỉ"], [50, "33", "Tỉ"])))).toEqual(["3.2", "Tỉ", "3.3", "Tỉ"]);
  });

  it("joins a label read as two numbers, and the dots the second one lost", () => {
    const out = repair(words([50, "2", "1", "Công", "tác"], [50, "2", "11.", "Công"], [50, "2.1.2.", "Việc"]));
    expect(texts(out)).toEqual(["2.1", "Công", "tác", "2.1.1.", "Công", "2.1.2.", "Việc"]);
    expect(out[0]).toMatchObject({ x0: 50, x1: 50 + 60 + 40 });
  });

  it("gives a roman numeral's heading and its first item their dots", () => {
    const out = repair(words([50, "III", "PHƯƠNG", "HƯỚNG"], [50, "1", "Nhiệm", "vụ"], [50, "1.2.", "Tăng"]));
    expect(texts(out)).toEqual(["III.", "PHƯƠNG", "HƯỚNG", "1.", "Nhiệm", "vụ", "1.2.", "Tăng"]);
  });

  it("gives back the stroke a roman numeral lost, where the numeral before says so", () => {
    const out = repair(words([50, "I.", "MỞ", "ĐẦU"], [50, "II.", "NỘI", "DUNG"], [50, "II.", "ĐÁNH", "GIÁ"], [50, "V", "ĐỀ", "XUẤT"], [50, "I.", "PHỤ", "LỤC"]));
    expect(texts(out).filter((t) => /^[IVX]+[.)]?$/.test(t))).toEqual(["I.", "II.", "III.", "V.", "I."]);
  });

  it("reads a dot seen as a colon or a comma, and a roman numeral's strokes seen as look-alikes", () => {
    const out = repair(words([50, "I.", "TÌNH", "HÌNH"], [50, "1,", "Công", "tác"], [50, "2.3.", "Việc"], [50, "2:4.", "Việc"], [50, "1!.", "NHIỆM", "VỤ"]));
    expect(texts(out)).toEqual(["I.", "TÌNH", "HÌNH", "1.", "Công", "tác", "2.3.", "Việc", "2.4.", "Việc", "II.", "NHIỆM", "VỤ"]);
    // digits alone are left as they are: "11." may be a heading of its own, and "1," a count
    const alone = words([50, "I.", "MỞ", "ĐẦU"], [50, "11.", "NHIỆM", "VỤ"], [300, "5,"]);
    expect(texts(repair(alone))).toEqual(texts(alone));
  });

  it("counts a roman numeral's strokes by its box when the numeral read repeats the one before", () => {
    // a bold "I." 17 pixels wide, then "II." read "I." (29) and "III." read "II." (41), on lines
    // about 40 pixels high; tesseract's native program reads the second "IL"
    const heads = (...numerals: [string, number][]) =>
      numerals.flatMap(([n, width], line) => [
        { text: n, x0: 130, x1: 130 + width, line, lineHeight: 40 },
        { text: "TÌNH", x0: 180, x1: 260, line, lineHeight: 40 },
        { text: "HÌNH", x0: 270, x1: 350, line, lineHeight: 40 },
      ]);
    const numerals = (ws: ReturnType<typeof heads>) => texts(repair(ws as OcrWord[])).filter((t) => t !== "TÌNH" && t !== "HÌNH");
    expect(numerals(heads(["I", 17], ["I.", 29], ["II.", 41]))).toEqual(["I.", "II.", "III."]);
    expect(numerals(heads(["I", 17], ["IL", 29], ["II.", 41]))).toEqual(["I.", "II.", "III."]);
    // as wide as the one before: a numbering of its own starts again
    expect(numerals(heads(["I.", 18], ["II.", 29], ["I.", 18]))).toEqual(["I.", "II.", "I."]);
  });

  it("is not misled by a page's number over its text", () => {
    // "4." read at the top of a page, between 2.1.1. and the "2 12." (2.1.2.) that follows it
    const out = repair(words([115, "2.1.1.", "Công"], [576, "4."], [115, "2", "12.", "Công"], [115, "2.2.", "Việc"]));
    expect(texts(out)).toEqual(["2.1.1.", "Công", "4.", "2.1.2.", "Công", "2.2.", "Việc"]);
    // the page's number is told by where it stands (an A4 page is 842 points high, y up)
    expect([isPageNumber("4.", 800, 842), isPageNumber("- 4 -", 30, 842), isPageNumber("4.", 400, 842), isPageNumber("4.1", 800, 842)]).toEqual([true, true, false, false]);
  });

  it("leaves figures and numbered lists alone", () => {
    // a count opening a line: nothing on the page numbers around it, or a wrapped line at the
    // margin between headings set in from it
    for (const ws of [words([50, "27", "Tổ", "công"]), words([130, "2.6.", "Tổ"], [50, "27", "Tổ", "công"], [130, "3.", "Kết"])]) expect(texts(repair(ws))).toEqual(texts(ws));
    // a numbered list that goes past 9, and a table's number column
    const list = words([50, "9.", "Xã"], [50, "10.", "Xã"], [50, "11.", "Xã"], [50, "12", "Xã"]);
    expect(texts(repair(list))).toEqual(["9.", "Xã", "10.", "Xã", "11.", "Xã", "12.", "Xã"]);
    // a figure alone in a column far from the labels
    const column = words([50, "2.6", "Tỉ"], [600, "27"], [50, "2.8", "Số"]);
    expect(texts(repair(column))).toEqual(texts(column));
    // a lowercase word after the number is a sentence going on, not a heading
    const sentence = words([50, "2.6.", "Tổ"], [50, "27", "tổ", "công"], [50, "2.8.", "Số"]);
    expect(texts(repair(sentence))).toEqual(texts(sentence));
  });
});

describe("marks", () => {
  it("takes out a full stop a speck made inside a sentence, on its line, at its end, or in a table's cell", () => {
    const ws = words([50, "Tỉ", "lệ", "học.", "sinh", "đạt."], [50, "Số", "v.v.", "các", "người."], [50, "dân"]);
    dropInventedStops(ws);
    expect(texts(ws).join(" ")).toBe("Tỉ lệ học sinh đạt. Số v.v. các người dân");
    // a row read as one line: the cell "Tỉ lệ người lao. | 90%" goes on under itself ("động …"),
    // not in the next cell
    const row = words([50, "Tỉ", "lệ", "lao."], [50, "động", "trong"]);
    row.push({ ...row[0]!, text: "90%", x0: 600, x1: 660, line: 0 });
    row.sort((p, q) => p.line - q.line || p.x0 - q.x0);
    dropInventedStops(row);
    expect(texts(row)).toEqual(["Tỉ", "lệ", "lao", "90%", "động", "trong"]);
    // a sentence ended, the next one capitalised: the stop stays
    const ended = words([50, "đạt", "kết", "quả."], [50, "Năm", "2026"]);
    dropInventedStops(ended);
    expect(texts(ended)).toEqual(["đạt", "kết", "quả.", "Năm", "2026"]);
    // a paragraph's last line, then an indented heading whose title wraps to the margin: the
    // lower-case line under the paragraph is the heading's, not the sentence's
    const heading = words([50, "tại", "địa", "phương."], [130, "2.4.", "Việc", "triển", "khai"], [50, "ương,", "tỉnh"]);
    dropInventedStops(heading);
    expect(texts(heading).slice(0, 3)).toEqual(["tại", "địa", "phương."]);
  });

  it("gives words in capitals the marks the scan lost, where the rules' word pairs say so", () => {
    const line = ["V.", "ĐE", "XUẤT,", "KIEN", "NGHỊ"];
    expect(repairTones(line)).toEqual([1, 3]);
    expect(line.join(" ")).toBe("V. ĐỀ XUẤT, KIẾN NGHỊ");
    const heading = ["II.", "NỘI", "DỤNG"];
    repairTones(heading);
    expect(heading.join(" ")).toBe("II. NỘI DUNG");
    // a pair the rules hold is read as it is ("KH&CN" is khoa học và công nghệ)
    for (const l of [["SỞ", "KHOA", "HỌC"], ["NAM", "2026"]]) {
      const copy = [...l];
      expect(repairTones(copy)).toEqual([]);
    }
  });

  it("puts right the words of headings the rules' common phrases hold", () => {
    const line = ["1.1.", "Tiếp", "tục", "đấy", "mạnh", "công", "tác", "tuyên", "truyền"];
    expect(repairTones(line)).toEqual([3]);
    expect(line.join(" ")).toBe("1.1. Tiếp tục đẩy mạnh công tác tuyên truyền");
    // a dot below off the word after a heading's number: the number is no neighbour to ask
    const heading = ["2.1.1.", "Cộng", "tác", "truyền", "thông"];
    expect(repairTones(heading)).toEqual([1]);
    expect(heading.join(" ")).toBe("2.1.1. Công tác truyền thông");
    // a neighbour past a full stop is still the word the pair is checked against
    const ended = ["cho", "cộng", "đồng."];
    expect(repairTones(ended)).toEqual([]);
  });

  it("pairs the rules' words within one item of a list, never across two", () => {
    const dir = mkdtempSync(join(tmpdir(), "tonghop-pairs-"));
    writeFileSync(join(dir, "a.yaml"), "words:\n  - giải pháp chủ yếu\n  - tổ chức\nflow: [kết quả, tình hình]\n# một ví dụ\n");
    const pairs = knownPairs(dir);
    expect([...pairs].sort()).toEqual(["chủ yếu", "giải pháp", "kết quả", "một ví", "pháp chủ", "tình hình", "tổ chức", "ví dụ"]);
  });

  it("takes a dot under a letter away only when both neighbours agree", () => {
    const line = ["phổ", "cập", "trị", "thức", "về"];
    expect(repairTones(line)).toEqual([2]);
    expect(line.join(" ")).toBe("phổ cập tri thức về");
    // "hoạt động trọng tâm": "động trong" is a pair, "trong tâm" is not
    const kept = ["hoạt", "động", "trọng", "tâm"];
    expect(repairTones(kept)).toEqual([]);
  });
});

describe("a thousands dot lost between digit groups", () => {
  const box = (text: string, x0: number, x1: number, line = 0): OcrWord => ({ text, confidence: 90, x0, x1, y0: 0, y1: 30, baseline: 28, lineHeight: 36, line });
  it("joins '1 124/1.392' set closer than a space, and only where the number shows its thousands dots", () => {
    expect(texts(joinLostThousands([box("Có", 0, 40), box("1", 60, 70), box("124/1.392", 76, 200), box("hộ", 220, 250)]))).toEqual(["Có", "1.124/1.392", "hộ"]);
    expect(texts(joinLostThousands([box("2", 0, 10), box("345.678", 16, 120)]))).toEqual(["2.345.678"]);
  });
  it("leaves two numbers apart a space, numbers without dots, and other lines alone", () => {
    expect(texts(joinLostThousands([box("1", 0, 10), box("124/1.392", 40, 160)]))).toEqual(["1", "124/1.392"]);
    expect(texts(joinLostThousands([box("12", 0, 20), box("564", 26, 70)]))).toEqual(["12", "564"]);
    expect(texts(joinLostThousands([box("1", 0, 10), box("124/1.392", 16, 160, 1)]))).toEqual(["1", "124/1.392"]);
  });
});
