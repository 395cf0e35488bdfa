// Issue 11: scanned PDFs. The image preparation on small synthetic images, the safe repairs, and
// one real import through the CLI of a folder holding a blank scan and a mixed PDF (text pages
// plus one scanned page): the only recognition in the suite, one page.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eraseRulings, findRulings, greyDroppingColour, INK, levelPaper, measureSkew, rotate, type Grey } from "../src/ingest/ocr/image.js";
import { repairTones, splitGlued } from "../src/ingest/ocr/diacritics.js";
import { repairWordDetailed } from "../src/ingest/ocr/repair.js";
import { readPdf } from "../src/ingest/pdf.js";
import { showDocument } from "../src/query/show.js";
import { openReadOnly } from "../src/store/index.js";
import { FIXTURES, runCli } from "./helpers.js";

const SCANS = join(FIXTURES, "scanned-extra");

function blankImage(w: number, h: number): Grey {
  return { width: w, height: h, data: new Uint8Array(w * h).fill(255) };
}

/** Dark bars like lines of text, every 20 px, across most of the width. */
function textLines(w: number, h: number): Grey {
  const img = blankImage(w, h);
  for (let y = 20; y + 6 < h; y += 20)
    for (let x = 20; x < w - 20; x++) if (x % 9 < 6) for (let k = 0; k < 6; k++) img.data[(y + k) * w + x] = 0;
  return img;
}

describe("image preparation", () => {
  it("keeps black print and drops a red seal and a blue signature", () => {
    const rgba = new Uint8Array([20, 20, 20, 255, 210, 30, 40, 255, 30, 30, 120, 255, 250, 250, 250, 255]);
    const g = greyDroppingColour(rgba, 4, 1);
    expect(g.data[0]).toBeLessThan(INK);
    expect(g.data[1]).toBeGreaterThan(INK);
    expect(g.data[2]).toBeLessThan(INK + 1); // dark blue-black ink is still ink
    expect(g.data[3]).toBeGreaterThan(240);
  });

  it("levels paper in shadow to white and keeps the ink dark", () => {
    const img = textLines(600, 200);
    // a shadow over the right half: paper at 140 (below the ink threshold before levelling)
    for (let y = 0; y < 200; y++) for (let x = 300; x < 600; x++) img.data[y * 600 + x] = Math.round(img.data[y * 600 + x]! * 0.55);
    expect(img.data[10 * 600 + 500]).toBeLessThan(INK);
    levelPaper(img);
    expect(img.data[10 * 600 + 500]).toBeGreaterThan(230); // paper between lines, in the shadow
    expect(img.data[22 * 600 + 500 - (500 % 9)]).toBeLessThan(INK); // ink in the shadow
  });

  it("measures a tilt and takes it out", () => {
    const straight = textLines(600, 400);
    expect(measureSkew(straight)).toBe(0);
    // rotate() takes out a measured skew: rotating by -2 puts in a skew of 2
    const tilted = rotate(straight, -2);
    const skew = measureSkew(tilted);
    expect(Math.abs(skew - 2)).toBeLessThan(0.2);
    expect(Math.abs(measureSkew(rotate(tilted, skew)))).toBeLessThan(0.2);
  });

  it("finds a table's borders and erases them", () => {
    const img = blankImage(400, 300);
    const hline = (y: number) => {
      for (let x = 50; x <= 350; x++) for (let k = 0; k < 2; k++) img.data[(y + k) * 400 + x] = 0;
    };
    const vline = (x: number) => {
      for (let y = 50; y <= 251; y++) for (let k = 0; k < 2; k++) img.data[y * 400 + x + k] = 0;
    };
    [50, 150, 250].forEach(hline);
    [50, 200, 349].forEach(vline);
    const found = findRulings(img, 80);
    expect(found.filter((r) => r.y0 === r.y1).map((r) => Math.round(r.y0))).toEqual([51, 151, 251]);
    expect(found.filter((r) => r.x0 === r.x1).map((r) => Math.round(r.x0))).toEqual([51, 201, 350]);
    eraseRulings(img, found);
    expect(img.data.every((v) => v === 255)).toBe(true);
  });
});

