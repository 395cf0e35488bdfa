// `tonghop export --format csv|xlsx|json --out FILE`: the database for Excel and other tools.

import { Option, type Command } from "commander";
import { exportFile, type ExportFormat } from "../../query/export/files.js";
import { SHEETS, type ExportFilters, type SheetName } from "../../query/export/sheets.js";
import { addDbOption, addRoundOptions, examples, withReadDbAsync } from "./common.js";

interface ExportOpts extends ExportFilters {
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
    .option("--period <when>", "the reporting round")
    .option("--all-units", "the matrix lists every official unit of the province (--province), missing ones “chưa báo cáo”")
    .option("-i, --indicator <code>", "adds the trend sheet: units × rounds for this indicator");
  addRoundOptions(cmd);
  addDbOption(cmd);
  cmd.addHelpText(
    "after",
    examples(
      "tonghop export --format xlsx --out tong-hop.xlsx",
      "tonghop export --format csv --out ma-tran.csv                # the matrix",
      "tonghop export --format csv --sheet facts --out so-lieu.csv  # every figure with its quote",
      'tonghop export --format json --out tong-hop.json --province "Khánh Hòa"',
      'tonghop export --format xlsx --out thai-nguyen.xlsx --province "Thái Nguyên" --period 6T-2026 --all-units --indicator 3.3',
    ),
  );
  cmd.action((opts: ExportOpts) =>
    withReadDbAsync(opts, async (db) => {
      await exportFile(db, opts.format, opts.out, opts, opts.sheet);
      process.stderr.write(`Đã ghi ${opts.out}\n`);
    }),
  );
}
