#!/usr/bin/env node
// Builds the Excel appendix and the .zip of reports fixtures (run by scripts/make-fixtures.sh after
// the .doc/.odt/.rtf conversions, or alone: node scripts/make-format-fixtures.mjs). Deterministic:
// fixed dates inside the files, so a rebuild gives the same bytes.
//   fixtures/xlsx/phu-luc-chi-tieu.xlsx  an indicator appendix: a title merged across the table,
//                                        two header rows with a merged "Kết quả" group, counts with
//                                        thousands separators, rates in percent formats, a formula
//   fixtures/zip/bao-cao-xa.zip          reports in a folder tree: a .docx at the top, a .doc and an
//                                        .odt under thang-6/, the appendix, and a .zip inside the
//                                        .zip (one level, allowed) holding an .rtf
//   fixtures/writers/                    files as other programs write them, built by hand from our
//                                        own sentences (none from the samples):
//     word-2003.rtf     Word's RTF: \ansicpg1258 bytes with combining tone marks, \uc1/\uc2 \uN,
//                       negative \uN, \shppict/\nonshppict pictures, HYPERLINK and PAGE fields,
//                       header, footer, footnote, {\listtext} Symbol bullets, numbered heading
//                       list, \trhdr header row, a two-paragraph cell, a bulleted cell, a nested
//                       table, a text box (\shp/\shptxt), {\upr}/\ud, \sect, merged cells
//     writers.odt       LibreOffice/WPS/Google Docs ODT: spans inside words, text:s, text:tab,
//                       line breaks, soft page breaks mid-sentence and between paragraphs, nested
//                       and continued lists, outline-numbered headings, a numbered heading as a
//                       list item, header rows, covered cells with spans, repeated empty cells, a
//                       two-paragraph cell, frames and a shape holding text, a footnote
//     writers.doc       writers.odt saved by LibreOffice as Word 97-2003 (scripts/make-fixtures.sh)
//     bieu-mau.xlsx     Excel parts written by hand: shared strings with rich text, inline strings,
//                       built-in formats 0% 0.00% #,##0 and dates, 0"%" and accounting formats,
//                       formulas with cached results (shared, string, error), merged title, a
//                       hidden sheet, a hidden row, a table drawn from B2 on a second sheet
//     bao-cao-windows.zip  member names as different programs write them: UTF-8 with the flag,
//                       UTF-8 without it (macOS), code page 1258 with backslashes (Windows), an
//                       empty folder, __MACOSX, .DS_Store, Thumbs.db, desktop.ini, a Word lock
//                       file, a member with a password, a nested .zip
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import iconv from "iconv-lite";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const fx = (...p) => join(root, "fixtures", ...p);
const FIXED = new Date(Date.UTC(2026, 5, 30, 8, 0, 0));

async function appendix() {
  const wb = new ExcelJS.Workbook();
  wb.creator = "tonghop fixtures";
  wb.created = wb.modified = FIXED;
  const ws = wb.addWorksheet("Phụ lục 1");
  ws.columns = [{ width: 6 }, { width: 60 }, { width: 14 }, { width: 14 }, { width: 14 }];
  ws.mergeCells("A1:E1");
  ws.getCell("A1").value = "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU PHONG TRÀO “BÌNH DÂN HỌC VỤ SỐ” 6 THÁNG ĐẦU NĂM 2026";
  ws.getCell("A1").font = { bold: true };
  ws.mergeCells("A2:A3");
  ws.mergeCells("B2:B3");
  ws.mergeCells("C2:C3");
  ws.mergeCells("D2:E2");
  ws.getCell("A2").value = "TT";
  ws.getCell("B2").value = "Chỉ tiêu";
  ws.getCell("C2").value = "Kế hoạch";
  ws.getCell("D2").value = "Kết quả";
  ws.getCell("D3").value = "Số lượng";
  ws.getCell("E3").value = "Tỷ lệ";
  for (const a of ["A2", "B2", "C2", "D2", "D3", "E3"]) ws.getCell(a).font = { bold: true };
  const rows = [
    [1, "Người dân trưởng thành được phổ cập kỹ năng số cơ bản", 0.7, 8342, 0.624],
    [2, "Cán bộ, công chức xã được bồi dưỡng kỹ năng số", 1, 46, 1],
    [3, "Tổ công nghệ số cộng đồng được tập huấn", 1, 13, 0.85],
    [4, "Hộ gia đình có người dùng dịch vụ công trực tuyến", 0.5, 2107, 0.4],
  ];
  for (const r of rows) {
    const row = ws.addRow(r);
    row.getCell(3).numFmt = "0%";
    row.getCell(4).numFmt = "#,##0";
    row.getCell(5).numFmt = "0.0%";
  }
  const total = ws.addRow(["", "Tổng số người được phổ cập", null, { formula: "SUM(D4:D7)", result: 10508 }, null]);
  total.getCell(4).numFmt = "#,##0";
  total.getCell(2).font = { bold: true };
  const notes = wb.addWorksheet("Ghi chú");
  notes.addRow(["Số liệu tính đến ngày 30/6/2026."]);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return normalizeZipTimes(buf);
}

