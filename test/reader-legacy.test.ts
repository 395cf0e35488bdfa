// The readers for what communes send besides DOCX and PDF (issue 11): .doc, .odt and .rtf give
// the DOCX's extraction; RTF's codepages, escapes and skipped groups; an Excel appendix as a
// table of what Excel shows; .zip archives expanded with their member paths, through import and
// extract, with the zip guard's limits.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processBytes } from "../src/batch/process.js";
import { detectFormat } from "../src/ingest/detect.js";
import { expandArchive, readDocument, ReadError } from "../src/ingest/index.js";
import type { NormalizedDocument } from "../src/ingest/types.js";
import { encodeTcvn3, encodeVni } from "../src/ingest/legacy-encodings.js";
import { formatNumber } from "../src/ingest/xlsx.js";
import { loadRules } from "../src/rules/load.js";
import { FIXTURES, runCli } from "./helpers.js";

const BASES = ["000_71c6cec35a92dd84", "001_715a5b70f3b78fcd", "002_937598931c7507e2", "003_3b144be784d99a16", "004_1e8afcbf59a4aba5"];
const rules = loadRules();
const fixture = (...p: string[]) => new Uint8Array(readFileSync(join(FIXTURES, ...p)));
const blockText = (doc: NormalizedDocument, i: number) => doc.text.slice(doc.blocks[i]!.start, doc.blocks[i]!.end);

describe(".doc, .odt and .rtf renderings extract like the DOCX", () => {
  for (const base of BASES) {
    it(`${base}: same document fields and the same percent and ratio facts`, async () => {
      const docx = (await processBytes(fixture("docx", `${base}.docx`), `${base}.docx`, rules)).extraction;
      const figures = (x: typeof docx) =>
        x.facts
          .filter((f) => f.kind === "percent" || f.kind === "ratio")
          .map((f) => JSON.stringify([f.kind, (f as { value?: number }).value, (f as { num?: number }).num, (f as { den?: number }).den, f.indicator]))
          .sort();
      for (const ext of ["doc", "odt", "rtf"] as const) {
        const other = (await processBytes(fixture(ext, `${base}.${ext}`), `${base}.${ext}`, rules)).extraction;
        expect(other.source.format, ext).toBe(ext);
        // the national header and the signature sit in layout tables: metadata must survive them
        expect(other.document, ext).toEqual(docx.document);
        expect(figures(other), ext).toEqual(figures(docx));
      }
    });
  }
});

describe(".doc typed in a legacy font", () => {
  it("a .doc typed in .VnTime (TCVN3 bytes) is converted, with a warning, and extracts like the DOCX", async () => {
    const base = "000_71c6cec35a92dd84";
    const legacy = await processBytes(fixture("doc-legacy", `${base}-tcvn3.doc`), `${base}-tcvn3.doc`, rules);
    expect(legacy.doc.warnings.join(" ")).toMatch(/TCVN3/);
    expect(legacy.doc.text).toContain("Kính gửi: Sở Khoa học và Công nghệ tỉnh Thái Nguyên");
    const docx = (await processBytes(fixture("docx", `${base}.docx`), `${base}.docx`, rules)).extraction;
    expect(legacy.extraction.document).toEqual(docx.document);
  });

  it("a Unicode .doc is left as it is (no warning)", async () => {
    const doc = await readDocument(fixture("doc", "000_71c6cec35a92dd84.doc"));
    expect(doc.warnings).toEqual([]);
  });
});

