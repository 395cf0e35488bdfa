// OCR on damage the scanned fixtures do not have (measured on renderings of the reports with other
// damage, see scripts/make-scans.mjs SCANS_VARIANTS): specks heavier than a scanner's dust, and a
// sheet fed upside down or a quarter turned. Real print: a band of a text-layer fixture page
// rendered at 200 dpi, damaged here.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repairTones } from "../src/ingest/ocr/diacritics.js";
import { stopRecognizer } from "../src/ingest/ocr/engine.js";
import { INK, levelPaper, printRunsDown, removeSpecks, turnHalf, turnQuarter, typicalStroke, type Grey } from "../src/ingest/ocr/image.js";
import { readUpright } from "../src/ingest/ocr/page.js";
import { renderFixturePage } from "./render-helpers.js";

/** Rows `top`…`bottom` (shares of the page's height) of a fixture page, rendered at `dpi`, as grey. */
async function band(file: string, n: number, top: number, bottom: number, dpi = 200): Promise<Grey> {
  const full = await renderFixturePage(file, n, dpi);
  // each edge moved down to the next row of bare paper, so that no line of print is cut
  const paper = (y: number) => full.data.subarray(y * full.width, (y + 1) * full.width).every((v) => v > 250);
  let y0 = Math.round(top * full.height);
  while (!paper(y0)) y0++;
  let y1 = Math.round(bottom * full.height);
  while (!paper(y1)) y1++;
  return { width: full.width, height: y1 - y0, data: full.data.slice(y0 * full.width, y1 * full.width) };
}

const inkPixels = (img: Grey) => img.data.reduce((n, v) => n + (v < INK ? 1 : 0), 0);

describe("specks", () => {
  let clean: Grey;
  beforeAll(async () => {
    clean = await band("004_1e8afcbf59a4aba5.pdf", 2, 0.3, 0.45);
  });

  it("leaves clean print alone: full stops, the dots of i and tone marks stay", () => {
    const img: Grey = { ...clean, data: new Uint8Array(clean.data) };
    expect(typicalStroke(img)).toBeGreaterThanOrEqual(2);
    expect(removeSpecks(img)).toBe(0);
    expect(img.data).toEqual(clean.data);
  });

  it("takes out dust and spatter of one and two pixels, alone or between words, and keeps the print", () => {
    const img: Grey = { ...clean, data: new Uint8Array(clean.data) };
    // seeded specks, 1×1 to 2×2 and a 3×2 blot, over the band (on paper, between lines and words)
    let s = 7;
    const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
    const placed: [number, number, number, number][] = [];
    for (let k = 0; k < 400; k++) {
      const x = 2 + Math.floor(rand() * (img.width - 6));
      const y = 2 + Math.floor(rand() * (img.height - 6));
      const [bw, bh] = k % 10 === 0 ? [3, 2] : [1 + (k % 2), 1 + ((k >> 1) % 2)];
      // only where the clean band is paper all around (a speck on a letter is part of the letter)
      let paper = !placed.some(([px, py]) => Math.abs(px - x) < 12 && Math.abs(py - y) < 12);
      for (let yy = y - 6; yy < y + bh + 6 && paper; yy++) for (let xx = x - 6; xx < x + bw + 6; xx++) if ((clean.data[yy * img.width + xx] ?? 255) < 250) paper = false;
      if (!paper) continue;
      placed.push([x, y, bw, bh]);
      for (let yy = y; yy < y + bh; yy++) for (let xx = x; xx < x + bw; xx++) img.data[yy * img.width + xx] = 30;
    }
    expect(placed.length).toBeGreaterThan(100);
    const removed = removeSpecks(img);
    expect(removed).toBe(placed.length);
    for (const [x, y, bw, bh] of placed) for (let yy = y; yy < y + bh; yy++) for (let xx = x; xx < x + bw; xx++) expect(img.data[yy * img.width + xx]).toBe(255);
    // the print is untouched
    expect(inkPixels(img)).toBe(inkPixels(clean));
  });
});

describe("a colon alone", () => {
  it("keeps both dots of a colon standing apart from the word before it, and takes out a lone dot", async () => {
    const clean = await band("004_1e8afcbf59a4aba5.pdf", 2, 0.3, 0.45);
    const img: Grey = { ...clean, data: new Uint8Array(clean.data) };
    const stroke = typicalStroke(img);
    const { width: w } = img;
    // a patch of bare paper, wide and tall enough for a colon and a lone dot
    const size = 8 * stroke;
    let at = -1;
    for (let y = 0; y + size < img.height && at < 0; y += 2)
      for (let x = 0; x + 3 * size < w && at < 0; x += 2) {
        let paper = true;
        for (let yy = y; yy < y + size && paper; yy++) for (let xx = x; xx < x + 3 * size; xx++) if (clean.data[yy * w + xx]! < 250) (paper = false), (x = xx);
        if (paper) at = y * w + x;
      }
    expect(at).toBeGreaterThanOrEqual(0);
    const [x, y] = [at % w, Math.floor(at / w)];
    const dot = (dx: number, dy: number) => {
      for (let yy = 0; yy < stroke; yy++) for (let xx = 0; xx < stroke; xx++) img.data[(y + dy + yy) * w + x + dx + xx] = 20;
    };
    // the dots of a colon a stroke and a half apart, and a dot of the same size with nothing near
    const gap = Math.round(1.6 * stroke) + stroke;
    dot(stroke, stroke);
    dot(stroke, stroke + gap);
    dot(2 * size, stroke);
    expect(removeSpecks(img)).toBe(1);
    expect(img.data[(y + stroke) * w + x + stroke]).toBe(20);
    expect(img.data[(y + stroke + gap) * w + x + stroke]).toBe(20);
    expect(img.data[(y + stroke) * w + x + 2 * size]).toBe(255);
  });
});

