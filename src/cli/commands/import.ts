// `tonghop import PATH...`: store every report found under the paths in the database.
// Exit codes: 0 everything stored or already there; 2 finished, some files failed;
// 1 nothing could be done (bad arguments, unusable database, broken rules).

import { existsSync } from "node:fs";
import { Option, type Command } from "commander";
import { DEFAULT_TIMEOUT_MS, runImport, type ImportSummary } from "../../batch/import.js";
import { defaultJobs } from "../../batch/workers.js";
import { loadRules } from "../../rules/load.js";
import { openStore, provinceCode, resolveDbPath } from "../../store/index.js";
import { describeError } from "../errors.js";
import { addDbOption, examples } from "./common.js";
import { progressView } from "./progress.js";
import { positiveInt, positiveNumber } from "./numbers.js";

interface ImportOpts {
  db?: string;
  jobs?: number;
  format: "text" | "json";
  rules?: string;
  timeout?: number;
  exclude?: string[];
  debug?: boolean;
  province?: string;
}

export function registerImport(program: Command): void {
  const cmd = program
    .command("import")
    .description("Nhập báo cáo (PDF, DOCX, DOC, ODT, RTF, XLSX, văn bản; cả tệp .zip chứa chúng) vào cơ sở dữ liệu: tìm cả thư mục con, bỏ qua tệp đã có (import)")
    .argument("<paths...>", "tệp hoặc thư mục")
    .addOption(new Option("-f, --format <format>", "text: tiến độ và tóm tắt; json: chỉ bản tóm tắt dạng JSON").choices(["text", "json"]).default("text"))
    .option("-j, --jobs <n>", `số luồng đọc và trích xuất song song (mặc định: ${defaultJobs()}, số lõi CPU)`, positiveInt("--jobs", 64))
    .option("--timeout <seconds>", `giới hạn thời gian cho mỗi tệp, giây (mặc định: ${DEFAULT_TIMEOUT_MS / 1000})`, positiveNumber("--timeout"))
    .option("--exclude <paths...>", "thư mục hoặc tệp bỏ qua")
    .option("--rules <dir>", "thư mục quy tắc (mặc định: rules/ của gói hoặc $TONGHOP_RULES)")
    .option("--province <name>", 'tỉnh mặc định cho tệp không nêu tỉnh; cũng phân biệt các đơn vị trùng tên (vd. "Khánh Hòa" hoặc mã tỉnh)')
    .option("--debug", "ghi cả chi tiết lỗi (stack trace)");
  addDbOption(cmd);
  cmd.addHelpText(
    "after",
    examples(
      "tonghop import bao-cao/                     # một thư mục và mọi thư mục con",
      "tonghop import dot-1/ dot-2/ le.pdf --db tinh.db",
      'tonghop import hop-thu/ --province "Thái Nguyên"   # files that name no province are from Thái Nguyên',
      "tonghop import bao-cao/ --format json       # {\"imported\":…,\"skipped\":…,\"failed\":…,\"errors\":[…],\"seconds\":…}",
      "",
      "Mã thoát: 0 mọi tệp đã lưu hoặc đã có; 2 có tệp lỗi (liệt kê từng tệp); 1 không làm được gì.",
    ),
  );
  cmd.action(async (paths: string[], opts: ImportOpts) => {
    if (!paths.some((p) => existsSync(p))) {
      process.stderr.write(`tonghop import: không tìm thấy ${paths.join(", ")} (no such file or folder)\n`);
      process.exitCode = 1;
      return;
    }
    const rules = loadRules(opts.rules);
    const file = resolveDbPath(opts.db);
    const db = openStore(file, { create: true });
    let defaultProvince: string | undefined;
    try {
      defaultProvince = opts.province ? provinceCode(db, opts.province) : undefined;
    } catch (e) {
      db.close();
      throw e;
    }
    const bar = progressView(opts.format === "text");
    // Ctrl-C: store what is extracted, record the run as interrupted, give the terminal back
    // its cursor; a second Ctrl-C ends at once (the database stays sound either way)
    const stop = new AbortController();
    const onSigint = () => stop.abort();
    process.once("SIGINT", onSigint);
    let summary: ImportSummary;
    try {
      summary = await runImport({
        db,
        paths,
        rules,
        jobs: opts.jobs,
        timeoutMs: opts.timeout ? opts.timeout * 1000 : undefined,
        exclude: opts.exclude,
        defaultProvince,
        describe: (e) => describeError(e, opts.debug),
        onStart: (n) => bar.start(n),
        onProgress: (p) => bar.update(p),
        onPages: (done, total) => bar.pages?.(done, total),
        signal: stop.signal,
      });
    } finally {
      process.removeListener("SIGINT", onSigint);
      bar.stop();
      db.close();
    }
    if (opts.format === "json") {
      const { imported, skipped, failed, errors, seconds } = summary;
      process.stdout.write(JSON.stringify({ imported, skipped, failed, errors, seconds: Math.round(seconds * 1000) / 1000 }) + "\n");
    } else printSummary(summary, file);
    if (summary.interrupted)
      process.stderr.write("Đã dừng theo yêu cầu (interrupted): chạy lại cùng lệnh để nhập nốt, các tệp đã lưu sẽ được bỏ qua\n");
    process.exitCode = summary.interrupted ? 130 : summary.failed ? 2 : 0;
  });
}

function printSummary(s: ImportSummary, file: string): void {
  for (const w of s.warnings) process.stderr.write(`${w.file ? w.file + ": " : ""}${w.warning}\n`);
  for (const e of s.errors) process.stderr.write(`${e.file}: ${e.error}\n`);
  if (s.ignored.length) {
    const exts = [...new Set(s.ignored.map((p) => /\.[^./\\]+$/.exec(p)?.[0] ?? p))].slice(0, 8).join(", ");
    process.stderr.write(`Bỏ qua ${s.ignored.length} tệp không phải báo cáo (not reports): ${exts}\n`);
  }
  if (s.files === 0) process.stdout.write("Không tìm thấy tệp báo cáo nào (no report files found)\n");
  const rate = s.seconds > 0 ? ` — ${(s.files / s.seconds).toFixed(0)} tệp/s` : "";
  process.stdout.write(
    `Đã nhập ${s.imported} tệp mới, bỏ qua ${s.skipped} tệp đã có, ${s.failed} tệp lỗi trong ${s.seconds.toFixed(1)} s${rate} → ${file}\n`,
  );
}
