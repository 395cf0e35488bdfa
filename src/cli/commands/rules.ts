// `tonghop rules check`: validate the rule files an analyst edited.

import type { Command } from "commander";
import { defaultRulesDir, readRules, RulesError } from "../../rules/load.js";

export function registerRules(program: Command): void {
  const rules = program.command("rules").description("Làm việc với tệp quy tắc: chỉ tiêu, cách diễn đạt, chỉ tiêu đặt ra (rules)");
  rules
    .command("check")
    .description("Kiểm tra tệp quy tắc, in mọi lỗi kèm tệp và vị trí (validate the rules)")
    .option("--rules <dir>", "thư mục quy tắc (mặc định: rules/ của gói hoặc $TONGHOP_RULES)")
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
