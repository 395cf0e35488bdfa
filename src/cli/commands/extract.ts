// `tonghop extract PATH... --format json|jsonl|text|csv|xlsx`: what tonghop extracts from each
// report, without a database. Folders are walked like `tonghop import` (same walker, worker
// pool, time and memory limits, progress bar on stderr, one line per bad file). Only the
// documents go to stdout; every message goes to stderr.

import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import { runExtractBatch } from "../../batch/extract-batch.js";
import { processBytes } from "../../batch/process.js";
import { defaultJobs } from "../../batch/workers.js";
import type { ExtractionDocument } from "../../extract/types.js";
import { emptyArchive, expandArchive } from "../../ingest/index.js";
import { readInputFile } from "../../ingest/limits.js";
import type { Column, Row } from "../../query/columns.js";
import { toCsv } from "../../query/csv.js";
import { FACT_COLUMNS } from "../../query/export/sheets.js";
import { indicatorWords } from "../../query/labels.js";
import { LazyRecognizer, useRecognizer } from "../../ingest/ocr/engine.js";
import { terminalWidth, wrapText } from "../../query/table.js";
import { loadRules } from "../../rules/load.js";
import { StoreError } from "../../store/index.js";
import { describeError } from "../errors.js";
import { formatExtractionText } from "../text-summary.js";
import { EXCEL_VN_HELP, examples } from "./common.js";
import { positiveInt, positiveNumber } from "./numbers.js";
import { pageLine, progressView } from "./progress.js";

type ExtractFormat = "json" | "jsonl" | "text" | "csv" | "xlsx";

interface ExtractOpts {
  format: ExtractFormat;
  out?: string;
  rules?: string;
  jobs?: number;
  timeout?: number;
  exclude?: string[];
  excelVn?: boolean;
  debug?: boolean;
}

/** The facts table of `--format csv|xlsx`: the export's facts columns, without database ids. */
export const EXTRACT_FACT_COLUMNS: Column[] = FACT_COLUMNS.filter((c) => c.key !== "document_id");

export function factRowsOf(x: ExtractionDocument, path: string): Row[] {
  const titles = new Map(x.sections.map((s) => [s.id, s.title]));
  return x.facts.map((f) => {
    const g = f as unknown as Record<string, unknown>;
    return {
      province: x.document.province, unit: x.document.unit.name, period_end: x.document.period?.end ?? null, document: x.source.file,
      fact: f.id, indicator: f.indicator ?? null,
      label: f.indicator ? indicatorWords({ code: f.indicator, label: f.indicator, unit: "" }).short : null,
      kind: f.kind, value: f.kind === "ratio" ? g.percent : (g.value ?? g.teams ?? null), num: g.num ?? null, den: g.den ?? null,
      unit_word: g.unit ?? null, qualifier: g.qualifier ?? null, role: g.role ?? null, page: f.page ?? null, ocr_confidence: f.confidence ?? null,
      section: f.section ? (titles.get(f.section) ?? null) : null, quote: f.quote, path,
    };
  });
}

