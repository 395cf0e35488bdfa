// `tonghop flags`: unmet targets and data issues by unit.

import type { Command } from "commander";
import { sortVi } from "../../collate.js";
import { FLAG_COLUMNS, flags } from "../../query/flags.js";
import { presentColumns } from "../../query/labels.js";
import { addReportOptions, examples, print, withReadDb, type ReportOpts } from "./common.js";

export function registerFlags(program: Command): void {
  const cmd = program
    .command("flags")
    .description("Chỉ tiêu chưa đạt và vấn đề dữ liệu (số liệu mâu thuẫn, kỳ không khớp, không rõ đơn vị …) theo đơn vị (unmet targets and data problems)");
  addReportOptions(cmd);
  cmd.addHelpText("after", examples("tonghop flags", 'tonghop flags --province "Khánh Hòa" --format csv > canh-bao.csv', "tonghop flags --period 2026 --format json"));
  cmd.action((opts: ReportOpts) =>
    withReadDb(opts, (db) => {
      const rows = sortVi(flags(db, opts), "province", "unit");
      const all = presentColumns(FLAG_COLUMNS);
      const columns = opts.format === "table" ? all.filter((c) => c.key !== "quote") : all;
      print(opts.format, columns, rows, { empty: "Không có cảnh báo nào (no flags)", csv: { excelVn: opts.excelVn } });
    }),
  );
}
