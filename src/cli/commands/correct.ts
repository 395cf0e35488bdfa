// `tonghop set | remove | restore | choose DOCUMENT`: the analyst's corrections. Thin: the work is
// done by src/store/corrections.ts (the web workspace calls the same functions).

import { Option, type Command } from "commander";
import { findDocument } from "../../query/show.js";
import { LEVEL_LABELS, type Row } from "../../query/columns.js";
import { documentFlags } from "../../query/documents.js";
import {
  applyCorrection, chooseDocument, openStore, removeDocument, resolveDbPath, restoreDocument,
  type CorrectionLogRow, type CorrectionPatch, type CorrectionResult, type Db,
} from "../../store/index.js";
import { addDbOption, examples } from "./common.js";

interface CorrectOpts {
  db?: string;
  format: "text" | "json";
}

const DOC_ARG = "document id, file name, path or SHA-256 prefix (see tonghop documents)";

function withWriteDb<T>(opts: CorrectOpts, fn: (db: Db) => T): T {
  const db = openStore(resolveDbPath(opts.db));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** The document as every query now sees it. */
function documentNow(db: Db, id: number): Row {
  const doc = db
    .prepare(
      `SELECT id AS document_id, name AS document, kind, province, unit, level, unit_code, period_start, period_end, removed, chosen, unit_as_written,
         former_unit, json(merged_from) AS merged_from, partial
       FROM v_documents_all WHERE id = ?`,
    )
    .get(id) as Row;
  return documentFlags(doc);
}

const ACTION_TEXT: Record<string, string> = {
  set: "sửa",
  remove: "loại khỏi tổng hợp (removed)",
  restore: "đưa lại vào tổng hợp (restored)",
  choose: "chọn làm báo cáo được tính (chosen)",
  unchoose: "bỏ chọn (no longer chosen)",
  default_province: "tỉnh mặc định khi nhập (default province)",
};

function report(db: Db, opts: CorrectOpts, r: CorrectionResult): void {
  const doc = documentNow(db, r.document_id);
  if (opts.format === "json") {
    process.stdout.write(JSON.stringify({ document: doc, changes: r.changes }, null, 2) + "\n");
    return;
  }
  if (!r.changes.length) {
    process.stdout.write(`Văn bản ${doc.document_id} (${doc.document}): không có gì thay đổi (nothing changed)\n`);
    return;
  }
  for (const c of r.changes) process.stdout.write(changeLine(c, placeNames(db)) + "\n");
  const level = doc.level ? `${LEVEL_LABELS[String(doc.level)] ?? doc.level} ` : "";
  const period = doc.period_end ? `${doc.period_start ?? "?"} → ${doc.period_end}` : "—";
  process.stdout.write(
    `Văn bản ${doc.document_id} (${doc.document}) nay: ${level}${doc.unit ?? "—"}, ${doc.province ?? "—"}${doc.unit_code ? ` — mã ${doc.unit_code}` : ""}; kỳ ${period}` +
      `${doc.removed ? "; đã loại" : ""}${doc.chosen ? "; được chọn" : ""}\n`,
  );
}

/** Province and unit codes of the log written with their names ("37 Ninh Bình"). */
export function placeNames(db: Db): (field: string | null, value: string | null) => string {
  const province = db.prepare("SELECT name FROM provinces WHERE code = ?").pluck();
  const unit = db.prepare("SELECT u.name || ', ' || p.name FROM units u JOIN provinces p ON p.code = u.province_code WHERE u.code = ?").pluck();
  return (field, value) => {
    if (value == null) return "—";
    const name = field === "province" ? province.get(value) : field === "unit" ? unit.get(value) : undefined;
    return name ? `${value} ${name}` : value;
  };
}

export function changeLine(c: CorrectionLogRow, name: (field: string | null, value: string | null) => string = (_f, v) => v ?? "—"): string {
  const what = c.field
    ? `${ACTION_TEXT[c.action] ?? c.action} ${c.field}: ${name(c.field, c.old_value)} → ${name(c.field, c.new_value)}`
    : (ACTION_TEXT[c.action] ?? c.action);
  return `  ${c.at}  văn bản ${c.document_id}: ${what}`;
}

function formatOption(cmd: Command): Command {
  cmd.addOption(new Option("-f, --format <format>", "text or json ({document, changes})").choices(["text", "json"]).default("text"));
  return addDbOption(cmd);
}

export function registerCorrections(program: Command): void {
  const set = program
    .command("set")
    .description("Correct a stored document's province, unit, period or kind; kept when documents are extracted again")
    .argument("<document>", DOC_ARG)
    .option("--province <name>", 'province (name as written, e.g. "Khánh Hòa", or its code): also places a unit named in several provinces')
    .option("--unit <name>", "unit: its name (in the document's province) or its official code")
    .option("--period <when>", "period: 2026, 2026-06, 6T-2026, 9T-2026, Q2-2026 or 2026-01-01..2026-06-30")
    .addOption(new Option("--kind <kind>", "kind of document").choices(["report", "plan", "other"]));
  formatOption(set);
  set.addHelpText("after", examples(
    'tonghop set 12 --province "Thái Nguyên"',
    "tonghop set bao-cao-tan-tien.pdf --unit 06970",
    "tonghop set 12 --period 6T-2026 --kind report",
  ));
  set.action((ref: string, opts: CorrectOpts & CorrectionPatch) =>
    withWriteDb(opts, (db) => {
      const id = findDocument(db, ref);
      const patch: CorrectionPatch = {};
      if (opts.province != null) patch.province = opts.province;
      if (opts.unit != null) patch.unit = opts.unit;
      if (opts.period != null) patch.period = opts.period;
      if (opts.kind != null) patch.kind = opts.kind;
      report(db, opts, applyCorrection(db, id, patch));
    }),
  );

  const simple = (name: string, description: string, fn: (db: Db, id: number) => CorrectionResult, example: string) => {
    const cmd = program.command(name).description(description).argument("<document>", DOC_ARG);
    formatOption(cmd);
    cmd.addHelpText("after", examples(example));
    cmd.action((ref: string, opts: CorrectOpts) => withWriteDb(opts, (db) => report(db, opts, fn(db, findDocument(db, ref)))));
  };
  simple("remove", "Leave a document out of every comparison, list and export (reversible: tonghop restore)", removeDocument, "tonghop remove 12   # sent by mistake");
  simple("restore", "Bring a removed document back", restoreDocument, "tonghop restore 12");
  simple(
    "choose",
    "Make this document the one that counts for its unit and round (over other reports of the same unit and period)",
    chooseDocument,
    "tonghop choose 14   # the corrected resend counts, whatever the dates",
  );
}
