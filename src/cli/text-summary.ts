// Human-readable summary of an extraction document (`--format text`).

import type { ExtractionDocument, Fact } from "../extract/types.js";
import { KIND_LABELS } from "../query/columns.js";
import { kindWord } from "../query/labels.js";

function factLine(f: Fact): string {
  const where = f.page != null ? ` (tr. ${f.page})` : "";
  const ind = f.indicator ? `[${f.indicator}] ` : "";
  const q = f.quote.length > 110 ? f.quote.slice(0, 107) + "…" : f.quote;
  switch (f.kind) {
    case "percent":
      return `  ${ind}${qual(f.qualifier)}${f.value}%${f.role === "target" ? " (chỉ tiêu)" : ""}${where}: ${q}`;
    case "ratio":
      return `  ${ind}${f.num}/${f.den} = ${f.percent}%${f.stated_percent != null ? ` (ghi ${f.stated_percent}%)` : ""}${where}: ${q}`;
    case "count":
      return `  ${ind}${qual(f.qualifier)}${f.value} ${f.unit}${where}: ${q}`;
    case "team":
      return `  Tổ CNSCĐ: ${f.teams ?? "?"} tổ, ${f.members ?? "?"} thành viên${where}: ${q}`;
    case "unmet":
      return `  ⚠ chưa đạt ${ind}${where}: ${q}`;
    case "yesno":
      return `  ${ind}${f.value ? "Có" : "Không"}${where}: ${q}`;
    case "not_applicable":
      return `  ${ind}không thuộc thẩm quyền${where}: ${q}`;
  }
}

const LEVEL: Record<string, string> = { xa: "xã", phuong: "phường", dac_khu: "đặc khu" };

function qual(q: string): string {
  return q === "about" ? "~" : q === "over" ? ">" : q === "under" ? "<" : "";
}

export function formatExtractionText(x: ExtractionDocument): string {
  const d = x.document;
  const lines = [
    `${x.source.file} (${x.source.format}${x.source.pages ? `, ${x.source.pages} trang` : ""})`,
    `  Loại: ${KIND_LABELS[d.kind] ?? d.kind}   Số: ${d.number ?? "—"}   Ngày: ${d.issued_on ?? "—"}`,
    `  Đơn vị: ${LEVEL[d.unit.level ?? ""] ?? ""} ${d.unit.name ?? "—"}   Tỉnh/thành: ${d.province ?? "—"}`,
    `  Kỳ: ${d.period ? `${d.period.start} → ${d.period.end}` : "—"}   Người ký: ${d.signer.name ?? "—"}${d.signer.title ? ` (${d.signer.title})` : ""}`,
    `Mục (${x.sections.length}):`,
    ...x.sections.map((s) => `${"  ".repeat(s.level)}${s.number ? s.number + ". " : ""}${s.title}`),
    `Số liệu (${x.facts.length}):`,
    ...x.facts.map(factLine),
    `Tổ công nghệ số cộng đồng: ${x.teams.teams ?? "—"} tổ, ${x.teams.members ?? "—"} thành viên`,
    `Chỉ số:`,
    ...Object.entries(x.indicators).map(
      ([k, v]) => `  ${k}: ${v.status === "not_applicable" ? "không thuộc thẩm quyền" : String(v.value)}${v.role === "target" ? " (chỉ tiêu)" : ""}${v.unmet ? " ⚠ chưa đạt" : ""}`,
    ),
    `Vấn đề (${x.issues.length}):`,
    ...x.issues.map((i) => `  ${kindWord(i.kind)}: ${i.message}`),
  ];
  return lines.join("\n");
}
