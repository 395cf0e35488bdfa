// Pieces the pages share: reading filters from the query string, the filter form, numbers and
// labels as the terminal tables write them, links to units and to a fact in its document.

import { KIND_LABELS, LEVEL_LABELS, QUALIFIER_LABELS, ROLE_LABELS } from "../../query/columns.js";
import { JUDGE_MODES, type JudgeMode } from "../../query/judge.js";
import { provincesWithDocuments } from "../../query/overview.js";
import { roundDocuments, roundsWithReports } from "../../query/rounds.js";
import type { RoundFilters } from "../../query/values.js";
import { formatNumber } from "../../query/text.js";
import type { Db } from "../../store/index.js";
import { html, qs, type Html } from "../html.js";

export { KIND_LABELS, LEVEL_LABELS, QUALIFIER_LABELS, ROLE_LABELS };

export type Query = Record<string, string | undefined>;

/** The filters every report page takes, as the CLI options of the same names. */
export interface WebFilters {
  province?: string;
  /** The round, as --period takes it (the round selector gives "2026-01-01..2026-06-30"). */
  period?: string;
  level?: string;
  /** --judge */
  judge?: JudgeMode;
  /** --latest-any */
  latest_any?: boolean;
}

const LIMIT = 200; // characters kept of any filter value

function clean(v: string | undefined): string | undefined {
  const s = v?.normalize("NFC").trim().slice(0, LIMIT);
  return s ? s : undefined;
}

export function readFilters(q: Query): WebFilters {
  const level = clean(q.level);
  const judge = clean(q.judge);
  return {
    province: clean(q.province),
    period: clean(q.period),
    level: level && level in LEVEL_LABELS ? level : undefined,
    judge: judge && (JUDGE_MODES as readonly string[]).includes(judge) ? (judge as JudgeMode) : undefined,
    latest_any: q.latest_any === "1" ? true : undefined,
  };
}

/** The filters as the query functions take them (the CLI's options). */
export function roundFilters(f: WebFilters): RoundFilters {
  return { province: f.province, period: f.period, judge: f.judge, latestAny: f.latest_any };
}

export function num(v: unknown): string {
  if (v == null || v === "") return "";
  if (typeof v === "number") return formatNumber(v);
  return String(v);
}

export function label(labels: Record<string, string>, v: unknown): string {
  if (v == null) return "";
  const s = String(v);
  return labels[s] ?? s;
}

export function factHref(documentId: unknown, factId: unknown): string {
  return `/document/${encodeURIComponent(String(documentId))}${factId ? `#fact-${encodeURIComponent(String(factId))}` : ""}`;
}

export function docLink(id: unknown, name: unknown, factId?: unknown): Html {
  if (id == null) return html`${name ?? ""}`;
  return html`<a href="${factHref(id, factId)}">${name ?? `#${id}`}</a>`;
}

export function unitLink(code: unknown, name: unknown): Html {
  if (!code) return html`${name ?? "—"}`;
  return html`<a href="/unit/${encodeURIComponent(String(code))}">${name ?? code}</a>`;
}

export interface FormField {
  name: string;
  label: string;
  value?: string;
  options?: [string, string][];
  placeholder?: string;
}

/** A GET form: the filters live in the address, so a filtered page can be bookmarked and shared. */
export function filterForm(action: string, fields: FormField[], hidden: Query = {}): Html {
  return html`<form class="filters" method="get" action="${action}" data-autosubmit>
${Object.entries(hidden).map(([k, v]) => (v ? html`<input type="hidden" name="${k}" value="${v}">` : ""))}
${fields.map((f) =>
  f.options
    ? html`<label>${f.label} <select name="${f.name}">${f.options.map(([v, l]) => html`<option value="${v}"${v === (f.value ?? "") ? html` selected` : ""}>${l}</option>`)}</select></label>`
    : html`<label>${f.label} <input name="${f.name}" value="${f.value ?? ""}" placeholder="${f.placeholder ?? ""}" size="14"></label>`,
)}
<button type="submit">Lọc</button>
</form>`;
}

export function provinceField(db: Db, value: string | undefined): FormField {
  const options: [string, string][] = [["", "Tất cả tỉnh"]];
  for (const p of provincesWithDocuments(db)) if (p.name) options.push([p.name, `${p.name} (${p.documents})`]);
  if (value && !options.some(([v]) => v === value)) options.push([value, value]);
  return { name: "province", label: "Tỉnh", value, options };
}

export function periodField(value: string | undefined): FormField {
  return { name: "period", label: "Kỳ báo cáo", value, placeholder: "6T-2026, quý II/2026, 2026…" };
}

/** The rounds that have reports (of the province), latest first: the round selector. */
export function roundField(db: Db, province: string | undefined, value: string | undefined): FormField {
  const options: [string, string][] = [["", "Kỳ mới nhất có báo cáo"]];
  for (const r of roundsWithReports(roundDocuments(db, { province }))) options.push([r.round.key, `${r.round.label} (${r.units} đơn vị)`]);
  if (value && !options.some(([v]) => v === value)) options.push([value, value]);
  return { name: "period", label: "Kỳ báo cáo", value, options };
}

export function latestAnyField(value: boolean | undefined): FormField {
  return { name: "latest_any", label: "Giá trị", value: value ? "1" : "", options: [["", "Của kỳ đã chọn"], ["1", "Mới nhất của mỗi đơn vị"]] };
}

export function judgeField(value: string | undefined): FormField {
  return {
    name: "judge",
    label: "Đánh giá giữa năm",
    value,
    options: [["", "Không đánh giá"], ["prorata", "Theo tỷ lệ thời gian"], ["year", "Theo chỉ tiêu cả năm"], ["off", "Tắt đánh giá"]],
  };
}

export function levelField(value: string | undefined): FormField {
  return { name: "level", label: "Cấp", value, options: [["", "Mọi cấp"], ...Object.entries(LEVEL_LABELS)] };
}

export function filterParams(f: WebFilters): Record<string, string | undefined> {
  return { province: f.province, period: f.period, level: f.level, judge: f.judge, latest_any: f.latest_any ? "1" : undefined };
}

export function pager(base: string, params: Query, page: number, pages: number): Html {
  if (pages <= 1) return html``;
  const link = (p: number, text: string) => html`<a href="${base}${qs({ ...params, page: p > 1 ? String(p) : undefined })}">${text}</a>`;
  return html`<nav class="pager" aria-label="Trang kết quả">${page > 1 ? link(page - 1, "‹ Trước") : ""} <span>Trang ${page}/${pages}</span> ${page < pages ? link(page + 1, "Sau ›") : ""}</nav>`;
}

export function empty(message: string): Html {
  return html`<p class="empty">${message}</p>`;
}
