// The shape of bench/results/<timestamp>.json, and the targets of issue 6.

import type { ScannedRun } from "../measure/scanned.js";
import type { Machine } from "../measure/machine.js";
import type { Stored } from "../measure/db-check.js";
import type { ThreadProfile } from "../measure/profile.js";
import type { StageCosts } from "../measure/stages.js";

export const TARGETS = {
  /** Text reports end-to-end into SQLite. */
  textDocsPerSecond: 300,
  /** 3,321 text reports (the whole country). */
  text3321Seconds: 15,
  /** Text-layer PDFs against pdftotext on the same files and cores. */
  pdfVsPdftotext: 0.5,
  /** Peak resident memory at N = 3,321. */
  peakMiB: 400,
};

export interface ImportRun {
  label: string;
  format: string;
  files: number;
  pages: number | null;
  bytes: number;
  /** Child process start to exit: what an analyst waits. */
  wallSeconds: number;
  /** runImport's own clock (without process start, rules loading, database opening). */
  importSeconds: number;
  setupSeconds: number;
  docsPerSecond: number;
  docsPerSecondInImport: number;
  pagesPerSecond: number | null;
  /** CPU time of the import process (all threads, user + system) per document. */
  cpuMsPerDoc: number;
  /** 1-minute load average before and after: other work on the machine slows the run. */
  loadAverage: [number, number];
  /** Milliseconds per document, summed over files and threads (see the Markdown notes). */
  stageMsPerDoc: { read: number; extract: number; store: number };
  /** getrusage ru_maxrss of the import process (worker threads included). */
  peakRssMiB: number;
  sampledVmHwmMiB: number | null;
  rssTimelineMiB: number[];
  imported: number;
  skipped: number;
  failed: number;
  errors: unknown[];
  stored: Stored;
}

export interface Results {
  startedAt: string;
  /** parallelSpeedup: throughput of `cores` busy threads relative to one (measure/parallel.ts). */
  machine: Machine & { parallelSpeedup: number };
  git: { commit: string | null; uncommitted: string[] };
  jobs: number;
  gnuTime: boolean;
  targets: typeof TARGETS;
  corpus: Record<string, { files: number; bytes: number; pages: number | null; note: string; figuresChanged?: number }>;
  runs: { text: ImportRun; docx: ImportRun; pdf: ImportRun };
  /** Stage costs with one file at a time on one thread (measure/stages.ts). */
  stages: Record<string, StageCosts>;
  scale: ImportRun[];
  cliText: { wallSeconds: number; seconds: number; imported: number; failed: number; docsPerSecond: number; peakRssMiB: number | null; measuredBy: string };
  pdftotext: {
    version: string | null;
    note: string;
    jobs?: number;
    seconds?: number;
    pagesPerSecond?: number;
    parallelSeconds?: number;
    singleSeconds?: number;
    singlePagesPerSecond?: number;
  };
  /** --profile: per format, the import under node --cpu-prof (slower than unprofiled runs). */
  profile: Record<string, { files: number; wallSeconds: number; main: ThreadProfile; workers: ThreadProfile }> | null;
  /** OCR of the scanned fixtures (null with --no-scanned or --quick). */
  scanned?: ScannedRun | null;
}