describe("RTF", () => {
  const read = (rtf: string | Buffer) => readDocument(typeof rtf === "string" ? Buffer.from(rtf, "latin1") : rtf, { fileName: "x.rtf" });

  it("is detected from its bytes, whatever the name", () => {
    expect(detectFormat(Buffer.from("{\\rtf1\\ansi hello}"), "bao-cao.txt")).toBe("rtf");
    expect(detectFormat(Buffer.from("\uFEFF{\\rtf1 x}"), "a.doc")).toBe("rtf");
  });

  it("decodes \\'hh bytes in the declared codepage (1258, combining marks → NFC) and \\uN with its fallback skipped", async () => {
    const rtf =
      "{\\rtf1\\ansi\\ansicpg1258\\deff0{\\fonttbl{\\f0\\fcharset163 Times New Roman;}{\\f1\\fcharset0 Arial;}}" +
      "{\\colortbl;\\red0\\green0\\blue0;}{\\info{\\title Ti\\'eau \\'f0\\'ea\\'ec b\\'ed m\\'e2t}{\\author Ai}}{\\*\\generator Bo soan thao;}\n" +
      "\\pard\\plain\\f0 Xa\\'de S\\'f4\\'ec 3 \\'f0a\\'f2t 85%.\\par\n" +
      "\\pard\\plain\\f1\\uc1 T\\u7927? l\\u7879? ng\\u432?\\u7901?i d\\u226?n c\\u243? k\\u7929? n\\u259?ng s\\u7889?: 12564/16900.\\par\n" +
      "\\pard\\uc2 \\u272??\\u7841??t\\par}";
    const doc = await read(rtf);
    expect(doc.format).toBe("rtf");
    const paras = doc.blocks.map((_, i) => blockText(doc, i));
    expect(paras).toEqual(["Xã Số 3 đạt 85%.", "Tỷ lệ người dân có kỹ năng số: 12564/16900.", "Đạt"]);
    // the font table, colours, document info and \* destinations are not text
    expect(doc.text).not.toMatch(/Times|Arial|Bo soan|red0|Ai\b/);
    expect(doc.text).toBe(doc.text.normalize("NFC"));
  });

  it("\\'hh bytes before any \\f are in the default font's charset (\\deffN), even under \\ansicpg1252", async () => {
    const doc = await read("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fcharset163 Times New Roman;}{\\f1\\fcharset0 Arial;}}\\pard Xa\\'de \\'f0a\\'f2t.\\par\\pard\\plain\\f1 caf\\'e9\\par\\pard\\plain B\\'f4\\'ec.\\par}");
    expect(doc.blocks.map((_, i) => blockText(doc, i))).toEqual(["Xã đạt.", "café", "Bố."]);
  });

  it("text in a TCVN3 (.VnTime) or VNI font is converted from that encoding, with a warning", async () => {
    const hex = (b: Uint8Array) => Array.from(b, (x) => (x < 0x80 && x !== 0x5c && x !== 0x7b && x !== 0x7d ? String.fromCharCode(x) : `\\'${x.toString(16).padStart(2, "0")}`)).join("");
    const rtf =
      "{\\rtf1\\ansi\\ansicpg1252\\deff1{\\fonttbl{\\f0\\froman\\fcharset0 .VnTime;}{\\f1\\fcharset0 Arial;}{\\f2\\fcharset0 VNI-Times;}}" +
      `\\pard\\f0 ${hex(encodeTcvn3("Tổ công nghệ số cộng đồng đạt 85%."))}\\par` +
      `\\pard\\f2 ${hex(encodeVni("Người dân được hướng dẫn kỹ năng số."))}\\par}`;
    const doc = await read(rtf);
    expect(doc.blocks.map((_, i) => blockText(doc, i))).toEqual(["Tổ công nghệ số cộng đồng đạt 85%.", "Người dân được hướng dẫn kỹ năng số."]);
    expect(doc.warnings.join(" ")).toMatch(/\.VnTime \(TCVN3\).*VNI-Times \(VNI\)/);
  });

  it("skips pictures, field instructions and bookmarks, keeps field results; \\cell and \\row make a table", async () => {
    const rtf =
      "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}{\\stylesheet{\\s0 Normal;}{\\s1\\b\\ql heading 1;}}\n" +
      "\\pard\\s1\\b I. K\\u7870?T QU\\u7842?\\b0\\par\n" +
      "\\pard Xem {\\*\\bkmkstart mot}{\\field{\\*\\fldinst HYPERLINK \"http://x\"}{\\fldrslt c\\u7893?ng}}{\\*\\bkmkend mot} th\\u244?ng tin.{\\pict\\pngblip\\picw10 89504e470d0a1a0a0000}\\par\n" +
      "\\trowd\\cellx2000\\cellx4000\\pard\\intbl Ch\\u7881? ti\\u234?u\\cell K\\u7871?t qu\\u7843?\\cell\\row\n" +
      "\\trowd\\cellx2000\\cellx4000\\pard\\intbl Ng\\u432?\\u7901?i d\\u226?n\\cell 85%\\cell\\row\n" +
      "\\pard Sau b\\u7843?ng.\\par}";
    const doc = await read(rtf);
    const kinds = doc.blocks.map((b) => b.kind);
    expect(kinds).toEqual(["heading", "paragraph", "table", "paragraph"]);
    expect(doc.blocks[0]!.level).toBe(1);
    expect(doc.blocks[0]!.bold).toBe(true);
    expect(blockText(doc, 0)).toBe("I. KẾT QUẢ");
    expect(blockText(doc, 1)).toBe("Xem cổng thông tin.");
    const table = doc.blocks[2]!;
    expect(table.rows!.map((r) => r.cells.map((c) => doc.text.slice(c.start, c.end)))).toEqual([
      ["Chỉ tiêu", "Kết quả"],
      ["Người dân", "85%"],
    ]);
    expect(doc.text).not.toMatch(/89504e|HYPERLINK|bkmk|mot/);
  });

  it("an RTF with no text is refused as empty, with one clear line", async () => {
    const e = await read("{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\pard\\par}").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ReadError);
    expect((e as ReadError).code).toBe("empty");
    expect((e as ReadError).message).toMatch(/RTF.*\(.+\)$/);
  });
});

