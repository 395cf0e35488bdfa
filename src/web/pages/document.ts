// /document/ID: the normalised text with its sections and page numbers, every fact highlighted
// at its character offsets (anchor #fact-ID, so a link from anywhere lands on the figure), the
// indicator values, facts and issues beside it.

import { documentText } from "../../query/document-text.js";
import { findDocument, showDocument, type ShownDocument } from "../../query/show.js";
import type { Db } from "../../store/index.js";
import { html, raw, escapeHtml } from "../html.js";
import { exportLinks, type Page } from "../layout.js";
import { KIND_LABELS, LEVEL_LABELS, num, unitLink, type Query } from "./common.js";
import type { Row } from "../../query/columns.js";
import { correctionsPanel } from "./corrections.js";

interface Range {
  start: number;
  end: number;
  open: string;
  close: string;
}
interface Insert {
  pos: number;
  html: string;
}

/** The text as HTML: escaped slices, fact marks (non-overlapping; an overlapping fact gets an anchor), page and section anchors. */
export function markText(text: string, facts: Row[], sections: Row[], pages: { number: number; start: number }[] | null, issues: Row[]): string {
  const ranges: Range[] = [];
  const inserts: Insert[] = [];
  const byStart = [...facts].filter((f) => typeof f.text_start === "number" && typeof f.text_end === "number").sort((a, b) => (a.text_start as number) - (b.text_start as number));
  let lastEnd = -1;
  for (const f of byStart) {
    const s = Math.max(0, Math.min(text.length, f.text_start as number));
    const e = Math.max(s, Math.min(text.length, f.text_end as number));
    const id = escapeHtml(`fact-${String(f.id)}`);
    const title = escapeHtml(`${String(f.id)}${f.indicator ? ` [${String(f.indicator)}]` : ""}`);
    if (s >= lastEnd && e > s) {
      ranges.push({ start: s, end: e, open: `<mark class="fact" id="${id}" title="${title}" tabindex="-1">`, close: "</mark>" });
      lastEnd = e;
    } else inserts.push({ pos: s, html: `<span class="fact-anchor" id="${id}" title="${title}" tabindex="-1"></span>` });
  }
  for (const s of sections) if (typeof s.text_start === "number") inserts.push({ pos: s.text_start, html: `<span class="anchor" id="${escapeHtml(`section-${String(s.id)}`)}"></span>` });
  for (const p of pages ?? []) inserts.push({ pos: p.start, html: `<span class="page-break" id="page-${p.number}">Trang ${p.number}</span>` });
  issues.forEach((i, n) => {
    if (typeof i.text_start === "number") inserts.push({ pos: i.text_start, html: `<span class="issue-anchor" id="issue-${n + 1}" title="${escapeHtml(String(i.kind))}">⚠</span>` });
  });
  inserts.sort((a, b) => a.pos - b.pos);
  let out = "";
  let cur = 0;
  let ri = 0;
  let ii = 0;
  let open: Range | null = null;
  while (cur < text.length || ii < inserts.length || open) {
    const nextInsert = ii < inserts.length ? inserts[ii]!.pos : Infinity;
    const nextRange = open ? open.end : ri < ranges.length ? ranges[ri]!.start : Infinity;
    const next = Math.min(nextInsert, nextRange, text.length);
    if (next > cur) {
      out += escapeHtml(text.slice(cur, next));
      cur = next;
    }
    if (open && cur >= open.end) {
      out += open.close;
      open = null;
      continue;
    }
    if (ii < inserts.length && inserts[ii]!.pos <= cur) {
      out += inserts[ii++]!.html;
      continue;
    }
    if (!open && ri < ranges.length && ranges[ri]!.start <= cur) {
      open = ranges[ri++]!;
      out += open.open;
      continue;
    }
    if (cur >= text.length) break;
  }
  if (open) out += open.close;
  return out;
}

function factValue(f: Row): string {
  if (f.kind === "ratio" && f.num != null && f.den != null) return `${num(f.num)}/${num(f.den)} = ${num(f.value)}%`;
  if (f.kind === "percent") return `${num(f.value)}%`;
  if (f.kind === "team") return `${num(f.teams)} tổ, ${num(f.members)} thành viên`;
  if (f.value != null) return `${num(f.value)}${f.unit ? ` ${String(f.unit)}` : ""}`;
  return String(f.kind ?? "");
}

