// `npm run bench -- --web`: the workspace's page times on a large database (issue 12: each page in
// under 200 ms for 3,321 units and 10,000 documents). Builds the text corpus (every official unit,
// each about three times), imports it with the real CLI, starts the workspace in this process and
// times each page (median and slowest of several requests after one warm-up). Writes
// bench/results/web-<time>.json and prints a Markdown table.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildText, loadPlaces, loadTemplates } from "./corpus/build.js";
import { startWorkspace } from "../src/web/server.js";
import { openReadOnly } from "../src/store/index.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const work = join(root, "bench", "work");
const log = (s: string) => process.stderr.write(s + "\n");

export async function webBench(opts: { documents: number; repeat: number; reuse: boolean }): Promise<void> {
  const db = join(work, "db", `web-${opts.documents}.db`);
  if (!opts.reuse || !existsSync(db)) {
    const dir = join(work, "web-corpus");
    log(`web: corpus of ${opts.documents} text reports…`);
    const places = loadPlaces(root);
    buildText(dir, await loadTemplates(root, places), places, opts.documents);
    mkdirSync(dirname(db), { recursive: true });
    for (const x of ["", "-wal", "-shm"]) rmSync(db + x, { force: true });
    log("web: importing…");
    const t0 = performance.now();
    execFileSync(process.execPath, [join(root, "bin", "tonghop.js"), "import", dir, "--db", db, "--format", "json"], { stdio: ["ignore", "ignore", "inherit"] });
    log(`web: imported in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const r = openReadOnly(db);
  const counts = r.prepare("SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(DISTINCT unit_code) FROM documents) AS units").get() as { documents: number; units: number };
  const big = r.prepare("SELECT province, count(*) AS n FROM v_documents GROUP BY province ORDER BY n DESC LIMIT 1").get() as { province: string };
  const unit = r.prepare("SELECT unit_code FROM documents WHERE unit_code IS NOT NULL LIMIT 1").pluck().get() as string;
  const doc = r.prepare("SELECT max(id) FROM documents").pluck().get() as number;
  r.close();
  const ws = await startWorkspace({ dbPath: db, host: "127.0.0.1", port: 0 });
  const p = encodeURIComponent(big.province);
  const pages = [
    "/", `/?province=${p}`, "/matrix", `/matrix?province=${p}&all_units=1`, "/indicator/3.3", `/indicator/3.3?province=${p}`, `/unit/${unit}`,
    `/document/${doc}`, "/flags", `/flags?province=${p}&kind=unmet`, "/documents", `/coverage?province=${p}`, "/search?q=ty%20le", "/api/matrix",
  ];
  const rows: { page: string; first_ms: number; median_ms: number; max_ms: number; bytes: number; status: number }[] = [];
  try {
    for (const page of pages) {
      const times: number[] = [];
      let first = 0;
      let bytes = 0;
      let status = 0;
      for (let i = 0; i <= opts.repeat; i++) {
        const t0 = performance.now();
        const res = await fetch(ws.url + page.slice(1));
        const body = await res.arrayBuffer();
        const ms = performance.now() - t0;
        status = res.status;
        bytes = body.byteLength;
        if (i > 0) times.push(ms);
        else first = ms; // the first request computes the page; the next ones come from the page cache until the data changes
      }
      times.sort((a, b) => a - b);
      rows.push({ page, first_ms: Math.round(first), median_ms: Math.round(times[Math.floor(times.length / 2)]!), max_ms: Math.round(times[times.length - 1]!), bytes, status });
      log(`web: ${page} ${rows[rows.length - 1]!.median_ms} ms`);
    }
  } finally {
    await ws.close();
  }
  const out = { at: new Date().toISOString(), node: process.version, ...counts, province: big.province, repeat: opts.repeat, pages: rows };
  mkdirSync(join(root, "bench", "results"), { recursive: true });
  writeFileSync(join(root, "bench", "results", `web-${out.at.replace(/[:.]/g, "-")}.json`), JSON.stringify(out, null, 2) + "\n");
  const md = [
    `Workspace page times: ${counts.documents} documents, ${counts.units} units, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores; first request (computed), then median and slowest of ${opts.repeat} more (page cache) (province filter: ${big.province})`,
    "",
    "| page | first | median | slowest | size | status |",
    "|---|--:|--:|--:|--:|--:|",
    ...rows.map((x) => `| \`${decodeURIComponent(x.page)}\` | ${x.first_ms} ms | ${x.median_ms} ms | ${x.max_ms} ms | ${Math.round(x.bytes / 1024)} KiB | ${x.status} |`),
  ].join("\n");
  process.stdout.write(md + "\n");
}
