// Shared test helpers: paths and running the real CLI.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const FIXTURES = join(ROOT, "fixtures");
export const SAMPLES = join(FIXTURES, "samples");
export const BIN = join(ROOT, "bin", "tonghop.js");

export function runCli(args: string[], opts: { env?: Record<string, string>; input?: string; cwd?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    input: opts.input,
    maxBuffer: 64 << 20,
  });
}
