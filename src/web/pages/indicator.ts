// /indicator and /indicator/CODE: every unit's value for one indicator, weakest first, as a bar
// chart with the target line and as a table (what `tonghop compare --indicator CODE` prints).

import { compareView, STATUS_LABELS, TARGET_SOURCE_LABELS, trend } from "../../query/compare.js";
import { catalogue, indicator } from "../../query/indicators.js";
import type { Db } from "../../store/index.js";
import { html, qs } from "../html.js";
import { exportLinks, type Page } from "../layout.js";
import { docLink, empty, factHref, filterForm, filterParams, judgeField, latestAnyField, pager, LEVEL_LABELS, levelField, num, provinceField, QUALIFIER_LABELS, readFilters, roundField, roundFilters, unitLink, type Query } from "./common.js";

export function indicatorListPage(db: Db, q: Query): Page {
  const f = readFilters(q);
  const list = catalogue(db).filter((i) => i.position < 100000);
  return {
    title: "Chỉ tiêu",
    nav: "indicator",
    body: list.length
      ? html`<table class="list"><thead><tr><th>Mã</th><th>Chỉ tiêu</th><th>Đơn vị tính</th></tr></thead><tbody>
${list.map((i) => html`<tr><td><a href="/indicator/${encodeURIComponent(i.code)}${qs(filterParams(f))}">${i.code}</a></td><td>${i.label}</td><td>${i.unit}</td></tr>`)}
</tbody></table>`
      : empty("Chưa có danh mục chỉ tiêu: nhập báo cáo trước."),
  };
}

const PAGE_SIZE = 200;

export function indicatorPage(db: Db, code: string, q: Query): Page {
  const f = readFilters(q);
  const ind = indicator(db, code);
  const view = compareView(db, ind.code, roundFilters(f));
  let rows = view.rows;
  if (f.level) rows = rows.filter((r) => r.level === f.level);
  // the trend over the rounds from 1 January (compare --by-period), for the same province
  const t = trend(db, ind.code, { province: f.province, judge: f.judge });
  const p = filterParams(f);
  const all = rows;
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(q.page ?? "1", 10) || 1));
  rows = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  // the trend of the units on this page (all of them when they fit on one)
  const onPage = new Set(rows.map((r) => `${r.province}/${r.unit}`));
  const trendRows = pages > 1 ? t.rows.filter((r) => onPage.has(`${r.province}/${r.unit}`)) : t.rows;
  // the chart shows what the table shows, in the same order (weakest first)
  const chart = {
    label: ind.code,
    labels: rows.map((r) => r.unit ?? "?"),
    values: rows.map((r) => r.value),
    targets: rows.map((r) => r.target),
    unmet: rows.map((r) => r.status === "unmet"),
    percent: ind.unit === "percent",
  };
  const height = Math.max(160, Math.min(rows.length, 60) * 22 + 60);
  const table = rows.length
    ? html`<div class="table-wrap"><table class="list" id="compare"><thead><tr><th>Đơn vị</th><th>Tỉnh</th><th>Cấp</th><th>Kỳ</th><th class="num">Giá trị</th><th class="num">Chỉ tiêu</th><th>Nguồn chỉ tiêu</th><th class="num">Chênh lệch</th><th>Đánh giá</th><th>Văn bản</th><th>Trích dẫn</th></tr></thead><tbody>
${rows.map(
  (r) => html`<tr class="st-${r.status}"><td>${r.unit ?? ""}</td><td>${r.province ?? ""}</td><td>${LEVEL_LABELS[r.level ?? ""] ?? ""}</td>
<td>${r.round ?? ""}</td><td class="num"><a href="${factHref(r.document_id, r.fact_id)}">${QUALIFIER_LABELS[r.qualifier ?? ""] ?? ""} ${num(r.value)}</a></td><td class="num">${num(r.target)}</td>
<td>${TARGET_SOURCE_LABELS[r.target_source ?? ""] ?? ""}</td><td class="num">${num(r.gap)}</td>
<td>${STATUS_LABELS[r.status] ?? r.status}${r.conflicting_reports.length ? html` <span class="warning" title="${r.conflicting_reports.join("; ")}">(báo cáo khác nhau)</span>` : ""}</td><td>${docLink(r.document_id, r.document, r.fact_id)}</td><td class="quote">${r.quote ?? ""}</td></tr>`,
)}</tbody></table></div>`
    : empty("Không có đơn vị nào báo cáo chỉ tiêu này cho bộ lọc (no values).");
  return {
    title: `${ind.code} — ${ind.label}`,
    nav: "indicator",
    scripts: ["chart.umd.min.js"],
    exports: [
      ...exportLinks("workbook", { ...p, indicator: ind.code }, ["xlsx"]),
      ...exportLinks(`compare/${encodeURIComponent(ind.code)}`, p, ["csv", "json"]),
    ],
    body: html`${filterForm(`/indicator/${encodeURIComponent(ind.code)}`, [provinceField(db, f.province), roundField(db, f.province, f.period), latestAnyField(f.latest_any), levelField(f.level), judgeField(f.judge)])}
<p class="round" id="round">${view.round ? html`Kỳ: <strong>${view.round.label}</strong> (${view.round.start} → ${view.round.end})` : "Giá trị mới nhất của mỗi đơn vị"}</p>
<p class="count" id="row-count">${all.length} đơn vị, yếu nhất trước${pages > 1 ? html` — trang ${page}/${pages}` : ""}</p>
${rows.length ? html`<div class="chart-box" data-height="${height}"><canvas id="indicator-chart" data-chart="${JSON.stringify(chart)}" aria-label="Biểu đồ ${ind.code}" role="img"></canvas></div>` : ""}
${table}${pager(`/indicator/${encodeURIComponent(ind.code)}`, p, page, pages)}
<section><h2>Xu hướng theo kỳ</h2>${
      trendRows.length && t.rounds.length
        ? html`<div class="table-wrap"><table class="list" id="trend"><thead><tr><th>Đơn vị</th><th>Tỉnh</th>${t.rounds.map((r) => html`<th class="num">${r.label}</th>`)}</tr></thead><tbody>
${trendRows.map((r) => html`<tr><td>${r.unit ?? ""}</td><td>${r.province ?? ""}</td>${t.rounds.map((k) => {
  const v = r.values[k.key];
  const ch = r.change[k.key];
  return v === undefined ? html`<td></td>` : html`<td class="num st-${r.status[k.key] ?? "none"}">${num(v)}${ch != null ? html` <small>(${ch > 0 ? "+" : ""}${num(ch)})</small>` : ""}</td>`;
})}</tr>`)}
</tbody></table></div>`
        : empty("Chưa có kỳ lũy kế từ đầu năm nào để so sánh.")
    }</section>`,
  };
}