/** exceljs stamps zip entries with the current time: rezip with a fixed time for stable bytes. */
async function normalizeZipTimes(buf) {
  const { unzipSync } = await import("fflate");
  const files = unzipSync(new Uint8Array(buf));
  const out = {};
  for (const name of Object.keys(files).sort()) out[name] = [files[name], { mtime: FIXED }];
  return Buffer.from(zipSync(out, { level: 9, mtime: FIXED }));
}

const xlsx = await appendix();
mkdirSync(fx("xlsx"), { recursive: true });
writeFileSync(fx("xlsx", "phu-luc-chi-tieu.xlsx"), xlsx);

const opts = { mtime: FIXED };
const inner = zipSync({ "003_3b144be784d99a16.rtf": [readFileSync(fx("rtf", "003_3b144be784d99a16.rtf")), opts] }, { level: 9, mtime: FIXED });
const archive = zipSync(
  {
    "000_71c6cec35a92dd84.docx": [readFileSync(fx("docx", "000_71c6cec35a92dd84.docx")), opts],
    "thang-6/001_715a5b70f3b78fcd.doc": [readFileSync(fx("doc", "001_715a5b70f3b78fcd.doc")), opts],
    "thang-6/002_937598931c7507e2.odt": [readFileSync(fx("odt", "002_937598931c7507e2.odt")), opts],
    "thang-6/phu-luc-chi-tieu.xlsx": [xlsx, opts],
    "ban-cu/bao-cao-cu.zip": [inner, opts],
  },
  { level: 9, mtime: FIXED },
);
mkdirSync(fx("zip"), { recursive: true });
writeFileSync(fx("zip", "bao-cao-xa.zip"), archive);
console.error("fixtures/xlsx/phu-luc-chi-tieu.xlsx, fixtures/zip/bao-cao-xa.zip");

// ---------------------------------------------------------------------------------------------
// fixtures/writers: what other programs write

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
/** Windows-1258 bytes (letters precomposed where the code page has them, tone marks combining). */
function cp1258Bytes(s) {
  return Buffer.concat(
    [...s.normalize("NFC")].map((ch) => {
      const d = ch.normalize("NFD");
      return iconv.encode(d.replace(TONES, "").normalize("NFC") + (d.match(TONES) ?? []).join(""), "cp1258");
    }),
  );
}
const rtfByte = (b) => (b < 0x80 && b !== 0x5c && b !== 0x7b && b !== 0x7d ? String.fromCharCode(b) : `\\'${b.toString(16).padStart(2, "0")}`);
/** Text as Word writes it under \ansicpg1258: \'hh bytes. */
const w1258 = (s) => Array.from(cp1258Bytes(s), rtfByte).join("");
/** Text as \uN with one fallback character (N negative above 32767). */
const uni = (s) =>
  [...s.normalize("NFC")].map((ch) => (ch.charCodeAt(0) < 0x80 && !"\\{}".includes(ch) ? ch : `\\u${ch.charCodeAt(0) > 32767 ? ch.charCodeAt(0) - 65536 : ch.charCodeAt(0)}?`)).join("");

