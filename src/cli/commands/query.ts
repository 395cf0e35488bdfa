// `tonghop query "SQL"`: any read-only SQL over the database; JSON rows by default.

import type { Command } from "commander";
import { toCsv } from "../../query/csv.js";
import { runSql } from "../../query/sql.js";
import { renderTable } from "../../query/table.js";
import { addReportOptions, examples, withReadDb, type ReportOpts } from "./common.js";

export function registerQuery(program: Command): void {
  const cmd = program
    .command("query")
    .description("Chạy một câu lệnh SQL chỉ đọc trên cơ sở dữ liệu (bảng, view v_*, tìm kiếm document_search) và in kết quả (query)")
    .argument("<sql>", "một câu lệnh SELECT (hoặc PRAGMA)");
  addReportOptions(cmd, { filters: false, defaultFormat: "json" });
  cmd.addHelpText(
    "after",
    examples(
      'tonghop query "select unit, indicator, value, target, unmet from v_latest_values where indicator = \'3.3\'"',
      "tonghop query \"select d.name from document_search s join documents d on d.id = s.rowid where document_search match 'text_folded: \\\"hoc vu so\\\"'\"",
      'tonghop query "pragma integrity_check"',
      'tonghop query "select * from import_errors" --format csv > loi.csv',
      "",
      "Kết nối chỉ đọc: INSERT, UPDATE, DELETE, CREATE … bị từ chối.",
      "fold(text) bỏ dấu và đổi đ→d như cột tìm kiếm text_folded.",
    ),
  );
  cmd.action((sql: string, opts: ReportOpts) =>
    withReadDb(opts, (db) => {
      const r = runSql(db, sql);
      if (opts.format === "json") {
        process.stdout.write("[");
        let first = true;
        for (const row of r.rows) {
          process.stdout.write((first ? "\n  " : ",\n  ") + JSON.stringify(row));
          first = false;
        }
        process.stdout.write(first ? "]\n" : "\n]\n");
        return;
      }
      const rows = [...r.rows];
      const columns = r.columns.map((c) => ({ key: c, title: c, width: 80 }));
      process.stdout.write(opts.format === "csv" ? toCsv(columns, rows) : renderTable(columns, rows));
    }),
  );
}
