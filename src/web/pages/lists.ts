// /flags, /documents, /unit/CODE and /search: lists straight from the query functions.

import type { Row } from "../../query/columns.js";
import { documents } from "../../query/documents.js";
import { FLAG_GROUP_LABELS, flags } from "../../query/flags.js";
import { kindWord } from "../../query/labels.js";
import { search } from "../../query/search.js";
import { unitView } from "../../query/unit.js";
import type { Db } from "../../store/index.js";
import { html, qs, type Html } from "../html.js";
import { exportLinks, type Page } from "../layout.js";
import { docLink, empty, factHref, filterForm, filterParams, judgeField, KIND_LABELS, LEVEL_LABELS, num, pager, periodField, provinceField, readFilters, roundField, roundFilters, type Query } from "./common.js";

const PAGE_SIZE = 200;

function paginate<T>(rows: T[], q: Query): { shown: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(q.page ?? "1", 10) || 1));
  return { shown: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), page, pages };
}

export function flagsPage(db: Db, q: Query): Page {
  const f = readFilters(q);
  const kind = q.kind?.trim() || undefined;
  const ind = q.indicator?.trim() || undefined;
  const rf = roundFilters(f);
  const all = flags(db, rf);
  const rows = kind || ind ? flags(db, { ...rf, kind, indicator: ind }) : all;
  const kinds = [...new Set(all.map((r) => String(r.kind)))].sort();
  const inds = [...new Set(all.map((r) => r.indicator).filter((i): i is string => typeof i === "string"))].sort();
  if (kind && !kinds.includes(kind)) kinds.push(kind);
  if (ind && !inds.includes(ind)) inds.push(ind);
  const { shown, page, pages } = paginate(rows, q);
  const params = { ...filterParams(f), kind, indicator: ind };
  return {
    title: "Cảnh báo",
    nav: "flags",
    exports: exportLinks("flags", params, ["xlsx", "csv", "json"]),
    body: html`${filterForm("/flags", [
      provinceField(db, f.province),
      roundField(db, f.province, f.period),
      { name: "kind", label: "Loại", value: kind, options: [["", "Mọi loại"], ...kinds.map((k): [string, string] => [k, k])] },
      { name: "indicator", label: "Chỉ tiêu", value: ind, options: [["", "Mọi chỉ tiêu"], ...inds.map((k): [string, string] => [k, k])] },
      judgeField(f.judge),
    ])}
<p class="count" id="row-count">${rows.length} cảnh báo</p>
${
  shown.length
    ? html`<div class="table-wrap"><table class="list" id="flags"><thead><tr><th>Nhóm</th><th>Tỉnh</th><th>Đơn vị</th><th>Kỳ</th><th>Loại</th><th>Chỉ tiêu</th><th class="num">Giá trị</th><th class="num">Mục tiêu</th><th class="num">Chênh lệch</th><th>Nội dung</th><th>Văn bản</th></tr></thead><tbody>
${shown.map((r) => html`<tr class="${r.kind === "unmet" ? "st-unmet" : ""}"><td>${FLAG_GROUP_LABELS[r.group as "target"] ?? r.group ?? ""}</td><td>${r.province ?? ""}</td><td>${r.unit ?? ""}</td><td>${r.round ?? r.period_end ?? ""}</td><td title="${String(r.kind)}">${kindWord(r.kind)}</td><td>${r.indicator ? html`<a href="/indicator/${encodeURIComponent(String(r.indicator))}">${r.indicator}</a>` : ""}</td><td class="num">${num(r.value)}</td><td class="num">${num(r.target)}</td><td class="num">${num(r.gap)}</td><td>${r.message ?? ""}${r.quote ? html`<q>${r.quote}</q>` : ""}</td><td>${r.document_id != null ? docLink(r.document_id, r.document, r.fact_id) : (r.document ?? "")}</td></tr>`)}
</tbody></table></div>`
    : empty("Không có cảnh báo nào cho bộ lọc này.")
}${pager("/flags", params, page, pages)}`,
  };
}

