// Database commands, one file each: import, reextract, compare, matrix, flags, show,
// documents, set/remove/restore/choose, query, export, coverage.
import type { Command } from "commander";
import { registerCompare } from "./compare.js";
import { registerCorrections } from "./correct.js";
import { registerCoverage } from "./coverage.js";
import { registerDocuments } from "./documents.js";
import { registerExport } from "./export.js";
import { registerFlags } from "./flags.js";
import { registerImport } from "./import.js";
import { registerMatrix } from "./matrix.js";
import { registerQuery } from "./query.js";
import { registerReextract } from "./reextract.js";
import { registerShow } from "./show.js";

export function registerStoreCommands(program: Command): void {
  registerImport(program);
  registerReextract(program);
  registerCompare(program);
  registerMatrix(program);
  registerFlags(program);
  registerCoverage(program);
  registerShow(program);
  registerDocuments(program);
  registerCorrections(program);
  registerQuery(program);
  registerExport(program);
}
