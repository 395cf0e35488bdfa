// The scanned corpus (fixtures/scanned: the fixture reports as image-only PDFs, see
// scripts/make-scans.mjs): `tonghop import` of all of it, seconds per page of wall time and of
// CPU, peak memory; and native `tesseract` on the same pages at the same resolution (one thread
// per page, `jobs` pages at a time) when it is installed, as the reference.

import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** `tonghop import` of the corpus with one recognition engine. */
export interface ScannedImport {
  engine: "tesseract.js" | "native";
  wallSeconds: number;
  secondsPerPage: number;
  cpuSecondsPerPage: number | null;
  /** The import process's peak (native tesseract's processes are not counted in it). */
  peakRssMiB: number | null;
  imported: number;
  failed: number;
  loadAverage: number[];
}

export interface ScannedRun extends ScannedImport {
  files: number;
  pages: number;
  /** The same import with the native program as the recogniser, when it is installed. */
  withNative: ScannedImport | null;
  native: { version: string; wallSeconds: number; secondsPerPage: number } | { version: null; note: string };
}

async function pageCount(file: string): Promise<number> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  const n = doc.numPages;
  await doc.destroy();
  return n;
}

async function importWith(engine: ScannedImport["engine"], cli: string, dir: string, db: string, pages: number, jobs: number, work: string): Promise<ScannedImport> {
  for (const x of ["", "-wal", "-shm"]) rmSync(db + x, { force: true });
  const { loadavg } = await import("node:os");
  const load0 = loadavg()[0]!;
  const timeFile = join(work, "time-scanned.txt");
  const t0 = performance.now();
  const haveTime = spawnSync("/usr/bin/time", ["-f", "%U", "true"]).status === 0;
  const cmd = haveTime ? "/usr/bin/time" : process.execPath;
  const args = [cli, "import", dir, "--db", db, "--format", "json", "--jobs", String(jobs)];
  const env = { ...process.env, TONGHOP_OCR_ENGINE: engine === "native" ? "native" : "js" };
  const r = spawnSync(cmd, haveTime ? ["-o", timeFile, "-f", "%U %S %M", process.execPath, ...args] : args, { encoding: "utf8", maxBuffer: 64 << 20, env });
  const wall = (performance.now() - t0) / 1000;
  const s = JSON.parse(r.stdout.trim().split("\n").pop() || "{}") as { imported?: number; failed?: number };
  let cpu: number | null = null;
  let rss: number | null = null;
  if (haveTime) {
    const [u, sy, m] = readFileSync(timeFile, "utf8").trim().split(/\s+/).slice(-3).map(Number);
    cpu = (u ?? 0) + (sy ?? 0);
    rss = m ? Math.round((m / 1024) * 10) / 10 : null;
  }
  return {
    engine,
    wallSeconds: round(wall),
    secondsPerPage: round(wall / pages),
    cpuSecondsPerPage: cpu === null ? null : round(cpu / pages),
    peakRssMiB: rss,
    imported: s.imported ?? 0,
    failed: s.failed ?? 0,
    loadAverage: [round(load0), round(loadavg()[0]!)],
  };
}

export async function scannedRun(cli: string, dir: string, db: string, jobs: number, work: string, log: (s: string) => void): Promise<ScannedRun> {
  const files = readdirSync(dir).filter((f) => f.endsWith(".pdf")).sort();
  let pages = 0;
  for (const f of files) pages += await pageCount(join(dir, f));
  log(`tonghop import (CLI, tesseract.js) of ${files.length} scanned PDFs, ${pages} pages…`);
  const js = await importWith("tesseract.js", cli, dir, db, pages, jobs, work);
  const native = await nativeTesseract(dir, files, jobs, join(work, "scanned-png"), log);
  let withNative: ScannedImport | null = null;
  if (native.version !== null) {
    log(`tonghop import (CLI, native tesseract) of the same files…`);
    withNative = await importWith("native", cli, dir, db, pages, jobs, work);
  }
  return { ...js, files: files.length, pages, withNative, native };
}

/** Native tesseract 5 with the Vietnamese model on the same pages, rendered at 200 dpi. */
async function nativeTesseract(dir: string, files: string[], jobs: number, out: string, log: (s: string) => void): Promise<ScannedRun["native"]> {
  const v = spawnSync("tesseract", ["--version"], { encoding: "utf8" });
  if (v.status !== 0) return { version: null, note: "native tesseract not installed (Debian: tesseract-ocr): no reference measured" };
  // the model tonghop ships, unpacked (as src/ingest/ocr/native.ts does)
  const tessdata = (await import("../../src/ingest/ocr/native.js")).tessdataDir();
  const version = (v.stdout || v.stderr).split("\n")[0]!.trim();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const { createCanvas } = await import("@napi-rs/canvas");
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const images: string[] = [];
  for (const f of files) {
    const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(join(dir, f))), verbosity: 0 }).promise;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 200 / 72 });
      const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
      await page.render({ canvasContext: canvas.getContext("2d") as never, viewport, canvas: canvas as never }).promise;
      const file = join(out, `${f}-${n}.png`);
      writeFileSync(file, await canvas.encode("png"));
      images.push(file);
    }
    await doc.destroy();
  }
  log(`native ${version} on ${images.length} pages, ${jobs} at a time…`);
  const t0 = performance.now();
  let next = 0;
  const one = async (): Promise<void> => {
    while (next < images.length) {
      const img = images[next++]!;
      await new Promise<void>((resolve) => {
        const p = spawn("tesseract", [img, img.replace(/\.png$/, ""), "--tessdata-dir", tessdata, "-l", "vie", "--oem", "1", "--psm", "3"], { stdio: "ignore", env: { ...process.env, OMP_THREAD_LIMIT: "1" } });
        p.on("exit", () => resolve());
      });
    }
  };
  await Promise.all(Array.from({ length: jobs }, one));
  const wall = (performance.now() - t0) / 1000;
  return { version, wallSeconds: round(wall), secondsPerPage: round(wall / images.length) };
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
