// The import as `tonghop import` runs it (same rules loading, same database opening, same
// runImport), in its own process, printing what the CLI's JSON leaves out: the stage timings
// and the process's peak resident memory (getrusage ru_maxrss: worker threads included).
// Usage: node dist/bench/measure/import-child.js DB JOBS PATH...

import { runImport } from "../../src/batch/import.js";
import { describeError } from "../../src/cli/errors.js";
import { loadRules } from "../../src/rules/load.js";
import { openStore } from "../../src/store/index.js";

const [db, jobs, ...paths] = process.argv.slice(2);
const t0 = performance.now();
const rules = loadRules();
const store = openStore(db!, { create: true });
const setupMs = performance.now() - t0;
try {
  const s = await runImport({ db: store, paths, rules, jobs: Number(jobs), describe: (e) => describeError(e) });
  process.stdout.write(
    JSON.stringify({
      imported: s.imported,
      skipped: s.skipped,
      failed: s.failed,
      errors: s.errors.slice(0, 5),
      files: s.files,
      seconds: s.seconds,
      setupMs,
      timings: s.timings,
      maxRssKiB: process.resourceUsage().maxRSS,
      // CPU of all threads: the cost per document whatever else the machine is doing
      cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    }) + "\n",
  );
} finally {
  store.close();
}
