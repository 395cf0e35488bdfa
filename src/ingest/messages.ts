// One shape for every reader error the analyst sees: what is wrong, what to do, then the same in
// English in parentheses — one line, so an import can list one error per file.

import { ReadError, type ReadErrorCode } from "./types.js";

export function readError(code: ReadErrorCode, vi: string, action: string, en: string): ReadError {
  const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
  return new ReadError(code, `${oneLine(vi)}: ${oneLine(action)} (${oneLine(en)})`);
}