export function documentsPage(db: Db, q: Query): Page {
  const f = readFilters(q);
  const kind = q.kind && q.kind in KIND_LABELS ? q.kind : undefined;
  const rows = documents(db, { province: f.province, period: f.period }, { kind });
  const { shown, page, pages } = paginate(rows, q);
  const params = { ...filterParams(f), kind };
  return {
    title: "Văn bản",
    nav: "documents",
    exports: exportLinks("documents", params, ["xlsx", "csv", "json"]),
    body: html`${filterForm("/documents", [provinceField(db, f.province), periodField(f.period), { name: "kind", label: "Loại", value: kind, options: [["", "Mọi loại"], ...Object.entries(KIND_LABELS)] }])}
<p class="count" id="row-count">${rows.length} văn bản</p>
${
  shown.length
    ? html`<div class="table-wrap"><table class="list" id="documents"><thead><tr><th class="num">Mã</th><th>Tệp</th><th>Loại</th><th>Tỉnh</th><th>Đơn vị</th><th>Số</th><th>Ngày ban hành</th><th>Đến ngày</th><th class="num">Số liệu</th><th class="num">Vấn đề</th><th>Trùng với</th></tr></thead><tbody>
${shown.map((r) => html`<tr><td class="num">${String(r.document_id)}</td><td>${docLink(r.document_id, r.document)}</td><td>${KIND_LABELS[String(r.kind)] ?? r.kind}</td><td>${r.province ?? ""}</td><td>${r.unit ?? ""}</td><td>${r.number ?? ""}</td><td>${r.issued_on ?? ""}</td><td>${r.period_end ?? ""}</td><td class="num">${num(r.facts)}</td><td class="num">${num(r.issues)}</td><td>${r.duplicate_of ? docLink(r.duplicate_of, `#${String(r.duplicate_of)}`) : ""}</td></tr>`)}
</tbody></table></div>`
    : empty("Chưa có văn bản nào cho bộ lọc này: nhập báo cáo ở trang Nhập báo cáo.")
}${pager("/documents", params, page, pages)}`,
  };
}

export function unitPage(db: Db, code: string, _q: Query): Page {
  const u = unitView(db, code);
  // the unit's values as a small table per indicator: one column per period, oldest first
  const periods = [...new Set(u.values.map((v) => String(v.period_end ?? "?")))].sort();
  const byIndicator = new Map<string, { label: unknown; cells: Map<string, Row> }>();
  for (const v of u.values) {
    const k = String(v.indicator);
    let e = byIndicator.get(k);
    if (!e) byIndicator.set(k, (e = { label: v.label, cells: new Map() }));
    e.cells.set(String(v.period_end ?? "?"), v);
  }
  const trend: Html = byIndicator.size
    ? html`<div class="table-wrap"><table class="list" id="unit-values"><thead><tr><th>Chỉ tiêu</th>${periods.map((p) => html`<th class="num">${p}</th>`)}</tr></thead><tbody>
${[...byIndicator].map(([k, e]) => html`<tr><th scope="row" title="${e.label ?? ""}"><a href="/indicator/${encodeURIComponent(k)}">${k}</a></th>${periods.map((p) => {
  const c = e.cells.get(p);
  return c ? html`<td class="num${c.unmet === 1 ? " st-unmet" : ""}"><a href="${factHref(c.document_id, c.fact_id)}">${num(c.value)}</a></td>` : html`<td></td>`;
})}</tr>`)}
</tbody></table></div>`
    : empty("Đơn vị chưa có số liệu nào.");
  const docs = u.documents.length
    ? html`<table class="list"><thead><tr><th>Văn bản</th><th>Loại</th><th>Số</th><th>Kỳ</th><th class="num">Tổ CNSCĐ</th><th class="num">Thành viên</th><th class="num">Vấn đề</th></tr></thead><tbody>
${u.documents.map((d) => html`<tr><td>${docLink(d.id, d.name)}${d.duplicate_of ? html` <small>(trùng #${String(d.duplicate_of)})</small>` : ""}</td><td>${KIND_LABELS[String(d.kind)] ?? d.kind}</td><td>${d.number ?? ""}</td><td>${d.period_start ?? "?"} → ${d.period_end ?? "?"}</td><td class="num">${num(d.teams)}</td><td class="num">${num(d.members)}</td><td class="num">${num(d.issues)}</td></tr>`)}
</tbody></table>`
    : empty("Đơn vị chưa gửi văn bản nào.");
  const flagList = u.flags.length
    ? html`<ul class="issues">${u.flags.map((f) => html`<li>${f.period_end ?? ""} <strong>${f.kind}</strong>${f.indicator ? html` [${f.indicator}]` : ""}: ${f.message ?? (f.value != null ? `${num(f.value)} / ${num(f.target)}` : "")} — ${docLink(f.document_id, f.document)}</li>`)}</ul>`
    : empty("Không có cảnh báo.");
  return {
    title: `${u.unit.name ?? code}${u.unit.level ? ` (${LEVEL_LABELS[u.unit.level] ?? u.unit.level})` : ""}${u.unit.province ? `, ${u.unit.province}` : ""}`,
    nav: "matrix",
    exports: exportLinks(`unit/${encodeURIComponent(code)}`, {}, ["json"]),
    body: html`<p class="count">${u.unit.code ? html`Mã đơn vị ${u.unit.code}` : "Không có trong danh mục đơn vị hành chính"} · ${u.documents.length} văn bản</p>
<section><h2>Chỉ tiêu theo kỳ</h2>${trend}</section>
<section><h2>Văn bản</h2>${docs}</section>
<section><h2>Cảnh báo</h2>${flagList}</section>`,
  };
}

export function searchPage(db: Db, q: Query): Page {
  const query = (q.q ?? "").normalize("NFC").trim().slice(0, 200);
  const r = query ? search(db, query, { limit: 50 }) : null;
  const results = !r
    ? html``
    : r.hits.length
      ? html`<p class="count" id="row-count">${r.total} văn bản</p><ol class="hits">${r.hits.map(
          (h) => html`<li><a href="/document/${String(h.id)}">${h.name}</a> <small>${h.unit ?? ""}${h.province ? `, ${h.province}` : ""}${h.period_end ? ` · ${h.period_end}` : ""} · ${h.matches} lần</small>
${h.snippets.map((s) => html`<p class="snippet">…${snippet(s.text, s.marks)}…</p>`)}</li>`,
        )}</ol>`
      : empty(`Không tìm thấy “${query}”.`);
  return {
    title: "Tìm kiếm",
    nav: "search",
    exports: query ? exportLinks("search", { q: query }, ["json"]) : [],
    body: html`<form class="filters" method="get" action="/search" role="search"><label>Tìm trong văn bản <input type="search" name="q" value="${query}" placeholder="ví dụ: ty le, tổ công nghệ số" size="40" autofocus></label><button type="submit">Tìm</button></form>
<p class="hint">Không phân biệt dấu: “ty le” tìm được “tỷ lệ”.</p>
${results}`,
  };
}

function snippet(text: string, marks: [number, number][]): Html {
  const parts: Html[] = [];
  let cur = 0;
  for (const [s, e] of marks) {
    if (s < cur) continue;
    parts.push(html`${text.slice(cur, s)}<mark>${text.slice(s, e)}</mark>`);
    cur = e;
  }
  parts.push(html`${text.slice(cur)}`);
  return html`${parts}`;
}

export { qs };
