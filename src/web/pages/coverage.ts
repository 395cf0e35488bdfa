// /coverage: every official unit of the province, whether it reported for the round (and sent a
// plan), with the document that counts: `tonghop coverage`.

import { coverage, coverageRows } from "../../query/coverage.js";
import { provincesWithDocuments } from "../../query/overview.js";
import type { Db } from "../../store/index.js";
import { html, qs } from "../html.js";
import { exportLinks, type Page } from "../layout.js";
import { docLink, empty, filterForm, filterParams, LEVEL_LABELS, provinceField, readFilters, roundField, unitLink, type Query } from "./common.js";

export function coveragePage(db: Db, q: Query): Page {
  const f = readFilters(q);
  if (!f.province) {
    const list = provincesWithDocuments(db).filter((p) => p.name);
    return {
      title: "Tiến độ báo cáo",
      nav: "coverage",
      body: html`<p class="hint">Chọn tỉnh để xem đơn vị nào đã và chưa báo cáo trong kỳ.</p>
${list.length ? html`<ul class="provinces">${list.map((p) => html`<li><a href="/coverage${qs({ province: p.name!, period: f.period })}">${p.name}</a> (${p.documents} văn bản)</li>`)}</ul>` : empty("Chưa có văn bản nào.")}`,
    };
  }
  const c = coverage(db, { province: f.province, period: f.period });
  const rows = coverageRows(db, c);
  const params = { province: f.province, period: f.period };
  return {
    title: `Tiến độ báo cáo — ${c.province}`,
    nav: "coverage",
    exports: exportLinks("coverage", params, ["xlsx", "csv", "json"]),
    body: html`${filterForm("/coverage", [provinceField(db, f.province), roundField(db, f.province, f.period)])}
<p class="round" id="round">${c.round ? html`Kỳ: <strong>${c.round.label}</strong> (${c.round.start} → ${c.round.end})` : "Chưa có báo cáo nào ghi kỳ báo cáo"}</p>
<div class="tiles"><div class="tile"><strong>${c.reported} / ${c.units}</strong> đơn vị đã báo cáo</div>${c.partial.length ? html`<div class="tile"><strong>${c.partial.length}</strong> đơn vị chỉ có báo cáo của xã cũ (một phần)</div>` : ""}<div class="tile"><strong>${c.missing.length}</strong> đơn vị chưa báo cáo</div><div class="tile"><strong>${c.planned}</strong> đơn vị có kế hoạch</div></div>
${c.conflicts.length ? html`<ul class="issues">${c.conflicts.map((k) => html`<li class="warning">${k.unit}: ${k.message}</li>`)}</ul>` : ""}
<div class="table-wrap"><table class="list" id="coverage"><thead><tr><th>Mã</th><th>Đơn vị</th><th>Cấp</th><th>Báo cáo</th><th>Kế hoạch</th><th>Văn bản được tính</th></tr></thead><tbody>
${rows.map((r) => html`<tr class="st-${r.status === "reported" ? "met" : r.status === "partial" ? "not_judged" : "not_reported"}"><td>${r.code}</td><td>${unitLink(r.code, r.unit)}</td><td>${LEVEL_LABELS[String(r.level)] ?? r.level}</td><td>${r.status === "reported" ? "đã báo cáo" : r.status === "partial" ? "một phần (xã cũ)" : "chưa báo cáo"}</td><td>${r.plan ? "có" : ""}</td><td>${r.document_id != null ? docLink(r.document_id, r.document) : ""}</td></tr>`)}
</tbody></table></div>
${c.no_period.length ? html`<section><h2>Báo cáo không ghi kỳ (${c.no_period.length})</h2><ul>${c.no_period.map((d) => html`<li>${docLink(d.document_id, d.document)} — ${d.unit ?? ""}</li>`)}</ul></section>` : ""}
<p class="hint"><a href="/matrix${qs({ ...filterParams(f), all_units: "1" })}">Ma trận với mọi đơn vị của tỉnh</a></p>`,
  };
}
