// `tonghop documents`: what the database holds.

import { Option, type Command } from "commander";
import { DOCUMENT_COLUMNS, documents } from "../../query/documents.js";
import { addReportOptions, examples, print, withReadDb, type ReportOpts } from "./common.js";

const TABLE_KEYS = new Set(["id", "name", "kind", "province", "unit", "number", "issued_on", "round", "facts", "issues", "duplicate_of"]);

export function registerDocuments(program: Command): void {
  const cmd = program
    .command("documents")
    .description("List the stored documents: file, kind, unit, period, number of figures and issues, duplicates")
    .addOption(new Option("--kind <kind>", "only reports, plans or other documents").choices(["report", "plan", "other"]))
    .option("--removed", "only the documents removed with tonghop remove");
  addReportOptions(cmd);
  cmd.addHelpText("after", examples("tonghop documents", "tonghop documents --kind plan --format json", "tonghop documents --removed", 'tonghop documents --province "Thái Nguyên" --period 2026'));
  cmd.action((opts: ReportOpts & { kind?: string; removed?: boolean }) =>
    withReadDb(opts, (db) => {
      const rows = documents(db, opts, { kind: opts.kind, removed: opts.removed });
      const columns = opts.format === "table" ? DOCUMENT_COLUMNS.filter((c) => TABLE_KEYS.has(c.key)) : DOCUMENT_COLUMNS;
      print(opts.format, columns, rows, { empty: "Cơ sở dữ liệu chưa có văn bản nào (no documents): chạy tonghop import" });
    }),
  );
}
