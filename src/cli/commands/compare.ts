// `tonghop compare --indicator CODE`: one row per unit, its latest value, weakest first.

import type { Command } from "commander";
import { compareVi } from "../../collate.js";
import { compare, COMPARE_COLUMNS } from "../../query/compare.js";
import { presentColumns } from "../../query/labels.js";
import { indicator } from "../../query/indicators.js";
import { terminalWidth, wrapText } from "../../query/table.js";
import { addReportOptions, examples, print, withReadDb, type ReportOpts } from "./common.js";

export function registerCompare(program: Command): void {
  const cmd = program
    .command("compare")
    .description("So sánh các đơn vị theo một chỉ tiêu: số liệu mới nhất, chỉ tiêu đặt ra, đạt hay chưa, yếu nhất trước (compare units on one indicator)")
    .requiredOption("-i, --indicator <code>", "mã chỉ tiêu, vd. 3.3 (xem rules/indicators.yaml hoặc tonghop matrix)");
  addReportOptions(cmd);
  cmd.addHelpText(
    "after",
    examples(
      "tonghop compare --indicator 3.3",
      'tonghop compare --indicator 3.1 --province "Khánh Hòa" --period 2025',
      "tonghop compare --indicator 3.3 --format json   # keys: province, unit, level, period_start, period_end,",
      "                                                #   value, qualifier, role, target, unmet, document, quote",
      "tonghop compare --indicator 3.3 --format csv > so-sanh-3.3.csv",
    ),
  );
  cmd.action((opts: ReportOpts & { indicator: string }) =>
    withReadDb(opts, (db) => {
      const rows = compare(db, opts.indicator, opts);
      // weakest first as compare() orders them; between equals, Vietnamese order of province and unit
      const rank = new Map(rows.map((r, i) => [r, i]));
      const same = (a: (typeof rows)[number], b: (typeof rows)[number]) => a.unmet === b.unmet && a.value === b.value;
      rows.sort((a, b) => (same(a, b) ? compareVi(a.province, b.province) || compareVi(a.unit, b.unit) : rank.get(a)! - rank.get(b)!));
      if (opts.format === "table" && rows.length) process.stdout.write(wrapText(`${opts.indicator} — ${indicator(db, opts.indicator).label}`, terminalWidth()) + "\n");
      print(opts.format, presentColumns(COMPARE_COLUMNS), rows as unknown as Record<string, unknown>[], {
        empty: `Chưa có đơn vị nào báo cáo chỉ tiêu ${opts.indicator} (no values)`,
        csv: { excelVn: opts.excelVn },
      });
    }),
  );
}