describe("repairs after recognition", () => {
  it("repairs letters read among digits and percent signs, and says so", () => {
    expect(repairWordDetailed("1O0%")).toEqual({ text: "100%", changed: true });
    expect(repairWordDetailed("2.OOO")).toEqual({ text: "2.000", changed: true });
    expect(repairWordDetailed("85°%")).toEqual({ text: "85%", changed: true });
    expect(repairWordDetailed("l5")).toEqual({ text: "15", changed: true });
    expect(repairWordDetailed("|56%")).toEqual({ text: "56%", changed: true });
    expect(repairWordDetailed(":100")).toEqual({ text: "100", changed: true });
  });

  it("puts back tone marks read wrong, only where the rules' own word pairs say so", () => {
    const line = ["có", "hiếu", "biết", "về", "chuyến", "đối", "số"];
    expect(repairTones(line)).toEqual([1, 4, 5]);
    expect(line.join(" ")).toBe("có hiểu biết về chuyển đổi số");
    // a pair the rules never use is left alone, and so are numbers
    for (const l of [["tố", "cáo"], ["100%", "số"], ["Bảo", "hiểm"]]) expect(repairTones([...l])).toEqual([]);
  });

  it("puts back a mark lost with a word space, only on syllables split out of a run-together word", () => {
    const line = ["Ti", "lệ", "hoàn", "thành"];
    expect(repairTones([...line])).toEqual([]);
    expect(repairTones(line, undefined, new Set([0, 1]))).toEqual([0]);
    expect(line).toEqual(["Tỉ", "lệ", "hoàn", "thành"]);
  });

  it("splits syllables run together into the syllables, and leaves other words alone", () => {
    expect(splitGlued("Tỉlệhọcsinh")).toBe("Tỉ lệ học sinh");
    expect(splitGlued("bảnđồ,")).toBe("bản đồ,");
    expect(splitGlued("“chuyểnđổi")).toBe("“chuyển đổi");
    // the split with the fewest syllables, spelt as Vietnamese is ("trung học", not "tru nghọc")
    expect(splitGlued("trunghọc")).toBe("trung học");
    expect(splitGlued("nghiêngngả")).toBe("nghiêng ngả");
    // one syllable, abbreviations, Latin-letter names, numbers and mixed case are not split
    for (const w of ["nghiêng", "khuyếch", "UBND", "VNeID", "online", "Internet", "2.000", "12/30", "100%", "HàNội"]) expect(splitGlued(w)).toBeNull();
  });

  it("never turns a word or a number into another number", () => {
    for (const w of ["100%", "2.000", "8,5%", "Số", "lo", "Ban", "IO", "12/30", "1.2.3"]) expect(repairWordDetailed(w).text).toBe(w);
  });
});

describe("scanned PDFs", () => {
  let work: string;
  let db: string;
  let out: ReturnType<typeof runCli>;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "tonghop-ocr-"));
    const folder = join(work, "scans");
    mkdirSync(folder);
    copyFileSync(join(SCANS, "blank.pdf"), join(folder, "a-blank.pdf"));
    copyFileSync(join(SCANS, "mixed.pdf"), join(folder, "b-mixed.pdf"));
    db = join(work, "t.db");
    out = runCli(["import", folder, "--db", db, "--format", "json", "--jobs", "1", "--timeout", "600"]);
  }, 600_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("lists an unreadable scan as failed with its reason and stores the readable one as OCR", () => {
    expect(out.status).toBe(2);
    const s = JSON.parse(out.stdout) as { imported: number; failed: number; errors: { file: string; error: string }[] };
    expect(s.imported).toBe(1);
    expect(s.failed).toBe(1);
    expect(s.errors[0]!.file).toMatch(/a-blank\.pdf$/);
    expect(s.errors[0]!.error).toMatch(/Bản scan không có chữ.*scanned PDF/);
    const d = new Database(db, { readonly: true });
    try {
      expect(d.prepare("SELECT code FROM import_errors").all()).toEqual([{ code: "unreadable" }]);
      const doc = d.prepare("SELECT name, pages, ocr, kind FROM documents").get();
      expect(doc).toEqual({ name: "b-mixed.pdf", pages: 5, ocr: 1, kind: "report" });
      // figures from the recognised page carry the recogniser's confidence; text-layer ones none
      const conf = d.prepare("SELECT page, ocr_confidence AS c FROM facts").all() as { page: number; c: number | null }[];
      expect(conf.some((f) => f.page === 2 && f.c != null && f.c > 0 && f.c <= 100)).toBe(true);
      expect(conf.filter((f) => f.page !== 2).every((f) => f.c === null)).toBe(true);
    } finally {
      d.close();
    }
    // what show (and the workspace's document page) is given
    const store = openReadOnly(db);
    try {
      const shown = showDocument(store, "b-mixed.pdf");
      expect(shown.document.ocr).toBe(1);
      expect(shown.facts.filter((f) => f.ocr_confidence != null).map((f) => f.page)).toContain(2);
    } finally {
      store.close();
    }
  });

  it("recognises only the page without text, at its true page number, in the text twin's words", async () => {
    const d = new Database(db, { readonly: true });
    let text: string;
    let pages: { number: number; start: number; end: number }[];
    try {
      const row = d.prepare("SELECT text, pages_json FROM document_texts").get() as { text: string; pages_json: string };
      text = row.text;
      pages = JSON.parse(row.pages_json);
    } finally {
      d.close();
    }
    // the twin: the same report with its text layer (no OCR)
    const twin = await readPdf(new Uint8Array(readFileSync(join(FIXTURES, "pdf", "000_71c6cec35a92dd84.pdf"))));
    expect(twin.ocr).toBe(false);
    const pageText = (t: string, ps: typeof pages, n: number) => t.slice(ps[n - 1]!.start, ps[n - 1]!.end);
    for (const n of [1, 3, 4, 5]) expect(pageText(text, pages, n)).toBe(pageText(twin.text, twin.pages!, n));
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    const got = new Set(words(pageText(text, pages, 2)));
    const want = words(pageText(twin.text, twin.pages!, 2));
    const found = want.filter((w) => got.has(w)).length;
    expect(found / want.length).toBeGreaterThan(0.95);
  });
});
