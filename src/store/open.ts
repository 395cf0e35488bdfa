// Opening the database: WAL (readers never block the writer, a crash loses no committed
// document), foreign keys on, a generous busy timeout so two imports can share one file.

import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { adminUnitsLoaded, loadAdminUnits } from "./admin-units.js";
import { describeSqliteError, StoreError } from "./errors.js";
import { foldText } from "./fold.js";
import { checkVersion, LATEST_VERSION, migrate } from "./migrations.js";

export type Db = Database.Database;

export const DEFAULT_DB = "data/tonghop.db";
const BUSY_TIMEOUT_MS = 60_000;

/** --db, else $TONGHOP_DB, else data/tonghop.db in the current directory. */
export function resolveDbPath(given?: string): string {
  return resolve(given || process.env.TONGHOP_DB || DEFAULT_DB);
}

function registerFunctions(db: Db): void {
  // fold('Đắk Lắk') = 'dak lak': the same folding as the text_folded search column
  db.function("fold", { deterministic: true }, (s: unknown) => (s == null ? null : foldText(String(s))));
}

function wrap<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof StoreError) throw e;
    const msg = describeSqliteError(e, file);
    if (msg) throw new StoreError(msg);
    throw e;
  }
}

/** Opens (creating when asked) the database for writing and brings its schema up to date. */
export function openStore(file: string, opts: { create?: boolean } = {}): Db {
  if (!opts.create && !existsSync(file))
    throw new StoreError(`Chưa có cơ sở dữ liệu ${file} (database not found): chạy \`tonghop import THƯ-MỤC\` trước, hoặc chỉ đúng tệp với --db`);
  return wrap(file, () => {
    if (opts.create) mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    try {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL"); // with WAL: a process crash loses nothing committed
      db.pragma("foreign_keys = ON");
      registerFunctions(db);
      migrate(db, file);
      if (!adminUnitsLoaded(db)) db.transaction(() => loadAdminUnits(db)).immediate();
      return db;
    } catch (e) {
      db.close();
      throw e;
    }
  });
}

/** A read-only connection (tonghop query and the reports): no statement can change the file. */
export function openReadOnly(file: string): Db {
  if (!existsSync(file))
    throw new StoreError(`Chưa có cơ sở dữ liệu ${file} (database not found): chạy \`tonghop import THƯ-MỤC\` trước, hoặc chỉ đúng tệp với --db`);
  return wrap(file, () => {
    const db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    try {
      db.pragma("query_only = ON");
      registerFunctions(db);
      const v = checkVersion(db, file);
      if (v === 0) throw new StoreError(`Tệp ${file} chưa phải cơ sở dữ liệu tonghop (empty database): chạy \`tonghop import\` trước`);
      if (v < LATEST_VERSION) {
        // made by an older tonghop: bring the schema up to date once, then read
        db.close();
        openStore(file).close();
        return openReadOnly(file);
      }
      return db;
    } catch (e) {
      db.close();
      throw e;
    }
  });
}