function wordRtf() {
  const fonts = String.raw`{\fonttbl{\f0\fbidi \froman\fcharset163\fprq2{\*\panose 02020603050405020304}Times New Roman;}{\f3\fbidi \froman\fcharset2\fprq2{\*\panose 05050102010706020507}Symbol;}{\f39\fbidi \froman\fcharset0\fprq2 Times New Roman;}}`;
  const styles = String.raw`{\stylesheet{\ql \li0\ri0\widctlpar\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0\itap0 \rtlch\fcs1 \af0 \ltrch\fcs0 \fs28\lang1066\langfe1066 \snext0 \sqformat \spriority0 Normal;}{\s1\ql \sb240\sa60\keepn\widctlpar\outlinelevel0 \rtlch\fcs1 \ab\af0 \ltrch\fcs0 \b\fs28 \sbasedon0 \snext0 \slink15 \sqformat heading 1;}{\s2\ql \sb240\sa60\keepn\widctlpar\outlinelevel1 \b\i \sbasedon0 \snext0 heading 2;}{\*\cs10 \additive \ssemihidden Default Paragraph Font;}{\*\ts11\tsrowd\trftsWidthB3\trpaddl108\trpaddr108 \ql \li0\ri0\widctlpar \fs20\lang1024 \snext11 \ssemihidden \sunhideused Normal Table;}{\s20\ql \li720\ri0\widctlpar\contextualspace \sbasedon0 \snext20 \sqformat \spriority34 List Paragraph;}}`;
  const lists = String.raw`{\*\listtable{\list\listtemplateid-1\listhybrid{\listlevel\levelnfc23\levelnfcn23\leveljc0\leveljcn0\levelfollow0\levelstartat1\levelspace0\levelindent0{\leveltext\leveltemplateid67698689\'01\u-3913 ?;}{\levelnumbers;}\f3\fbias0 \fi-360\li720\lin720 }{\listname ;}\listid1}}{\*\listoverridetable{\listoverride\listid1\listoverridecount0\ls1}}`;
  const info = String.raw`{\info{\title B\'e1o c\'e1o}{\author ${w1258("Nguyễn Văn Bình")}}{\creatim\yr2026\mo6\dy30\hr8\min0}}{\*\xmlnstbl {\xmlns1 http://schemas.microsoft.com/office/word/2003/wordml}}\paperw11906\paperh16838\margl1701\margr1134\margt1134\margb1134\gutter0\ltrsect \widowctrl\ftnbj\aenddoc\trackmoves0\trackformatting1\donotembedsysfont1\nouicompat \fet0{\*\wgrffmtfilter 2450}\nofeaturethrottle1\ilfomacatclnup0{\*\ftnsep \ltrpar \pard\plain \ltrpar\ql \li0\ri0\widctlpar\itap0 {\rtlch\fcs1 \af0 \ltrch\fcs0 \chftnsep \par }}`;
  const hdr = String.raw`\ltrpar \sectd \ltrsect\linex0\headery708\footery708\colsx708\endnhere\sectlinegrid360\sectdefaultcl\sftnbj {\header \ltrpar \pard\plain \ltrpar\s22\qr \li0\ri0\widctlpar\tqc\tx4680\tqr\tx9360 {\rtlch\fcs1 \af0 \ltrch\fcs0 ${w1258("Lưu hành nội bộ")}\par }}{\footer \ltrpar \pard\plain \ltrpar\s23\qc {\field{\*\fldinst {\rtlch\fcs1 \af0 \ltrch\fcs0  PAGE   \\* MERGEFORMAT }}{\fldrslt {\rtlch\fcs1 \af0 \ltrch\fcs0 \lang1024\langfe1024\noproof 1}}}\par }{\*\pnseclvl1\pnucrm\pnstart1\pnindent720\pnhang {\pntxta .}}`;
  const run = (t, extra = "") => `{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 ${extra}\\insrsid2100000 ${t}}`;
  const bullet = String.raw`{\listtext\pard\plain\ltrpar \s20 \rtlch\fcs1 \af0 \ltrch\fcs0 \f3\fs28\insrsid2100000 \loch\af3\hich\af3\dbch\af0 \'b7\tab}`;
  const cellPard = String.raw`\pard\plain \ltrpar\ql \li0\ri0\widctlpar\intbl\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0\yts11 `;
  const rowEnd = (k, header = false) =>
    String.raw`\pard\plain \ltrpar\ql \li0\ri0\sa200\sl276\slmult1\widctlpar\intbl {\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid2100000 \trowd \irow${k}\irowband${k}\ltrrow\ts11\trgaph108\trleft-108${header ? "\\trhdr" : ""}\trbrdrt\brdrs\brdrw10 \trftsWidth1\trautofit1\trpaddl108\trpaddr108\tblind0\tblindtype3 \clvertalt\clbrdrt\brdrs\brdrw10 \cltxlrtb\clftsWidth3\clwWidth4000 \cellx3892\clvertalt\cltxlrtb\clftsWidth3\clwWidth1800 \cellx5692\clvertalt\cltxlrtb\clftsWidth3\clwWidth1800 \cellx7492\clvertalt\cltxlrtb\clftsWidth3\clwWidth1800 \cellx9292\row }`;
  const body = [
    String.raw`\pard\plain \ltrpar\qc \li0\ri0\widctlpar\itap0 \rtlch\fcs1 \af0 \ltrch\fcs0 \fs28\lang1066 ${run(w1258("BÁO CÁO NHANH"), "\\ab\\b")}${run("\\par ", "\\ab\\b")}`,
    // Word splits a sentence into runs; the Unicode escapes carry one (\uc1) or two (\uc2) fallback bytes
    String.raw`\pard \ltrpar\qj \li0\ri0\widctlpar ${run(w1258("Trong tháng, tổ công nghệ số cộng đồng của xã Đông Sơn đã đến t"))}${run(String.raw`\uc2\u7915\'fd\'cc`)}${run(String.raw`\uc1 ${uni("ng thôn hướng dẫn 1.572 người dân cài đặt ứng dụng định danh")}`)}{\rtlch\fcs1 \af0 \ltrch\fcs0 \chftn {\footnote \ltrpar \pard\plain \ltrpar\s24\ql {\rtlch\fcs1 \af0 \ltrch\fcs0 \cs25\super \chftn }{ ${w1258("Số liệu do công an xã cung cấp.")}}}}${run(".\\par ")}`,
    String.raw`\pard\plain \ltrpar\s1\ql \li0\ri0\sb240\sa60\keepn\widctlpar\outlinelevel0\ls2\ilvl0 \rtlch\fcs1 \ab\af0 \ltrch\fcs0 \b\fs28 {\listtext\pard\plain \b II.\tab}${run(w1258("KẾT QUẢ CỤ THỂ"))}\par`,
    String.raw`\pard\plain \ltrpar\s2\ql \keepn\widctlpar\outlinelevel1\ls3 {\listtext\pard\plain 1.\tab}${run(w1258("Hỗ trợ người dân"))}\par`,
    String.raw`\pard\plain \ltrpar\s20\ql \fi-360\li720\ri0\widctlpar\ls1\adjustright\rin0\lin720\itap0\contextualspace ${bullet}${w1258("Mở 6 lớp học kỹ năng số buổi tối tại nhà văn hóa;")}\par`,
    String.raw`${bullet}${w1258("Số hộ dùng dịch vụ thanh toán không dùng tiền mặt là 2.315/3.090 hộ, đạt 74,9%.")}\par`,
    String.raw`${cellPard}{\rtlch\fcs1 \af0 \ltrch\fcs0 \b\insrsid2100000 ${w1258("Nội dung")}\cell ${w1258("Chỉ tiêu")}\cell ${w1258("Đạt được")}\cell ${w1258("Tỷ lệ")}\cell }${rowEnd(0, true)}`,
    String.raw`${cellPard}${run(`${w1258("Người dân được hướng dẫn")}\\par ${w1258("nộp hồ sơ trực tuyến")}\\cell 1.500\\cell 1.572\\cell 104,8%\\cell `)}${rowEnd(1)}`,
    String.raw`${cellPard}\ls1 ${bullet}${w1258("Lớp buổi tối")}\par ${bullet}${w1258("Lớp cuối tuần")}\cell \pard\plain\intbl 8\cell 6\cell 75%\cell ${rowEnd(2)}`,
    String.raw`\pard\plain \ltrpar\ql \li0\ri0\widctlpar\itap0 ${run(w1258("Ảnh hoạt động:"))}{\*\shppict{\pict{\*\picprop\shplid1025{\sp{\sn shapeType}{\sv 75}}}\picscalex100\picscaley100\picw2000\pich1000\picwgoal1134\pichgoal567\pngblip\bliptag-12345{\*\blipuid 0123456789abcdef0123456789abcdef}89504e470d0a1a0a0000000d49484452}}{\nonshppict{\pict\picscalex100\picw2000\pich1000\wmetafile8\bliptag-12345 010009000003}}\par`,
    String.raw`\pard\plain \ltrpar\qj ${run(w1258("Người dân tra cứu tại "))}{\field{\*\fldinst {\rtlch\fcs1 \af0 \ltrch\fcs0  HYPERLINK "https://dichvucong.gov.vn/" }{\rtlch\fcs1 \af0 \ltrch\fcs0 {\*\datafield 00d0c9ea79f9bace118c8200aa004ba90b02000000}}}{\fldrslt {\rtlch\fcs1 \af0 \ltrch\fcs0 \cs26\ul\cf2 ${w1258("cổng dịch vụ công")}}}}\sectd \ltrsect\linex0\endnhere\sectlinegrid360\sectdefaultcl\sftnbj {${w1258(" mỗi ngày.")}\par }`,
    String.raw`\sect \sectd \sbknone ${w1258("Mục sau ngắt đoạn.")}\par`,
    String.raw`{\upr{\fs28 Nguoi cao tuoi}{\*\ud{\fs28 ${uni("Người cao tuổi")}}}}${uni(" được con cháu hướng dẫn.")}\par`,
    String.raw`\pard\plain \ltrpar\ql {\shp{\*\shpinst\shpleft0\shptop0\shpright3000\shpbottom800\shpfhdr0\shpbxcolumn\shpbxignore\shpbypara\shpbyignore\shpwr3\shpwrk0\shpfblwtxt0\shpz0\shplid1026{\sp{\sn shapeType}{\sv 202}}{\sp{\sn fFlipH}{\sv 0}}{\shptxt \ltrpar \pard\plain \ltrpar\qc ${w1258("Bản dự thảo")}\par }}{\shprslt{\*\do\dobxcolumn\dobypara\dodhgt8192\dptxbx{\dptxbxtext\pard\plain ${w1258("Bản dự thảo")}\par }}}}${w1258("Hết phần báo cáo.")}\par`,
    String.raw`\pard\plain \ltrpar\intbl\itap1 ${w1258("Bảng ngoài")}\cell \pard\plain\intbl\itap2 ${w1258("Ô trong một")}\nestcell ${w1258("Ô trong hai")}\nestcell {\*\nesttableprops\trowd\cellx1000\cellx2000\nestrow}{\nonesttables\par}\pard\plain\intbl\itap1 \cell {\trowd\cellx3000\cellx6000\row}`,
    // merged cells: vertical (\clvmgf/\clvmrg), horizontal (\clmgf/\clmrg), and a wider cell over two grid columns
    String.raw`\pard\plain ${w1258("Biểu kèm theo:")}\par`,
    String.raw`\trowd\trhdr\clvmgf\cellx3000\cellx7000\clvmgf\cellx9000\pard\intbl ${w1258("Nội dung")}\cell ${w1258("Kết quả")}\cell ${w1258("Ghi chú")}\cell\row`,
    String.raw`\trowd\trhdr\clvmrg\cellx3000\cellx5000\cellx7000\clvmrg\cellx9000\pard\intbl \cell ${w1258("Số lượng")}\cell ${w1258("Tỷ lệ")}\cell \cell\row`,
    String.raw`\trowd\cellx3000\cellx5010\cellx7000\cellx9000\pard\intbl ${w1258("Hộ dùng ví điện tử")}\cell 1.964\cell 63,6%\cell \cell\row`,
    String.raw`\trowd\cellx3000\clmgf\cellx5000\clmrg\cellx7000\cellx9000\pard\intbl ${w1258("Hộ kinh doanh")}\cell ${w1258("chưa thống kê")}\cell \cell ${w1258("bổ sung sau")}\cell\row`,
    String.raw`\pard\plain ${uni("Ký hiệu ")}\u-3913 ? ${uni("đánh dấu")}\par`,
  ];
  return `{\\rtf1\\adeflang1025\\ansi\\ansicpg1258\\uc1\\adeff0\\deff0\\deflang1066${fonts}{\\colortbl;\\red0\\green0\\blue0;\\red0\\green0\\blue255;}${styles}\n${lists}\n${info}\n${hdr}\n${body.join("\n")}\n}`;
}