export function documentPage(db: Db, ref: string, q: Query, csrf: string, message?: { ok: boolean; text: string }): Page {
  const id = findDocument(db, ref);
  const d: ShownDocument = showDocument(db, String(id));
  const t = documentText(db, id);
  const doc = d.document;
  const meta = html`<dl class="doc-meta">
<dt>Loại</dt><dd>${KIND_LABELS[String(doc.kind)] ?? doc.kind}${doc.number ? html` · Số ${doc.number}` : ""}${doc.issued_on ? html` · Ngày ${doc.issued_on}` : ""}</dd>
<dt>Đơn vị</dt><dd>${unitLink(doc.unit_code, doc.unit)} ${doc.level ? html`(${LEVEL_LABELS[String(doc.level)] ?? doc.level})` : ""}${doc.province ? html`, ${doc.province}` : ""}</dd>
<dt>Kỳ báo cáo</dt><dd>${doc.period_start ?? "?"} → ${doc.period_end ?? "?"}</dd>
<dt>Người ký</dt><dd>${doc.signer_name ?? ""}${doc.signer_title ? html`, ${doc.signer_title}` : ""}</dd>
<dt>Tổ CNSCĐ</dt><dd>${doc.teams != null ? html`${num(doc.teams)} tổ` : "—"}${doc.members != null ? html`, ${num(doc.members)} thành viên` : ""}</dd>
<dt>Tệp</dt><dd>${doc.document} (${doc.format}${doc.pages ? html`, ${num(doc.pages)} trang` : ""}${doc.ocr ? html`, có trang đọc từ bản scan (OCR)` : ""})${doc.duplicate_of ? html` · bản trùng của <a href="/document/${String(doc.duplicate_of)}">#${String(doc.duplicate_of)}</a>` : ""}</dd>
</dl>`;
  const sections = d.sections.length
    ? html`<details class="toc" open><summary>Mục (${d.sections.length})</summary><ol>${d.sections.map((s) => html`<li class="lvl-${String(s.level)}"><a href="#section-${String(s.id)}">${s.number ?? ""} ${s.title ?? ""}</a>${s.page != null ? html` <span class="page">tr. ${String(s.page)}</span>` : ""}</li>`)}</ol></details>`
    : "";
  const indicators = d.indicators.length
    ? html`<table class="list"><thead><tr><th>Mã</th><th>Chỉ tiêu</th><th class="num">Giá trị</th><th class="num">Mục tiêu</th><th>Chưa đạt</th></tr></thead><tbody>
${d.indicators.map((i) => html`<tr class="${i.unmet === 1 ? "st-unmet" : ""}"><td><a href="/indicator/${encodeURIComponent(String(i.indicator))}">${i.indicator}</a></td><td>${i.label ?? ""}</td><td class="num">${i.fact ? html`<a href="#fact-${String(i.fact)}">${num(i.value)}</a>` : num(i.value)}</td><td class="num">${num(i.target)}</td><td>${i.unmet === 1 ? "chưa đạt" : ""}</td></tr>`)}
</tbody></table>`
    : html`<p class="empty">Không có chỉ tiêu nào.</p>`;
  const facts = html`<ol class="facts">${d.facts.map((f) => html`<li><a href="#fact-${String(f.id)}">${f.id}</a> ${f.indicator ? html`[${f.indicator}] ` : ""}<strong>${factValue(f)}</strong>${f.page != null ? html` (tr. ${String(f.page)})` : ""}${f.ocr_confidence != null ? html` <span class="ocr" title="Đọc từ bản scan (OCR): đối chiếu với bản scan nếu độ tin cậy thấp">OCR ${String(Math.round(Number(f.ocr_confidence)))}%</span>` : ""}<q>${f.quote ?? ""}</q></li>`)}</ol>`;
  const issues = d.issues.length
    ? html`<ul class="issues">${d.issues.map((i, n) => html`<li>${typeof i.text_start === "number" ? html`<a href="#issue-${n + 1}">${i.kind}</a>` : html`<strong>${i.kind}</strong>`}: ${i.message ?? ""}</li>`)}</ul>`
    : html`<p class="empty">Không có vấn đề.</p>`;
  const body = raw(markText(t.text, d.facts, d.sections, t.pages, d.issues));
  return {
    title: String(doc.document),
    nav: "documents",
    exports: exportLinks(`show/${id}`, {}, ["csv", "json"]),
    body: html`<div class="doc-layout">
<aside class="doc-side">${meta}${correctionsPanel(d, csrf, message ?? (q.corrected === "1" ? { ok: true, text: "Đã lưu sửa đổi." } : undefined))}${sections}
<section><h2>Chỉ tiêu</h2>${indicators}</section>
<section><h2>Vấn đề (${d.issues.length})</h2>${issues}</section>
<section><h2>Số liệu (${d.facts.length})</h2>${facts}</section></aside>
<article class="doc-text" id="doc-text" lang="vi">${body}</article>
</div>`,
  };
}
