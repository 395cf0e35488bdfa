// `tonghop show DOCUMENT`: one document with its sections and every fact, quote and page.

import type { Command } from "commander";
import { KIND_LABELS, LEVEL_LABELS, type Row } from "../../query/columns.js";
import { toCsv } from "../../query/csv.js";
import { showDocument, type ShownDocument } from "../../query/show.js";
import { renderTable } from "../../query/table.js";
import { formatNumber, terminalSafe } from "../../query/text.js";
import { addReportOptions, examples, withReadDb, type ReportOpts } from "./common.js";
import { FACT_COLUMNS_SHOW } from "./show-columns.js";
import { changeLine, placeNames } from "./correct.js";

export function registerShow(program: Command): void {
  const cmd = program
    .command("show")
    .description("Show one stored document: metadata, sections, every figure with its quote and page, indicator values, issues")
    .argument("<document>", "document id, file name, path or SHA-256 prefix (see tonghop documents)");
  addReportOptions(cmd, { filters: false });
  cmd.addHelpText("after", examples("tonghop show 3", "tonghop show 001_715a5b70f3b78fcd.pdf", "tonghop show 5f2c9a --format json", "tonghop show 3 --format csv > so-lieu.csv   # the figures"));
  cmd.action((ref: string, opts: ReportOpts) =>
    withReadDb(opts, (db) => {
      const d = showDocument(db, ref);
      if (opts.format === "json") process.stdout.write(JSON.stringify(d, null, 2) + "\n");
      else if (opts.format === "csv") process.stdout.write(toCsv(FACT_COLUMNS_SHOW, d.facts));
      else process.stdout.write(showText(d, placeNames(db)));
    }),
  );
}

function v(x: unknown): string {
  if (x == null || x === "") return "—";
  return typeof x === "number" ? formatNumber(x) : terminalSafe(String(x));
}

function showText(d: ShownDocument, names?: (field: string | null, value: string | null) => string): string {
  const m = d.document;
  const out: string[] = [];
  out.push(`${v(m.name)}  (mã ${m.id}, ${v(m.format)}${m.pages ? `, ${m.pages} trang` : ""})`);
  out.push(`  Loại:        ${KIND_LABELS[String(m.kind)] ?? v(m.kind)}    Số: ${v(m.number)}    Ngày: ${v(m.issued_on)}`);
  out.push(`  Đơn vị:      ${v(m.unit)} (${LEVEL_LABELS[String(m.level)] ?? v(m.level)}), ${v(m.province)}${m.unit_code ? ` — mã ${m.unit_code}` : ""}`);
  out.push(`  Kỳ báo cáo:  ${v(m.period_start)} → ${v(m.period_end)}`);
  out.push(`  Người ký:    ${v(m.signer_name)}${m.signer_title ? `, ${v(m.signer_title)}` : ""}`);
  out.push(`  Tổ CNSCĐ:    ${v(m.teams)} tổ, ${v(m.team_members)} thành viên`);
  if (m.duplicate_of) out.push(`  Trùng với văn bản mã ${m.duplicate_of} (same report in another format)`);
  if (m.former_unit)
    out.push(`  Trước 01/7/2025: ${v(m.former_unit)}${m.partial ? ` — một phần của đơn vị mới, hợp nhất từ ${(m.merged_from as string[]).join(", ")} (partial)` : ""}`);
  else if (m.unit_as_written && m.unit_as_written !== m.unit) out.push(`  Văn bản ghi:  ${v(m.unit_as_written)}`);
  if (m.removed) out.push(`  ĐÃ LOẠI khỏi tổng hợp (removed): tonghop restore ${m.id} để đưa lại`);
  if (m.chosen) out.push("  Được chọn là báo cáo tính cho đơn vị và kỳ này (chosen)");
  out.push(`  Tệp:         ${v(m.path)}`);
  out.push(`  SHA-256:     ${m.sha256}   quy tắc ${m.rules_version}`);
  if (d.sections.length) {
    out.push("", `Mục (${d.sections.length}):`);
    for (const s of d.sections) out.push(`  ${"  ".repeat(Math.max(0, Number(s.level) - 1))}${s.number ? s.number + " " : ""}${v(s.title)}${s.page ? ` (tr. ${s.page})` : ""}`);
  }
  if (d.indicators.length) {
    out.push("", "Chỉ tiêu:");
    out.push(indent(renderTable(
      [
        { key: "indicator", title: "Mã", width: 22 },
        { key: "label", title: "Chỉ tiêu", width: 48 },
        { key: "value", title: "Giá trị", kind: "number" },
        { key: "target", title: "Mục tiêu", kind: "number" },
        { key: "unmet", title: "Chưa đạt", kind: "bool" },
        { key: "fact", title: "Số liệu" },
      ],
      d.indicators,
    )));
  }
  if (d.facts.length) {
    out.push("", `Số liệu (${d.facts.length}):`);
    for (const f of d.facts) out.push(`  ${factHead(f)}${f.page ? ` (tr. ${f.page})` : ""}`, `      “${v(f.quote)}”`);
  }
  if (d.history.length) {
    out.push("", "Sửa đổi của người phân tích (corrections):");
    for (const c of d.history) out.push(changeLine(c, names));
  }
  if (d.issues.length) {
    out.push("", "Vấn đề:");
    for (const i of d.issues) out.push(`  ⚠ ${i.kind}${i.indicator ? ` [${i.indicator}]` : ""}: ${v(i.message)}`);
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
