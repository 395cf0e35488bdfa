// An import on Linux runs in a child process whose C allocator hands big buffers back.
//
// OCR prepares pages as buffers of 4 to 16 MB in several threads (file workers, the canvas, the
// recognisers). glibc's malloc serves the first of them with mmap and gives them back when they
// are freed, but after the first such free it raises its mmap threshold to that size and serves
// every later one from per-thread arenas, which keep freed memory: the import of the scanned
// fixtures peaked at 680-950 MiB. With the threshold fixed at 128 KiB (MALLOC_MMAP_THRESHOLD_,
// read by glibc only when a process starts) the same import peaks at 585-630 MiB for about 3 %
// more CPU. A process cannot set it for itself, so `tonghop import` starts itself again with it
// set, once (the child sees the variable and runs the import). Other C libraries ignore it, and
// other systems and other commands run as they are. An analyst's own setting of the variable is
// kept, and TONGHOP_RELAUNCH=0 turns this off. Programs the import starts (native tesseract) run
// without it (src/malloc.ts).

import { spawn } from "node:child_process";
import { constants } from "node:os";
import { MMAP_THRESHOLD as THRESHOLD, MMAP_VARIABLE as VARIABLE, RELAUNCHED as CHILD } from "../malloc.js";

/** Commands whose run prepares OCR pages by the batch. */
const COMMANDS = new Set(["import"]);

/** Whether this `tonghop …` (argv as Node gives it) should run as a child with the variable set. */
export function shouldRelaunch(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== "linux" || env[VARIABLE] !== undefined || env.TONGHOP_RELAUNCH === "0") return false;
  const command = argv.slice(2).find((a) => !a.startsWith("-"));
  return command !== undefined && COMMANDS.has(command);
}

/**
 * Runs `node <execArgv> <script> <args>` as a child with the variable set and resolves to the exit
 * code to give. The child is its own process group, so that a Ctrl-C reaches it once, from here:
 * a terminal sends it to the whole foreground group, and a second one means "stop at once" to an
 * import. Signals the parent gets are passed on; a child ended by a signal ends the parent by it.
 */
export function relaunch(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [node, script, ...args] = argv as [string, string, ...string[]];
  // the channel tells the child when this process is gone (see followParent)
  const child = spawn(node, [...process.execArgv, script, ...args], { stdio: ["inherit", "inherit", "inherit", "ipc"], env: { ...env, [VARIABLE]: THRESHOLD, [CHILD]: "1" }, detached: true });
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  const pass = (s: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(s);
  };
  for (const s of signals) process.on(s, pass);
  return new Promise((resolve, reject) => {
    child.on("error", (e) => {
      for (const s of signals) process.removeListener(s, pass);
      reject(e);
    });
    child.on("exit", (code, signal) => {
      for (const s of signals) process.removeListener(s, pass);
      // ended by a signal: the shell's convention, 128 + its number (130 for Ctrl-C)
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}

/**
 * In the child: when the parent ends without waiting for it (kill -9), the child ends the same
 * way, as the import would have without the relaunch (a store stays sound after a kill).
 */
export function followParent(env: NodeJS.ProcessEnv = process.env): void {
  if (env[CHILD] !== "1" || !process.channel) return;
  process.channel.unref();
  process.on("disconnect", () => process.kill(process.pid, "SIGKILL"));
}
