// `tonghop compare --indicator CODE`: one row per unit for one round, judged, weakest first;
// `--by-period`: units × rounds with the change between rounds.

import type { Command } from "commander";
import { compareView, COMPARE_COLUMNS, trend, trendTable } from "../../query/compare.js";
import { indicator } from "../../query/indicators.js";
import { addReportOptions, addRoundOptions, examples, print, roundLine, withReadDb, type ReportOpts, type RoundOpts } from "./common.js";

export function registerCompare(program: Command): void {
  const cmd = program
    .command("compare")
    .description("Compare units on one indicator in one reporting round: value, target, status and gap, weakest first")
    .requiredOption("-i, --indicator <code>", "indicator code, e.g. 3.3 (see rules/indicators.yaml)")
    .option("--by-period", "units × rounds (from 1 January: quý I, 6 tháng, 9 tháng, năm) with the change between rounds");
  addReportOptions(cmd);
  addRoundOptions(cmd);
  cmd.addHelpText(
    "after",
    examples(
      "tonghop compare --indicator 3.3",
      'tonghop compare --indicator 3.1 --province "Khánh Hòa" --period 6T-2026 --judge prorata',
      "tonghop compare --indicator 3.3 --period 2025            # the year round 2025",
      "tonghop compare --indicator 3.3 --by-period              # trend across rounds",
      "tonghop compare --indicator 3.3 --format json   # keys: province, unit, level, round, round_kind, period_start, period_end,",
      "   value, qualifier, role, status, target, target_year, target_source, gap, unmet, document_id, document, fact_id, page, quote,",
      "   conflicting_reports",
      "tonghop compare --indicator 3.3 --format csv > so-sanh-3.3.csv",
    ),
  );
  cmd.action((opts: ReportOpts & RoundOpts & { indicator: string; byPeriod?: boolean }) =>
    withReadDb(opts, (db) => {
      const ind = indicator(db, opts.indicator);
      if (opts.byPeriod) {
        const t = trend(db, ind.code, opts);
        if (opts.format === "json") return print("json", [], [], { json: { indicator: t.indicator, label: t.label, rounds: t.rounds.map(({ year: _y, ...r }) => r), rows: t.rows } });
        const table = trendTable(t);
        if (opts.format === "table" && table.rows.length) process.stdout.write(`${ind.code} — ${ind.label}\n`);
        return print(opts.format, table.columns, table.rows, { empty: `Chưa có đơn vị nào báo cáo chỉ tiêu ${ind.code} trong các kỳ lũy kế từ đầu năm (no values)` });
      }
      const { round, rows } = compareView(db, ind.code, opts);
      if (opts.format === "table" && rows.length) {
        process.stdout.write(`${ind.code} — ${ind.label}\n${roundLine(round, opts.latestAny)}\n`);
      }
      const columns = opts.format === "table" && round ? COMPARE_COLUMNS.filter((c) => c.key !== "round") : COMPARE_COLUMNS;
      const out = rows.map((r) => ({ ...r, conflicting_reports: opts.format === "csv" ? r.conflicting_reports.join("; ") : r.conflicting_reports }));
      print(opts.format, columns, out as unknown as Record<string, unknown>[], {
        empty: `Chưa có đơn vị nào báo cáo chỉ tiêu ${ind.code}${round ? ` trong kỳ ${round.label}` : ""} (no values)`,
        json: rows,
      });
    }),
  );
}
