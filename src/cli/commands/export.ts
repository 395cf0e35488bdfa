// `tonghop export --format csv|xlsx|json --out FILE`: the database for Excel and other tools.

import { Option, type Command } from "commander";
import { exportFile, type ExportFormat } from "../../query/export/files.js";
import { SHEETS, type SheetName } from "../../query/export/sheets.js";
import type { Filters } from "../../query/filters.js";
import { addDbOption, examples, EXCEL_VN_HELP, PERIOD_HELP, PROVINCE_HELP, withReadDbAsync } from "./common.js";

interface ExportOpts extends Filters {
  db?: string;
  format: ExportFormat;
  out: string;
  sheet?: SheetName;
  excelVn?: boolean;
}

export function registerExport(program: Command): void {
  const cmd = program
    .command("export")
    .description(
      "Xuất cho Excel và công cụ khác: XLSX (ma trận, đơn vị × chỉ tiêu, số liệu kèm trích dẫn, cảnh báo, văn bản, chú giải, đơn vị chưa báo cáo), CSV (một bảng) hoặc JSON (export)",
    )
    .addOption(new Option("-f, --format <format>", "xlsx, csv (UTF-8 có BOM) hoặc json").choices(["csv", "xlsx", "json"]).makeOptionMandatory())
    .requiredOption("-o, --out <file>", "tệp sẽ ghi")
    .addOption(
      new Option("--sheet <name>", "bảng nào: matrix (ma trận), values (đơn vị × chỉ tiêu), facts, flags, documents, legend, coverage (csv: mặc định matrix; xlsx/json: tất cả)").choices([
        ...SHEETS,
      ]),
    )
    .option("--excel-vn", EXCEL_VN_HELP)
    .option("--province <name>", PROVINCE_HELP)
    .option("--period <when>", PERIOD_HELP);
  addDbOption(cmd);
  cmd.addHelpText(
    "after",
    examples(
      "tonghop export --format xlsx --out tong-hop.xlsx",
      "tonghop export --format csv --out ma-tran.csv                  # ma trận, giá trị kèm dấu đánh giá",
      "tonghop export --format csv --sheet values --excel-vn --out dv-chi-tieu.csv",
      "tonghop export --format csv --sheet facts --out so-lieu.csv    # mọi số liệu kèm trích dẫn",
      'tonghop export --format json --out tong-hop.json --province "Khánh Hòa"',
    ),
  );
  cmd.action((opts: ExportOpts) =>
    withReadDbAsync(opts, async (db) => {
      await exportFile(db, opts.format, opts.out, opts, opts.sheet, { excelVn: opts.excelVn });
      process.stderr.write(`Đã ghi ${opts.out}\n`);
    }),
  );
}
