// One-line, actionable error messages for files; stack traces only with --debug.

import { ReadError } from "../ingest/types.js";

export function describeError(e: unknown, debug = false): string {
  if (debug && e instanceof Error && e.stack) return e.stack;
  if (e instanceof ReadError) return e.message;
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case "ENOENT":
      return "Không tìm thấy tệp (file not found)";
    case "EACCES":
    case "EPERM":
      return "Không có quyền đọc tệp (permission denied): kiểm tra quyền truy cập";
    case "EISDIR":
      return "Đây là thư mục, không phải tệp (is a directory)";
    case "ELOOP":
      return "Liên kết tượng trưng lặp vô hạn (symlink loop): bỏ qua";
  }
  const msg = e instanceof Error ? e.message : String(e);
  return `Lỗi khi đọc tệp (unexpected error): ${msg.split("\n")[0]}`;
}
