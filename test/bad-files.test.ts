// Reading report files from disk (readInputFile): the size is checked before any byte is read;
// file-system failures keep their error codes for the CLI's one-line messages.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOneClearLine } from "../fixtures/bad/assert-message.js";
import { sparseFile, symlinkLoop, unreadableFile } from "../fixtures/bad/make.js";
import { describeError } from "../src/cli/errors.js";
import { DEFAULT_MAX_FILE_MB, readInputFile, ReadError } from "../src/ingest/index.js";

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "tonghop-bad-files-"));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("did not throw");
}

describe("readInputFile", () => {
  it(`refuses a 3 GiB file by its size (limit ${DEFAULT_MAX_FILE_MB} MiB) without reading it`, () => {
    const f = join(work, "huge.txt");
    sparseFile(f, 3 * 1024 ** 3);
    const before = process.memoryUsage().rss;
    const e = thrown(() => readInputFile(f));
    expect(e).toBeInstanceOf(ReadError);
    expect((e as ReadError).code).toBe("too_large");
    expect((e as ReadError).message).toMatch(/giới hạn 50 MiB/);
    expectOneClearLine((e as ReadError).message);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it("the limit is an option too", () => {
    const f = join(work, "small.txt");
    writeFileSync(f, "x".repeat(2000));
    expect((thrown(() => readInputFile(f, { maxBytes: 1000 })) as ReadError).code).toBe("too_large");
    expect(readInputFile(f, { maxBytes: 2000 }).length).toBe(2000);
  });

  it("an empty file is 'empty'", () => {
    const f = join(work, "empty.txt");
    writeFileSync(f, "");
    expect((thrown(() => readInputFile(f)) as ReadError).code).toBe("empty");
  });

  it("a symlink loop, a folder and a missing file keep their codes and read as one line", () => {
    const dir = join(work, "loop");
    mkdirSync(dir);
    const cases: [string, string, RegExp][] = [
      [symlinkLoop(dir), "ELOOP", /symlink loop/],
      [work, "EISDIR", /directory/],
      [join(work, "nope.txt"), "ENOENT", /not found/],
    ];
    for (const [path, code, says] of cases) {
      const e = thrown(() => readInputFile(path)) as NodeJS.ErrnoException;
      expect(e.code).toBe(code);
      expect(describeError(e)).toMatch(says);
      expect(describeError(e)).not.toMatch(/\n/);
    }
  });

  it.skipIf(process.getuid?.() === 0)("an unreadable file is EACCES (skipped as root: chmod 000 does not stop root)", () => {
    const f = join(work, "locked.txt");
    unreadableFile(f);
    const e = thrown(() => readInputFile(f)) as NodeJS.ErrnoException;
    expect(e.code).toBe("EACCES");
    expect(describeError(e)).toMatch(/permission denied/);
  });
});
