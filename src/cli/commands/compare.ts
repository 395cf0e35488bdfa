// `tonghop compare --indicator CODE`: one row per unit, its latest value, weakest first.

import type { Command } from "commander";
import { compare, COMPARE_COLUMNS } from "../../query/compare.js";
import { indicator } from "../../query/indicators.js";
import { addReportOptions, examples, print, withReadDb, type ReportOpts } from "./common.js";

export function registerCompare(program: Command): void {
  const cmd = program
    .command("compare")
    .description("Compare units on one indicator: each unit's latest value, target and whether it is met, weakest first")
    .requiredOption("-i, --indicator <code>", "indicator code, e.g. 3.3 (see rules/indicators.yaml)");
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
      if (opts.format === "table" && rows.length) process.stdout.write(`${opts.indicator} — ${indicator(db, opts.indicator).label}\n`);
      print(opts.format, COMPARE_COLUMNS, rows as unknown as Record<string, unknown>[], {
        empty: `Chưa có đơn vị nào báo cáo chỉ tiêu ${opts.indicator} (no values)`,
      });
    }),
  );
}
