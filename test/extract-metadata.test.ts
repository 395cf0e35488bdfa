// Document metadata and sections on headers, titles and signature blocks written for these tests.
import { describe, expect, it } from "vitest";
import { extractText } from "./extract-helpers.js";
import { readMetadata, sentenceCaseTitle } from "../src/extract/metadata.js";
import { DocTokens } from "../src/extract/doctokens.js";
import { lexiconFor } from "../src/extract/lexicon.js";
import { readText } from "../src/ingest/text.js";
import { loadRules } from "../src/rules/load.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SAMPLES } from "./helpers.js";

describe("document metadata", () => {
  it("reads the national header, title period, signer and province", () => {
    const x = extractText(
      [
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG TÂN AN",
        "Số: 212/BC-UBND",
        "",
        "Tân An, ngày 05 tháng 10 năm 2026",
        "",
        "BÁO CÁO",
        "Kết quả thực hiện Phong trào “Bình dân học vụ số” quý III năm 2026",
        "",
        "Thực hiện chỉ đạo của UBND tỉnh Gia Lai, UBND phường Tân An báo cáo như sau:",
        "",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "",
        "NGUYỄN VĂN BÌNH",
      ].join("\n"),
    );
    expect(x.document).toMatchObject({
      kind: "report",
      number: "212/BC-UBND",
      issued_on: "2026-10-05",
      period: { start: "2026-07-01", end: "2026-09-30" },
      unit: { level: "phuong", name: "Tân An" },
      signer: { name: "Nguyễn Văn Bình", title: "Phó Chủ tịch" },
    });
    expect(x.issues.map((i) => i.kind)).not.toContain("missing_number");
  });

  it("the title runs until the body opens: a title line 'Đề án …' is title, 'Để …' opens the body (document.yaml body_start, tone marks matter)", () => {
    const doc = (second: string) => {
      const d = readText(["UBND XÃ TÂN LẬP", "Số: 30/KH-UBND", "", "Tân Lập, ngày 02 tháng 3 năm 2026", "", "KẾ HOẠCH", "Triển khai Phong trào “Bình dân học vụ số”", "", second, "", "Nội dung kế hoạch gồm các phần sau."].join("\n"), "text");
      const lex = lexiconFor(loadRules());
      const { title } = readMetadata(d, lex, new DocTokens(d.text, lex.abbr));
      return title ? d.text.slice(title.start, title.end) : "";
    };
    expect(doc("Đề án chuyển đổi số năm 2026")).toContain("Đề án chuyển đổi số năm 2026");
    expect(doc("Để nâng cao kỹ năng số cho người dân")).not.toContain("Để nâng cao");
  });

  it("reports a blank number and a blank day", () => {
    const x = extractText("Số:      /BC-UBND\n\nHòa Bình, ngày     tháng 6 năm 2026\n\nBÁO CÁO\nKết quả năm 2026 của xã Hòa Bình\n");
    expect(x.document.number).toBeNull();
    expect(x.document.issued_on).toBeNull();
    expect(x.issues.map((i) => i.kind)).toEqual(expect.arrayContaining(["missing_number", "missing_date"]));
  });

  it("finds the place-date line at the end and an explicit date range as the period", () => {
    const x = extractText(
      "BÁO CÁO\nSơ kết thực hiện Phong trào (từ ngày 01/7/2025 đến ngày 31/12/2025)\n\nUBND xã Đại Sơn báo cáo.\n\nĐại Sơn, ngày 08 tháng 01 năm 2026",
    );
    expect(x.document.issued_on).toBe("2026-01-08");
    expect(x.document.period).toEqual({ start: "2025-07-01", end: "2025-12-31" });
  });

  it("lets the text decide a province when the commune name exists in two provinces", () => {
    const hp = extractText("BÁO CÁO\nKết quả năm 2025\n\nỦy ban nhân dân xã Đại Sơn kính gửi Sở Khoa học và Công nghệ thành phố Hải Phòng.");
    expect(hp.document.province).toBe("Hải Phòng");
    const none = extractText("BÁO CÁO\nKết quả năm 2025\n\nỦy ban nhân dân xã Đại Sơn kính gửi Sở Khoa học và Công nghệ.");
    expect(none.document.province).toBeNull();
    // a name found in one province only decides it; the official spelling uses modern tone placement
    const unique = extractText("BÁO CÁO\nKết quả năm 2025\n\nUBND phường Ba Ngòi báo cáo.");
    expect(unique.document.province).toBe("Khánh Hòa");
  });

  it("flags a period that differs between title and closing sentence", () => {
    const x = extractText(
      "BÁO CÁO\nKết quả 6 tháng đầu năm 2026 trên địa bàn xã Vĩnh Thông\n\nNội dung.\n\nTrên đây là báo cáo kết quả 6 tháng đầu năm 2025 của UBND xã Vĩnh Thông./.",
    );
    expect(x.document.period).toEqual({ start: "2026-01-01", end: "2026-06-30" });
    expect(x.issues.map((i) => i.kind)).toContain("period_mismatch");
  });

  it("reads a place-date line left beside 'Số:' and a sentence-case bold title", () => {
    const x = extractText("UBND XÃ CAO ĐỨC\nSố: 141/BC-UBND Cao Đức, ngày 02 tháng 6 năm 2026\n\n**Báo cáo kết quả Phong trào năm 2026**\n\nNội dung.");
    expect(x.document).toMatchObject({ kind: "report", number: "141/BC-UBND", issued_on: "2026-06-02", period: { start: "2026-01-01", end: "2026-12-31" } });
  });

  it("writes a signer title as the rules spell it when the text lost a tone mark (a recognised scan)", () => {
    const x = extractText(["UBND XÃ HÒA BÌNH", "Số: 15/BC-UBND", "", "BÁO CÁO", "Kết quả tháng 9 năm 2026", "", "Nội dung.", "", "KT. CHỦ TỊCH", "PHO CHỦ TICH", "", "TRẦN THỊ LAN"].join("\n"));
    expect(x.document.signer).toEqual({ name: "Trần Thị Lan", title: "Phó Chủ tịch" });
  });

  it("puts signer titles in sentence case", () => {
    expect(sentenceCaseTitle("PHÓ CHỦ TỊCH")).toBe("Phó Chủ tịch");
    expect(sentenceCaseTitle("CHỦ TỊCH")).toBe("Chủ tịch");
    expect(sentenceCaseTitle("PHÓ GIÁM ĐỐC")).toBe("Phó Giám đốc");
  });
});

