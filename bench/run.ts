// `npm run bench`: builds the corpus, imports each format into a fresh database in a child
// process, times pdftotext on the same PDFs, and writes bench/results/<timestamp>.json and
// bench/results/latest.md. Options: --text N --docx N --pdf N --jobs N, --no-scale (skip the
// N = 100 and 1,000 runs), --profile (each format again under `node --cpu-prof`), --quick (a
// smoke test on a small corpus, written to bench/work/quick-results), --no-scanned (skip the
// scanned corpus: OCR of fixtures/scanned), --scanned-only (only that, written to
// bench/results/scanned-latest.md).

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildDocx, buildPdf, buildText, loadPlaces, loadTemplates, subset, type FormatCorpus } from "./corpus/build.js";
import { storedCounts, type Stored } from "./measure/db-check.js";
import { loadRules } from "../src/rules/load.js";
import { gitState } from "./measure/git.js";
import { machine } from "./measure/machine.js";
import { summariseProfiles } from "./measure/profile.js";
import { parallelSpeedup } from "./measure/parallel.js";
import { bestPdftotext, pdftotextVersion } from "./measure/pdftotext.js";
import { HAVE_GNU_TIME, measure, type Measured } from "./measure/spawn.js";
import { stageCosts, type StageCosts } from "./measure/stages.js";
import { markdown, scannedMarkdown } from "./report/markdown.js";
import { scannedRun } from "./measure/scanned.js";
import { TARGETS, type ImportRun, type Results } from "./report/types.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const work = join(root, "bench", "work");
const childScript = join(root, "dist", "bench", "measure", "import-child.js");
const cli = join(root, "bin", "tonghop.js");

