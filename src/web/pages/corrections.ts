// The corrections form on a document's page: set province / unit / period / kind, remove,
// restore, choose — the same stored corrections as `tonghop set|remove|restore|choose`
// (src/store/corrections.ts), posted with the CSRF token.

import type { ShownDocument } from "../../query/show.js";
import { KIND_LABELS } from "../../query/columns.js";
import { html, type Html } from "../html.js";
import { CSRF_FIELD } from "../security.js";

const ACTION_TEXT: Record<string, string> = {
  set: "sửa",
  remove: "loại khỏi tổng hợp",
  restore: "đưa lại vào tổng hợp",
  choose: "chọn làm báo cáo được tính",
  unchoose: "bỏ chọn",
  default_province: "tỉnh mặc định khi nhập",
};

export function correctionsPanel(d: ShownDocument, csrf: string, message?: { ok: boolean; text: string }): Html {
  const doc = d.document;
  const id = String(doc.document_id);
  const removed = doc.removed === true;
  const history = d.history.length
    ? html`<ol class="history">${d.history.map((h) => html`<li>${h.at.slice(0, 16).replace("T", " ")} — ${ACTION_TEXT[h.action] ?? h.action}${h.field ? html` ${h.field}: ${h.old_value ?? "∅"} → ${h.new_value ?? "∅"}` : ""}</li>`)}</ol>`
    : "";
  const button = (action: string, text: string) =>
    html`<form method="post" action="/document/${id}/correct" class="inline"><input type="hidden" name="${CSRF_FIELD}" value="${csrf}"><input type="hidden" name="action" value="${action}"><button type="submit" class="secondary" data-action="${action}">${text}</button></form>`;
  return html`<details class="corrections" id="corrections"${message || d.history.length ? html` open` : ""}>
<summary>Sửa thông tin văn bản${removed ? html` <strong class="warning">(đã loại khỏi tổng hợp)</strong>` : doc.chosen === true ? html` <strong class="ok">(được chọn)</strong>` : ""}</summary>
${message ? html`<p class="${message.ok ? "ok" : "error"}" role="status" id="correction-message">${message.text}</p>` : ""}
<form method="post" action="/document/${id}/correct" class="correct-form">
<input type="hidden" name="${CSRF_FIELD}" value="${csrf}"><input type="hidden" name="action" value="set">
<label>Tỉnh <input name="province" placeholder="${doc.province ?? "Khánh Hòa"}"></label>
<label>Đơn vị <input name="unit" placeholder="${doc.unit ?? "tên hoặc mã đơn vị"}"></label>
<label>Kỳ báo cáo <input name="period" placeholder="6T-2026, Q2-2026, 2026"></label>
<label>Loại <select name="kind"><option value="">(giữ nguyên)</option>${Object.entries(KIND_LABELS).map(([k, l]) => html`<option value="${k}">${l}</option>`)}</select></label>
<button type="submit">Lưu</button>
</form>
<p class="actions">${removed ? button("restore", "Đưa lại vào tổng hợp") : html`${button("remove", "Loại khỏi tổng hợp")} ${button("choose", "Chọn báo cáo này")}`}</p>
${history}
</details>`;
}
