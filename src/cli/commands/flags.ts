// `tonghop flags`: unmet targets and data-quality notes for one round, in two groups.

import type { Command } from "commander";
import { FLAG_COLUMNS, FLAG_GROUP_LABELS, flags, type FlagGroup } from "../../query/flags.js";
import { addReportOptions, addRoundOptions, examples, print, withReadDb, type ReportOpts, type RoundOpts } from "./common.js";

export function registerFlags(program: Command): void {
  const cmd = program
    .command("flags")
    .description("Unmet targets and data-quality notes (conflicting reports, period mismatches, unknown units …) for one reporting round")
    .option("--kind <kinds>", "only these kinds, comma-separated: unmet, conflicting_reports, missing_date, period_mismatch …")
    .option("-i, --indicator <code>", "only flags about this indicator")
    .option("--latest", "only the report that counts for each unit (not the ones it replaces)");
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
      if (opts.format !== "table") return print(opts.format, FLAG_COLUMNS, rows, { empty: "Không có cảnh báo nào (no flags)" });
      if (!rows.length) return print("table", FLAG_COLUMNS, rows, { empty: "Không có cảnh báo nào (no flags)" });
      const hide = new Set(["group", "quote", "target_source"]);
      for (const g of ["target", "quality"] as FlagGroup[]) {
        const part = rows.filter((r) => r.group === g);
        if (!part.length) continue;
        const columns = FLAG_COLUMNS.filter((c) => !hide.has(c.key) && (g === "target" || !["value", "target", "gap"].includes(c.key)));
        process.stdout.write(`${FLAG_GROUP_LABELS[g]} (${part.length})\n`);
        print("table", columns, part);
        process.stdout.write("\n");
      }
    }),
  );
}
