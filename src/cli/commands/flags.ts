// `tonghop flags`: unmet targets and data-quality notes for one round, in two groups.

import type { Command } from "commander";
import { FLAG_COLUMNS, FLAG_GROUP_LABELS, flags, type FlagGroup } from "../../query/flags.js";
import { presentColumns } from "../../query/labels.js";
import { addReportOptions, addRoundOptions, examples, print, withReadDb, type ReportOpts, type RoundOpts } from "./common.js";

export function registerFlags(program: Command): void {
  const cmd = program
    .command("flags")
    .description("Chỉ tiêu chưa đạt và ghi chú chất lượng dữ liệu (báo cáo mâu thuẫn, kỳ không khớp, không rõ đơn vị …) của một kỳ báo cáo (unmet targets and data problems)")
    .option("--kind <kinds>", "chỉ các loại này, cách nhau bằng dấu phẩy: unmet, conflicting_reports, missing_date, period_mismatch …")
    .option("-i, --indicator <code>", "chỉ cảnh báo về chỉ tiêu này")
    .option("--latest", "chỉ báo cáo được tính cho mỗi đơn vị (không kể các bản nó thay thế)");
  addReportOptions(cmd);
  addRoundOptions(cmd, { latestAny: false });
  cmd.addHelpText(
    "after",
    examples(
      "tonghop flags",
      'tonghop flags --province "Khánh Hòa" --kind unmet --format csv > chua-dat.csv',
      "tonghop flags --indicator 3.3 --latest",
      "tonghop flags --period 6T-2026 --judge prorata --format json",
    ),
  );
  cmd.action((opts: ReportOpts & RoundOpts & { kind?: string; indicator?: string; latest?: boolean }) =>
    withReadDb(opts, (db) => {
      const rows = flags(db, opts);
      const COLUMNS = presentColumns(FLAG_COLUMNS);
      if (opts.format !== "table") return print(opts.format, COLUMNS, rows, { empty: "Không có cảnh báo nào (no flags)", csv: { excelVn: opts.excelVn } });
      if (!rows.length) return print("table", COLUMNS, rows, { empty: "Không có cảnh báo nào (no flags)" });
      const hide = new Set(["group", "quote", "target_source"]);
      for (const g of ["target", "quality"] as FlagGroup[]) {
        const part = rows.filter((r) => r.group === g);
        if (!part.length) continue;
        const columns = COLUMNS.filter((c) => !hide.has(c.key) && (g === "target" || !["value", "target", "gap"].includes(c.key)));
        process.stdout.write(`${FLAG_GROUP_LABELS[g]} (${part.length})\n`);
        print("table", columns, part);
        process.stdout.write("\n");
      }
    }),
  );
}
