// `tonghop show DOCUMENT`: one document with its sections and every fact, quote and page.

import type { Command } from "commander";
import { KIND_LABELS, LEVEL_LABELS, type Row } from "../../query/columns.js";
import { toCsv } from "../../query/csv.js";
import { indicatorHeader, kindWord, STATUS_LABELS } from "../../query/labels.js";
import { statusOf } from "../../query/matrix-view.js";
import { findByUnit, showDocument, type ShownDocument } from "../../query/show.js";
import { renderTable, terminalWidth, wrapText } from "../../query/table.js";
import { StoreError } from "../../store/index.js";
import { formatNumber, terminalSafe } from "../../query/text.js";
import { addReportOptions, examples, PERIOD_HELP, PROVINCE_HELP, withReadDb, type ReportOpts } from "./common.js";
import { FACT_COLUMNS_SHOW } from "./show-columns.js";
import { changeLine, placeNames } from "./correct.js";

export function registerShow(program: Command): void {
  const cmd = program
    .command("show")
    .description("Xem một văn bản đã lưu: thông tin, mục, mọi số liệu kèm trích dẫn và trang, chỉ tiêu, vấn đề (show one document)")
    .argument("[document]", "mã văn bản, tên tệp, đường dẫn hoặc đầu SHA-256 (xem tonghop documents)")
    .option("-u, --unit <name>", "báo cáo mới nhất của đơn vị này (xã, phường), thay cho DOCUMENT")
    .option("--province <name>", PROVINCE_HELP + " (cùng --unit)")
    .option("--period <when>", PERIOD_HELP + " (cùng --unit)");
  addReportOptions(cmd, { filters: false });
  cmd.addHelpText(
    "after",
    examples(
      "tonghop show 3",
      "tonghop show 001_715a5b70f3b78fcd.pdf",
      'tonghop show --unit "Vĩnh Thông" --period 2026',
      "tonghop show 5f2c9a --format json",
      "tonghop show 3 --format csv > so-lieu.csv   # các số liệu",
    ),
  );
  cmd.action((ref: string | undefined, opts: ReportOpts & { unit?: string }) =>
    withReadDb(opts, (db) => {
      if (!ref && !opts.unit) throw new StoreError("Cần DOCUMENT (mã, tên tệp) hoặc --unit TÊN (document or --unit required): xem tonghop show --help");
      if (ref && opts.unit) throw new StoreError("Chọn DOCUMENT hoặc --unit, không dùng cả hai (document or --unit, not both)");
      const d = showDocument(db, opts.unit ? findByUnit(db, opts.unit, opts) : ref!);
      if (opts.format === "json") process.stdout.write(JSON.stringify(d, null, 2) + "\n");
      else if (opts.format === "csv") process.stdout.write(toCsv(FACT_COLUMNS_SHOW, d.facts, { excelVn: opts.excelVn }));
      else process.stdout.write(wrapText(showText(d, terminalWidth(), placeNames(db)), terminalWidth()));
    }),
  );
}

function v(x: unknown): string {
  if (x == null || x === "") return "—";
  return typeof x === "number" ? formatNumber(x) : terminalSafe(String(x));
}

