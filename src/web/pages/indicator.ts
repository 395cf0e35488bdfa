// /indicator and /indicator/CODE: every unit's value for one indicator, weakest first, as a bar
// chart with the target line and as a table (what `tonghop compare --indicator CODE` prints).

import { compare } from "../../query/compare.js";
import { catalogue, indicator } from "../../query/indicators.js";
import type { Db } from "../../store/index.js";
import { html, qs } from "../html.js";
import { exportLinks, type Page } from "../layout.js";
import { docLink, empty, filterForm, filterParams, LEVEL_LABELS, levelField, num, periodField, provinceField, QUALIFIER_LABELS, readFilters, type Query } from "./common.js";

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

export function indicatorPage(db: Db, code: string, q: Query): Page {
  const f = readFilters(q);
  const ind = indicator(db, code);
  let rows = compare(db, ind.code, { province: f.province, period: f.period });
  if (f.level) rows = rows.filter((r) => r.level === f.level);
  const p = filterParams(f);
  // the chart shows what the table shows, in the same order (weakest first)
  const chart = {
    label: ind.code,
    labels: rows.map((r) => r.unit ?? "?"),
    values: rows.map((r) => r.value),
    targets: rows.map((r) => r.target),
    unmet: rows.map((r) => r.unmet === true),
    percent: ind.unit === "percent",
  };
  const height = Math.max(160, Math.min(rows.length, 60) * 22 + 60);
  const table = rows.length
    ? html`<div class="table-wrap"><table class="list" id="compare"><thead><tr><th>Đơn vị</th><th>Tỉnh</th><th>Cấp</th><th>Kỳ</th><th class="num">Giá trị</th><th class="num">Chỉ tiêu</th><th>Đánh giá</th><th>Văn bản</th><th>Trích dẫn</th></tr></thead><tbody>
${rows.map(
  (r) => html`<tr class="${r.unmet ? "st-unmet" : ""}"><td>${r.unit ?? ""}</td><td>${r.province ?? ""}</td><td>${LEVEL_LABELS[r.level ?? ""] ?? ""}</td>
<td>${r.period_start ?? ""} → ${r.period_end ?? ""}</td><td class="num">${QUALIFIER_LABELS[r.qualifier ?? ""] ?? ""} ${num(r.value)}</td><td class="num">${num(r.target)}</td>
<td>${r.unmet === true ? "chưa đạt" : r.unmet === false ? "đạt" : "chưa đánh giá"}</td><td>${docLink(r.document, r.document)}</td><td class="quote">${r.quote ?? ""}</td></tr>`,
)}</tbody></table></div>`
    : empty("Không có đơn vị nào báo cáo chỉ tiêu này cho bộ lọc (no values).");
  return {
    title: `${ind.code} — ${ind.label}`,
    nav: "indicator",
    scripts: ["chart.umd.min.js"],
    exports: exportLinks(`compare/${encodeURIComponent(ind.code)}`, p, ["csv", "json"]),
    body: html`${filterForm(`/indicator/${encodeURIComponent(ind.code)}`, [provinceField(db, f.province), periodField(f.period), levelField(f.level)])}
<p class="count">${rows.length} đơn vị, yếu nhất trước</p>
${rows.length ? html`<div class="chart-box" data-height="${height}"><canvas id="indicator-chart" data-chart="${JSON.stringify(chart)}" aria-label="Biểu đồ ${ind.code}" role="img"></canvas></div>` : ""}
${table}`,
  };
}