describe("sections", () => {
  it("builds the heading tree and keeps numbered sentences out", () => {
    const x = extractText(
      [
        "BÁO CÁO",
        "Kết quả năm 2025",
        "",
        "I. KẾT QUẢ THỰC HIỆN",
        "",
        "1. Công tác tuyên truyền",
        "",
        "Nội dung tuyên truyền.",
        "",
        "1.1. Tuyên truyền trên mạng xã hội",
        "",
        "- Đăng 20 tin bài.",
        "",
        "a) Mô hình điểm",
        "",
        "Nội dung mô hình.",
        "",
        "2. Khó khăn, tồn tại",
        "",
        "Một số khó khăn.",
        "",
        "II. PHƯƠNG HƯỚNG NĂM 2026",
        "",
        "1. Tiếp tục đẩy mạnh tuyên truyền về chuyển đổi số đến từng hộ gia đình, người dân trên địa bàn xã.",
        "",
        "2. Tổ chức các lớp tập huấn kỹ năng số cho cán bộ, công chức và người dân. Vận động người dân học tập trên nền tảng.",
        "",
        "PHỤ LỤC KẾT QUẢ TRIỂN KHAI",
      ].join("\n"),
    );
    const tree = x.sections.map((s) => `${"  ".repeat(s.level - 1)}${s.number ?? "-"} ${s.title}`);
    expect(tree).toEqual([
      "I KẾT QUẢ THỰC HIỆN",
      "  1 Công tác tuyên truyền",
      "    1.1 Tuyên truyền trên mạng xã hội",
      "      a Mô hình điểm",
      "  2 Khó khăn, tồn tại",
      "II PHƯƠNG HƯỚNG NĂM 2026",
      "- PHỤ LỤC KẾT QUẢ TRIỂN KHAI",
    ]);
    const s11 = x.sections[2]!;
    expect(x.sections[3]!.parent).toBe(s11.id);
    // spans nest and lie in the text
    for (const s of x.sections) expect(s.end).toBeGreaterThan(s.start);
    const fact = x.facts.find((f) => f.kind === "count" && f.value === 20);
    expect(fact?.section).toBe(s11.id);
  });

  it("rejoins a sentence cut by a page break in the quote (sample 001)", () => {
    const x = extractText(readFileSync(join(SAMPLES, "001_715a5b70f3b78fcd.txt"), "utf8"));
    const f = x.facts.find((f) => f.kind === "percent" && f.indicator === "3.5")!;
    expect(f.kind === "percent" && f.value).toBe(85);
    expect(f.quote).toContain("Chỉ tiêu 3: Tỷ lệ người lao động trong doanh nghiệp, hợp tác xã có kiến thức công nghệ số");
  });
});

describe("documents that are not reports", () => {
  it("marks a document without BÁO CÁO/KẾ HOẠCH as other and one off the movement's topic", () => {
    const x = extractText("THÔNG BÁO\nLịch tiếp công dân tháng 11\n\nUBND xã Hòa Bình thông báo lịch tiếp công dân vào thứ Năm hằng tuần.");
    expect(x.document.kind).toBe("other");
    expect(x.issues.map((i) => i.kind)).toEqual(expect.arrayContaining(["not_a_report", "off_topic"]));
  });
});

describe("header lines a narrow column wrapped", () => {
  it("the number on the line under 'Số:', even after the other column's place-date line", () => {
    const doc = extractText("UBND XÃ AN PHÚ\nSố:\nAn Phú, ngày 02 tháng 7 năm 2026\n318/BC-UBND\n\nBÁO CÁO kết quả thực hiện Phong trào “Bình dân học vụ số” 6 tháng đầu năm 2026\n\nNội dung báo cáo.\n");
    expect(doc.document.number).toBe("318/BC-UBND");
    // the kind word in capitals before a title in small letters, on one line
    expect(doc.document.kind).toBe("report");
  });
});
