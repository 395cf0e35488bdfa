// The import's progress bar on a terminal: files done/total, rate, time left, current file.
// Nothing is drawn when stderr is not a terminal (pipes, CI, --format json).

import { basename } from "node:path";
import cliProgress from "cli-progress";
import type { Progress } from "../../batch/import.js";

export interface ProgressView {
  start(total: number): void;
  update(p: Progress): void;
  /** Pages of PDFs read so far, of those known (scanned pages take seconds each). */
  pages?(done: number, total: number): void;
  stop(): void;
}

const QUIET: ProgressView = { start() {}, update() {}, pages() {}, stop() {} };

export function progressView(enabled: boolean): ProgressView {
  if (!enabled || !process.stderr.isTTY) return QUIET;
  const bar = new cliProgress.SingleBar(
    {
      format: "{bar} {value}/{total} tệp{pages} | {rate} tệp/s | còn {eta_formatted} | {file}",
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 8,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let t0 = 0;
  return {
    start(total) {
      t0 = performance.now();
      bar.start(total, 0, { rate: "0", file: "", pages: "" });
    },
    update(p) {
      const secs = (performance.now() - t0) / 1000;
      const name = basename(p.file).replace(/[\u0000-\u001f\u007f-\u009f]/g, "");
      // a .zip opened during the import adds its members to the total
      if (p.total !== bar.getTotal()) bar.setTotal(p.total);
      bar.update(p.done, { rate: secs > 0 ? (p.done / secs).toFixed(0) : "0", file: name.length > 40 ? name.slice(0, 39) + "…" : name });
    },
    pages(done, total) {
      bar.update({ pages: total ? ` (${done}/${total} trang)` : "" });
    },
    stop() {
      bar.stop();
    },
  };
}

/**
 * One file read on its own (`tonghop extract scan.pdf`): a line on the terminal while scanned pages
 * are recognised ("Nhận dạng chữ (OCR): 3/24 trang"), nothing for files that read in a moment.
 */
export function pageLine(enabled: boolean): { onPage: (done: number, total: number, ocr: number) => void; stop(): void } {
  if (!enabled || !process.stderr.isTTY) return { onPage() {}, stop() {} };
  let shown = false;
  return {
    onPage(done, total, ocr) {
      if (!ocr) return;
      shown = true;
      process.stderr.write(`\rNhận dạng chữ (OCR) bản scan: đã đọc ${done}/${total} trang…\u001b[K`);
    },
    stop() {
      if (shown) process.stderr.write("\r\u001b[K");
    },
  };
}
