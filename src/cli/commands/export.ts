// `tonghop export --format csv|xlsx|json --out FILE`: the database for Excel and other tools.

import { Option, type Command } from "commander";
import { exportFile, type ExportFormat } from "../../query/export/files.js";
import { SHEETS, type SheetName } from "../../query/export/sheets.js";
import type { Filters } from "../../query/filters.js";
import { addDbOption, examples, withReadDbAsync } from "./common.js";

interface ExportOpts extends Filters {
  db?: string;
  format: ExportFormat;
  out: string;
  sheet?: SheetName;
}

export function registerExport(program: Command): void {
  const cmd = program
    .command("export")
    .description("Export for Excel and other tools: XLSX (sheets: matrix, facts with quotes, flags, documents), CSV (one table) or JSON")
    .addOption(new Option("-f, --format <format>", "xlsx, csv (UTF-8 with BOM) or json").choices(["csv", "xlsx", "json"]).makeOptionMandatory())
    .requiredOption("-o, --out <file>", "file to write")
    .addOption(new Option("--sheet <name>", "which table (csv: default matrix; xlsx/json: default all)").choices([...SHEETS]))
    .option("--province <name>", "only this province")
    .option("--period <when>", "only reports whose period ends then: 2026, 2026-06, 2025-08..2026-05");
  addDbOption(cmd);
  cmd.addHelpText(
    "after",
    examples(
      "tonghop export --format xlsx --out tong-hop.xlsx",
      "tonghop export --format csv --out ma-tran.csv                # the matrix",
      "tonghop export --format csv --sheet facts --out so-lieu.csv  # every figure with its quote",
      'tonghop export --format json --out tong-hop.json --province "Khánh Hòa"',
    ),
  );
  cmd.action((opts: ExportOpts) =>
    withReadDbAsync(opts, async (db) => {
      await exportFile(db, opts.format, opts.out, opts, opts.sheet);
      process.stderr.write(`Đã ghi ${opts.out}\n`);
    }),
  );
}
