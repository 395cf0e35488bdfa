// /matrix: units × indicators for the filters, each cell coloured by its status and linked to
// the figure in its document; sortable by any column (in the address, so a view can be shared).

import { matrix, type MatrixRow } from "../../query/matrix.js";
import type { Db } from "../../store/index.js";
import { html, qs } from "../html.js";
import { exportLinks, type Page } from "../layout.js";
import { empty, factHref, filterForm, filterParams, judgeField, latestAnyField, LEVEL_LABELS, levelField, num, pager, provinceField, readFilters, roundField, roundFilters, unitLink, type Query } from "./common.js";

export const STATUS_LABELS: Record<string, string> = {
  met: "đạt",
  unmet: "chưa đạt",
  not_judged: "chưa đánh giá",
  no_target: "không có chỉ tiêu",
  not_reported: "chưa báo cáo",
  reported: "đã báo cáo",
};

export interface CellView {
  value: number | null;
  status: string;
  document_id?: number | null;
  fact_id?: string | null;
}

/** A row's cell as the query gives it (cells with status and source when the query has them). */
export function cellOf(r: MatrixRow, code: string): CellView | null {
  const cells = (r as MatrixRow & { cells?: Record<string, CellView> }).cells;
  const c = cells?.[code];
  if (c) return c;
  if (!(code in r.values) && !r.unmet.includes(code)) return null;
  return { value: r.values[code] ?? null, status: r.unmet.includes(code) ? "unmet" : "reported" };
}

export function unitCodeOf(r: MatrixRow): string | null {
  return (r as MatrixRow & { unit_code?: string | null }).unit_code ?? null;
}

const PAGE_SIZE = 200;

export function matrixPage(db: Db, q: Query): Page {
  const f = readFilters(q);
  const codes = q.indicators?.split(",").map((c) => c.trim()).filter(Boolean).slice(0, 100);
  const allUnits = !!f.province && q.all_units === "1";
  const m = matrix(db, roundFilters(f), codes, { allUnits });
  let rows = f.level ? m.rows.filter((r) => r.level === f.level) : m.rows;
  const sort = q.sort ?? "";
  const desc = q.dir === "desc";
  const collator = new Intl.Collator("vi");
  if (sort) {
    const key = (r: MatrixRow): string | number | null => {
      if (sort === "unit" || sort === "province") return r[sort];
      if (sort === "teams" || sort === "members") return r[sort];
      return cellOf(r, sort)?.value ?? null;
    };
    rows = [...rows].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x == null || y == null) return x == null && y == null ? 0 : x == null ? 1 : -1; // blanks last either way
      const c = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
      return desc ? -c : c;
    });
  }
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(q.page ?? "1", 10) || 1));
  const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const params = { ...filterParams(f), indicators: q.indicators, all_units: allUnits ? "1" : undefined, sort: q.sort, dir: q.dir };
  const sortLink = (key: string, text: string, title?: string) => {
    const next = sort === key && !desc ? "desc" : undefined;
    const mark = sort === key ? (desc ? " ▼" : " ▲") : "";
    return html`<a href="/matrix${qs({ ...params, sort: key, dir: next, page: undefined })}" title="${title ?? text}">${text}${mark}</a>`;
  };
  const ariaSort = (key: string) => (sort === key ? html` aria-sort="${desc ? "descending" : "ascending"}"` : "");
  const table = shown.length
    ? html`<div class="table-wrap"><table class="matrix" id="matrix">
<thead><tr><th class="sticky"${ariaSort("unit")}>${sortLink("unit", "Đơn vị")}</th><th${ariaSort("province")}>${sortLink("province", "Tỉnh")}</th><th>Cấp</th>
${m.indicators.map((i) => html`<th class="num"${ariaSort(i.code)}>${sortLink(i.code, i.code, i.label)}</th>`)}
<th class="num"${ariaSort("teams")}>${sortLink("teams", "Tổ CNSCĐ")}</th><th class="num"${ariaSort("members")}>${sortLink("members", "Thành viên")}</th></tr></thead>
<tbody>
${shown.map(
  (r) => html`<tr class="${r.status === "not_reported" ? "st-not_reported" : ""}"><th class="sticky" scope="row">${unitLink(unitCodeOf(r), r.unit)}</th><td>${r.province ?? ""}</td><td>${LEVEL_LABELS[r.level ?? ""] ?? ""}</td>
${m.indicators.map((i) => {
  const c = cellOf(r, i.code);
  if (!c) return r.status === "not_reported" ? html`<td class="num st-not_reported" title="chưa báo cáo"></td>` : html`<td class="num st-none"></td>`;
  const text = c.value == null ? "—" : num(c.value);
  const title = `${i.code}: ${STATUS_LABELS[c.status] ?? c.status}`;
  const body = c.document_id != null ? html`<a href="${factHref(c.document_id, c.fact_id)}">${text}</a>` : html`${text}`;
  return html`<td class="num st-${c.status}" title="${title}" data-status="${c.status}">${body}</td>`;
})}
<td class="num">${num(r.teams)}</td><td class="num">${num(r.members)}</td></tr>`,
)}
</tbody></table></div>`
    : empty("Không có đơn vị nào cho bộ lọc này (no rows): thử bỏ bớt bộ lọc hoặc nhập báo cáo.");
  const legend = html`<p class="legend">${["met", "unmet", "not_judged", "no_target", "not_reported"].map((s) => html`<span class="swatch st-${s}">${STATUS_LABELS[s]}</span> `)}</p>`;
  const indicatorLegend = m.indicators.length
    ? html`<details class="indicator-legend"><summary>Tên các chỉ tiêu</summary><dl>${m.indicators.map((i) => html`<dt><a href="/indicator/${encodeURIComponent(i.code)}${qs(filterParams(f))}">${i.code}</a></dt><dd>${i.label}</dd>`)}</dl></details>`
    : "";
  return {
    title: "Ma trận chỉ tiêu",
    nav: "matrix",
    exports: exportLinks("matrix", { ...filterParams(f), indicators: q.indicators, all_units: allUnits ? "1" : undefined }, ["xlsx", "csv", "json"]),
    body: html`${filterForm(
      "/matrix",
      [
        provinceField(db, f.province),
        roundField(db, f.province, f.period),
        latestAnyField(f.latest_any),
        levelField(f.level),
        judgeField(f.judge),
        { name: "all_units", label: "Đơn vị", value: allUnits ? "1" : "", options: [["", "Đã báo cáo"], ["1", "Mọi đơn vị của tỉnh"]] },
        { name: "indicators", label: "Chỉ tiêu", value: q.indicators, placeholder: "3.1,3.2,3.3" },
      ],
      { sort: q.sort, dir: q.dir },
    )}
<p class="round" id="round">${m.round ? html`Kỳ: <strong>${m.round.label}</strong> (${m.round.start} → ${m.round.end})` : f.latest_any ? "Giá trị mới nhất của mỗi đơn vị" : "Chưa có báo cáo nào ghi kỳ báo cáo"}</p>
<p class="count" id="row-count">${rows.length} đơn vị × ${m.indicators.length} chỉ tiêu</p>
${legend}${table}${pager("/matrix", params, page, pages)}${indicatorLegend}`,
  };
}
