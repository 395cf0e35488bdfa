// The workspace in a real browser (Debian's chromium driven by playwright-core; no browser is
// downloaded): one browser for the whole file, the real `tonghop serve` on a database built from
// the fixtures. What an analyst does: open every page, follow a matrix cell to its quote, filter,
// export, upload, and read a report full of markup without anything running.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "./helpers.js";
import { buildDb, serve, type Served, type TestDb } from "./web-helpers.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let t: TestDb;
let s: Served;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  t = buildDb();
  s = await serve(["--db", t.db]);
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: root ? ["--no-sandbox", "--disable-dev-shm-usage"] : ["--disable-dev-shm-usage"] });
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
  if (t) rmSync(t.dir, { recursive: true, force: true });
});

/** A fresh page that records console errors, uncaught exceptions and dialogs (alert() from a script that should never run). */
async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const ctx = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  const problems: string[] = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  const res = await page.goto(s.url + path.replace(/^\//, ""));
  if (!res || res.status() !== 200) problems.push(`status ${res?.status()} for ${path}`);
  await page.waitForLoadState("load");
  return { page, problems };
}

async function done(page: Page) {
  await page.context().close();
}

describe("workspace in chromium", () => {
  // one test per page, so that each stays short on a busy machine
  const PAGES = [
    "/", "/?province=Th%C3%A1i%20Nguy%C3%AAn", "/matrix", "/indicator", "/indicator/3.3", "/unit/", "/document/1", "/flags",
    "/documents", "/coverage", "/coverage?province=Th%C3%A1i%20Nguy%C3%AAn", "/search?q=ty%20le", "/import",
  ];
  for (const path of PAGES) {
    it(`${path} loads with no console error`, async () => {
      let p = path;
      if (p === "/unit/") {
        const m = (await (await fetch(`${s.url}api/matrix`)).json()) as { unit_code: string | null }[];
        p += m.find((r) => r.unit_code)!.unit_code!;
      }
      const { page, problems } = await open(p);
      expect(await page.locator("h1").count(), p).toBe(1);
      expect(problems, p).toEqual([]);
      await done(page);
    });
  }

  it("a matrix cell leads to its figure highlighted in the document", async () => {
    const { page, problems } = await open("/matrix");
    const cell = page.locator("table.matrix td[data-status] a").first();
    const value = (await cell.textContent())!.trim();
    await cell.click();
    await page.waitForURL(/\/document\/\d+#fact-/);
    const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
    const target = page.locator(`[id="${id}"]`);
    await expect.poll(() => target.getAttribute("class")).toMatch(/\bcurrent\b/);
    // on screen, and the figure the cell shows is the one highlighted
    const box = (await target.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(800);
    const marked = (await target.textContent()) ?? "";
    if (marked) expect(marked.replace(/[.\s%]/g, "").replace(",", ".")).toContain(value.replace(/\./g, "").replace(",", ".").replace(/\.0+$/, ""));
    expect(problems).toEqual([]);
    await done(page);
  });

  it("filters change the table and the address", async () => {
    const { page, problems } = await open("/matrix");
    const before = await page.locator("table.matrix tbody tr").count();
    await page.selectOption('select[name="province"]', "Khánh Hòa");
    await page.waitForURL(/province=Kh%C3%A1nh(\+|%20)H%C3%B2a/);
    const rows = page.locator("table.matrix tbody tr");
    expect(await rows.count()).toBeLessThan(before);
    for (const r of await rows.locator("td:nth-child(2)").allTextContents()) expect(r).toBe("Khánh Hòa");
    // the address alone gives the same view (a bookmark)
    const again = await open(new URL(page.url()).pathname + new URL(page.url()).search);
    expect(await again.page.locator("table.matrix tbody tr").count()).toBe(await rows.count());
    expect(problems).toEqual([]);
    await done(again.page);
    await done(page);
  });

  it("the export button downloads a workbook that opens", async () => {
    const { page } = await open("/matrix");
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("a.export", { hasText: "XLSX" }).click()]);
    expect(download.suggestedFilename()).toBe("ma-tran.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const ws = wb.getWorksheet("Ma trận chỉ tiêu")!;
    expect(ws).toBeDefined();
    expect(ws.rowCount).toBeGreaterThan(1);
    const headers = (ws.getRow(1).values as unknown[]).map(String);
    expect(headers).toContain("Đơn vị");
    await done(page);
  });

  it("an upload imports a report, a bad file gets its own error line, and the report appears without a restart", async () => {
    const { page, problems } = await open("/import");
    const report = `ỦY BAN NHÂN DÂN XÃ PHÚ BÌNH\nTỈNH THÁI NGUYÊN\n\nBÁO CÁO\nKết quả triển khai phong trào "Bình dân học vụ số" 6 tháng đầu năm 2026\n\n1. Kết quả\n- Tỷ lệ người dân trưởng thành có kỹ năng số cơ bản đạt 52%.\n`;
    await page.setInputFiles("#pick-files", [
      { name: "phu-binh.txt", mimeType: "text/plain", buffer: Buffer.from(report) },
      { name: "random.pdf", mimeType: "application/pdf", buffer: readFileSync(join(FIXTURES, "bad", "random.pdf")) },
    ]);
    await page.locator("#result").waitFor({ state: "visible" });
    expect(await page.locator("#result-summary").textContent()).toMatch(/Đã nhập 1 tệp mới.*1 tệp lỗi/);
    const errors = await page.locator("#result-errors li").allTextContents();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^random\.pdf: \S/);
    const docs = await open("/documents");
    expect(await docs.page.locator("table#documents").textContent()).toContain("phu-binh.txt");
    expect(problems).toEqual([]);
    await done(docs.page);
    await done(page);
  });

  for (const where of ["/document/", "/indicator/3.3?province=Th%C3%A1i%20Nguy%C3%AAn", "/flags", "/search?q=pwned"])
  it(`report text with <script>, <img onerror> and an attribute break-out shows as text and runs nothing: ${where}`, async () => {
    const docs = (await (await fetch(`${s.url}api/documents`)).json()) as { document_id: number; document: string }[];
    const id = docs.find((d) => d.document === "tan-lap.txt")!.document_id;
    for (const p of [where === "/document/" ? `/document/${id}` : where]) {
      const { page, problems } = await open(p);
      expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned), p).toBeUndefined();
      expect(await page.locator("main img, main svg").count(), p).toBe(0);
      expect(problems, p).toEqual([]);
      if (p.startsWith("/document/")) {
        const text = (await page.locator("#doc-text").textContent()) ?? "";
        expect(text).toContain('<img src=x onerror="window.pwned = 2">');
        expect(text).toContain('"><svg onload="window.pwned = 3">');
        expect(text).toContain("<script>window.pwned = 1</script>");
      }
      await done(page);
    }
  });

  it("a write without the CSRF token is refused, from the workspace's own page", async () => {
    const { page } = await open("/import");
    const status = await page.evaluate(async () => {
      const fd = new FormData();
      fd.append("files", new Blob(["xin chào"], { type: "text/plain" }), "a.txt");
      return (await fetch("/api/import", { method: "POST", body: fd })).status;
    });
    expect(status).toBe(403);
    await done(page);
  });
});
