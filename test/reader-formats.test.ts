// DOCX, PDF, DOC, ODT and RTF readers on the committed renderings of the five samples (made by
// scripts/make-fixtures.sh): real files, real parsing. Each rendering must carry the sample's
// words in the sample's order, keep the figure sentences whole, keep the header and signature
// columns apart, and give well-formed spans.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDocument } from "../src/ingest/index.js";
import { readText } from "../src/ingest/text.js";
import type { NormalizedDocument } from "../src/ingest/types.js";
import { FIXTURES, SAMPLES } from "./helpers.js";

const samples = readdirSync(SAMPLES).filter((f) => f.endsWith(".txt")).sort();
const sets = [
  { dir: "docx", ext: ".docx", format: "docx" },
  { dir: "pdf", ext: ".pdf", format: "pdf" },
  { dir: "docx-alt", ext: ".docx", format: "docx" },
  { dir: "pdf-alt", ext: ".pdf", format: "pdf" },
  // the main DOCX saved by LibreOffice as Word 97-2003, OpenDocument and RTF
  { dir: "doc", ext: ".doc", format: "doc" },
  { dir: "odt", ext: ".odt", format: "odt" },
  { dir: "rtf", ext: ".rtf", format: "rtf" },
] as const;

const collapse = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();
export const words = (s: string) => (s.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) as string[];

/** 1 − (insertions + deletions) / (|a| + |b|), by Myers' O((N+M)D) diff; 0 past `maxD` edits. */
export function similarity(a: string[], b: string[], maxD = 4000): number {
  const n = a.length;
  const m = b.length;
  if (!n && !m) return 1;
  const off = maxD + 1;
  const v = new Int32Array(2 * maxD + 3);
  for (let d = 0; d <= maxD; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) x++, y++;
      v[off + k] = x;
      if (x >= n && y >= m) return 1 - d / (n + m);
    }
  }
  return 0;
}

/** Sentences of the text reader's prose that state a figure ("12564/16900", "đạt 85%"). */
function figureSentences(ref: NormalizedDocument): string[] {
  const out: string[] = [];
  for (const b of ref.blocks) {
    if (b.kind === "table") continue;
    for (const s of collapse(ref.text.slice(b.start, b.end)).split(/(?<=[.;!?])\s+/)) {
      const t = s.replace(/^[-+•]\s+/, "");
      if (/\d\s?%|\d\/\d+(?![/\d-])/.test(t) && !/\/(KH|BC|UBND|QĐ|TB|HD)/.test(t)) out.push(t);
    }
  }
  return out;
}

/** The document's text in reading order: a row carried on after a page break extends the row above. */
function readingText(doc: NormalizedDocument): string {
  return doc.blocks
    .map((b) => {
      if (b.kind !== "table") return doc.text.slice(b.start, b.end);
      const rows: string[][] = [];
      for (const r of b.rows!) {
        const cells = r.cells.map((c) => doc.text.slice(c.start, c.end));
        const above = rows[rows.length - 1];
        if (r.continues && above) cells.forEach((c, i) => (above[i] = `${above[i] ?? ""} ${c}`));
        else rows.push(cells);
      }
      return rows.map((r) => r.join("\t")).join("\n");
    })
    .join("\n\n");
}

const cache = new Map<string, Promise<NormalizedDocument>>();
function read(path: string): Promise<NormalizedDocument> {
  if (!cache.has(path)) cache.set(path, readDocument(new Uint8Array(readFileSync(path)), { fileName: path }));
  return cache.get(path)!;
}
const reference = (sample: string) => readText(readFileSync(join(SAMPLES, sample), "utf8"));

