// The DOCX zip guard refuses zip bombs before mammoth sees them, without inflating them:
// asserted on how many bytes it inflated and on memory, not on time.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectOneClearLine } from "../fixtures/bad/assert-message.js";
import { zipBombs } from "../fixtures/bad/make.js";
import { readDocument, ReadError } from "../src/ingest/index.js";
import { guardDocx, ZIP_LIMITS, type ZipReport } from "../src/ingest/zip-guard.js";
import { FIXTURES } from "./helpers.js";

const MiB = 1024 * 1024;

async function refused(bytes: Buffer, stats: ZipReport): Promise<ReadError> {
  const e = await guardDocx(bytes, ZIP_LIMITS, stats).then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ReadError);
  return e as ReadError;
}

describe("zip bombs", () => {
  it("a part declaring 2 GiB is refused from the directory alone: nothing inflated", async () => {
    const stats = { entries: 0, inflated: 0 };
    const e = await refused(zipBombs.declared(), stats);
    expect(e.code).toBe("zip_bomb");
    expect(stats.inflated).toBe(0);
    expectOneClearLine(e.message);
  });

  it("a part that lies about its size is stopped just past the declared size, memory stays low", async () => {
    const bomb = zipBombs.lying();
    global.gc?.();
    const before = process.memoryUsage();
    const stats = { entries: 0, inflated: 0 };
    const e = await refused(bomb, stats);
    const after = process.memoryUsage();
    expect(e.code).toBe("zip_bomb");
    expect(e.message).toMatch(/khai báo/);
    // the part holds 2 GiB of zeros; the guard inflated less than 1 MiB of it
    expect(stats.inflated).toBeLessThan(MiB);
    expect(after.rss - before.rss).toBeLessThan(200 * MiB);
  });

  it("parts sharing one compressed stream (overlapping-file bomb) are refused before inflating", async () => {
    const stats = { entries: 0, inflated: 0 };
    const e = await refused(zipBombs.overlapping(), stats);
    expect(e.code).toBe("zip_bomb");
    expect(stats.inflated).toBe(0);
  });

  it("too many parts are refused", async () => {
    const stats = { entries: 0, inflated: 0 };
    const e = await refused(zipBombs.manyEntries(), stats);
    expect(e.code).toBe("zip_bomb");
    expect(e.message).toMatch(/6003 phần/);
  });

  it("readDocument refuses the bomb with zip_bomb: the DOCX reader never runs", async () => {
    const e = await readDocument(zipBombs.lying(), { fileName: "bao-cao.docx" }).catch((x: unknown) => x);
    expect((e as ReadError).code).toBe("zip_bomb");
  });
});

describe("sound DOCX files pass the guard", () => {
  for (const dir of ["docx", "docx-alt"]) {
    it(`fixtures/${dir}`, async () => {
      for (const f of readdirSync(join(FIXTURES, dir))) {
        const r = await guardDocx(readFileSync(join(FIXTURES, dir, f)));
        expect(r.entries).toBeGreaterThan(3);
        expect(r.inflated).toBeLessThan(2 * MiB);
      }
    });
  }

  it("the limits are the guard's: a tiny total cap refuses a real report", async () => {
    const bytes = readFileSync(join(FIXTURES, "docx", "001_715a5b70f3b78fcd.docx"));
    const e = await guardDocx(bytes, { ...ZIP_LIMITS, maxTotalBytes: 10_000 }).catch((x: unknown) => x);
    expect((e as ReadError).code).toBe("zip_bomb");
  });
});
