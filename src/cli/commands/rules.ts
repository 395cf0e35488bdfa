// `tonghop rules check`: validate the rule files an analyst edited.

import type { Command } from "commander";
import { defaultRulesDir, readRules, RulesError } from "../../rules/load.js";

export function registerRules(program: Command): void {
  const rules = program.command("rules").description("Work with the rule files (indicators, phrasings, targets)");
  rules
    .command("check")
    .description("Validate the rule files; prints every problem with its file and path")
    .option("--rules <dir>", "rules folder (default: the package's rules/ or $TONGHOP_RULES)")
    .action((opts: { rules?: string }) => {
      const dir = opts.rules ?? defaultRulesDir();
      try {
        const r = readRules(dir);
        process.stdout.write(
          `OK ${dir}: ${r.indicators.length} indicators, ${r.targets.length} target sets, rules version ${r.version}\n`,
        );
      } catch (e) {
        if (e instanceof RulesError) {
          process.stderr.write(e.message + "\n");
          process.exitCode = 1;
          return;
        }
        throw e;
      }
    });
}