const ODF_NS = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"`;

function writersOdt() {
  const auto = `<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style><style:style style:name="T2" style:family="text"><style:text-properties fo:font-style="italic"/></style:style><style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/></style:style><text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/><text:list-level-style-bullet text:level="2" text:bullet-char="–"/></text:list-style><text:list-style style:name="L2"><text:list-level-style-bullet text:level="1" text:bullet-char="\uF0B7"/></text:list-style><text:list-style style:name="L3"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/></text:list-style>`;
  const outline = `<text:outline-style style:name="Outline"><text:outline-level-style text:level="1" style:num-format="I" style:num-suffix="."/><text:outline-level-style text:level="2" style:num-format="1" style:num-suffix="." text:display-levels="1"/><text:outline-level-style text:level="3" style:num-format=""/></text:outline-style>`;
  const cell = (t, attrs = "") => `<table:table-cell office:value-type="string"${attrs}>${t ? `<text:p>${t}</text:p>` : ""}</table:table-cell>`;
  const body = [
    `<text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Table"/></text:sequence-decls>`,
    `<draw:frame text:anchor-type="page" text:anchor-page-number="1" svg:x="1cm" svg:y="1cm" svg:width="6cm"><draw:text-box><text:p text:style-name="P1">UỶ BAN NHÂN DÂN</text:p><text:p text:style-name="P1">XÃ ĐÔNG SƠN</text:p></draw:text-box></draw:frame>`,
    `<text:p text:style-name="P1"><draw:frame draw:name="Khung1" text:anchor-type="paragraph" svg:width="4cm"><draw:text-box><text:p>Mẫu số 02</text:p></draw:text-box></draw:frame>BÁO CÁO SƠ KẾT QUÝ III</text:p>`,
    `<text:h text:style-name="Heading_20_1" text:outline-level="1">TÌNH HÌNH TRIỂN KHAI</text:h>`,
    `<text:h text:outline-level="2">Về chuy\u00ADển<text:span text:style-name="T2"> </text:span>đổi số</text:h>`,
    `<text:p>Tổ công ng<text:span text:style-name="T1">hệ</text:span> số đã hướng d<text:span text:style-name="T2">ẫ</text:span>n<text:s/>người dân<text:s text:c="3"/>cài đặt ứng dụng,<text:tab/>đạt<text:soft-page-break/> 91% kế hoạch quý.</text:p>`,
    `<text:p>Số liệu chính:<text:line-break/>- Số buổi tập huấn: 22;<text:line-break/>- Số người tham dự: 1.408.</text:p>`,
    `<text:list xml:id="list1" text:style-name="L1"><text:list-item><text:p>Kiện toàn 7 tổ công nghệ số.</text:p><text:list><text:list-item><text:p>Mỗi tổ có một thành viên đoàn thanh niên.</text:p></text:list-item></text:list></text:list-item><text:list-item><text:p>Bồi dưỡng cho 38 cán bộ, công chức.</text:p></text:list-item></text:list>`,
    `<text:p>Ngoài ra còn một việc nữa.</text:p>`,
    `<text:list text:continue-numbering="true" text:style-name="L1"><text:list-item><text:p>Hướng dẫn 2.740 hộ kích hoạt tài khoản định danh.</text:p></text:list-item></text:list>`,
    `<text:list text:style-name="L2"><text:list-item><text:p>Việc có dấu đầu dòng kiểu Word.</text:p></text:list-item></text:list>`,
    `<text:list text:style-name="L3"><text:list-item><text:h text:outline-level="2">Phương hướng quý tới</text:h></text:list-item></text:list>`,
    `<table:table table:name="Bảng1"><table:table-column table:number-columns-repeated="4"/>`,
    `<table:table-header-rows><table:table-row>${cell("Chỉ tiêu", ` table:number-rows-spanned="2"`)}${cell("Kết quả", ` table:number-columns-spanned="2"`)}<table:covered-table-cell/>${cell("Ghi chú", ` table:number-rows-spanned="2"`)}</table:table-row>`,
    `<table:table-row><table:covered-table-cell/>${cell("Số lượng")}${cell("Tỷ lệ")}<table:covered-table-cell/></table:table-row></table:table-header-rows>`,
    `<table:table-row>${cell("Người dân được hướng dẫn")}${cell("1.408")}${cell("88,0%")}${cell("")}</table:table-row>`,
    `<table:table-row><table:table-cell office:value-type="string"><text:p>Hộ có tài khoản</text:p><text:p>định danh mức 2</text:p></table:table-cell>${cell("2.740")}${cell("79,4%")}${cell("")}</table:table-row>`,
    `<table:table-row>${cell("Hộ kinh doanh")}<table:table-cell table:number-columns-repeated="2"/>${cell("chưa thống kê")}</table:table-row>`,
    `</table:table>`,
    `<text:p>Câu này sang trang<text:soft-page-break/> mà vẫn là một câu.</text:p>`,
    `<text:p>Đoạn văn bị tách làm hai vì ngắt trang mềm nằm giữa câu của</text:p><text:soft-page-break/><text:p>báo cáo sơ kết quý.</text:p>`,
    `<text:p>Sơ đồ: <draw:custom-shape draw:name="Hình 1"><text:p>Ban chỉ đạo xã</text:p><draw:enhanced-geometry draw:type="rectangle"/></draw:custom-shape>Hết<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Số liệu tạm tính.</text:p></text:note-body></text:note>.</text:p>`,
  ].join("\n");
  const content = `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${ODF_NS} office:version="1.3"><office:automatic-styles>${auto}</office:automatic-styles><office:body><office:text>${body}</office:text></office:body></office:document-content>`;
  const styles = `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles ${ODF_NS} office:version="1.3"><office:styles>${outline}</office:styles></office:document-styles>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>`;
  return Buffer.from(
    zipSync({
      mimetype: [strToU8("application/vnd.oasis.opendocument.text"), { level: 0, mtime: FIXED }],
      "content.xml": [strToU8(content), opts],
      "styles.xml": [strToU8(styles), opts],
      "META-INF/manifest.xml": [strToU8(manifest), opts],
    }, { mtime: FIXED }),
  );
}

