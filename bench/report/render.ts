// Re-renders bench/results/latest.md from a results file (after editing bench/profile-notes.md):
// node dist/bench/report/render.js bench/results/<timestamp>.json

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { markdown } from "./markdown.js";
import type { Results } from "./types.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: node dist/bench/report/render.js bench/results/<timestamp>.json\n");
  process.exit(1);
}
const results = JSON.parse(readFileSync(file, "utf8")) as Results;
writeFileSync(join(root, "bench", "results", "latest.md"), markdown(results, join(root, "bench", "profile-notes.md")));
