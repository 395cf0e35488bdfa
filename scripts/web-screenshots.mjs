// Screenshots of the workspace for the README (docs/img/), taken with Debian's chromium in
// headless mode through playwright-core. Usage: node scripts/web-screenshots.mjs [DB] (default
// data/tonghop.db, as `npm start` makes it). Starts `tonghop serve` on a free port and stops it.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const db = process.argv[2] ?? "data/tonghop.db";
const out = "docs/img";
mkdirSync(out, { recursive: true });
const server = spawn(process.execPath, ["bin/tonghop.js", "serve", "--db", db, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
const url = await new Promise((resolve, reject) => {
  let buf = "";
  server.stdout.on("data", (b) => {
    buf += b;
    const m = /tonghop serve: (\S+)/.exec(buf);
    if (m) resolve(m[1]);
  });
  server.once("exit", (c) => reject(new Error(`serve exited ${c}`)));
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
});
const shots = [
  ["overview", "?province=Th%C3%A1i%20Nguy%C3%AAn", 1280, 720],
  ["matrix", "matrix?latest_any=1", 1280, 560],
  ["indicator", "indicator/3.3?latest_any=1", 1280, 760],
  ["document", "document/13#fact-f8", 1280, 720],
  ["coverage", "coverage?province=Th%C3%A1i%20Nguy%C3%AAn", 1280, 600],
  ["narrow", "matrix?latest_any=1&sort=3.3", 420, 760],
];
try {
  for (const [name, path, width, height] of shots) {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(url + path);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${out}/workspace-${name}.png` });
    await page.close();
    console.log(`${out}/workspace-${name}.png`);
  }
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
