// The reference for PDFs: poppler's pdftotext over the same files, one process per file (as a
// script would call it), `jobs` at a time so it gets the same cores as tonghop's workers.

import { spawn, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** pdftotext's version line, or null when it is not installed (Debian package poppler-utils). */
export function pdftotextVersion(): string | null {
  const r = spawnSync("pdftotext", ["-v"], { encoding: "utf8" });
  if (r.error) return null;
  return (r.stderr || r.stdout).split("\n")[0]!.trim();
}

function one(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn("pdftotext", ["-enc", "UTF-8", file, "/dev/null"], { stdio: "ignore" });
    p.on("error", reject);
    p.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`pdftotext ${file}: exit ${code}`))));
  });
}

/** Best of `repeat` runs (the reference is the practical limit, so its best is the fair bar). */
export async function bestPdftotext(dir: string, jobs: number, repeat = 3): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) best = Math.min(best, await timePdftotext(dir, jobs));
  return best;
}

/** Seconds to convert every PDF in `dir`, `jobs` processes at a time. */
export async function timePdftotext(dir: string, jobs: number): Promise<number> {
  const files = readdirSync(dir).filter((f) => f.endsWith(".pdf")).map((f) => join(dir, f));
  const t0 = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < files.length) await one(files[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, lane));
  return (performance.now() - t0) / 1000;
}
