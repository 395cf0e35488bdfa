// `tonghop coverage --province P [--period R]`: who has reported for the round, who has not.

import { terminalWidth, wrapText } from "../../query/table.js";
import type { Command } from "commander";
import { coverage, COVERAGE_COLUMNS, coverageRows } from "../../query/coverage.js";
import { KIND_LABELS, LEVEL_LABELS, type Column } from "../../query/columns.js";
import { PERIOD_HELP } from "../../query/rounds.js";
import { addDbOption, examples, EXCEL_VN_HELP, print, withReadDb, type OutputFormat } from "./common.js";
import { Option } from "commander";

const MISSING_COLUMNS: Column[] = [
  { key: "code", title: "Mã", width: 6 },
  { key: "name", title: "Đơn vị", width: 24 },
  { key: "level", title: "Cấp", labels: LEVEL_LABELS, width: 8 },
];
const DOC_COLUMNS: Column[] = [
  { key: "document_id", title: "Mã VB", kind: "number", width: 6 },
  { key: "document", title: "Tệp", width: 30 },
  { key: "kind", title: "Loại", labels: KIND_LABELS, width: 9 },
  { key: "unit", title: "Đơn vị", width: 20 },
  { key: "issued_on", title: "Ngày ban hành", width: 12 },
  { key: "round", title: "Kỳ", width: 22 },
  { key: "counts", title: "Được tính", kind: "bool", width: 9 },
];

export function registerCoverage(program: Command): void {
  const cmd = program
    .command("coverage")
    .description("Đơn vị nào đã báo cáo trong một kỳ: mọi đơn vị chính thức của tỉnh, có hay chưa có báo cáo (và kế hoạch), cùng các văn bản (coverage)")
    .requiredOption("--province <name>", 'tỉnh (tên như cách viết, vd. "Thái Nguyên", hoặc mã tỉnh)')
    .option("--period <when>", `kỳ báo cáo (mặc định: kỳ gần nhất có báo cáo): ${PERIOD_HELP}`)
    .addOption(new Option("-f, --format <format>", "table, csv (mỗi dòng một đơn vị) hoặc json").choices(["table", "csv", "json"]).default("table"))
    .option("--excel-vn", EXCEL_VN_HELP);
  addDbOption(cmd);
  cmd.addHelpText(
    "after",
    examples(
      'tonghop coverage --province "Thái Nguyên"',
      'tonghop coverage --province "Thái Nguyên" --period 6T-2026 --format json   # keys: province, province_code, round,',
      "   units, reported, planned, missing [{code, name, level}], documents, no_period, conflicts",
      'tonghop coverage --province 19 --period "quý I/2026" --format csv > bao-cao-quy-1.csv',
    ),
  );
  cmd.action((opts: { province: string; period?: string; format: OutputFormat; db?: string; excelVn?: boolean }) =>
    withReadDb(opts, (db) => {
      const c = coverage(db, opts);
      if (opts.format === "json") return print("json", [], [], { json: c });
      if (opts.format === "csv") return print("csv", COVERAGE_COLUMNS, coverageRows(db, c), { csv: { excelVn: opts.excelVn } });
      const out = process.stdout;
      const w = terminalWidth();
      out.write(wrapText(`${c.province} — ${c.round ? `${c.round.label} (${c.round.start} → ${c.round.end})` : "chưa có báo cáo nào ghi kỳ báo cáo"}`, w) + "\n");
      out.write(wrapText(`Đơn vị: ${c.units}; đã báo cáo: ${c.reported}; ${c.partial.length ? `một phần (chỉ có báo cáo của xã cũ): ${c.partial.length}; ` : ""}chưa báo cáo: ${c.missing.length}; có kế hoạch${c.round ? ` năm ${c.round.end.slice(0, 4)}` : ""}: ${c.planned}`, w) + "\n");
      if (c.missing.length) {
        out.write(`\nChưa báo cáo (${c.missing.length}):\n`);
        print("table", MISSING_COLUMNS, c.missing as unknown as Record<string, unknown>[]);
      }
      if (c.partial.length) {
        out.write(`\nMột phần — chỉ có báo cáo của xã cũ trước 01/7/2025 (partial, ${c.partial.length}):\n`);
        print("table", [...MISSING_COLUMNS, { key: "former", title: "Xã cũ đã báo cáo", kind: "long", width: 40 }], c.partial.map((p) => ({ ...p, former: p.former_units.join("; ") })));
      }
      if (c.documents.length) {
        out.write(`\nVăn bản (${c.documents.length}):\n`);
        print("table", DOC_COLUMNS, c.documents as unknown as Record<string, unknown>[]);
      }
      if (c.no_period.length) {
        out.write(`\nBáo cáo không ghi kỳ (${c.no_period.length}): sửa bằng tonghop set --period\n`);
        print("table", DOC_COLUMNS.filter((col) => col.key !== "counts" && col.key !== "round"), c.no_period as unknown as Record<string, unknown>[]);
      }
      for (const k of c.conflicts) out.write("\n" + wrapText(`! ${k.unit}: ${k.message}`, w) + "\n");
    }),
  );
}
