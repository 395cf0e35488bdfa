// `tonghop matrix`: units × indicators, latest values; "*" marks a value below its target.

import type { Command } from "commander";
import { matrix, matrixTable } from "../../query/matrix.js";
import { renderWideTable } from "../../query/table.js";
import { formatNumber, terminalSafe } from "../../query/text.js";
import { addReportOptions, addRoundOptions, examples, print, roundLine, withReadDb, type ReportOpts, type RoundOpts } from "./common.js";

function cutTo(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + "…" : s;
}

export function registerMatrix(program: Command): void {
  const cmd = program
    .command("matrix")
    .description("Units × indicators: each unit's latest value for every indicator reported, with its community digital technology teams")
    .option("-i, --indicators <codes>", "only these indicators, comma-separated (e.g. 3.1,3.2,3.3)")
    .option("--all-units", "every official unit of the province (--province), those without a report marked “chưa báo cáo”");
  addReportOptions(cmd);
  addRoundOptions(cmd);
  cmd.addHelpText(
    "after",
    examples(
      "tonghop matrix",
      "tonghop matrix --indicators 3.1,3.2,3.3,3.4,3.5 --province \"Thái Nguyên\"",
      "tonghop matrix --format csv > ma-tran.csv",
      'tonghop matrix --province "Thái Nguyên" --period 6T-2026 --all-units',
      "tonghop matrix --latest-any        # each unit's latest value, whatever the round",
      "",
      'In the table, "*" marks a value below its target (or a report saying it was not met).',
    ),
  );
  cmd.action((opts: ReportOpts & RoundOpts & { indicators?: string; allUnits?: boolean }) =>
    withReadDb(opts, (db) => {
      const codes = opts.indicators?.split(",").map((c) => c.trim()).filter(Boolean);
      const m = matrix(db, opts, codes, { allUnits: opts.allUnits });
      if (opts.format === "json") return print("json", [], [], { json: m.rows });
      const t = matrixTable(m, opts.format === "table" ? { mark: (v, i) => (v == null ? "—" : i.unit === "yesno" ? (v ? "có" : "không") : formatNumber(v)) } : {});
      // the level column adds little in a terminal: the unit's name says xã/phường in the legend of reports
      if (opts.format === "table") t.columns = t.columns.filter((c) => c.key !== "level" && (c.key !== "round" || !m.round));
      if (opts.format !== "table") return print(opts.format, t.columns, t.rows);
      if (!m.rows.length) return void process.stderr.write("Cơ sở dữ liệu chưa có số liệu nào (no values yet): chạy tonghop import\n");
      const width = process.stdout.columns || Number(process.env.COLUMNS) || 160;
      process.stdout.write(roundLine(m.round, opts.latestAny) + "\n");
      process.stdout.write(renderWideTable(t.columns, t.rows, 2, width));
      const legend = m.indicators.map((i) => cutTo(`  ${i.code.padEnd(22)} ${terminalSafe(i.label)}`, width)).join("\n");
      process.stdout.write(`\n${legend}\n  * chưa đạt chỉ tiêu (below target)\n`);
    }),
  );
}
