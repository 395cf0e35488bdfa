// The `tonghop` command: one sub-command per file in ./commands, registered here.

import { Command, CommanderError } from "commander";
import { TonghopError } from "../errors.js";
import { registerExtract } from "./commands/extract.js";
import { registerRules } from "./commands/rules.js";
import { registerServe } from "./commands/serve.js";
import { registerStoreCommands } from "./commands/store.js";
import { vietnamese } from "./i18n.js";

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("tonghop")
    .description(
      "Tổng hợp báo cáo Phong trào “Bình dân học vụ số”: trích số liệu từ báo cáo của xã, phường (PDF, DOCX, văn bản)\n" +
        "và gom vào một cơ sở dữ liệu SQLite để so sánh, lập ma trận và xuất Excel.\n" +
        "(Consolidate commune reports into one SQLite database for comparison and export.)",
    )
    .version("0.1.0", "-V, --version", "in số phiên bản (output the version number)")
    .exitOverride();
  vietnamese(program);
  registerExtract(program);
  registerRules(program);
  registerStoreCommands(program);
  registerServe(program);
  return program;
}

/** Runs the CLI; resolves to the process exit code (0 ok, 2 some files failed, 1 nothing done). */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 || e.code === "commander.helpDisplayed" || e.code === "commander.version" ? 0 : 1;
    }
    const debug = argv.includes("--debug");
    process.stderr.write(`tonghop: ${debug && e instanceof Error ? e.stack : e instanceof Error ? e.message : String(e)}\n`);
    return e instanceof TonghopError ? e.exitStatus : 1;
  }
}
