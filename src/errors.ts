// One base for every error an analyst can act on: a stable code (for JSON and tests), the exit
// status the CLI ends with, and a message in Vietnamese with the English in brackets.
// RulesError, ReadError, StoreError and PoolError extend it; `tonghop` prints `message` and
// exits with `exitStatus`.

export class TonghopError extends Error {
  readonly code: string;
  readonly exitStatus: number;
  constructor(message: string, opts: { code: string; exitStatus?: number }) {
    super(message);
    this.name = "TonghopError";
    this.code = opts.code;
    this.exitStatus = opts.exitStatus ?? 1;
  }
}

/** "Vietnamese (English)": the form of every message tonghop prints. */
export function bilingual(vi: string, en: string): string {
  return `${vi} (${en})`;
}
