// `tonghop matrix`: units × indicators, latest values with their status against the target
// ("*" unmet, "?" not judged), the round, summary rows; a legend names each column.

import type { Command } from "commander";
import { indicatorWords, STATUS_LEGEND } from "../../query/labels.js";
import { matrix } from "../../query/matrix.js";
import { LONG_COLUMNS, longRows, matrixView, wideTable } from "../../query/matrix-view.js";
import { renderWideTable, terminalWidth, wrapText } from "../../query/table.js";
import { terminalSafe } from "../../query/text.js";
import { addReportOptions, examples, print, withReadDb, type ReportOpts } from "./common.js";

export function registerMatrix(program: Command): void {
  const cmd = program
    .command("matrix")
    .description("Ma trận đơn vị × chỉ tiêu: số liệu mới nhất của mỗi đơn vị, đánh giá so với chỉ tiêu, Tổ CNSCĐ, dòng tổng hợp (units × indicators)")
    .option("-i, --indicators <codes>", "chỉ các chỉ tiêu này, cách nhau bằng dấu phẩy (vd. 3.1,3.2,3.3)")
    .option("--long", "dạng dọc: mỗi dòng một đơn vị × chỉ tiêu (kỳ, giá trị, chỉ tiêu, còn thiếu, đánh giá, văn bản, trang, trích dẫn)");
  addReportOptions(cmd);
  cmd.addHelpText(
    "after",
    examples(
      "tonghop matrix",
      'tonghop matrix --indicators 3.1,3.2,3.3,3.4,3.5 --province "Thái Nguyên"',
      "tonghop matrix --format csv > ma-tran.csv              # giá trị kèm dấu đánh giá",
      "tonghop matrix --long --format csv --excel-vn > ma-tran-doc.csv",
      "",
      "Trong bảng: * chưa đạt chỉ tiêu, ? chưa đánh giá (kỳ báo cáo chưa hết năm), —* báo cáo ghi chưa đạt nhưng không có số.",
    ),
  );
  cmd.action((opts: ReportOpts & { indicators?: string; long?: boolean }) =>
    withReadDb(opts, (db) => {
      const codes = opts.indicators?.split(",").map((c) => c.trim()).filter(Boolean);
      const v = matrixView(db, opts, codes);
      if (opts.long) return print(opts.format, LONG_COLUMNS, longRows(v), { csv: { excelVn: opts.excelVn }, empty: "Không có số liệu nào khớp bộ lọc (no values)" });
      // JSON keeps matrix()'s shape: {province, unit, level, teams, members, values, unmet, …}
      if (opts.format === "json") return print("json", [], [], { json: matrix(db, opts, codes).rows });
      if (opts.format === "csv") {
        const num = (n: number) => (opts.excelVn ? String(n).replace(".", ",") : String(n));
        const t = wideTable(v, { codes: true, level: true, format: num });
        return print("csv", t.columns, t.rows, { csv: { excelVn: opts.excelVn } });
      }
      if (!v.rows.length) return void process.stderr.write("Không có số liệu nào khớp bộ lọc (no values)\n");
      const width = terminalWidth();
      const t = wideTable(v, { short: true });
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
