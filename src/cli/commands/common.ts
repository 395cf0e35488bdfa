// Options and output shared by the database commands: --db, --format, --province, --period.

import { Option, type Command } from "commander";
import type { Column, Row } from "../../query/columns.js";
import { toCsv } from "../../query/csv.js";
import type { Filters } from "../../query/filters.js";
import { JUDGE_MODES, type JudgeMode } from "../../query/judge.js";
import { PERIOD_HELP, type Round } from "../../query/rounds.js";
import { renderTable } from "../../query/table.js";
import { openReadOnly, resolveDbPath, type Db } from "../../store/index.js";

// `tonghop matrix | head`: a closed pipe ends the output quietly, not with a stack trace
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

export type OutputFormat = "table" | "csv" | "json";

export interface DbOpts {
  db?: string;
}
export interface ReportOpts extends DbOpts, Filters {
  format: OutputFormat;
}

export const DB_HELP = "database file (default: $TONGHOP_DB, else data/tonghop.db in the current folder)";

export function addDbOption(cmd: Command): Command {
  return cmd.option("--db <file>", DB_HELP);
}

export function addReportOptions(cmd: Command, opts: { filters?: boolean; defaultFormat?: OutputFormat } = {}): Command {
  cmd.addOption(new Option("-f, --format <format>", "table (for reading), csv (UTF-8 with BOM, for Excel) or json").choices(["table", "csv", "json"]).default(opts.defaultFormat ?? "table"));
  addDbOption(cmd);
  if (opts.filters !== false) {
    cmd.option("--province <name>", 'only this province (name as written, e.g. "Khánh Hòa", or its code)');
    cmd.option("--period <when>", "only reports whose period ends then: 2026, 2026-06, 2026-05-31 or 2025-08..2026-05");
  }
  return cmd;
}

export interface RoundOpts {
  latestAny?: boolean;
  judge?: JudgeMode;
}

/**
 * --period as a round, --latest-any and --judge: the options of the commands that compare units
 * in one reporting round (compare, matrix, flags, export).
 */
export function addRoundOptions(cmd: Command, opts: { latestAny?: boolean } = {}): Command {
  const period = cmd.options.find((o) => o.long === "--period");
  if (period) period.description = `the reporting round (default: the latest round that has reports): ${PERIOD_HELP}`;
  if (opts.latestAny !== false) cmd.option("--latest-any", "each unit's latest value whatever its round (the round is shown per value)");
  cmd.addOption(
    new Option("--judge <mode>", "a mid-year value against a year target: prorata (target × months/12), year (the whole-year target), off (judge nothing); default: not judged")
      .choices([...JUDGE_MODES]),
  );
  return cmd;
}

/** The line that says which round a table shows. */
export function roundLine(round: Round | null, latestAny = false): string {
  if (latestAny) return "Kỳ: giá trị mới nhất của mỗi đơn vị, kỳ ghi theo từng giá trị (--latest-any)";
  return round ? `Kỳ: ${round.label} (${round.start} → ${round.end})` : "Kỳ: không có báo cáo nào ghi kỳ báo cáo";
}

/** Runs `fn` on a read-only connection and closes it. */
export function withReadDb<T>(opts: DbOpts, fn: (db: Db) => T): T {
  const db = openReadOnly(resolveDbPath(opts.db));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Same, for work that awaits (exports). */
export async function withReadDbAsync<T>(opts: DbOpts, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = openReadOnly(resolveDbPath(opts.db));
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

export function print(format: OutputFormat, columns: Column[], rows: Row[], opts: { json?: unknown; empty?: string } = {}): void {
  if (format === "json") {
    process.stdout.write(JSON.stringify(opts.json ?? rows, null, 2) + "\n");
    return;
  }
  if (format === "csv") {
    process.stdout.write(toCsv(columns, rows));
    return;
  }
  if (!rows.length) {
    process.stderr.write((opts.empty ?? "Không có dòng nào (no rows)") + "\n");
    return;
  }
  process.stdout.write(renderTable(columns, rows));
}

export function examples(...lines: string[]): string {
  return "\nExamples:\n" + lines.map((l) => "  " + l).join("\n");
}