function handXlsx() {
  const x = (s) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`;
  const main = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`;
  const rel = (id, type, target) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  const ct = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${[1, 2, 3].map((k) => `<Override PartName="/xl/worksheets/sheet${k}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("")}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
  const wb = `<workbook ${main} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Nháp" sheetId="1" state="hidden" r:id="rId1"/><sheet name="Biểu 01" sheetId="2" r:id="rId2"/><sheet name="Biểu 02" sheetId="3" r:id="rId3"/></sheets></workbook>`;
  const wbRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel("rId1", "worksheet", "worksheets/sheet1.xml")}${rel("rId2", "worksheet", "worksheets/sheet2.xml")}${rel("rId3", "worksheet", "worksheets/sheet3.xml")}${rel("rId4", "styles", "styles.xml")}${rel("rId5", "sharedStrings", "sharedStrings.xml")}</Relationships>`;
  const sst = `<sst ${main} count="6" uniqueCount="6"><si><t>Nội dung</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Tỷ lệ </t></r><r><rPr><i/></rPr><t>đạt</t></r></si><si><t>Hộ có tài khoản định danh mức 2</t></si><si><t>Tổ công nghệ số cộng đồng</t></si><si><t>BIỂU TỔNG HỢP KẾT QUẢ XÃ ĐÔNG SƠN</t></si><si><r><t>Ngày</t></r><r><rPr><b/></rPr><t xml:space="preserve"> số liệu</t></r></si></sst>`;
  // cellXfs: 0 General, 1 0% (built-in 9), 2 0.00% (10), 3 #,##0 (3), 4 date (14), 5 0"%", 6 accounting, 7 #,##0" người"
  const styles = `<styleSheet ${main}><numFmts count="3"><numFmt numFmtId="164" formatCode="0&quot;%&quot;"/><numFmt numFmtId="165" formatCode="_(* #,##0_);_(* \\(#,##0\\);_(* &quot;-&quot;??_);_(@_)"/><numFmt numFmtId="166" formatCode="#,##0&quot; người&quot;"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font><font><b/><sz val="11"/><name val="Times New Roman"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0"/></cellStyleXfs><cellXfs count="8"><xf numFmtId="0" fontId="0" xfId="0"/><xf numFmtId="9" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="10" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="3" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="1" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;
  const sheet = (rows, merges = "") => `<worksheet ${main}><sheetData>${rows}</sheetData>${merges}</worksheet>`;
  const str = (r, t) => `<c r="${r}" t="inlineStr"><is><t>${t}</t></is></c>`;
  const s1 = sheet(`<row r="1">${str("A1", "Bản nháp không gửi")}<c r="B1"><v>999</v></c></row>`);
  const s2 = sheet(
    `<row r="1"><c r="A1" t="s"><v>4</v></c></row>` +
      `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c>${str("C2", "Kế hoạch")}${str("D2", "Thực hiện")}</row>` +
      `<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" s="1"><v>0.85</v></c><c r="C3" s="3"><v>3230</v></c><c r="D3" s="6"><v>2740</v></c></row>` +
      `<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4" s="2"><f>D4/C4</f><v>1.1666666666666667</v></c><c r="C4"><v>6</v></c><c r="D4"><v>7</v></c></row>` +
      `<row r="5">${str("A5", "Cộng")}<c r="B5" s="5"><v>86</v></c><c r="C5" s="3"><f>SUM(C3:C4)</f><v>3236</v></c><c r="D5" s="3"><f t="shared" ref="D5:D6" si="0">SUM(D3:D4)</f><v>2747</v></c></row>` +
      `<row r="6"><c r="A6" t="s"><v>5</v></c><c r="B6" s="4"><v>46295</v></c><c r="C6" t="str"><f>IF(D5&gt;C5,"Vượt","Chưa đạt")</f><v>Chưa đạt</v></c><c r="D6" s="3"><f t="shared" si="0"/><v>2747</v></c></row>` +
      `<row r="7" hidden="1">${str("A7", "Dòng đã ẩn")}</row>` +
      `<row r="8">${str("A8", "Học viên các lớp")}<c r="B8" s="7"><v>1408</v></c><c r="C8" t="e"><f>D8/0</f><v>#DIV/0!</v></c></row>`,
    `<mergeCells count="1"><mergeCell ref="A1:D1"/></mergeCells>`,
  );
  const s3 = sheet(`<row r="2">${str("B2", "Ghi chú")}${str("C2", "Nguồn")}</row><row r="3">${str("B3", "Số liệu ước tính đến hết quý.")}${str("C3", "Công an xã")}</row>`);
  const root = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const parts = { "[Content_Types].xml": ct, "_rels/.rels": root, "xl/workbook.xml": wb, "xl/_rels/workbook.xml.rels": wbRels, "xl/styles.xml": styles, "xl/sharedStrings.xml": sst, "xl/worksheets/sheet1.xml": s1, "xl/worksheets/sheet2.xml": s2, "xl/worksheets/sheet3.xml": s3 };
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, [strToU8(x(v)), opts]])), { mtime: FIXED }));
}

