// `tonghop matrix`: units × indicators for one reporting round, each value with its status
// against the target ("*" unmet, "?" not judged), summary rows; a legend names each column.

import type { Command } from "commander";
import { indicatorWords, STATUS_LEGEND } from "../../query/labels.js";
import { matrix } from "../../query/matrix.js";
import { LONG_COLUMNS, longRows, matrixView, wideTable } from "../../query/matrix-view.js";
import { renderWideTable, terminalWidth, wrapText } from "../../query/table.js";
import { terminalSafe } from "../../query/text.js";
import { addReportOptions, addRoundOptions, examples, print, roundLine, withReadDb, type ReportOpts, type RoundOpts } from "./common.js";

export function registerMatrix(program: Command): void {
  const cmd = program
    .command("matrix")
    .description("Ma trận đơn vị × chỉ tiêu của một kỳ báo cáo: giá trị, đánh giá so với chỉ tiêu, Tổ CNSCĐ, dòng tổng hợp (units × indicators)")
    .option("-i, --indicators <codes>", "chỉ các chỉ tiêu này, cách nhau bằng dấu phẩy (vd. 3.1,3.2,3.3)")
    .option("--all-units", "mọi đơn vị chính thức của tỉnh (--province), đơn vị chưa gửi báo cáo ghi “chưa báo cáo”")
    .option("--long", "dạng dọc: mỗi dòng một đơn vị × chỉ tiêu (kỳ, giá trị, chỉ tiêu, chênh lệch, đánh giá, văn bản, trang, trích dẫn)");
  addReportOptions(cmd);
  addRoundOptions(cmd);
  cmd.addHelpText(
    "after",
    examples(
      "tonghop matrix",
      'tonghop matrix --indicators 3.1,3.2,3.3,3.4,3.5 --province "Thái Nguyên"',
      "tonghop matrix --format csv > ma-tran.csv              # giá trị kèm dấu đánh giá",
      "tonghop matrix --long --format csv --excel-vn > ma-tran-doc.csv",
      'tonghop matrix --province "Thái Nguyên" --period 6T-2026 --all-units',
      "tonghop matrix --latest-any        # giá trị mới nhất của mỗi đơn vị, kỳ nào cũng được",
      "",
      "Trong bảng: * chưa đạt chỉ tiêu, ? chưa đánh giá (kỳ báo cáo chưa hết năm), —* báo cáo ghi chưa đạt nhưng không có số.",
    ),
  );
  cmd.action((opts: ReportOpts & RoundOpts & { indicators?: string; long?: boolean; allUnits?: boolean }) =>
    withReadDb(opts, (db) => {
      const codes = opts.indicators?.split(",").map((c) => c.trim()).filter(Boolean);
      // JSON keeps matrix()'s shape: {province, unit, level, round, status, teams, members, values, unmet, cells}
      if (opts.format === "json" && !opts.long) return print("json", [], [], { json: matrix(db, opts, codes, { allUnits: opts.allUnits }).rows });
      const v = matrixView(db, opts, codes, { allUnits: opts.allUnits });
      if (opts.long) return print(opts.format, LONG_COLUMNS, longRows(v), { csv: { excelVn: opts.excelVn }, empty: "Không có số liệu nào (no values)" });
      if (opts.format === "csv") {
        const num = (n: number) => (opts.excelVn ? String(n).replace(".", ",") : String(n));
        const t = wideTable(v, { codes: true, level: true, format: num });
        return print("csv", t.columns, t.rows, { csv: { excelVn: opts.excelVn } });
      }
      if (!v.rows.length) return void process.stderr.write("Không có số liệu nào (no values)\n");
      const width = terminalWidth();
      const t = wideTable(v, { short: true, noRound: !!v.round });
      process.stdout.write(wrapText(roundLine(v.round, opts.latestAny), width) + "\n");
      process.stdout.write(renderWideTable(t.columns, t.rows, 2, width));
      const legend = v.indicators.map((i) => {
        const w = indicatorWords(i);
        return `  ${i.code}: ${terminalSafe(w.short)} (${w.unit}) — ${terminalSafe(i.label)}`;
      });
      const reporting = v.unitsInProvinces ? [`  Số đơn vị báo cáo: trên ${v.unitsInProvinces} đơn vị của ${v.unitsInProvinces > 200 ? "các tỉnh" : "tỉnh"} theo danh mục chính thức`] : [];
      process.stdout.write("\n" + wrapText([...legend, ...reporting, ...STATUS_LEGEND.split("\n").map((l) => "  " + l)].join("\n"), width) + "\n");
    }),
  );
}