function showText(d: ShownDocument, width: number, names?: (field: string | null, value: string | null) => string): string {
  const m = d.document;
  const out: string[] = [];
  out.push(`${v(m.document)}  (mã ${m.document_id}, ${v(m.format)}${m.pages ? `, ${m.pages} trang` : ""}${m.ocr ? ", có trang đọc từ bản scan (OCR)" : ""})`);
  out.push(`  Loại:        ${KIND_LABELS[String(m.kind)] ?? v(m.kind)}    Số: ${v(m.number)}    Ngày: ${v(m.issued_on)}`);
  out.push(`  Đơn vị:      ${v(m.unit)} (${LEVEL_LABELS[String(m.level)] ?? v(m.level)}), ${v(m.province)}${m.unit_code ? ` — mã ${m.unit_code}` : ""}`);
  out.push(`  Kỳ báo cáo:  ${v(m.period_start)} → ${v(m.period_end)}`);
  out.push(`  Người ký:    ${v(m.signer_name)}${m.signer_title ? `, ${v(m.signer_title)}` : ""}`);
  out.push(`  Tổ CNSCĐ:    ${v(m.teams)} tổ, ${v(m.members)} thành viên`);
  if (m.duplicate_of) out.push(`  Trùng với văn bản mã ${m.duplicate_of} (same report in another format)`);
  if (m.former_unit)
    out.push(`  Trước 01/7/2025: ${v(m.former_unit)}${m.partial ? ` — một phần của đơn vị mới, hợp nhất từ ${(m.merged_from as string[]).join(", ")} (partial)` : ""}`);
  else if (m.unit_as_written && m.unit_as_written !== m.unit) out.push(`  Văn bản ghi:  ${v(m.unit_as_written)}`);
  if (m.removed) out.push(`  ĐÃ LOẠI khỏi tổng hợp (removed): tonghop restore ${m.document_id} để đưa lại`);
  if (m.chosen) out.push("  Được chọn là báo cáo tính cho đơn vị và kỳ này (chosen)");
  out.push(`  Tệp:         ${v(m.path)}`);
  out.push(`  SHA-256:     ${m.sha256}`, `  Quy tắc:     ${m.rules_version}`);
  if (d.sections.length) {
    out.push("", `Mục (${d.sections.length}):`);
    for (const s of d.sections) out.push(`  ${"  ".repeat(Math.max(0, Number(s.level) - 1))}${s.number ? s.number + " " : ""}${v(s.title)}${s.page ? ` (tr. ${s.page})` : ""}`);
  }
  if (d.indicators.length) {
    out.push("", "Chỉ tiêu:");
    const rows = d.indicators.map((r) => ({ ...r, label: indicatorHeader({ code: String(r.indicator), label: String(r.label ?? r.indicator), unit: String(r.unit ?? "") }), status: statusOf({ value: r.value as number | null, target: r.target as number | null, unmet: r.unmet as number | null }, false, r.status) }));
    out.push(indent(renderTable(
      [
        { key: "indicator", title: "Mã", kind: "text", width: 22, fit: "keep" },
        { key: "label", title: "Chỉ tiêu", kind: "long", width: 40, min: 12 },
        { key: "value", title: "Giá trị", kind: "number" },
        { key: "target", title: "Mục tiêu", kind: "number" },
        { key: "status", title: "Đánh giá", labels: STATUS_LABELS, fit: "keep" },
        { key: "fact", title: "Số liệu", fit: "keep" },
      ],
      rows,
      { total: width - 2 },
    )));
  }
  if (d.facts.length) {
    out.push("", `Số liệu (${d.facts.length}):`);
    for (const f of d.facts) out.push(`  ${factHead(f)}${f.page ? ` (tr. ${f.page})` : ""}${f.ocr_confidence != null ? ` [OCR ${Math.round(Number(f.ocr_confidence))}%]` : ""}`, `      “${v(f.quote)}”`);
  }
  if (d.history.length) {
    out.push("", "Sửa đổi của người phân tích (corrections):");
    for (const c of d.history) out.push(changeLine(c, names));
  }
  if (d.issues.length) {
    out.push("", "Vấn đề:");
    for (const i of d.issues) out.push(`  ⚠ ${kindWord(i.kind)}${i.indicator ? ` [${i.indicator}]` : ""}: ${v(i.message)}`);
  }
  return out.join("\n") + "\n";
}

function factHead(f: Row): string {
  const ind = f.indicator ? `[${v(f.indicator)}] ` : "";
  const role = f.role === "target" ? " (mục tiêu)" : "";
  switch (f.kind) {
    case "ratio":
      return `${f.id} ${ind}${v(f.num)}/${v(f.den)} = ${v(f.value)}%${role}`;
    case "percent":
      return `${f.id} ${ind}${v(f.value)}%${role}`;
    case "count":
      return `${f.id} ${ind}${v(f.value)} ${v(f.unit)}${role}`;
    case "team":
      return `${f.id} Tổ CNSCĐ: ${v(f.teams)} tổ, ${v(f.members)} thành viên`;
    case "yesno":
      return `${f.id} ${ind}${f.value ? "Có" : "Không"}`;
    case "unmet":
      return `${f.id} ${ind}chưa đạt chỉ tiêu`;
    default:
      return `${f.id} ${ind}${v(f.kind)}`;
  }
}

function indent(s: string): string {
  return s.trimEnd().split("\n").map((l) => "  " + l).join("\n");
}
