// Builds dist/ once so tests that run the real `tonghop` command test the current source, and
// type-checks the tests themselves (tsconfig.test.json: src, bench, test and fixtures' scripts,
// noUncheckedIndexedAccess as everywhere): a test that does not type-check fails the run.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.json")], { stdio: "inherit" });
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.test.json")], { stdio: "inherit" });
}
