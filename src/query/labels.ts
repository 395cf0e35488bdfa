// Words for codes: the short Vietnamese name and unit of each indicator (from the `short` and
// `unit_label` fields of rules/indicators.yaml) and the Vietnamese names of flag, fact and issue
// kinds and of judgement statuses. JSON keeps the codes; tables, CSV headers and workbooks show
// these words.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { defaultRulesDir } from "../rules/load.js";
import { COL, type Column } from "./columns.js";
import type { IndicatorInfo } from "./indicators.js";

export const UNIT_WORDS: Record<string, string> = { percent: "%", count: "số", yesno: "có/không", count_or_percent: "số hoặc %" };

export interface IndicatorWords {
  short: string;
  unit: string;
}

let cache: { dir: string; words: Map<string, { short?: string; unit_label?: string }> } | null = null;

function fromRules(): Map<string, { short?: string; unit_label?: string }> {
  let dir = "";
  try {
    dir = defaultRulesDir();
    if (cache?.dir === dir) return cache.words;
    const doc = parseYaml(readFileSync(join(dir, "indicators.yaml"), "utf8")) as { indicators?: { code?: unknown; short?: unknown; unit_label?: unknown }[] };
    const words = new Map<string, { short?: string; unit_label?: string }>();
    for (const i of doc.indicators ?? [])
      if (typeof i.code === "string")
        words.set(i.code, { short: typeof i.short === "string" ? i.short : undefined, unit_label: typeof i.unit_label === "string" ? i.unit_label : undefined });
    cache = { dir, words };
    return words;
  } catch {
    // rules that cannot be read: the catalogue's own labels still name every column
    return new Map();
  }
}

/** Short name and unit of an indicator (the rules' `short`/`unit_label`, else the stored label and unit). */
export function indicatorWords(i: Pick<IndicatorInfo, "code" | "label" | "unit">): IndicatorWords {
  const w = fromRules().get(i.code);
  return { short: w?.short ?? i.label, unit: w?.unit_label ?? UNIT_WORDS[i.unit] ?? i.unit };
}

/** Column header: "Người dân có kỹ năng số (%)". */
export function indicatorHeader(i: Pick<IndicatorInfo, "code" | "label" | "unit">): string {
  const w = indicatorWords(i);
  return `${w.short} (${w.unit})`;
}

/** Judgement of a value against its target. */
export type Status = "met" | "unmet" | "not_judged" | "no_target" | "not_reported";
export const STATUSES: Status[] = ["met", "unmet", "not_judged", "no_target", "not_reported"];

export const STATUS_LABELS: Record<Status, string> = {
  met: "đạt",
  unmet: "chưa đạt",
  not_judged: "chưa đánh giá",
  no_target: "không có chỉ tiêu",
  not_reported: "chưa báo cáo",
};

/** One-character marks after a value in the wide matrix (table and CSV); "" for met and no target. */
export const STATUS_MARKS: Record<Status, string> = { met: "", unmet: "*", not_judged: "?", no_target: "", not_reported: "" };

export const STATUS_LEGEND = [
  "* chưa đạt chỉ tiêu (below target)",
  "? chưa đánh giá: có chỉ tiêu cả năm, kỳ báo cáo chưa hết năm (not judged)",
  "—* báo cáo ghi chưa đạt nhưng không nêu số liệu (stated unmet, no figure)",
].join("\n");

/** Flags, issues and facts: the kinds an analyst reads. */
export const KIND_WORDS: Record<string, string> = {
  // flags
  unmet: "chưa đạt chỉ tiêu",
  // issues
  missing_number: "thiếu số văn bản",
  missing_date: "thiếu ngày ban hành",
  period_mismatch: "kỳ báo cáo không khớp",
  percent_mismatch: "tỷ lệ không khớp",
  conflicting_values: "số liệu mâu thuẫn",
  duplicate_paragraph: "đoạn văn lặp lại",
  unknown_unit: "không rõ đơn vị",
  ambiguous_unit: "đơn vị trùng tên",
  unknown_province: "không rõ tỉnh",
  ratio_over_100: "tỷ lệ trên 100%",
  not_a_report: "không phải báo cáo",
  off_topic: "ngoài chủ đề",
  missing_period: "thiếu kỳ báo cáo",
  missing_unit: "thiếu đơn vị",
  no_period: "không ghi kỳ báo cáo",
  conflicting_reports: "báo cáo mâu thuẫn",
  // facts
  percent: "tỷ lệ",
  ratio: "tỷ số",
  count: "số lượng",
  team: "Tổ CNSCĐ",
  yesno: "có/không",
  not_applicable: "không áp dụng",
  target: "chỉ tiêu",
};

/** The Vietnamese word for a kind, else the code itself (a new kind is still shown). */
export function kindWord(kind: unknown): string {
  return typeof kind === "string" ? (KIND_WORDS[kind] ?? kind) : "";
}

/** Columns as an analyst reads them: kinds and statuses in words, document names and ids never cut. */
export function presentColumns(columns: Column[]): Column[] {
  return columns.map((c) => {
    if (c.key === "kind" && !c.labels) return { ...c, labels: KIND_WORDS, width: Math.max(c.width ?? 0, 20) };
    if (c.key === "status" && !c.labels) return { ...c, labels: STATUS_LABELS };
    if (c.key === "document") return { ...COL.document, ...c, fit: "keep" };
    if (c.key === "document_id") return { ...COL.documentId, ...c, fit: "keep" };
    return c;
  });
}