const { values: opt } = parseArgs({
  options: {
    text: { type: "string", default: "3321" },
    docx: { type: "string", default: "500" },
    pdf: { type: "string", default: "200" },
    jobs: { type: "string" },
    "no-scale": { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    // the workspace's page times on a large database (bench/web.ts)
    web: { type: "boolean", default: false },
    "web-documents": { type: "string", default: "10000" },
    "web-reuse": { type: "boolean", default: false },
    "no-scanned": { type: "boolean", default: false },
    "scanned-only": { type: "boolean", default: false },
  },
});
if (opt.web) {
  const { webBench } = await import("./web.js");
  await webBench({ documents: Number(opt["web-documents"]), repeat: 5, reuse: opt["web-reuse"] });
  process.exit(0);
}
const m = machine();
const jobs = Number(opt.jobs ?? m.cores);
const counts = opt.quick ? { text: 300, docx: 50, pdf: 20 } : { text: Number(opt.text), docx: Number(opt.docx), pdf: Number(opt.pdf) };
const log = (s: string) => process.stderr.write(s + "\n");

const MiB = (kib: number | null) => (kib === null ? null : Math.round((kib / 1024) * 10) / 10);

function freshDb(label: string): string {
  const file = join(work, "db", `${label}.db`);
  mkdirSync(dirname(file), { recursive: true });
  for (const x of ["", "-wal", "-shm"]) rmSync(file + x, { force: true });
  return file;
}

async function importRun(label: string, format: string, corpus: FormatCorpus, extraNodeArgs: string[] = []): Promise<ImportRun> {
  const db = freshDb(label);
  log(`import ${label}: ${corpus.files} files…`);
  const loadBefore = loadavg()[0]!;
  const r = await measure(process.execPath, [...extraNodeArgs, childScript, db, String(jobs), corpus.dir]);
  if (r.code !== 0) throw new Error(`import ${label} exited ${r.code}: ${r.stderr.slice(-2000)}`);
  const s = JSON.parse(r.stdout.trim().split("\n").pop()!) as {
    imported: number; skipped: number; failed: number; errors: unknown[]; files: number; seconds: number; setupMs: number;
    timings: { read: number; extract: number; store: number }; maxRssKiB: number; cpuMs: number;
  };
  const stored: Stored = storedCounts(db);
  const per = (ms: number) => Math.round((ms / corpus.files) * 100) / 100;
  return {
    label, format, files: corpus.files, pages: corpus.pages, bytes: corpus.bytes,
    wallSeconds: round(r.wallSeconds), importSeconds: round(s.seconds), setupSeconds: round(s.setupMs / 1000),
    docsPerSecond: round(corpus.files / r.wallSeconds, 1),
    docsPerSecondInImport: round(corpus.files / s.seconds, 1),
    pagesPerSecond: corpus.pages === null ? null : round(corpus.pages / r.wallSeconds, 1),
    cpuMsPerDoc: per(s.cpuMs), loadAverage: [round(loadBefore), round(loadavg()[0]!)],
    stageMsPerDoc: { read: per(s.timings.read), extract: per(s.timings.extract), store: per(s.timings.store) },
    peakRssMiB: MiB(s.maxRssKiB)!, sampledVmHwmMiB: MiB(r.vmHwmKiB), rssTimelineMiB: downsample(r.rssSamples, 20).map((k) => MiB(k)!),
    imported: s.imported, skipped: s.skipped, failed: s.failed, errors: s.errors, stored,
  };
}

/** The product itself, for the headline: `tonghop import DIR --format json`, under /usr/bin/time -v when present. */
async function cliRun(corpus: FormatCorpus): Promise<{ wallSeconds: number; seconds: number; imported: number; failed: number; docsPerSecond: number; peakRssMiB: number | null; measuredBy: string }> {
  const db = freshDb("cli-text");
  log(`tonghop import (CLI) ${corpus.files} text files…`);
  const r: Measured = await measure(process.execPath, [cli, "import", corpus.dir, "--db", db, "--format", "json", "--jobs", String(jobs)], {
    gnuTime: true, timeFile: join(work, "time-v.txt"),
  });
  if (r.code !== 0) throw new Error(`tonghop import exited ${r.code}: ${r.stderr.slice(-2000)}`);
  const s = JSON.parse(r.stdout.trim().split("\n").pop()!) as { imported: number; failed: number; seconds: number };
  return {
    wallSeconds: round(r.wallSeconds), seconds: s.seconds, imported: s.imported, failed: s.failed,
    docsPerSecond: round(corpus.files / r.wallSeconds, 1),
    peakRssMiB: MiB(r.timeMaxRssKiB ?? r.vmHwmKiB),
    measuredBy: r.timeMaxRssKiB !== null ? "/usr/bin/time -v (ru_maxrss)" : "VmHWM sampled from /proc",
  };
}

async function scannedOnly(): Promise<void> {
  const started = new Date();
  mkdirSync(work, { recursive: true });
  const scanned = await scannedRun(cli, join(root, "fixtures", "scanned"), freshDb("scanned"), jobs, work, log);
  const resultsDir = join(root, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, "-");
  const out = { startedAt: started.toISOString(), machine: m, git: gitState(root), jobs, scanned };
  writeFileSync(join(resultsDir, `scanned-${stamp}.json`), JSON.stringify(out, null, 2) + "\n");
  const md = `# Benchmark: scanned corpus, latest run\n\n${started.toISOString()} — ${m.cores} cores (${m.cpu}), Node ${m.node}; --jobs ${jobs}.\n\n${scannedMarkdown(scanned)}\n`;
  writeFileSync(join(resultsDir, "scanned-latest.md"), md);
  process.stdout.write(md);
}

async function main(): Promise<void> {
  if (opt["scanned-only"]) return scannedOnly();
  const started = new Date();
  const git = gitState(root); // what dist/ was just built from
  const speedup = await parallelSpeedup(m.cores);
  log(`machine: ${m.cores} cores, ${m.cpu}, ${m.ramGiB} GiB, Node ${m.node}; ${m.cores} threads give ${speedup}× one; jobs ${jobs}`);
  const places = loadPlaces(root);
  const templates = await loadTemplates(root, places);
  const corpusDir = join(work, "corpus");
  const t0 = performance.now();
  const text = buildText(join(corpusDir, `text-${counts.text}`), templates, places, counts.text);
  const docx = buildDocx(join(corpusDir, "docx"), templates, places, counts.docx);
  const pdf = buildPdf(join(corpusDir, "pdf"), templates, places, counts.pdf);
  log(`corpus built in ${round((performance.now() - t0) / 1000)} s`);

  const scale: ImportRun[] = [];
  if (!opt["no-scale"] && !opt.quick)
    for (const n of [100, 1000].filter((n) => n < counts.text))
      scale.push(await importRun(`text-${n}`, "text", { ...text, files: n, dir: subset(text.dir, n, join(corpusDir, `text-${n}`)) }));
  const textRun = await importRun(`text-${counts.text}`, "text", text);
  scale.push(textRun);
  const docxRun = await importRun("docx", "docx", docx);
  const pdfRun = await importRun("pdf", "pdf", pdf);

  const version = pdftotextVersion();
  let reference: Results["pdftotext"] = { version, note: version ? "" : "pdftotext not installed (Debian package poppler-utils): no reference measured" };
  if (version) {
    log(`pdftotext on ${pdf.files} PDFs…`);
    const parallel = await bestPdftotext(pdf.dir, jobs);
    const single = await bestPdftotext(pdf.dir, 1);
    const best = Math.min(parallel, single);
    reference = {
      version,
      note: `one pdftotext process per file, best of 3 runs, ${jobs} at a time and one at a time; the faster is the reference`,
      jobs, seconds: round(best), pagesPerSecond: round(pdf.pages! / best, 1),
      parallelSeconds: round(parallel), singleSeconds: round(single), singlePagesPerSecond: round(pdf.pages! / single, 1),
    };
  }
  const cliText = await cliRun(text);
  const scanned = opt["no-scanned"] || opt.quick ? null : await scannedRun(cli, join(root, "fixtures", "scanned"), freshDb("scanned"), jobs, work, log);

  log("stage costs on one thread…");
  const rules = loadRules();
  const stages: Record<string, StageCosts> = {};
  for (const [format, corpus, n] of [["text", text, 500], ["docx", docx, 100], ["pdf", pdf, 40]] as const)
    stages[format] = await stageCosts(corpus.dir, Math.min(n, corpus.files), rules, freshDb(`stages-${format}`));

  let profile: Results["profile"] = null;
  if (opt.profile) {
    profile = {};
    for (const [format, corpus] of [["text", text], ["docx", docx], ["pdf", pdf]] as const) {
      const dir = join(work, "profile", format);
      rmSync(dir, { recursive: true, force: true });
      const run = await importRun(`${format}-profiled`, format, corpus, ["--cpu-prof", "--cpu-prof-dir", dir]);
      profile[format] = { files: run.files, wallSeconds: run.wallSeconds, ...summariseProfiles(dir) };
    }
  }

  const results: Results = {
    startedAt: started.toISOString(), machine: { ...m, parallelSpeedup: speedup }, git, jobs, gnuTime: HAVE_GNU_TIME, targets: TARGETS,
    corpus: { text: describe(text), docx: describe(docx), pdf: { ...describe(pdf), figuresChanged: pdf.figuresChanged } },
    runs: { text: textRun, docx: docxRun, pdf: pdfRun }, stages, scale, cliText, pdftotext: reference, profile, scanned,
  };
  // a --quick run is a smoke test: its numbers stay out of bench/results (and the README)
  const resultsDir = opt.quick ? join(work, "quick-results") : join(root, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, "-");
  writeFileSync(join(resultsDir, `${stamp}.json`), JSON.stringify(results, null, 2) + "\n");
  const md = markdown(results, join(root, "bench", "profile-notes.md"));
  writeFileSync(join(resultsDir, "latest.md"), md);
  process.stdout.write(md);
  log(`results: ${join(resultsDir, `${stamp}.json`)} and ${join(resultsDir, "latest.md")}`);
}

function describe(c: FormatCorpus) {
  return { files: c.files, bytes: c.bytes, pages: c.pages, note: c.note };
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function downsample(xs: number[], n: number): number[] {
  if (xs.length <= n) return xs;
  return Array.from({ length: n }, (_, i) => xs[Math.round((i * (xs.length - 1)) / (n - 1))]!);
}

main().catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
