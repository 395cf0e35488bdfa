// What the DOCX and PDF readers must get right beyond the words: header and signature columns
// never interleaved, a sentence cut by a page break in one block, tables as rows of cells,
// page numbers, headings that wrap, Word's list numbers, and stdout holding only JSON.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDocument } from "../src/ingest/index.js";
import type { Block, NormalizedDocument } from "../src/ingest/types.js";
import { FIXTURES, runCli } from "./helpers.js";

const DIRS = [
  { dir: "docx", ext: ".docx" },
  { dir: "pdf", ext: ".pdf" },
  { dir: "docx-alt", ext: ".docx" },
  { dir: "pdf-alt", ext: ".pdf" },
];
const read = (dir: string, name: string): Promise<NormalizedDocument> => readDocument(new Uint8Array(readFileSync(join(FIXTURES, dir, name))), { fileName: name });
const lines = (doc: NormalizedDocument) => doc.text.split("\n").map((l) => l.trim());
const blockText = (doc: NormalizedDocument, b: Block) => doc.text.slice(b.start, b.end).replace(/\s+/g, " ");
const blockWith = (doc: NormalizedDocument, s: string) => doc.blocks.find((b) => blockText(doc, b).includes(s));

for (const { dir, ext } of DIRS) {
  describe(`${dir}: layout`, () => {
    it("keeps the header columns apart: number and place-date are whole lines, left first", async () => {
      const doc = await read(dir, `001_715a5b70f3b78fcd${ext}`);
      const ls = lines(doc);
      expect(ls).toContain("Số: 141/BC-UBND");
      expect(ls).toContain("Cao Đức, ngày 02 tháng 6 năm 2026");
      expect(ls.indexOf("Số: 141/BC-UBND")).toBeLessThan(ls.indexOf("Cao Đức, ngày 02 tháng 6 năm 2026"));
      const blank = await read(dir, `004_1e8afcbf59a4aba5${ext}`);
      expect(lines(blank)).toContain("Số: /KH-UBND");
      expect(lines(blank)).toContain("Trung Thành, ngày tháng 6 năm 2026");
    });

    it("keeps the signature apart from Nơi nhận: title lines and name whole, recipients before them", async () => {
      for (const [name, signer] of [
        ["001_715a5b70f3b78fcd", "Lại Đình Tế"],
        ["002_937598931c7507e2", "Nguyễn Thị Minh Huệ"],
        ["004_1e8afcbf59a4aba5", "Ngô Mạnh Tài"],
      ] as const) {
        const doc = await read(dir, name + ext);
        const ls = lines(doc);
        expect(ls).toContain("KT. CHỦ TỊCH");
        expect(ls).toContain("PHÓ CHỦ TỊCH");
        expect(ls).toContain(signer);
        expect(ls.indexOf("PHÓ CHỦ TỊCH")).toBe(ls.indexOf("KT. CHỦ TỊCH") + 1);
        const recipients = ls.findIndex((l) => l.startsWith("Nơi nhận"));
        expect(recipients).toBeGreaterThanOrEqual(0);
        expect(recipients).toBeLessThan(ls.indexOf("KT. CHỦ TỊCH"));
        expect(ls.filter((l) => /Nơi nhận|^- /.test(l) && /CHỦ TỊCH|Đình Tế|Minh Huệ|Mạnh Tài/.test(l))).toEqual([]);
      }
    });

    it("puts the sentence cut by a page break in sample 001 in one block", async () => {
      const doc = await read(dir, `001_715a5b70f3b78fcd${ext}`);
      const b = blockWith(doc, "Chỉ tiêu 3: Tỷ lệ người lao động trong doanh nghiệp, hợp tác xã có kiến thức");
      expect(b).toBeDefined();
      expect(blockText(doc, b!)).toContain("có kiến thức công nghệ số phục vụ sản xuất, kinh doanh đạt 85%.");
      expect(b!.kind).toBe("list_item");
      expect(b!.marker).toMatch(/^[-•]$/);
    });

    it("reads the appendix tables as rows of cells, one table each", async () => {
      const d3 = await read(dir, `003_3b144be784d99a16${ext}`);
      const t3 = d3.blocks.filter((b) => b.kind === "table");
      expect(t3).toHaveLength(1);
      expect(t3[0]!.rows!.length).toBeGreaterThanOrEqual(30);
      for (const r of t3[0]!.rows!) expect(r.cells).toHaveLength(4);
      const head = t3[0]!.rows![0]!.cells.map((c) => d3.text.slice(c.start, c.end));
      expect(head).toEqual(["TT", "Chỉ số thực hiện", "Kết quả", "Minh chứng"]);
      const row = t3[0]!.rows!.find((r) => d3.text.slice(r.cells[0]!.start, r.cells[0]!.end) === "2.11")!;
      expect(row.cells.map((c) => d3.text.slice(c.start, c.end)).slice(2)).toEqual(["Tỉ lệ %: 100%", "16/16"]);

      const d4 = await read(dir, `004_1e8afcbf59a4aba5${ext}`);
      const t4 = d4.blocks.filter((b) => b.kind === "table");
      expect(t4).toHaveLength(1);
      for (const r of t4[0]!.rows!) expect(r.cells).toHaveLength(6);
      // the header row the sample repeats after its page break is flagged as a repeat
      expect(t4[0]!.rows!.filter((r) => r.header).length).toBeGreaterThanOrEqual(1);
    });

    it("finds bold numbered headings and keeps a heading that wraps in one block", async () => {
      const doc = await read(dir, `004_1e8afcbf59a4aba5${ext}`);
      const h = blockWith(doc, "I. MỤC ĐÍCH, YÊU CẦU")!;
      expect(h.bold || h.kind === "heading").toBe(true);
      const d0 = await read(dir, `000_71c6cec35a92dd84${ext}`);
      const wrapped = blockWith(d0, "2.3. Kết quả triển khai các nền tảng số")!;
      expect(blockText(d0, wrapped)).toBe("2.3. Kết quả triển khai các nền tảng số và một số nhiệm vụ:");
      expect(wrapped.bold || wrapped.kind === "heading").toBe(true);
    });
  });
}

