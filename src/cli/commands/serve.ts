// `tonghop serve`: the web workspace over the database (pages, exports, import from the browser).

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { resolveDbPath } from "../../store/index.js";
import { DB_HELP, examples } from "./common.js";
import { positiveInt } from "./numbers.js";

interface ServeOpts {
  db?: string;
  port: number;
  host: string;
  token?: string;
  tokenFile?: string;
  open?: boolean;
  rules?: string;
  jobs?: number;
}

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port "${v}": cần số cổng 0–65535 (port number)`);
  return n;
}

function openBrowser(url: string): void {
  const cmd = process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
  try {
    const child = spawn(cmd, [url], { detached: true, stdio: "ignore" });
    child.on("error", () => process.stderr.write(`Không mở được trình duyệt (could not open a browser): mở ${url}\n`));
    child.unref();
  } catch {
    process.stderr.write(`Không mở được trình duyệt (could not open a browser): mở ${url}\n`);
  }
}

export function registerServe(program: Command): void {
  const cmd = program
    .command("serve")
    .description("Start the web workspace: overview, matrix, indicators, units, documents with highlighted figures, flags, search, import from the browser")
    .option("--db <file>", DB_HELP)
    .option("-p, --port <n>", "port (0: any free port)", port, 8080)
    .option("--host <address>", "address to listen on; anything but 127.0.0.1/localhost requires --token", "127.0.0.1")
    .option("--token <token>", "access token every request must carry (required with another --host)")
    .option("--token-file <file>", "read the access token from a file (first line)")
    .option("--open", "open the workspace in the default browser")
    .option("--rules <dir>", "rules folder for imports from the browser (default: the package's rules/ or $TONGHOP_RULES)")
    .option("-j, --jobs <n>", "worker threads for imports from the browser", positiveInt("--jobs", 64));
  cmd.addHelpText(
    "after",
    examples(
      "tonghop serve                                  # http://127.0.0.1:8080/",
      "tonghop serve --db tinh.db --port 9000 --open",
      "tonghop serve --host 0.0.0.0 --token-file ~/.tonghop-token   # other machines, with a token",
    ),
  );
  cmd.action(async (opts: ServeOpts) => {
    const { startWorkspace } = await import("../../web/server.js");
    const token = opts.token ?? (opts.tokenFile ? readFileSync(opts.tokenFile, "utf8").split(/\r?\n/)[0]!.trim() : process.env.TONGHOP_TOKEN) ?? null;
    if (opts.tokenFile && !token) throw new Error(`${opts.tokenFile}: tệp mã truy cập rỗng (empty token file)`);
    const ws = await startWorkspace({ dbPath: resolveDbPath(opts.db), host: opts.host, port: opts.port, token, rulesDir: opts.rules, jobs: opts.jobs });
    const shown = token ? `${ws.url}?token=${encodeURIComponent(token)}` : ws.url;
    process.stdout.write(`tonghop serve: ${ws.url}\n`);
    process.stdout.write(`Không gian làm việc đang chạy tại ${shown} — cơ sở dữ liệu ${resolveDbPath(opts.db)} (Ctrl-C để dừng)\n`);
    if (opts.open) openBrowser(shown);
    await new Promise<void>((done) => {
      const stop = () => void ws.close().then(done);
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
  });
}
