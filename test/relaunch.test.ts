// `tonghop import` on Linux runs as a child with glibc's mmap threshold fixed (src/cli/relaunch.ts):
// which commands do, and that the child gets the variable, gives its exit code back, gets a Ctrl-C
// once and ends when its parent is killed. Real processes: a parent script calls relaunch() from
// the built dist/ the way bin/tonghop.js does, on a small child script.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { shouldRelaunch } from "../src/cli/relaunch.js";
import { environmentForPrograms } from "../src/malloc.js";
import { ROOT } from "./helpers.js";
import { tempDir } from "./store-helpers.js";

const RELAUNCH = pathToFileURL(join(ROOT, "dist", "src", "cli", "relaunch.js")).href;

/** A parent script (relaunches itself as the child, like bin/tonghop.js) whose child runs `body`. */
function scripts(dir: string, body: string): string {
  const file = join(dir, "launcher.mjs");
  writeFileSync(
    file,
    `const r = await import(${JSON.stringify(RELAUNCH)});
if (!process.env.MALLOC_MMAP_THRESHOLD_) process.exitCode = await r.relaunch(process.argv);
else { r.followParent(); ${body} }
`,
  );
  return file;
}

/** Runs the parent script in a process group of its own, as a shell runs a command in a terminal. */
function run(file: string, args: string[]) {
  const env = { ...process.env };
  delete env.MALLOC_MMAP_THRESHOLD_;
  const p = spawn(process.execPath, [file, ...args], { stdio: ["ignore", "pipe", "pipe"], env, detached: true });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => p.on("exit", (code, signal) => resolve({ code, signal })));
  return { p, done };
}

async function until(test: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !test(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(test()).toBe(true);
}

/** Whether the process runs (a zombie waiting for init to reap it has ended). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
};

describe("which runs relaunch", () => {
  const argv = (...a: string[]) => ["/usr/bin/node", "/x/bin/tonghop.js", ...a];
  it("an import on Linux, options before the command too; not other commands, systems or an own setting", () => {
    expect(shouldRelaunch(argv("import", "dir"), {}, "linux")).toBe(true);
    expect(shouldRelaunch(argv("--debug", "import", "dir"), {}, "linux")).toBe(true);
    expect(shouldRelaunch(argv("show", "import"), {}, "linux")).toBe(false);
    expect(shouldRelaunch(argv("serve"), {}, "linux")).toBe(false);
    expect(shouldRelaunch(argv(), {}, "linux")).toBe(false);
    expect(shouldRelaunch(argv("import", "dir"), {}, "win32")).toBe(false);
    expect(shouldRelaunch(argv("import", "dir"), { MALLOC_MMAP_THRESHOLD_: "65536" }, "linux")).toBe(false);
    expect(shouldRelaunch(argv("import", "dir"), { TONGHOP_RELAUNCH: "0" }, "linux")).toBe(false);
  });
});

describe("programs the import starts (native tesseract)", () => {
  it("run without the allocator setting when tonghop set it, with the analyst's own when it is theirs", () => {
    expect(environmentForPrograms({ MALLOC_MMAP_THRESHOLD_: "131072", TONGHOP_RELAUNCHED: "1", PATH: "/bin" })).toEqual({ PATH: "/bin" });
    expect(environmentForPrograms({ MALLOC_MMAP_THRESHOLD_: "65536", PATH: "/bin" })).toEqual({ MALLOC_MMAP_THRESHOLD_: "65536", PATH: "/bin" });
  });
});

describe.runIf(process.platform === "linux")("the relaunched child", () => {
  it("runs with the variable set and the same arguments, and its exit code is the command's", async () => {
    const dir = tempDir();
    const out = join(dir, "out.json");
    const file = scripts(dir, `(await import("node:fs")).writeFileSync(${JSON.stringify(out)}, JSON.stringify({ v: process.env.MALLOC_MMAP_THRESHOLD_, args: process.argv.slice(2) })); process.exitCode = 3;`);
    const { done } = run(file, ["import", "a b"]);
    expect((await done).code).toBe(3);
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual({ v: "131072", args: ["import", "a b"] });
  });

  it("gets a terminal's Ctrl-C once (the terminal signals the whole group), and the parent exits with the child's code", async () => {
    const dir = tempDir();
    const out = join(dir, "count");
    const file = scripts(
      dir,
      `const fs = await import("node:fs"); let n = 0;
process.on("SIGINT", () => { n++; setTimeout(() => { fs.writeFileSync(${JSON.stringify(out)}, String(n)); process.exit(130); }, 300); });
fs.writeFileSync(${JSON.stringify(out)} + ".ready", "1"); setInterval(() => {}, 1000);`,
    );
    const { p, done } = run(file, []);
    await until(() => existsSync(out + ".ready"));
    process.kill(-p.pid!, "SIGINT");
    expect((await done).code).toBe(130);
    expect(readFileSync(out, "utf8")).toBe("1");
  });

  it("ends when its parent is killed with SIGKILL", async () => {
    const dir = tempDir();
    const pidFile = join(dir, "pid");
    const file = scripts(dir, `(await import("node:fs")).writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`);
    const { p, done } = run(file, []);
    await until(() => existsSync(pidFile) && readFileSync(pidFile, "utf8").length > 0);
    const child = Number(readFileSync(pidFile, "utf8"));
    expect(alive(child)).toBe(true);
    p.kill("SIGKILL");
    expect((await done).signal).toBe("SIGKILL");
    await until(() => !alive(child));
  });
});
