// The `tonghop` command: one sub-command per file in ./commands, registered here.

import { Command, CommanderError } from "commander";
import { registerExtract } from "./commands/extract.js";
import { registerRules } from "./commands/rules.js";
import { registerServe } from "./commands/serve.js";
import { registerStoreCommands } from "./commands/store.js";

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("tonghop")
    .description(
      "Tổng hợp báo cáo Phong trào “Bình dân học vụ số”: extract figures from commune reports (PDF, DOCX, text)\n" +
        "and consolidate them in one SQLite database for comparison and export.",
    )
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride();
  registerExtract(program);
  registerRules(program);
  registerStoreCommands(program);
  registerServe(program);
  return program;
}

/** Runs the CLI; resolves to the process exit code (0 ok, 2 some files failed, 1 nothing done). */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 || e.code === "commander.helpDisplayed" || e.code === "commander.version" ? 0 : 1;
    }
    const debug = argv.includes("--debug");
    process.stderr.write(`tonghop: ${debug && e instanceof Error ? e.stack : e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
