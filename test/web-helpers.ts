// Shared by the workspace tests: a real database built from the fixtures (plus a report whose
// text carries HTML), and the real `tonghop serve` started on it in a child process.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN, ROOT, SAMPLES, runCli } from "./helpers.js";

/** A report whose text holds markup that must show as text: a script, an image with onerror, an attribute break-out. */
export const HOSTILE_REPORT = `ỦY BAN NHÂN DÂN XÃ TÂN LẬP
TỈNH THÁI NGUYÊN

BÁO CÁO
Kết quả triển khai phong trào "Bình dân học vụ số" 6 tháng đầu năm 2026 <script>window.pwned = 1</script>

1. Kết quả thực hiện
- Tỷ lệ người dân trưởng thành có kỹ năng số cơ bản đạt 45% <img src=x onerror="window.pwned = 2">.
- Tỷ lệ cán bộ, công chức được bồi dưỡng kỹ năng số đạt 70% "><svg onload="window.pwned = 3">.
`;

export interface TestDb {
  dir: string;
  db: string;
}

/** The five sample reports (text) and the hostile report, imported with the real CLI. */
export function buildDb(): TestDb {
  const dir = mkdtempSync(join(tmpdir(), "tonghop-web-"));
  const inbox = join(dir, "inbox");
  mkdirSync(inbox);
  writeFileSync(join(inbox, "tan-lap.txt"), HOSTILE_REPORT);
  const db = join(dir, "t.db");
  const r = runCli(["import", SAMPLES, inbox, "--db", db, "--jobs", "1"]);
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
  return { dir, db };
}

export interface Served {
  url: string;
  proc: ChildProcess;
  stderr: () => string;
  stop: () => Promise<void>;
}

/** Starts `tonghop serve --port 0 …` and resolves with the address it prints. */
export function serve(args: string[]): Promise<Served> {
  const proc = spawn(process.execPath, [BIN, "serve", "--port", "0", "--jobs", "1", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  proc.stderr!.on("data", (b: Buffer) => (err += b.toString()));
  const stop = () =>
    new Promise<void>((done) => {
      if (proc.exitCode !== null) return done();
      proc.once("exit", () => done());
      proc.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    proc.stdout!.on("data", (b: Buffer) => {
      out += b.toString();
      const m = /tonghop serve: (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, proc, stderr: () => err, stop });
    });
    proc.once("exit", (code) => reject(new Error(`tonghop serve exited with ${code}: ${err}`)));
  });
}

/** The CLI's JSON for the same question, to compare with the API's. */
export function cliJson(args: string[], db: string): unknown {
  const r = runCli([...args, "--format", "json", "--db", db]);
  if (r.status !== 0) throw new Error(`${args.join(" ")}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
