// `tonghop reextract`: extract again from the stored text after the rules changed.

import { Option, type Command } from "commander";
import { runReextract } from "../../batch/reextract.js";
import { loadRules } from "../../rules/load.js";
import { openStore, resolveDbPath } from "../../store/index.js";
import { describeError } from "../errors.js";
import { addDbOption, examples } from "./common.js";
import { positiveInt, positiveNumber } from "./numbers.js";
import { progressView } from "./progress.js";

interface ReextractOpts {
  db?: string;
  jobs?: number;
  format: "text" | "json";
  rules?: string;
  timeout?: number;
  all?: boolean;
  debug?: boolean;
}

export function registerReextract(program: Command): void {
  const cmd = program
    .command("reextract")
    .description("Trích xuất lại số liệu từ văn bản đã lưu sau khi sửa quy tắc, không cần tệp gốc (re-extract)")
    .addOption(new Option("-f, --format <format>", "text hoặc json").choices(["text", "json"]).default("text"))
    .option("--rules <dir>", "thư mục quy tắc (mặc định: rules/ của gói hoặc $TONGHOP_RULES)")
    .option("--all", "cả những văn bản đã trích xuất theo quy tắc này")
    .option("-j, --jobs <n>", "số luồng song song (mặc định: số lõi CPU)", positiveInt("--jobs", 64))
    .option("--timeout <seconds>", "giới hạn thời gian cho mỗi văn bản, giây", positiveNumber("--timeout"))
    .option("--debug", "ghi cả chi tiết lỗi (stack trace)");
  addDbOption(cmd);
  cmd.addHelpText(
    "after",
    examples(
      "tonghop rules check && tonghop reextract        # sau khi sửa rules/*.yaml",
      "tonghop reextract --rules ~/quy-tac --db tinh.db",
      "tonghop reextract --all --format json",
    ),
  );
  cmd.action(async (opts: ReextractOpts) => {
    const rules = loadRules(opts.rules);
    const file = resolveDbPath(opts.db);
    const db = openStore(file);
    const bar = progressView(opts.format === "text");
    try {
      const s = await runReextract({
        db,
        rules,
        jobs: opts.jobs,
        all: opts.all,
        timeoutMs: opts.timeout ? opts.timeout * 1000 : undefined,
        describe: (e) => describeError(e, opts.debug),
        onStart: (n) => bar.start(n),
        onProgress: (p) => bar.update({ ...p, imported: 0, skipped: 0, failed: 0 }),
      });
      bar.stop();
      if (opts.format === "json") process.stdout.write(JSON.stringify({ ...s, seconds: Math.round(s.seconds * 1000) / 1000 }) + "\n");
      else {
        for (const e of s.errors) process.stderr.write(`${e.file}: ${e.error}\n`);
        process.stdout.write(
          `Đã trích xuất lại ${s.reextracted} văn bản, ${s.unchanged} văn bản đã theo quy tắc ${s.rules_version}, ${s.failed} lỗi trong ${s.seconds.toFixed(1)} s\n`,
        );
      }
      process.exitCode = s.failed ? 2 : 0;
    } finally {
      bar.stop();
      db.close();
    }
  });
}