for (const set of sets) {
  describe(`${set.dir} reader`, () => {
    for (const sample of samples) {
      const base = sample.replace(/\.txt$/, "");
      const path = join(FIXTURES, set.dir, base + set.ext);

      it(`${base}: same words in the same order as the text (≥ 0.98)`, async () => {
        const doc = await read(path);
        expect(doc.format).toBe(set.format);
        const sim = similarity(words(readingText(reference(sample))), words(readingText(doc)));
        expect(sim).toBeGreaterThanOrEqual(0.98);
      });

      it(`${base}: sentences with figures come out whole`, async () => {
        const text = collapse((await read(path)).text);
        const missing = figureSentences(reference(sample)).filter((s) => !text.includes(s));
        expect(missing).toEqual([]);
        expect(figureSentences(reference(sample)).length).toBeGreaterThan(0);
      });

      it(`${base}: spans are well-formed and tables are rows of cells`, async () => {
        const doc = await read(path);
        let last = -1;
        for (const b of doc.blocks) {
          expect(b.start).toBeGreaterThanOrEqual(0);
          expect(b.end).toBeLessThanOrEqual(doc.text.length);
          expect(b.start).toBeLessThan(b.end);
          expect(b.start).toBeGreaterThan(last);
          last = b.end - 1;
          if (b.kind !== "table") expect(doc.text.slice(b.start, b.end)).toBe(doc.text.slice(b.start, b.end).trim());
          if (b.kind === "table") {
            for (const r of b.rows!) {
              expect(r.start).toBeGreaterThanOrEqual(b.start);
              expect(r.end).toBeLessThanOrEqual(b.end);
              expect(doc.text.slice(r.start, r.end)).not.toContain("\n");
              for (const c of r.cells) expect(c.start >= r.start && c.end <= r.end && c.start <= c.end).toBe(true);
            }
          }
          if (set.format === "pdf") expect(b.page).toBeGreaterThanOrEqual(1);
          else expect(b.page).toBeNull();
        }
        // blocks are separated by exactly one blank line, as the text reader lays them out
        for (let i = 1; i < doc.blocks.length; i++) expect(doc.text.slice(doc.blocks[i - 1]!.end, doc.blocks[i]!.start)).toBe("\n\n");
        expect(doc.text).toBe(doc.text.normalize("NFC"));
        expect(doc.text).not.toMatch(/<\/?(?:p|strong|b|li|td)>|\*\*|[\uE000-\uE00F]|\\(?:par|cell|row|u\d|'[0-9a-f])|\{\\/);
      });
    }
  });
}

describe("plain text typed without blank lines or table tools", () => {
  const blocks = (text: string) => {
    const doc = readText(text);
    return doc.blocks.map((b) => ({ kind: b.kind, text: doc.text.slice(b.start, b.end) }));
  };
  it("a numbered line opens a block of its own; a short numbered title ends at its line", () => {
    const bs = blocks("2/ Kết quả thực hiện\nXã đã mở 4 lớp tập huấn cho người dân.\nII/ KHÓ KHĂN\n1. Thiếu thiết bị\nNhiều thôn chưa có máy tính.\n");
    expect(bs.map((b) => b.text)).toEqual(["2/ Kết quả thực hiện", "Xã đã mở 4 lớp tập huấn cho người dân.", "II/ KHÓ KHĂN", "1. Thiếu thiết bị", "Nhiều thôn chưa có máy tính."]);
  });
  it("a numbered sentence keeps its wrapped lines", () => {
    const bs = blocks("1. Xã đã tổ chức 3 lớp tập huấn cho cán bộ, công chức,\nvới 95 lượt người tham gia.\n");
    expect(bs).toHaveLength(1);
  });
  it("rows typed with pipes are a table; a lone pipe is text", () => {
    const doc = readText("STT | Chỉ tiêu | Kết quả\n1 | Tỷ lệ hộ có cáp quang | 82%\n2 | Số lớp tập huấn | 05\n\nGhi chú: A | B\n");
    const table = doc.blocks.find((b) => b.kind === "table");
    expect(table?.rows?.map((r) => r.cells.map((c) => doc.text.slice(c.start, c.end)))).toEqual([
      ["STT", "Chỉ tiêu", "Kết quả"],
      ["1", "Tỷ lệ hộ có cáp quang", "82%"],
      ["2", "Số lớp tập huấn", "05"],
    ]);
    expect(doc.text).toContain("Ghi chú: A | B");
  });
  it("a Markdown table: outer pipes and the rule under the header", () => {
    const doc = readText("| Chỉ tiêu | Kế hoạch | Thực hiện |\n|---|:---:|---:|\n| Tỷ lệ học sinh có kỹ năng số | 100% | 96% |\n", "markdown");
    const table = doc.blocks.find((b) => b.kind === "table");
    expect(table?.rows?.map((r) => r.cells.map((c) => doc.text.slice(c.start, c.end)))).toEqual([
      ["Chỉ tiêu", "Kế hoạch", "Thực hiện"],
      ["Tỷ lệ học sinh có kỹ năng số", "100%", "96%"],
    ]);
  });
});

describe("numbered markers typed without their space", () => {
  it("'1.Kết quả' and 'II.ĐÁNH GIÁ' open blocks and sections; '1.5 triệu' is a number", () => {
    const doc = readText("II.ĐÁNH GIÁ CHUNG\n1.Ưu điểm\nCác thôn đã triển khai tốt.\n2.Hạn chế\nCòn 1.5 triệu đồng chưa giải ngân.\n");
    expect(doc.blocks.map((b) => b.marker ?? null)).toEqual(["II.", "1.", null, "2.", null]);
  });
});
