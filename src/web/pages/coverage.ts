// /coverage: who has and has not reported (the rounds' coverage query; until it is merged, the
// documents the province sent).

import type { Db } from "../../store/index.js";
import { html } from "../html.js";
import type { Page } from "../layout.js";
import { documentsPage } from "./lists.js";
import type { Query } from "./common.js";

export function coveragePage(db: Db, q: Query): Page {
  const p = documentsPage(db, { ...q, kind: "report" });
  return { ...p, title: "Tiến độ báo cáo", nav: "coverage", body: html`<p class="hint">Chọn tỉnh để xem đơn vị đã và chưa báo cáo.</p>${p.body}` };
}
