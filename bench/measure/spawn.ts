// Running a measured process: wall time, and its resident memory sampled from /proc while it
// runs (VmHWM is the kernel's own high-water mark, so a peak between samples is not lost; only
// the last ~50 ms before exit go unseen). With /usr/bin/time -v the exact ru_maxrss is added.

import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";

export interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  wallSeconds: number;
  /** Highest VmHWM seen in /proc (KiB), null where /proc is not there. */
  vmHwmKiB: number | null;
  /** VmRSS samples (KiB) every `sampleMs`: whether memory grows with the corpus. */
  rssSamples: number[];
  /** /usr/bin/time -v "Maximum resident set size" (KiB), when run under it. */
  timeMaxRssKiB: number | null;
}

export const HAVE_GNU_TIME = existsSync("/usr/bin/time");

function status(pid: number): { hwm: number; rss: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, "utf8");
    return { hwm: Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0), rss: Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0) };
  } catch {
    return null; // exited between samples
  }
}

/** The process to watch: the command itself, or the one /usr/bin/time started. */
function watched(pid: number, underTime: boolean): number | null {
  if (!underTime) return pid;
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    return kids.length ? Number(kids[0]) : null;
  } catch {
    return null;
  }
}

export function measure(cmd: string, args: string[], opts: { gnuTime?: boolean; sampleMs?: number; timeFile?: string } = {}): Promise<Measured> {
  const underTime = !!opts.gnuTime && HAVE_GNU_TIME && !!opts.timeFile;
  const [file, argv] = underTime ? ["/usr/bin/time", ["-v", "-o", opts.timeFile!, cmd, ...args]] : [cmd, args];
  const sampleMs = opts.sampleMs ?? 50;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(file, argv, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    let hwm: number | null = null;
    const rssSamples: number[] = [];
    const timer = setInterval(() => {
      const pid = watched(child.pid!, underTime);
      const s = pid ? status(pid) : null;
      if (!s) return;
      hwm = Math.max(hwm ?? 0, s.hwm);
      rssSamples.push(s.rss);
    }, sampleMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(timer);
      const wallSeconds = (performance.now() - t0) / 1000;
      let timeMaxRssKiB: number | null = null;
      if (underTime && existsSync(opts.timeFile!)) {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(opts.timeFile!, "utf8"));
        timeMaxRssKiB = m ? Number(m[1]) : null;
        rmSync(opts.timeFile!);
      }
      resolve({ code, stdout, stderr, wallSeconds, vmHwmKiB: hwm, rssSamples, timeMaxRssKiB });
    });
  });
}