export function registerExtract(program: Command): void {
  program
    .command("extract")
    .description("Đọc báo cáo (tệp hoặc thư mục) và in những gì tonghop trích được: thông tin văn bản, mục, số liệu, cảnh báo — không cần cơ sở dữ liệu (extract)")
    .argument("<paths...>", "tệp PDF, DOCX, DOC, ODT, RTF, XLSX, văn bản, Markdown, tệp .zip (mỗi tệp bên trong một văn bản) hoặc thư mục (tìm cả thư mục con)")
    .addOption(
      new Option("-f, --format <format>", "text: tóm tắt để đọc; json: một văn bản; jsonl: mỗi dòng một văn bản; csv, xlsx: bảng số liệu")
        .choices(["json", "jsonl", "text", "csv", "xlsx"])
        .default("text"),
    )
    .option("-o, --out <path>", "jsonl/json: thư mục, mỗi báo cáo một tệp .json; csv/xlsx: tệp sẽ ghi")
    .option("-j, --jobs <n>", `số luồng đọc song song với thư mục (mặc định: ${defaultJobs()})`, positiveInt("--jobs", 64))
    .option("--timeout <seconds>", "giới hạn thời gian cho mỗi tệp (mặc định: 60)", positiveNumber("--timeout"))
    .option("--exclude <paths...>", "thư mục hoặc tệp bỏ qua")
    .option("--excel-vn", EXCEL_VN_HELP)
    .option("--rules <dir>", "thư mục quy tắc (mặc định: rules/ của gói hoặc $TONGHOP_RULES)")
    .option("--debug", "in chi tiết lỗi (stack trace)")
    .addHelpText(
      "after",
      examples(
        "tonghop extract bao-cao.pdf --format json",
        "tonghop extract bao-cao/ --format jsonl > tat-ca.jsonl     # mỗi dòng một báo cáo",
        "tonghop extract bao-cao/ --format jsonl --out trich-xuat/  # mỗi báo cáo một tệp .json",
        "tonghop extract bao-cao/ --format xlsx --out so-lieu.xlsx  # bảng số liệu kèm trích dẫn",
        "tonghop extract bao-cao.txt                                # tóm tắt để đọc",
        "",
        "Mã thoát: 0 đọc được mọi tệp; 2 có tệp lỗi (mỗi tệp một dòng); 1 không đọc được tệp nào.",
      ),
    )
    .action(async (paths: string[], opts: ExtractOpts) => {
      if (opts.format === "xlsx" && !opts.out) throw new StoreError("--format xlsx cần --out TỆP.xlsx (xlsx needs --out)");
      const rules = loadRules(opts.rules);
      const docs: { file: string; x: ExtractionDocument }[] = [];
      const taken = new Set<string>();
      if (opts.out && (opts.format === "json" || opts.format === "jsonl")) mkdirSync(opts.out, { recursive: true });
      const emit = (file: string, x: ExtractionDocument, warnings: string[]) => {
        for (const w of warnings) process.stderr.write(`${file}: ${w}\n`);
        if ((opts.format === "json" || opts.format === "jsonl") && opts.out) {
          let name = basename(file) + ".json";
          for (let i = 2; taken.has(name); i++) name = `${basename(file)}-${i}.json`;
          taken.add(name);
          writeFileSync(join(opts.out, name), JSON.stringify(x, null, 2) + "\n");
        } else if (opts.format === "jsonl") process.stdout.write(JSON.stringify(x) + "\n");
        else if (opts.format === "text") process.stdout.write(wrapText(formatExtractionText(x), terminalWidth()) + "\n");
        else docs.push({ file, x });
      };
      // one path that is not a folder (a file, or one that cannot be read: its error comes from reading it)
      const single = paths.length === 1 && !isDir(paths[0]!);
      let failed = 0;
      let total = 0;
      if (single) {
        // one file: read it here, no file workers to start; its scanned pages use every core
        const recognizers = new LazyRecognizer(Math.max(1, opts.jobs ?? defaultJobs()));
        useRecognizer(recognizers);
        total = 1;
        const file = paths[0]!;
        try {
          const bytes = readInputFile(file);
          const members = await expandArchive(bytes, file);
          if (members && !members.length) throw emptyArchive();
          if (!members) {
            const line = pageLine(true);
            const { extraction, doc } = await processBytes(bytes, file, rules, { onPage: line.onPage }).finally(() => line.stop());
            if (opts.format === "json" && !opts.out) {
              for (const w of doc.warnings) process.stderr.write(`${file}: ${w}\n`);
              process.stdout.write(JSON.stringify(extraction, null, 2) + "\n");
            } else emit(file, extraction, doc.warnings);
          } else if (opts.format === "json" && !opts.out && members.length > 1) {
            throw new StoreError(`tệp ZIP có ${members.length} tệp, --format json chỉ in một văn bản: hãy dùng --format jsonl (the zip holds ${members.length} files)`);
          } else {
            // a .zip: one document per member, named "archive.zip/inner/file.docx"
            total = members.length;
            for (const m of members) {
              try {
                if (m.error || !m.bytes) throw m.error;
                const { extraction, doc } = await processBytes(m.bytes, m.path, rules, { memberOf: file });
                if (opts.format === "json" && !opts.out) process.stdout.write(JSON.stringify(extraction, null, 2) + "\n");
                else emit(m.path, extraction, doc.warnings);
              } catch (e) {
                failed++;
                process.stderr.write(`${m.path}: ${describeError(e, opts.debug)}\n`);
              }
            }
          }
        } catch (e) {
          failed++;
          process.stderr.write(`${file}: ${describeError(e, opts.debug)}\n`);
        } finally {
          useRecognizer(null);
          await recognizers.close();
        }
      } else {
        if (opts.format === "json" && !opts.out) {
          process.stderr.write("tonghop extract: --format json in một văn bản; với nhiều tệp hoặc thư mục dùng --format jsonl, hoặc --out THƯ-MỤC (json prints one document)\n");
          process.exitCode = 1;
          return;
        }
        const bar = progressView(true);
        let summary;
        try {
          summary = await runExtractBatch({
            paths, rules, jobs: opts.jobs, timeoutMs: opts.timeout ? opts.timeout * 1000 : undefined, exclude: opts.exclude,
            describe: (e) => describeError(e, opts.debug),
            onStart: (n) => bar.start(n),
            onProgress: (p) => bar.update(p),
            onDocument: emit,
          });
        } finally {
          bar.stop();
        }
        for (const e of summary.errors) process.stderr.write(`${e.file}: ${e.error}\n`);
        if (summary.ignored.length) process.stderr.write(`Bỏ qua ${summary.ignored.length} tệp không phải báo cáo (not reports)\n`);
        total = summary.files;
        failed = summary.failed;
        if (!total) process.stderr.write("Không tìm thấy tệp báo cáo nào (no report files found)\n");
      }
      if (opts.format === "csv" || opts.format === "xlsx") {
        const rows = docs.flatMap((d) => factRowsOf(d.x, d.file));
        if (opts.format === "csv") {
          const csv = toCsv(EXTRACT_FACT_COLUMNS, rows, { excelVn: opts.excelVn });
          if (opts.out) writeFileSync(opts.out, csv);
          else process.stdout.write(csv);
        } else {
          const { writeTableXlsx } = await import("../../query/export/xlsx.js");
          await writeTableXlsx(opts.out!, "Số liệu và trích dẫn", EXTRACT_FACT_COLUMNS, rows);
        }
        if (opts.out) process.stderr.write(`Đã ghi ${opts.out}: ${rows.length} số liệu từ ${docs.length} văn bản\n`);
      } else if (opts.out) process.stderr.write(`Đã ghi ${total - failed} tệp .json vào ${opts.out}\n`);
      process.exitCode = total === 0 || failed === total ? 1 : failed ? 2 : 0;
    });
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
