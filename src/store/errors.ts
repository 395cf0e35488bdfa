import { TonghopError } from "../errors.js";

// A database problem the analyst can act on; the CLI prints the message and exits with 1.

export class StoreError extends TonghopError {
  constructor(message: string, code = "store") {
    super(message, { code });
    this.name = "StoreError";
  }
}

/** Turns SQLite's codes into one line an analyst understands. */
export function describeSqliteError(e: unknown, file: string): string | null {
  const code = (e as { code?: string })?.code ?? "";
  if (code === "SQLITE_NOTADB") return `Tệp ${file} không phải cơ sở dữ liệu SQLite (file is not a database): chọn tệp khác với --db`;
  if (code.startsWith("SQLITE_CORRUPT")) return `Cơ sở dữ liệu ${file} bị hỏng (database is corrupt): dùng bản sao lưu hoặc tạo tệp mới với --db`;
  if (code.startsWith("SQLITE_CANTOPEN")) return `Không mở được cơ sở dữ liệu ${file} (cannot open): kiểm tra đường dẫn và quyền ghi`;
  if (code.startsWith("SQLITE_READONLY")) return `Cơ sở dữ liệu ${file} chỉ cho phép đọc (read-only): kiểm tra quyền ghi`;
  if (code.startsWith("SQLITE_BUSY")) return `Cơ sở dữ liệu ${file} đang bận quá lâu (database is locked): thử lại sau`;
  if (code === "SQLITE_FULL") return `Ổ đĩa đầy (disk full) khi ghi ${file}`;
  if (code.startsWith("SQLITE_IOERR")) return `Lỗi đọc/ghi đĩa với ${file} (I/O error)`;
  return null;
}
