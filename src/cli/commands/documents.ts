// `tonghop documents`: what the database holds.

import { Option, type Command } from "commander";
import { DOCUMENT_COLUMNS, documents } from "../../query/documents.js";
import { addReportOptions, examples, print, withReadDb, type ReportOpts } from "./common.js";

const TABLE_KEYS = new Set(["document_id", "document", "kind", "province", "unit", "number", "issued_on", "round", "facts", "issues", "duplicate_of"]);

export function registerDocuments(program: Command): void {
  const cmd = program
    .command("documents")
    .description("Liệt kê văn bản đã lưu: tệp, loại, đơn vị, kỳ, số số liệu và vấn đề, bản trùng (list stored documents)")
    .addOption(new Option("--kind <kind>", "chỉ báo cáo (report), kế hoạch (plan) hoặc văn bản khác (other)").choices(["report", "plan", "other"]))
    .option("--removed", "chỉ các văn bản đã loại bằng tonghop remove (removed)");
  addReportOptions(cmd);
  cmd.addHelpText("after", examples("tonghop documents", "tonghop documents --kind plan --format json", "tonghop documents --removed", 'tonghop documents --province "Thái Nguyên" --period 2026'));
  cmd.action((opts: ReportOpts & { kind?: string; removed?: boolean }) =>
    withReadDb(opts, (db) => {
      const rows = documents(db, opts, { kind: opts.kind, removed: opts.removed });
      const columns = opts.format === "table" ? DOCUMENT_COLUMNS.filter((c) => TABLE_KEYS.has(c.key)) : DOCUMENT_COLUMNS;
      print(opts.format, columns, rows, { empty: "Không có văn bản nào khớp bộ lọc (no documents)", csv: { excelVn: opts.excelVn } });
    }),
  );
}
