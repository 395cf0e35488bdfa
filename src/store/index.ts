// The SQLite store: open, migrate, write documents, record runs. Queries live in ../query.
export { openStore, openReadOnly, resolveDbPath, DEFAULT_DB, type Db } from "./open.js";
export { StoreError, describeSqliteError } from "./errors.js";
export { DocumentStore, type StoreInput } from "./documents.js";
export { syncRules } from "./rules-sync.js";
export { startRun, finishRun, errorRecorder, type RunTotals } from "./runs.js";
export { foldText, foldName } from "./fold.js";
export { LATEST_VERSION } from "./migrations.js";
export { storedText, type StoredText } from "./text.js";
export {
  applyCorrection, removeDocument, restoreDocument, chooseDocument, setDefaultProvince, documentCorrections, parsePeriod, provinceCode,
  type CorrectionPatch, type Correction, type CorrectionLogRow, type CorrectionResult,
} from "./corrections.js";
