#!/usr/bin/env node
// Renders one sample text (the Markdown-ish rendering in fixtures/samples) to HTML that LibreOffice
// turns into a DOCX the way a commune office would have typed it: headings, bold, real tables,
// the "Số: …" / "<place>, ngày …" lines as a borderless 2-column header table, and "Nơi nhận"
// beside the signature as a borderless 2-column table. Nothing is added that the sample lacks.
// Usage: node scripts/sample-to-html.mjs SAMPLE.txt [--style main|alt] > out.html
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
const style = args.includes("--style") ? args[args.indexOf("--style") + 1] : "main";
if (!file) {
  console.error("usage: sample-to-html.mjs SAMPLE.txt [--style main|alt]");
  process.exit(2);
}
const src = readFileSync(file, "utf8").normalize("NFC").replace(/\r\n?/g, "\n");

const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Inline Markdown/HTML → HTML: **bold**, *italic*, <b>, <https://…>, \-escapes; may span lines. */
function inline(s) {
  let t = s
    .replace(/<(https?:\/\/[^>\s]+)>/g, "$1")
    .replace(/<\/?(?:ul|ol|li|div|span|p|font)(?:\s[^>]*)?>/gi, "") // stray HTML inside table cells
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<(\/?)(b|strong)>/gi, "\u0001$1\u0002")
    .replace(/<(\/?)(i|em)>/gi, "\u0003$1\u0004")
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, "$1");
  t = esc(t)
    .replace(/\u0001(\/?)\u0002/g, "<$1b>")
    .replace(/\u0003(\/?)\u0004/g, "<$1i>")
    .replace(/\*\*\*([\s\S]+?)\*\*\*/g, "<b><i>$1</i></b>")
    .replace(/\*\*([\s\S]+?)\*\*/g, "<b>$1</b>")
    .replace(/\*\*/g, "")
    .replace(/(^|[\s(])\*(?=\S)([^*\n]+?)\*(?=$|[\s).,;:])/g, "$1<i>$2</i>");
  return t
    .split("\n")
    .map((l) => l.replace(/[ \t]+$/g, ""))
    .join("<br>\n");
}
const plain = (s) => s.replace(/<[^>]+>/g, "").replace(/\*+|__/g, "").replace(/^#+\s*/, "").trim();

// --- split the sample into groups: paragraphs (blank-line separated) and tables (tab lines) ---
const lines = src.split("\n");
const groups = []; // {type:"para", lines:[...], cut:boolean} | {type:"table", rows:[[...]]}
let cur = null;
let blank = 0;
for (const line of lines) {
  if (!line.trim()) {
    blank++;
    if (cur && cur.type === "para") cur = null;
    continue;
  }
  if (line.includes("\t")) {
    if (!cur || cur.type !== "table") {
      // a tab line right after a blank line following a table carries the table on (page break)
      const last = groups[groups.length - 1];
      if (last && last.type === "table" && cur === null) cur = last;
      else groups.push((cur = { type: "table", rows: [] }));
    }
    cur.rows.push(line.split("\t"));
    blank = 0;
    continue;
  }
  const bullet = /^\s*[-+]\s/.test(line);
  if (cur && cur.type === "para" && !bullet && !/^#/.test(line)) {
    cur.lines.push(line);
  } else {
    groups.push((cur = { type: "para", lines: [line], afterBlank: blank > 0 }));
  }
  blank = 0;
}

// a paragraph the sample shows cut by a page break: previous stops mid-sentence, this one starts lower-case
const TERMINAL = /[.!?:;…”"»)\]]\s*$/u;
for (let i = 1; i < groups.length; i++) {
  const g = groups[i];
  const p = groups[i - 1];
  if (g.type !== "para" || p.type !== "para") continue;
  const first = plain(g.lines[0])[0] ?? "";
  const prevText = plain(p.lines[p.lines.length - 1]);
  const lower = first !== first.toUpperCase() && first === first.toLowerCase();
  // "a) …", "1. …", "- …" open a new item even in lower case: never a cut
  const opensItem = /^\s*(?:[-+*•–]\s|(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s)/u.test(plain(g.lines[0]));
  if (g.afterBlank && lower && !TERMINAL.test(prevText) && !opensItem && !/^#/.test(g.lines[0])) g.cut = true;
}

// the alt rendering types a cut paragraph as one paragraph, so its page breaks fall mid-paragraph
if (style === "alt") {
  for (let i = groups.length - 1; i > 0; i--) {
    const g = groups[i];
    if (!g.cut) continue;
    const p = groups[i - 1];
    p.lines[p.lines.length - 1] = p.lines[p.lines.length - 1].replace(/\s+$/, "") + " " + g.lines[0];
    p.lines.push(...g.lines.slice(1));
    groups.splice(i, 1);
  }
}

const out = [];
const isHeaderNo = (g) => g?.type === "para" && /^Số:/.test(plain(g.lines[0]));
const isPlaceDate = (g) => g?.type === "para" && /^[\p{Lu}][^,]{1,40}, ngày .{0,12}tháng .{0,6}năm \d{4}$/u.test(plain(g.lines[0]));
const isRecipients = (g) => g?.type === "para" && /^Nơi nhận/.test(plain(g.lines[0]));
const isItem = (g) => g?.type === "para" && /^[-+]\s/.test(plain(g.lines[0]));

function paraHtml(g, extraStyle = "") {
  const raw = g.lines.join("\n");
  const h = /^(#{1,6})\s+/.exec(raw);
  const body = inline(h ? raw.slice(h[0].length) : raw);
  const styles = [];
  if (g.cut && style === "main") styles.push("page-break-before: always");
  if (extraStyle) styles.push(extraStyle);
  const st = styles.length ? ` style="${styles.join("; ")}"` : "";
  if (h) return `<h${h[1].length}${st}>${body}</h${h[1].length}>`;
  const cls = /^[-+]\s/.test(plain(raw)) ? ' class="item"' : "";
  return `<p${cls}${st}>${body}</p>`;
}
const cellParas = (gs, align) => gs.map((g) => paraHtml(g, `text-indent: 0; text-align: ${align}`)).join("\n");

let titleDone = false;
for (let i = 0; i < groups.length; i++) {
  const g = groups[i];
  if (style === "alt" && isItem(g)) {
    // the alt rendering uses Word's own bullets: the "- " is list formatting, not text
    out.push("<ul>");
    for (; isItem(groups[i]); i++) out.push(`<li>${paraHtml(groups[i], "text-indent: 0").replace(/^(<p[^>]*>)[-+]\s+/, "$1")}</li>`);
    out.push("</ul>");
    i--;
    continue;
  }
  if (g.type === "table") {
    const width = Math.max(...g.rows.map((r) => r.length));
    out.push('<table class="data" border="1" cellspacing="0" cellpadding="4" width="100%">');
    for (const r of g.rows) {
      const cells = [...r, ...Array(width - r.length).fill("")];
      out.push("<tr>" + cells.map((c) => `<td valign="top"><p>${inline(c.trim())}</p></td>`).join("") + "</tr>");
    }
    out.push("</table>");
    continue;
  }
  // national header: "Số: …" left, "<place>, ngày …" right
  if (isHeaderNo(g) && isPlaceDate(groups[i + 1])) {
    out.push('<table class="layout" border="0" cellspacing="0" cellpadding="0" width="100%"><tr>');
    out.push(`<td width="40%" valign="top">${cellParas([g], "center")}</td>`);
    out.push(`<td width="60%" valign="top">${cellParas([groups[i + 1]], "center")}</td>`);
    out.push("</tr></table>");
    i++;
    continue;
  }
  // "Nơi nhận" and its list on the left, the signature (title lines, then name) on the right
  if (isRecipients(g)) {
    let j = i + 1;
    while (isItem(groups[j])) j++;
    const left = groups.slice(i, j);
    const right = [];
    for (let k = 0; k < 2 && groups[j]?.type === "para" && !isItem(groups[j]) && !/^#/.test(groups[j].lines[0]); k++) right.push(groups[j++]);
    out.push('<table class="layout" border="0" cellspacing="0" cellpadding="0" width="100%"><tr>');
    out.push(`<td width="50%" valign="top">${cellParas(left, "left")}</td>`);
    out.push(`<td width="50%" valign="top">${cellParas(right, "center")}</td>`);
    out.push("</tr></table>");
    i = j - 1;
    continue;
  }
  // the title block (BÁO CÁO / KẾ HOẠCH and its subject line) and the appendix title are centred
  const text = plain(g.lines[0]);
  if (!titleDone && /^(BÁO CÁO|KẾ HOẠCH)$/u.test(text)) {
    out.push(paraHtml(g, "text-align: center; text-indent: 0"));
    const next = groups[i + 1];
    if (next?.type === "para" && g.lines.length === 1 && plain(next.lines.join(" ")).length < 220 && !/^(Kính gửi|Thực hiện)/.test(plain(next.lines[0]))) {
      out.push(paraHtml(next, "text-align: center; text-indent: 0"));
      i++;
    }
    titleDone = true;
    continue;
  }
  if (/^PHỤ LỤC/u.test(text) || isPlaceDate(g)) {
    out.push(paraHtml(g, "text-align: center; text-indent: 0"));
    continue;
  }
  out.push(paraHtml(g));
}

const body = out;

const css =
  style === "alt"
    ? `@page { size: 17.6cm 25cm; margin: 1.6cm 2.4cm 1.8cm 2.4cm }
body, p, td, li { font-family: 'DejaVu Sans'; font-size: 12pt }
p { margin: 0 0 4pt 0; text-indent: 0.8cm; text-align: left; line-height: 118% }
td p { text-indent: 0; text-align: left }
h1, h2, h3, h4, h5, h6 { font-family: 'DejaVu Sans'; font-size: 15pt; font-weight: bold; margin: 8pt 0 4pt 0 }`
    : `@page { size: 21cm 29.7cm; margin: 2cm 2cm 2cm 3cm }
body, p, td, li { font-family: 'Liberation Serif'; font-size: 13pt }
p { margin: 0 0 6pt 0; text-indent: 1cm; text-align: justify }
td p { text-indent: 0; text-align: left }
h1, h2, h3, h4, h5, h6 { font-family: 'Liberation Serif'; font-size: 13pt; font-weight: bold; margin: 6pt 0 6pt 0 }`;

process.stdout.write(`<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>${esc(file.replace(/^.*\//, ""))}</title>
<style>
${css}
</style></head>
<body>
${style === "alt" ? '<div title="header"><p align="center" style="text-indent: 0"><sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield></p></div>' : ""}
${body.join("\n")}
</body></html>
`);