describe("Excel indicator appendix", () => {
  it("numbers read as Excel shows them in Vietnamese", () => {
    expect(formatNumber(0.85, "0%")).toBe("85%");
    expect(formatNumber(0.855, "0.0%")).toBe("85,5%");
    expect(formatNumber(12564, "#,##0")).toBe("12.564");
    expect(formatNumber(1234.5, "#,##0.00")).toBe("1.234,50");
    expect(formatNumber(2.5, "General")).toBe("2,5");
    expect(formatNumber(13, undefined)).toBe("13");
  });

  it("each visible sheet is its name then a table: merged cells, header rows, formats, formula results", async () => {
    const doc = await readDocument(fixture("xlsx", "phu-luc-chi-tieu.xlsx"), { fileName: "phu-luc-chi-tieu.xlsx" });
    expect(doc.format).toBe("xlsx");
    expect(doc.blocks.map((b) => b.kind)).toEqual(["heading", "table", "heading", "table"]);
    expect(blockText(doc, 0)).toBe("Phụ lục 1");
    expect(blockText(doc, 2)).toBe("Ghi chú");
    const t = doc.blocks[1]!;
    const cells = t.rows!.map((r) => r.cells.map((c) => doc.text.slice(c.start, c.end)));
    expect(cells[0]![0]).toMatch(/^KẾT QUẢ THỰC HIỆN/);
    expect(t.rows![0]!.cells[0]!.colspan).toBe(5);
    expect(cells[1]).toEqual(["TT", "Chỉ tiêu", "Kế hoạch", "Kết quả"]);
    expect(t.rows![1]!.cells[0]!.rowspan).toBe(2);
    expect(t.rows![1]!.cells[3]!.colspan).toBe(2);
    expect(cells[2]).toEqual(["Số lượng", "Tỷ lệ"]);
    expect(t.rows!.slice(1, 3).every((r) => r.header)).toBe(true);
    expect(t.rows![3]!.header).toBeUndefined();
    expect(cells[3]).toEqual(["1", "Người dân trưởng thành được phổ cập kỹ năng số cơ bản", "70%", "8.342", "62,4%"]);
    expect(cells[5]).toEqual(["3", "Tổ công nghệ số cộng đồng được tập huấn", "100%", "13", "85,0%"]);
    // a formula reads as its cached result
    expect(cells[7]).toEqual(["", "Tổng số người được phổ cập", "", "10.508"]);
  });
});