describe("pdf pages", () => {
  for (const dir of ["pdf", "pdf-alt"]) {
    it(`${dir}: pages are numbered, spans in order, a rejoined sentence spans two pages`, async () => {
      const doc = await read(dir, "001_715a5b70f3b78fcd.pdf");
      const pages = doc.pages!;
      expect(pages.length).toBeGreaterThan(10);
      pages.forEach((p, i) => {
        expect(p.number).toBe(i + 1);
        expect(p.start).toBeLessThanOrEqual(p.end);
        if (i) expect(p.start).toBeGreaterThanOrEqual(pages[i - 1]!.end);
      });
      let page = 1;
      for (const b of doc.blocks) {
        expect(b.page!).toBeGreaterThanOrEqual(page);
        page = b.page!;
        const span = pages[b.page! - 1]!;
        expect(b.start).toBeGreaterThanOrEqual(span.start);
        expect(b.start).toBeLessThan(span.end);
      }
      // running page numbers (alt renders them in the page header) never reach the text
      expect(doc.text.split("\n").filter((l) => /^\d{1,2}$/.test(l.trim()))).toEqual([]);
      if (dir === "pdf") {
        const at = doc.text.indexOf("công nghệ số phục vụ sản xuất, kinh doanh đạt 85%");
        const b = blockWith(doc, "Chỉ tiêu 3:")!;
        const pageOf = (o: number) => pages.find((p) => o >= p.start && o <= p.end)!.number;
        expect(pageOf(at)).toBe(b.page! + 1);
      }
    });
  }
});

describe("Word features the samples lack", () => {
  it("docx: puts back Word's list numbers from numbering.xml: I., II., 1., 2., a., b., bullets", async () => {
    const doc = await read("docx-alt", "word-features.docx");
    const items = doc.blocks.filter((b) => b.kind === "list_item").map((b) => [b.marker, doc.text.slice(b.start, b.end)]);
    expect(items).toEqual([
      ["I.", "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"],
      ["II.", "II. KẾT QUẢ TRIỂN KHAI"],
      ["1.", "1. Công tác tuyên truyền"],
      ["2.", "2. Kết quả thực hiện chỉ tiêu"],
      ["a.", "a. Tỷ lệ người dân có kỹ năng số đạt 85%."],
      ["b.", "b. Số tổ công nghệ số cộng đồng: 13 tổ."],
      ["•", "• Như trên;"],
      ["•", "• Lưu: VT."],
    ]);
  });

  for (const [dir, file] of [["docx-alt", "word-features.docx"], ["pdf-alt", "word-features.pdf"]] as const) {
    it(`${dir}: keeps merged cells as colspan and rowspan`, async () => {
      const doc = await read(dir, file);
      const table = doc.blocks.find((b) => b.kind === "table")!;
      const cells = table.rows!.map((r) => r.cells.map((c) => [doc.text.slice(c.start, c.end), c.colspan ?? 1, c.rowspan ?? 1]));
      expect(cells).toEqual([
        [["TT", 1, 1], ["Chỉ số", 1, 1], ["Kết quả", 1, 1]],
        [["1. Chỉ số về công tác lãnh đạo", 3, 1]],
        [["1.1", 1, 2], ["Ban hành kế hoạch", 1, 1], ["Có", 1, 1]],
        [["Kiểm tra, giám sát", 1, 1], ["Có", 1, 1]],
      ]);
    });
  }
});

describe("stdout stays JSON", () => {
  for (const file of ["pdf/003_3b144be784d99a16.pdf", "docx/004_1e8afcbf59a4aba5.docx"]) {
    it(`tonghop extract ${file} --format json prints one JSON document`, () => {
      const r = runCli(["extract", join(FIXTURES, file), "--format", "json"]);
      expect(r.status, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(doc.source.format).toBe(file.startsWith("pdf") ? "pdf" : "docx");
    });
  }
});
