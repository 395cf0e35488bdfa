// Issue 5, done when: a folder of hostile files plus one good report — import exits 2, lists one
// clear error per bad file, stores the good report, stays under 1 GiB, and the database passes
// `pragma integrity_check`. Run through the real CLI, in-process so the peak memory of the
// import (its worker threads included) is the process's maxRSS.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BAD_DIR, SAMPLE_TEXT, sparseFile, symlinkLoop, zipBombs } from "../fixtures/bad/make.js";
import { ROOT, runCli } from "./helpers.js";

const MAIN = join(ROOT, "dist", "src", "cli", "main.js");
// runs the CLI in this process and reports its peak resident memory on stderr's last line
const MEASURED = `import { pathToFileURL } from "node:url";
const { run } = await import(pathToFileURL(process.argv[2]).href);
process.exitCode = await run([process.argv[0], ...process.argv.slice(2)]);
process.stderr.write("\\nMAXRSS_KB " + process.resourceUsage().maxRSS + "\\n");`;

// file → what its one error line must say
const BAD: Record<string, RegExp> = {
  "empty.txt": /rỗng/,
  "truncated.pdf": /cắt cụt|truncated/,
  "corrupt.pdf": /hỏng|corrupt/,
  "encrypted.pdf": /mật khẩu/,
  "random.pdf": /nhị phân/,
  "random.docx": /nhị phân/,
  "binary.txt": /nhị phân/,
  "truncated.docx": /hỏng/,
  "unknown-8bit.txt": /UTF-8/,
  "mojibake-lost.txt": /mã hóa kép/,
  "truncated.doc": /hỏng/,
  "encrypted.doc": /mật khẩu/,
  "bom-khai-gian.docx": /quá lớn/,
  "bom-2-GiB.docx": /quá lớn/,
  "rat-lon.pdf": /quá lớn/,
  "loop-a.txt": /symlink loop/,
  "loop-b.txt": /symlink loop/,
};

let work: string;
let folder: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "tonghop-bad-import-"));
  folder = join(work, "bao cao");
  mkdirSync(join(folder, "xã Vĩnh Thông"), { recursive: true });
  for (const name of Object.keys(BAD)) if (!name.startsWith("bom") && !name.startsWith("loop") && name !== "rat-lon.pdf") copyFileSync(join(BAD_DIR, name), join(folder, name));
  writeFileSync(join(folder, "bom-khai-gian.docx"), zipBombs.lying());
  writeFileSync(join(folder, "bom-2-GiB.docx"), zipBombs.declared());
  sparseFile(join(folder, "rat-lon.pdf"), 3 * 1024 ** 3);
  symlinkLoop(folder);
  copyFileSync(SAMPLE_TEXT, join(folder, "xã Vĩnh Thông", "Báo cáo 6 tháng 2026.txt"));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Summary {
  imported: number;
  skipped: number;
  failed: number;
  errors: { file: string; error: string }[];
}

function importFolder(db: string): { status: number | null; summary: Summary; maxRssKb: number } {
  // a script file, not --eval: worker threads inherit the parent's node flags
  const wrapper = join(work, "measured.mjs");
  writeFileSync(wrapper, MEASURED);
  const r = spawnSync(process.execPath, [wrapper, MAIN, "import", folder, "--db", db, "--format", "json"], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const rss = /MAXRSS_KB (\d+)/.exec(r.stderr);
  expect(rss, r.stderr).not.toBeNull();
  return { status: r.status, summary: JSON.parse(r.stdout) as Summary, maxRssKb: Number(rss![1]) };
}

describe("import of a folder of hostile files and one good report", () => {
  it("exits 2, one clear error per bad file, stores the good report, under 1 GiB, database ok", () => {
    const db = join(work, "tinh.db");
    const { status, summary, maxRssKb } = importFolder(db);
    expect(status).toBe(2);
    expect(summary.imported).toBe(1);
    const byFile = new Map(summary.errors.map((e) => [e.file.slice(folder.length + 1), e.error]));
    expect([...byFile.keys()].sort()).toEqual(Object.keys(BAD).sort());
    for (const [file, says] of Object.entries(BAD)) {
      const line = byFile.get(file)!;
      expect(line, file).toMatch(says);
      expect(line, file).not.toMatch(/\n|\bat .+:\d+:\d+/);
    }
    expect(summary.failed).toBe(Object.keys(BAD).length);
    expect(maxRssKb).toBeLessThan(1024 * 1024);

    const check = runCli(["query", "pragma integrity_check", "--db", db, "--format", "json"]);
    expect(check.status, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toEqual([{ integrity_check: "ok" }]);

    // a second run keeps refusing the bad files and stores no duplicate
    const again = importFolder(db);
    expect(again.status).toBe(2);
    expect(again.summary.imported).toBe(0);
    const count = runCli(["query", "select count(*) as n from documents", "--db", db, "--format", "json"]);
    expect(JSON.parse(count.stdout)).toEqual([{ n: 1 }]);
  });
});