// A .zip written entry by entry, so each name's bytes and UTF-8 flag are what a given program writes
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b) => {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function rawZip(entries) {
  const locals = [];
  const central = [];
  let off = 0;
  for (const e of entries) {
    const comp = e.data.length ? deflateRawSync(e.data, { level: 9 }) : Buffer.alloc(0);
    const method = e.data.length ? 8 : 0;
    const flag = (e.utf8 ? 0x800 : 0) | (e.encrypted ? 1 : 0);
    const crc = crc32(e.data);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0), lh.writeUInt16LE(20, 4), lh.writeUInt16LE(flag, 6), lh.writeUInt16LE(method, 8);
    lh.writeUInt16LE(0x4000, 10), lh.writeUInt16LE(0x5cde, 12), lh.writeUInt32LE(crc, 14), lh.writeUInt32LE(comp.length, 18);
    lh.writeUInt32LE(e.data.length, 22), lh.writeUInt16LE(e.name.length, 26);
    locals.push(lh, e.name, comp);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0), ch.writeUInt16LE(20, 4), ch.writeUInt16LE(20, 6), ch.writeUInt16LE(flag, 8), ch.writeUInt16LE(method, 10);
    ch.writeUInt16LE(0x4000, 12), ch.writeUInt16LE(0x5cde, 14), ch.writeUInt32LE(crc, 16), ch.writeUInt32LE(comp.length, 20);
    ch.writeUInt32LE(e.data.length, 24), ch.writeUInt16LE(e.name.length, 28), ch.writeUInt32LE(off, 42);
    central.push(ch, e.name);
    off += 30 + e.name.length + comp.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0), end.writeUInt16LE(entries.length, 8), end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12), end.writeUInt32LE(off, 16);
  return Buffer.concat([...locals, cd, end]);
}

