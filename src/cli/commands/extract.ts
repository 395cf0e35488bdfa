// `tonghop extract FILE... --format json|jsonl|text`: the extraction document of each file.
// Only the documents go to stdout in the JSON formats; every message goes to stderr.

import type { Command } from "commander";
import { Option } from "commander";
import { processBytes } from "../../batch/process.js";
import { emptyArchive, expandArchive } from "../../ingest/index.js";
import { readInputFile } from "../../ingest/limits.js";
import { loadRules } from "../../rules/load.js";
import { describeError } from "../errors.js";
import { formatExtractionText } from "../text-summary.js";

interface ExtractOpts {
  format: "json" | "jsonl" | "text";
  rules?: string;
  debug?: boolean;
}

export function registerExtract(program: Command): void {
  program
    .command("extract")
    .description("Read report files and print what tonghop extracts from each (metadata, sections, figures, flags)")
    .argument("<files...>", "PDF, DOCX, DOC, ODT, RTF, XLSX, text or Markdown files, or .zip archives of them (one document per member)")
    .addOption(new Option("-f, --format <format>", "json: one document (one file); jsonl: one per line; text: for reading").choices(["json", "jsonl", "text"]).default("text"))
    .option("--rules <dir>", "rules folder (default: the package's rules/)")
    .option("--debug", "print stack traces for errors")
    .addHelpText(
      "after",
      "\nExamples:\n  tonghop extract bao-cao.pdf --format json\n  tonghop extract reports/*.docx --format jsonl > all.jsonl\n  tonghop extract bao-cao.txt            # readable summary",
    )
    .action(async (files: string[], opts: ExtractOpts) => {
      if (opts.format === "json" && files.length > 1) {
        process.stderr.write("tonghop extract: --format json prints one document; use --format jsonl for several files\n");
        process.exitCode = 1;
        return;
      }
      const rules = loadRules(opts.rules);
      let failed = 0;
      let total = 0;
      const print = async (bytes: Uint8Array, file: string, archive?: string) => {
        total++;
        try {
          const { extraction, doc } = await processBytes(bytes, file, rules, archive);
          for (const w of doc.warnings) process.stderr.write(`${file}: ${w}\n`);
          if (opts.format === "json") process.stdout.write(JSON.stringify(extraction, null, 2) + "\n");
          else if (opts.format === "jsonl") process.stdout.write(JSON.stringify(extraction) + "\n");
          else process.stdout.write(formatExtractionText(extraction) + "\n");
        } catch (e) {
          failed++;
          process.stderr.write(`${file}: ${describeError(e, opts.debug)}\n`);
        }
      };
      for (const file of files) {
        let bytes: Uint8Array;
        let members: Awaited<ReturnType<typeof expandArchive>>;
        try {
          bytes = readInputFile(file);
          members = await expandArchive(bytes, file);
          if (members && !members.length) throw emptyArchive();
        } catch (e) {
          total++;
          failed++;
          process.stderr.write(`${file}: ${describeError(e, opts.debug)}\n`);
          continue;
        }
        if (!members) {
          await print(bytes, file);
          continue;
        }
        // a .zip: one document per member, named "archive.zip/inner/file.docx"
        if (opts.format === "json" && members.length > 1) {
          total++;
          failed++;
          process.stderr.write(`${file}: tệp ZIP có ${members.length} tệp, --format json chỉ in một văn bản: hãy dùng --format jsonl (the zip holds ${members.length} files)\n`);
          continue;
        }
        for (const m of members) {
          if (m.bytes && !m.error) await print(m.bytes, m.path, file);
          else {
            total++;
            failed++;
            process.stderr.write(`${m.path}: ${describeError(m.error, opts.debug)}\n`);
          }
        }
      }
      process.exitCode = failed === 0 ? 0 : failed === total ? 1 : 2;
    });
}
