#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript compiled to dist/ by `npm install` (prepare) or `npm run build`.
// An import on Linux runs as a child with the C allocator told to give big buffers back (src/cli/relaunch.ts).
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const main = join(root, "dist", "src", "cli", "main.js");
if (!existsSync(main)) {
  process.stderr.write("tonghop: chưa biên dịch (not built). Run `npm install` or `npm run build` in " + root + "\n");
  process.exit(1);
}
const relaunch = await import(pathToFileURL(join(root, "dist", "src", "cli", "relaunch.js")).href);
// a child that cannot be started (no memory for another process): the import runs here instead
const code = relaunch.shouldRelaunch(process.argv) ? await relaunch.relaunch(process.argv).catch(() => null) : null;
if (code !== null) process.exitCode = code;
else {
  relaunch.followParent();
  const { run } = await import(pathToFileURL(main).href);
  process.exitCode = await run(process.argv);
}
