// The frame of every page: navigation, filters, export buttons, one stylesheet and one script
// (no inline script or style: the Content-Security-Policy forbids them).

import { html, qs, type Html } from "./html.js";

export interface Export {
  label: string;
  href: string;
}

export interface Page {
  title: string;
  /** Navigation entry to mark as current. */
  nav?: string;
  body: Html;
  exports?: Export[];
  /** Extra scripts from /static (the chart library). */
  scripts?: string[];
  status?: 200 | 400 | 404 | 500;
}

const NAV: [string, string, string][] = [
  ["overview", "/", "Tổng quan"],
  ["matrix", "/matrix", "Ma trận"],
  ["indicator", "/indicator", "Chỉ tiêu"],
  ["coverage", "/coverage", "Tiến độ báo cáo"],
  ["flags", "/flags", "Cảnh báo"],
  ["documents", "/documents", "Văn bản"],
  ["search", "/search", "Tìm kiếm"],
  ["import", "/import", "Nhập báo cáo"],
];

export function layout(p: Page, csrf: string): string {
  const nav = NAV.map(([key, href, label]) => html`<a href="${href}"${p.nav === key ? html` aria-current="page"` : ""}>${label}</a>`);
  const exports = p.exports?.length
    ? html`<div class="exports" role="group" aria-label="Xuất dữ liệu">${p.exports.map((e) => html`<a class="button export" href="${e.href}" download>${e.label}</a>`)}</div>`
    : "";
  const scripts = (p.scripts ?? []).map((s) => html`<script src="/static/${s}" defer></script>`);
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${csrf}">
<title>${p.title} — tonghop</title>
<link rel="stylesheet" href="/static/style.css">
${scripts}
<script src="/static/app.js" defer></script>
</head>
<body>
<header class="top">
<a class="brand" href="/">tonghop <span>Bình dân học vụ số</span></a>
<nav aria-label="Trang">${nav}</nav>
</header>
<main>
<div class="page-head"><h1>${p.title}</h1>${exports}</div>
${p.body}
</main>
</body>
</html>`.value;
}

/** Export buttons for a page: its CSV and XLSX (and JSON) as the CLI writes them, with the page's filters. */
export function exportLinks(what: string, params: Record<string, string | undefined>, formats: ("xlsx" | "csv" | "json")[] = ["xlsx", "csv"]): Export[] {
  const label = { xlsx: "Tải Excel (XLSX)", csv: "Tải CSV", json: "JSON" } as const;
  return formats.map((f) => ({ label: label[f], href: f === "json" ? `/api/${what}${qs(params)}` : `/export/${what}.${f}${qs(params)}` }));
}

export function errorPage(title: string, message: string, status: 400 | 404 | 500 = 400): Page {
  return { title, status, body: html`<p class="error" role="alert">${message}</p>` };
}
