// `tonghop serve`: the analyst's workspace. Hono on Node's http server; pages rendered on the
// server from the query functions the CLI uses (one query layer, two faces); JSON under /api
// with the payloads of the CLI's --format json; exports written by the CLI's export code.

import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, type ServerType } from "@hono/node-server";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { FACT_COLUMNS_SHOW } from "../cli/commands/show-columns.js";
import { COMPARE_COLUMNS, compare, trend, trendTable } from "../query/compare.js";
import { coverage, COVERAGE_COLUMNS, coverageRows } from "../query/coverage.js";
import { toCsv } from "../query/csv.js";
import { documents } from "../query/documents.js";
import { exportFile } from "../query/export/files.js";
import type { ExportFilters, SheetName } from "../query/export/sheets.js";
import { flags } from "../query/flags.js";
import { matrix } from "../query/matrix.js";
import { overview } from "../query/overview.js";
import { search } from "../query/search.js";
import { findDocument, showDocument } from "../query/show.js";
import { unitView } from "../query/unit.js";
import {
  applyCorrection, chooseDocument, openReadOnly, openStore, removeDocument, restoreDocument, StoreError,
  type CorrectionPatch, type CorrectionResult, type Db,
} from "../store/index.js";
import { PageCache } from "./cache.js";
import { ImportJobs, UPLOAD_LIMITS, type Upload } from "./imports.js";
import { errorPage, layout, type Page } from "./layout.js";
import { readFilters, roundFilters, type Query } from "./pages/common.js";
import { coveragePage } from "./pages/coverage.js";
import { documentPage } from "./pages/document.js";
import { importPage } from "./pages/import.js";
import { indicatorListPage, indicatorPage } from "./pages/indicator.js";
import { documentsPage, flagsPage, searchPage, unitPage } from "./pages/lists.js";
import { matrixPage } from "./pages/matrix.js";
import { overviewPage } from "./pages/overview.js";
import { accessControl, isLoopback, makeGuard, securityHeaders, writeCheck, type Guard } from "./security.js";

export interface ServeOptions {
  dbPath: string;
  host: string;
  port: number;
  token?: string | null;
  rulesDir?: string;
  jobs?: number;
}

export interface Workspace {
  url: string;
  port: number;
  close(): Promise<void>;
}

// ---- static files: a fixed list, never a path taken from the request ----

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "src", "web", "static", "app.js"))) return dir;
    dir = dirname(dir);
  }
  throw new Error("tonghop serve: không tìm thấy src/web/static (static files not found)");
}

interface Asset {
  body: Buffer;
  type: string;
}

function loadAssets(): Map<string, Asset> {
  const root = packageRoot();
  const require = createRequire(import.meta.url);
  const chartDir = dirname(require.resolve("chart.js")); // node_modules/chart.js/dist
  const list: [string, string, string][] = [
    ["app.js", join(root, "src", "web", "static", "app.js"), "text/javascript; charset=utf-8"],
    ["style.css", join(root, "src", "web", "static", "style.css"), "text/css; charset=utf-8"],
    ["chart.umd.min.js", join(chartDir, "chart.umd.min.js"), "text/javascript; charset=utf-8"],
  ];
  return new Map(list.map(([name, path, type]) => [name, { body: readFileSync(path), type }]));
}

// ---- exports, as the CLI writes them ----

const EXPORT_NAMES: Record<string, string> = {
  matrix: "ma-tran", flags: "canh-bao", documents: "van-ban", facts: "so-lieu", coverage: "tien-do-bao-cao", workbook: "tong-hop",
};

/** The export options of the CLI from the page's query string (--province, --period, --judge, --latest-any, --all-units, --indicator). */
function exportFilters(q: Query): ExportFilters & { kind?: string } {
  const f = readFilters(q);
  return { ...roundFilters(f), allUnits: !!f.province && q.all_units === "1", indicator: q.indicator?.trim() || undefined };
}

