// `tonghop flags`: unmet targets and data issues by unit.

import type { Command } from "commander";
import { FLAG_COLUMNS, flags } from "../../query/flags.js";
import { addReportOptions, examples, print, withReadDb, type ReportOpts } from "./common.js";

export function registerFlags(program: Command): void {
  const cmd = program.command("flags").description("Unmet targets and data problems (conflicting figures, period mismatches, unknown units …) by unit");
  addReportOptions(cmd);
  cmd.addHelpText("after", examples("tonghop flags", 'tonghop flags --province "Khánh Hòa" --format csv > canh-bao.csv', "tonghop flags --period 2026 --format json"));
  cmd.action((opts: ReportOpts) =>
    withReadDb(opts, (db) => {
      const rows = flags(db, opts);
      const columns = opts.format === "table" ? FLAG_COLUMNS.filter((c) => c.key !== "quote") : FLAG_COLUMNS;
      print(opts.format, columns, rows, { empty: "Không có cảnh báo nào (no flags)" });
    }),
  );
}