describe(".zip archives of reports", () => {
  const ZIP = join(FIXTURES, "zip", "bao-cao-xa.zip");
  const MEMBERS = [
    "bao-cao-xa.zip/000_71c6cec35a92dd84.docx",
    "bao-cao-xa.zip/thang-6/001_715a5b70f3b78fcd.doc",
    "bao-cao-xa.zip/thang-6/002_937598931c7507e2.odt",
    "bao-cao-xa.zip/thang-6/phu-luc-chi-tieu.xlsx",
    "bao-cao-xa.zip/ban-cu/bao-cao-cu.zip/003_3b144be784d99a16.rtf",
  ];
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "tonghop-zip-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("expands to its members, one nested zip included, named by their path in the archive", async () => {
    const members = await expandArchive(readFileSync(ZIP), "bao-cao-xa.zip");
    expect(members!.map((m) => m.path)).toEqual(MEMBERS);
    expect(members!.every((m) => m.bytes && !m.error)).toBe(true);
    // a DOCX is a zip too, but not an archive of reports
    expect(await expandArchive(readFileSync(join(FIXTURES, "docx", "000_71c6cec35a92dd84.docx")), "a.docx")).toBeNull();
  });

  it("refuses an archive with a path that climbs out, and zips nested more than one level", async () => {
    const escape = zipSync({ "bao-cao.txt": Buffer.from("x"), "../../etc/passwd": Buffer.from("x") });
    const e = await expandArchive(escape, "thoat.zip").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ReadError);
    expect((e as ReadError).message).toMatch(/không an toàn.*\(unsafe path.+\)$/);
    const twice = zipSync({ "ngoai/bao-cao-xa.zip": readFileSync(ZIP) });
    const members = (await expandArchive(twice, "tong.zip"))!;
    const byPath = new Map(members.map((m) => [m.path, m]));
    expect(byPath.get("tong.zip/ngoai/bao-cao-xa.zip/000_71c6cec35a92dd84.docx")!.bytes).toBeDefined();
    expect(byPath.get("tong.zip/ngoai/bao-cao-xa.zip/ban-cu/bao-cao-cu.zip")!.error!.message).toMatch(/lồng/);
  });

  it("import stores each member under archive.zip/inner/file; a re-import skips them all, no failure listed", () => {
    const db = join(work, "zip.db");
    const first = runCli(["import", ZIP, "--db", db, "--format", "json"]);
    expect(first.status, first.stderr).toBe(0);
    const s1 = JSON.parse(first.stdout) as { imported: number; failed: number; errors: unknown[] };
    expect(s1).toMatchObject({ imported: 5, failed: 0, errors: [] });
    const rows = JSON.parse(runCli(["query", "select name, path, format from documents order by id", "--db", db, "--format", "json"]).stdout) as {
      name: string;
      path: string;
      format: string;
    }[];
    expect(rows.map((r) => r.name).sort()).toEqual([...MEMBERS].sort());
    for (const r of rows) expect(r.path.endsWith(join("fixtures", "zip", r.name))).toBe(true);
    expect(rows.map((r) => r.format).sort()).toEqual(["doc", "docx", "odt", "rtf", "xlsx"]);
    const again = JSON.parse(runCli(["import", join(FIXTURES, "zip"), "--db", db, "--format", "json"]).stdout) as Record<string, unknown>;
    expect(again).toMatchObject({ imported: 0, skipped: 5, failed: 0, errors: [] });
  });

  it("extract prints one document per member (jsonl); --format json asks for jsonl", () => {
    const r = runCli(["extract", ZIP, "--format", "jsonl"]);
    expect(r.status, r.stderr).toBe(0);
    const docs = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { source: { file: string; format: string } });
    expect(docs.map((d) => d.source.file)).toEqual(MEMBERS);
    const one = runCli(["extract", ZIP, "--format", "json"]);
    expect(one.status).toBe(1);
    expect(one.stdout).toBe("");
    expect(one.stderr).toMatch(/jsonl/);
  });

  it("a bad member fails alone; the others are read", async () => {
    const mixed = zipSync({ "a/bao-cao.rtf": readFileSync(join(FIXTURES, "rtf", "000_71c6cec35a92dd84.rtf")), "a/hong.doc": readFileSync(join(FIXTURES, "bad", "truncated.doc")) });
    const f = join(work, "mixed.zip");
    writeFileSync(f, mixed);
    const r = runCli(["extract", f, "--format", "jsonl"]);
    expect(r.status).toBe(2);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/mixed\.zip\/a\/hong\.doc: .*hỏng/);
  });
});