describe("dark paper", () => {
  it("levels a dark JPEG photo to white paper, not to a grey cloud around the print", async () => {
    const clean = await band("004_1e8afcbf59a4aba5.pdf", 2, 0.3, 0.45);
    const { width: w, height: h } = clean;
    // photographed in poor light: paper at 80 of 255, print scaled with it; and the overshoot a
    // JPEG rings with along the edges of print: every other pixel touching ink brighter than the paper
    const img: Grey = { width: w, height: h, data: clean.data.map((v) => Math.round((v * 80) / 255)) };
    const nearInk = (i: number) => [-1, 1, -w, w].some((d) => (clean.data[i + d] ?? 255) < 200);
    for (let i = 0; i < w * h; i++) if (clean.data[i]! > 250 && nearInk(i) && ((i % w) + Math.floor(i / w)) % 2) img.data[i] = 105;
    levelPaper(img);
    // paper that is not right beside print is white again, and print stays ink
    let paper = 0;
    let white = 0;
    let ink = 0;
    let dark = 0;
    for (let i = 0; i < w * h; i++) {
      const v = img.data[i]!;
      if (clean.data[i]! > 250 && !nearInk(i)) (paper++, v >= 240 && white++);
      if (clean.data[i]! < 60) (ink++, v < INK && dark++);
    }
    expect(white / paper).toBeGreaterThan(0.97);
    expect(dark / ink).toBeGreaterThan(0.99);
  });
});

describe("a sheet turned", () => {
  let upright: Grey;
  beforeAll(async () => {
    // a dozen lines of body text
    upright = await band("004_1e8afcbf59a4aba5.pdf", 2, 0.3, 0.55);
  });
  afterAll(() => stopRecognizer());

  const text = (r: Awaited<ReturnType<typeof readUpright>>) => r.read.words.map((w) => w.text).join(" ");

  it("tells print running down the page from print running across it", async () => {
    const page = await band("000_71c6cec35a92dd84.pdf", 1, 0, 0.99, 100);
    expect(printRunsDown(page)).toBe(false);
    expect(printRunsDown(turnQuarter(page, false))).toBe(true);
    expect(printRunsDown(upright)).toBe(false);
    expect(printRunsDown(turnQuarter(upright, true))).toBe(true);
    expect(printRunsDown(turnHalf(upright))).toBe(false);
  });

  it("reads a page fed upside down the right way up", async () => {
    const straight = await readUpright(upright, 200);
    expect(straight.turned).toBe(0);
    const turned = await readUpright(turnHalf(upright), 200);
    expect(turned.turned).toBe(180);
    expect(turned.read.confidence).toBe(straight.read.confidence);
    expect(text(turned)).toBe(text(straight));
  });

  it("reads a page turned a quarter the right way up", async () => {
    const r = await readUpright(turnQuarter(upright, false), 200);
    expect(r.turned).toBe(90);
    expect([r.read.img.width, r.read.img.height]).toEqual([upright.width, upright.height]);
    expect(text(r)).toBe(text(await readUpright(upright, 200)));
  });
});

describe("tone marks at low resolution", () => {
  it("reads a circumflex with an acute run into a tilde as the two, where the rules' word pairs say so", () => {
    const line = ["Sõ", "cán", "bộ", "dự", "họp"];
    expect(repairTones(line)).toEqual([0]);
    expect(line.join(" ")).toBe("Số cán bộ dự họp");
    // a tilde the rules' pairs do not contradict stays: a lane is a lane
    for (const l of [["ngõ", "nhỏ"], ["Ngõ", "Mạnh"]]) expect(repairTones([...l])).toEqual([]);
  });

  it("takes off a grave mark a speck put over a vowel, only where a pair says so", () => {
    const line = ["mọi", "người", "dần", "ở", "xã"];
    expect(repairTones(line)).toEqual([2]);
    expect(line.join(" ")).toBe("mọi người dân ở xã");
    for (const l of [["dần", "dần"], ["bàn", "giao"]]) expect(repairTones([...l])).toEqual([]);
  });

  it("keeps a word as read when it makes a pair with its other neighbour", () => {
    // "kỹ năng" is a pair of the rules, and so is "độ kỳ" (a grave): the second does not get
    // to change a word the first holds
    const line = ["có", "trình", "độ", "kỹ", "năng", "tốt"];
    expect(repairTones(line)).toEqual([]);
    expect(line.join(" ")).toBe("có trình độ kỹ năng tốt");
    // "địa bàn" and "bản triển khai" are both pairs: a hook between them is left as read
    expect(repairTones(["trên", "địa", "bản", "triển", "khai"])).toEqual([]);
  });
});

describe("a word that is no syllable", () => {
  it("is mended by one letter only where the rules' own word pairs say so", () => {
    // a vowel read twice, or read as another vowel, next to a word the rules pair it with
    const line = ["có", "khaảng", "trên", "100"];
    expect(repairTones(line)).toEqual([1]);
    expect(line).toEqual(["có", "khoảng", "trên", "100"]);
    // no pair in the rules to go by, or a valid syllable: left as read
    for (const l of [["khaảng", "nhà"], ["khảng", "trên"], ["UBND", "trên"]]) {
      const copy = [...l];
      expect(repairTones(copy)).toEqual([]);
      expect(copy).toEqual(l);
    }
  });
});