async function exportBody(db: Db, what: string, format: "csv" | "xlsx", q: Query): Promise<{ body: Buffer; name: string }> {
  const filters = exportFilters(q);
  const compareMatch = /^compare\/(.+)$/.exec(what);
  const showMatch = /^show\/(\d+)$/.exec(what);
  if (compareMatch && format === "csv") {
    // as `tonghop compare --indicator CODE --format csv` writes it
    const code = decodeURIComponent(compareMatch[1]!);
    const rows = compare(db, code, filters).map((r) => ({ ...r, conflicting_reports: r.conflicting_reports.join("; ") }));
    return { body: Buffer.from(toCsv(COMPARE_COLUMNS, rows as unknown as Record<string, unknown>[])), name: `so-sanh-${code.replace(/[^\w.-]/g, "_")}.csv` };
  }
  if (showMatch && format === "csv") {
    const d = showDocument(db, showMatch[1]!);
    return { body: Buffer.from(toCsv(FACT_COLUMNS_SHOW, d.facts)), name: `so-lieu-van-ban-${showMatch[1]}.csv` };
  }
  const base = EXPORT_NAMES[what];
  if (!base) throw new NotFound("Không có bảng này để xuất (no such export)");
  const sheet: SheetName | undefined = what === "workbook" ? undefined : (what as SheetName);
  if (format === "csv" && !sheet) throw new NotFound("CSV có một bảng: chọn ma trận, cảnh báo, văn bản hoặc số liệu");
  const dir = mkdtempSync(join(tmpdir(), "tonghop-export-"));
  try {
    const file = join(dir, `export.${format}`);
    await exportFile(db, format, file, filters, sheet);
    return { body: readFileSync(file), name: `${base}.${format}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

class NotFound extends Error {}

// ---- the app ----

/** One correction, as `tonghop set|remove|restore|choose` makes it, on a write connection. */
function correct(dbPath: string, id: number, action: string, patch: { province: string; unit: string; period: string; kind: string }): CorrectionResult {
  const w = openStore(dbPath);
  try {
    switch (action) {
      case "set":
        return applyCorrection(w, id, {
          province: patch.province || undefined,
          unit: patch.unit || undefined,
          period: patch.period || undefined,
          kind: (patch.kind || undefined) as CorrectionPatch["kind"],
        });
      case "remove":
        return removeDocument(w, id);
      case "restore":
        return restoreDocument(w, id);
      case "choose":
        return chooseDocument(w, id);
      default:
        throw new StoreError(`Thao tác "${action}" không có: dùng set, remove, restore hoặc choose (unknown action)`);
    }
  } finally {
    w.close();
  }
}

export function createApp(opts: { db: Db; dbPath: string; guard: Guard; imports: ImportJobs }): Hono {
  const { db, dbPath, guard, imports } = opts;
  const assets = loadAssets();
  const app = new Hono();
  const render = (c: Context, p: Page) => c.html(layout(p, guard.csrf), p.status ?? 200);
  const query = (c: Context): Query => c.req.query();

  app.use("*", securityHeaders());
  app.use("*", accessControl(guard));
  app.use(
    "/api/import",
    bodyLimit({
      maxSize: UPLOAD_LIMITS.totalBytes,
      onError: (c) => c.json({ error: `Tải lên quá lớn: tối đa ${UPLOAD_LIMITS.totalBytes / 1024 / 1024} MiB mỗi lần (upload too large)` }, 413),
    }),
  );
  app.use("*", writeCheck(guard));
  // GET pages and JSON: served from the cache until the database changes
  const cache = new PageCache(db);
  app.use("*", async (c, next) => {
    const path = c.req.path;
    if (c.req.method !== "GET" || path.startsWith("/static/") || path.startsWith("/export/") || path.startsWith("/api/import") || path === "/import")
      return next();
    const key = c.req.url;
    const hit = cache.get(key);
    if (hit) return c.body(hit.body, hit.status as 200, { "Content-Type": hit.type });
    await next();
    const type = c.res.headers.get("content-type") ?? "";
    if (c.res.status === 200 && /^(text\/html|application\/json)/.test(type)) cache.set(key, { body: await c.res.clone().text(), type, status: 200 });
  });

  app.onError((err, c) => {
    const wantsJson = c.req.path.startsWith("/api/");
    if (err instanceof StoreError || err instanceof NotFound) {
      const status = err instanceof NotFound || /not found|unknown indicator/i.test(err.message) ? 404 : 400;
      return wantsJson ? c.json({ error: err.message }, status) : render(c, errorPage("Không xem được trang này", err.message, status));
    }
    process.stderr.write(`tonghop serve: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    const msg = "Lỗi máy chủ (internal error): xem thông báo trong cửa sổ chạy tonghop serve";
    return wantsJson ? c.json({ error: msg }, 500) : render(c, errorPage("Lỗi", msg, 500));
  });
  app.notFound((c) => (c.req.path.startsWith("/api/") ? c.json({ error: "Không có địa chỉ này (not found)" }, 404) : render(c, errorPage("Không có trang này", "Không có trang này (not found).", 404))));

  app.get("/static/:name", (c) => {
    const a = assets.get(c.req.param("name"));
    if (!a) return c.notFound();
    return c.body(new Uint8Array(a.body), 200, { "Content-Type": a.type, "Cache-Control": "no-cache" });
  });
  app.get("/favicon.ico", (c) => c.body(null, 204));

  // pages
  app.get("/", (c) => render(c, overviewPage(db, query(c))));
  app.get("/matrix", (c) => render(c, matrixPage(db, query(c))));
  app.get("/indicator", (c) => render(c, indicatorListPage(db, query(c))));
  app.get("/indicator/:code", (c) => render(c, indicatorPage(db, c.req.param("code"), query(c))));
  app.get("/unit/:code", (c) => render(c, unitPage(db, c.req.param("code"), query(c))));
  app.get("/document/:ref", (c) => render(c, documentPage(db, c.req.param("ref"), query(c), guard.csrf)));
  // corrections: the CLI's set/remove/restore/choose, on a write connection opened for the request
  app.post("/document/:id/correct", async (c) => {
    const id = findDocument(db, c.req.param("id"));
    const body = await c.req.parseBody();
    const field = (k: string) => (typeof body[k] === "string" ? (body[k] as string).normalize("NFC").trim().slice(0, 200) : "");
    try {
      correct(dbPath, id, field("action"), { province: field("province"), unit: field("unit"), period: field("period"), kind: field("kind") });
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      const p = documentPage(db, String(id), {}, guard.csrf, { ok: false, text: e.message });
      return render(c, { ...p, status: 400 });
    }
    return c.redirect(`/document/${id}?corrected=1#corrections`, 303);
  });
  app.get("/flags", (c) => render(c, flagsPage(db, query(c))));
  app.get("/documents", (c) => render(c, documentsPage(db, query(c))));
  app.get("/coverage", (c) => render(c, coveragePage(db, query(c))));
  app.get("/search", (c) => render(c, searchPage(db, query(c))));
  app.get("/import", (c) => render(c, importPage()));

  // exports: /export/matrix.xlsx, /export/compare/3.3.csv, /export/show/12.csv
  app.get("/export/*", async (c) => {
    const m = /^\/export\/(.+)\.(csv|xlsx)$/.exec(c.req.path);
    if (!m) throw new NotFound("Không có bảng này để xuất (no such export)");
    const format = m[2] as "csv" | "xlsx";
    const out = await exportBody(db, m[1]!, format, query(c));
    const type = format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    return c.body(new Uint8Array(out.body), 200, { "Content-Type": type, "Content-Disposition": `attachment; filename="${out.name}"` });
  });

  // JSON: the payloads of the CLI's --format json
  const filtersOf = (c: Context) => {
    const f = readFilters(query(c));
    return { province: f.province, period: f.period };
  };
  const roundOf = (c: Context) => roundFilters(readFilters(query(c)));
  app.get("/api/overview", (c) => c.json(overview(db, roundOf(c))));
  app.get("/api/matrix", (c) => {
    const codes = c.req.query("indicators")?.split(",").map((s) => s.trim()).filter(Boolean);
    const f = exportFilters(query(c));
    return c.json(matrix(db, f, codes, { allUnits: f.allUnits }).rows);
  });
  app.get("/api/compare/:code", (c) => c.json(compare(db, c.req.param("code"), roundOf(c))));
  app.get("/api/trend/:code", (c) => {
    const t = trend(db, c.req.param("code"), roundOf(c));
    return c.json({ indicator: t.indicator, label: t.label, rounds: t.rounds.map(({ year: _y, ...r }) => r), rows: t.rows });
  });
  app.get("/api/coverage", (c) => c.json(coverage(db, filtersOf(c))));
  app.get("/api/flags", (c) => c.json(flags(db, { ...roundOf(c), kind: c.req.query("kind") || undefined, indicator: c.req.query("indicator") || undefined })));
  app.get("/api/documents", (c) => c.json(documents(db, filtersOf(c), { kind: c.req.query("kind") || undefined })));
  app.get("/api/show/:ref", (c) => c.json(showDocument(db, String(findDocument(db, c.req.param("ref"))))));
  app.get("/api/unit/:code", (c) => c.json(unitView(db, c.req.param("code"))));
  app.get("/api/search", (c) => c.json(search(db, (c.req.query("q") ?? "").slice(0, 200), { limit: 50 })));
  app.get("/api/csrf", (c) => c.json({ csrf: guard.csrf }));

  app.post("/api/corrections/:id", async (c) => {
    const id = findDocument(db, c.req.param("id"));
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    const str = (k: string) => (typeof body[k] === "string" ? (body[k] as string).normalize("NFC").trim().slice(0, 200) : "");
    const r = correct(dbPath, id, str("action"), { province: str("province"), unit: str("unit"), period: str("period"), kind: str("kind") });
    return c.json(r);
  });
  app.post("/api/import", async (c) => {
    if (imports.running()) return c.json({ error: "Đang có một lần nhập khác chạy: đợi xong rồi thử lại (an import is running)" }, 409);
    const body = await c.req.parseBody({ all: true });
    const list = (v: unknown): unknown[] => (v == null ? [] : Array.isArray(v) ? v : [v]);
    const files = list(body["files"]).filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f);
    const names = list(body["paths"]).map(String);
    if (!files.length) return c.json({ error: "Chưa chọn tệp nào (no files)" }, 400);
    if (files.length > UPLOAD_LIMITS.files) return c.json({ error: `Tối đa ${UPLOAD_LIMITS.files} tệp mỗi lần (too many files)` }, 400);
    const uploads: Upload[] = [];
    for (const [i, f] of files.entries()) uploads.push({ name: (names[i] || f.name || `tep-${i + 1}`).slice(0, 500), bytes: new Uint8Array(await f.arrayBuffer()) });
    const job = imports.start(uploads);
    return c.json(job, 202);
  });
  app.get("/api/import/:id", (c) => {
    const job = imports.get(c.req.param("id"));
    return job ? c.json(job) : c.json({ error: "Không có lần nhập này (no such import)" }, 404);
  });
  return app;
}

/** Opens the database (creating an empty one so the first reports can be imported from the browser) and listens. */
export async function startWorkspace(opts: ServeOptions): Promise<Workspace> {
  const token = opts.token || null;
  if (!isLoopback(opts.host) && !token)
    throw new StoreError(`Mở cho địa chỉ ${opts.host} cần mã truy cập: thêm --token MÃ hoặc --token-file TỆP (binding beyond this machine requires a token)`);
  if (!existsSync(opts.dbPath)) openStore(opts.dbPath, { create: true }).close();
  const db = openReadOnly(opts.dbPath);
  const guard = makeGuard({ host: opts.host, port: opts.port, token });
  const imports = new ImportJobs({ dbPath: opts.dbPath, rulesDir: opts.rulesDir, jobs: opts.jobs });
  const app = createApp({ db, dbPath: opts.dbPath, guard, imports });
  const server: ServerType = await new Promise((resolveServer, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }, () => resolveServer(s));
    s.once("error", reject);
  });
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : opts.port;
  if (guard.hosts) Object.assign(guard, makeGuard({ host: opts.host, port, token }), { csrf: guard.csrf });
  const hostPart = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${hostPart}:${port}/`,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => {
          db.close();
          done();
        });
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
