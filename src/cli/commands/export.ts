// `tonghop export --format csv|xlsx|json --out FILE`: the database for Excel and other tools.

import { Option, type Command } from "commander";
import { exportFile, type ExportFormat } from "../../query/export/files.js";
import { SHEETS, type ExportFilters, type SheetName } from "../../query/export/sheets.js";
import { addDbOption, addRoundOptions, examples, EXCEL_VN_HELP, PROVINCE_HELP, withReadDbAsync } from "./common.js";

interface ExportOpts extends ExportFilters {
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
      "Xuất cho Excel và công cụ khác: XLSX (ma trận, đơn vị × chỉ tiêu, số liệu kèm trích dẫn, cảnh báo, văn bản, chú giải, xu hướng, đơn vị báo cáo), CSV (một bảng) hoặc JSON (export)",
    )
    .addOption(new Option("-f, --format <format>", "xlsx, csv (UTF-8 có BOM) hoặc json").choices(["csv", "xlsx", "json"]).makeOptionMandatory())
    .requiredOption("-o, --out <file>", "tệp sẽ ghi")
    .addOption(
      new Option("--sheet <name>", "bảng nào: matrix (ma trận), values (đơn vị × chỉ tiêu), facts, flags, documents, legend, trend, coverage (csv: mặc định matrix; xlsx/json: tất cả)").choices([...SHEETS]),
    )
    .option("--excel-vn", EXCEL_VN_HELP)
    .option("--province <name>", PROVINCE_HELP + "; thêm bảng đơn vị báo cáo (coverage)")
    .option("--period <when>", "kỳ báo cáo")
    .option("--all-units", "ma trận liệt kê mọi đơn vị chính thức của tỉnh (--province), đơn vị thiếu ghi “chưa báo cáo”")
    .option("-i, --indicator <code>", "thêm bảng xu hướng: đơn vị × kỳ của chỉ tiêu này");
  addRoundOptions(cmd);
  addDbOption(cmd);
  cmd.addHelpText(
    "after",
    examples(
      "tonghop export --format xlsx --out tong-hop.xlsx",
      "tonghop export --format csv --out ma-tran.csv                  # ma trận, giá trị kèm dấu đánh giá",
      "tonghop export --format csv --sheet values --excel-vn --out dv-chi-tieu.csv",
      "tonghop export --format csv --sheet facts --out so-lieu.csv    # mọi số liệu kèm trích dẫn",
      'tonghop export --format json --out tong-hop.json --province "Khánh Hòa"',
      'tonghop export --format xlsx --out thai-nguyen.xlsx --province "Thái Nguyên" --period 6T-2026 --all-units --indicator 3.3',
    ),
  );
  cmd.action((opts: ExportOpts) =>
    withReadDbAsync(opts, async (db) => {
      await exportFile(db, opts.format, opts.out, opts, opts.sheet, { excelVn: opts.excelVn });
      process.stderr.write(`Đã ghi ${opts.out}\n`);
    }),
  );
}