mkdirSync(fx("writers"), { recursive: true });
const rtf = Buffer.from(wordRtf(), "latin1");
const odtBytes = writersOdt();
const xlsxBytes = handXlsx();
writeFileSync(fx("writers", "word-2003.rtf"), rtf);
writeFileSync(fx("writers", "writers.odt"), odtBytes);
writeFileSync(fx("writers", "bieu-mau.xlsx"), xlsxBytes);
const note = Buffer.from("BÁO CÁO NHANH\n\nXã Đông Sơn đã mở 6 lớp kỹ năng số, đạt 75% kế hoạch.\n");
const utf8 = (s, data, flag = true) => ({ name: Buffer.from(s), data, utf8: flag });
const nested = rawZip([utf8("quý 2/ghi chú.txt", note)]);
writeFileSync(
  fx("writers", "bao-cao-windows.zip"),
  rawZip([
    utf8("Báo cáo quý 3/", Buffer.alloc(0)),
    utf8("Báo cáo quý 3/Xã Đông Sơn.rtf", rtf),
    utf8("Báo cáo quý 3/Phụ lục.odt", odtBytes, false), // macOS Archive Utility: UTF-8 without the flag
    { name: cp1258Bytes("Biểu mẫu\\Số liệu.xlsx"), data: xlsxBytes, utf8: false }, // a Vietnamese Windows: code page 1258, backslash
    utf8("__MACOSX/Báo cáo quý 3/._Xã Đông Sơn.rtf", Buffer.from("resource fork")),
    utf8("Báo cáo quý 3/.DS_Store", Buffer.from("finder")),
    utf8("Báo cáo quý 3/~$ Đông Sơn.docx", Buffer.from("owner lock")),
    utf8("Thumbs.db", Buffer.from("\xd0\xcf\x11\xe0thumbnails", "latin1"), false),
    utf8("desktop.ini", Buffer.from("[.ShellClassInfo]\r\n"), false),
    utf8("thư mục trống/", Buffer.alloc(0)),
    { ...utf8("Báo cáo quý 3/có mật khẩu.docx", Buffer.from("encrypted bytes stand here")), encrypted: true },
    utf8("lưu trữ/bản cũ.zip", nested),
  ]),
);
console.error("fixtures/writers/{word-2003.rtf,writers.odt,bieu-mau.xlsx,bao-cao-windows.zip}");
