// /: the state of a province (and period) at a glance, each figure linking to the page behind it.

import { overview } from "../../query/overview.js";
import type { Db } from "../../store/index.js";
import { html, qs } from "../html.js";
import { exportLinks, type Page } from "../layout.js";
import { filterForm, filterParams, judgeField, num, provinceField, readFilters, roundField, roundFilters, type Query } from "./common.js";

export function overviewPage(db: Db, q: Query): Page {
  const f = readFilters(q);
  const o = overview(db, roundFilters(f));
  const p = filterParams(f);
  const run = o.latest_import;
  const tiles = html`<div class="tiles">
<a class="tile" href="/documents${qs({ ...p, kind: "report" })}"><strong>${num(o.reports)}</strong> báo cáo đã nhận</a>
<a class="tile" href="/coverage${qs(p)}"><strong>${num(o.units_reporting)}${o.units_expected != null ? html` / ${num(o.units_expected)}` : ""}</strong> đơn vị đã báo cáo trong kỳ</a>
${o.units_missing != null ? html`<a class="tile" href="/coverage${qs(p)}"><strong>${num(o.units_missing)}</strong> đơn vị chưa báo cáo</a>` : ""}
<a class="tile" href="/documents${qs({ ...p, kind: "plan" })}"><strong>${num(o.plans)}</strong> kế hoạch</a>
<a class="tile" href="/matrix${qs(p)}"><strong>${num(o.teams)}</strong> Tổ CNSCĐ, ${num(o.members)} thành viên</a>
</div>`;
  const unmet = o.unmet_by_indicator.length
    ? html`<table class="list"><thead><tr><th>Chỉ tiêu</th><th>Tên</th><th class="num">Số đơn vị chưa đạt</th></tr></thead><tbody>
${o.unmet_by_indicator.map((u) => html`<tr><td><a href="/indicator/${encodeURIComponent(u.indicator)}${qs(p)}">${u.indicator}</a></td><td>${u.label ?? ""}</td><td class="num"><a href="/flags${qs({ ...p, kind: "unmet", indicator: u.indicator })}">${num(u.units)}</a></td></tr>`)}
</tbody></table>`
    : html`<p class="empty">Không có chỉ tiêu nào bị ghi chưa đạt.</p>`;
  const issues = o.issues_by_kind.length
    ? html`<ul class="issues">${o.issues_by_kind.map((i) => html`<li><a href="/flags${qs({ ...p, kind: i.kind })}">${i.kind}</a>: ${num(i.count)}</li>`)}</ul>`
    : html`<p class="empty">Không có vấn đề dữ liệu.</p>`;
  return {
    title: o.province ? `Tổng quan — ${o.province}` : "Tổng quan",
    nav: "overview",
    exports: exportLinks("workbook", p, ["xlsx"]).concat(exportLinks("overview", p, ["json"])),
    body: html`${filterForm("/", [provinceField(db, f.province), roundField(db, f.province, f.period), judgeField(f.judge)])}
<p class="round" id="round">${o.round ? html`Kỳ: <strong>${o.round.label}</strong> (${o.round.start} → ${o.round.end})` : "Chưa có báo cáo nào ghi kỳ báo cáo"}</p>
${o.province ? "" : html`<p class="hint">Chọn tỉnh để xem số đơn vị chưa báo cáo.</p>`}
${tiles}
<section><h2>Số đơn vị chưa đạt theo chỉ tiêu</h2>${unmet}</section>
<section><h2>Vấn đề dữ liệu</h2>${issues}</section>
<section class="meta"><h2>Dữ liệu</h2>
<p>Lần nhập gần nhất: ${run ? html`${run.finished_at ?? run.started_at} — ${num(run.imported)} tệp mới, ${num(run.skipped)} bỏ qua, ${num(run.failed)} lỗi` : "chưa có"}</p>
<p>Phiên bản quy tắc: <code>${o.rules_version ?? "—"}</code> · ${num(o.documents)} văn bản</p></section>`,
  };
}
