// `tonghop serve` over HTTP: the API gives the CLI's JSON, pages escape report text, and the
// safety rules hold (token beyond this machine, Host check, same origin and CSRF on writes,
// no path from a request to the file system). The browser tests are in web-browser.test.ts.
import { request } from "node:http";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";
import { buildDb, cliJson, serve, type Served, type TestDb } from "./web-helpers.js";

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request (fetch would not let us send another Host header). */
function http(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? "GET", headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

let t: TestDb;
let s: Served;

beforeAll(async () => {
  t = buildDb();
  s = await serve(["--db", t.db]);
});
afterAll(async () => {
  await s?.stop();
  if (t) rmSync(t.dir, { recursive: true, force: true });
});

describe("JSON API: the CLI's payloads", () => {
  it("matrix, flags, documents, compare and show give what --format json prints", async () => {
    const get = async (path: string) => JSON.parse((await http(s.url + path.replace(/^\//, ""))).body) as unknown;
    expect(await get("/api/matrix")).toEqual(cliJson(["matrix"], t.db));
    expect(await get("/api/flags")).toEqual(cliJson(["flags"], t.db));
    expect(await get("/api/compare/3.3")).toEqual(cliJson(["compare", "--indicator", "3.3"], t.db));
    expect(await get("/api/documents?province=Kh%C3%A1nh%20H%C3%B2a")).toEqual(cliJson(["documents", "--province", "Khánh Hòa"], t.db));
    expect(await get("/api/show/1")).toEqual(cliJson(["show", "1"], t.db));
  });

  it("search is insensitive to tone marks: 'ty le' finds 'tỷ lệ' and marks it", async () => {
    const r = JSON.parse((await http(`${s.url}api/search?q=ty%20le`)).body) as { total: number; hits: { snippets: { text: string; marks: [number, number][] }[] }[] };
    expect(r.total).toBeGreaterThan(0);
    const sn = r.hits[0]!.snippets[0]!;
    const [a, b] = sn.marks[0]!;
    expect(sn.text.slice(a, b).toLowerCase()).toMatch(/^t[ỷỉyi] l[ệe]$/);
  });

  it("an unknown document or indicator is a 404 with a message, not a crash", async () => {
    const r = await http(`${s.url}api/show/99999`);
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body).error).toMatch(/không tìm thấy/i);
    expect((await http(`${s.url}indicator/khong-co`)).status).toBe(404);
  });
});

describe("corrections from a document's page", () => {
  it("remove, restore and set are the CLI's stored corrections, and need the CSRF token", async () => {
    const page = await http(`${s.url}document/1`);
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
    const origin = s.url.replace(/\/$/, "");
    const post = (fields: Record<string, string>) =>
      http(`${s.url}document/1/correct`, {
        method: "POST",
        headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
      });
    const listed = async () => (JSON.parse((await http(`${s.url}api/documents`)).body) as { document_id: number }[]).map((d) => d.document_id);
    expect(await listed()).toContain(1); // and now in the page cache
    expect((await post({ action: "remove" })).status).toBe(403); // no token
    const removed = await post({ _csrf: csrf, action: "remove" });
    expect(removed.status).toBe(303);
    expect(removed.headers.location).toBe("/document/1?corrected=1#corrections");
    const shown = cliJson(["show", "1"], t.db) as { document: { removed: boolean }; history: { action: string }[] };
    expect(shown.document.removed).toBe(true);
    expect(shown.history.map((h) => h.action)).toEqual(["remove"]);
    expect(await listed()).not.toContain(1); // the write emptied the cache
    expect((await http(`${s.url}document/1?corrected=1`)).body).toContain("đã loại khỏi tổng hợp");
    expect((await post({ _csrf: csrf, action: "restore" })).status).toBe(303);
    expect((cliJson(["show", "1"], t.db) as { document: { removed: boolean } }).document.removed).toBe(false);
    const bad = await post({ _csrf: csrf, action: "set", period: "quý V/2026" });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/class="error"[^>]*>[^<]*quý V\/2026/);
    const set = await post({ _csrf: csrf, action: "set", period: "6T-2026" });
    expect(set.status).toBe(303);
    const after = cliJson(["show", "1"], t.db) as { document: { period_start: string; period_end: string } };
    expect([after.document.period_start, after.document.period_end]).toEqual(["2026-01-01", "2026-06-30"]);
  });
});

describe("safe by default", () => {
  it("every page carries a CSP without inline scripts, and report text is escaped", async () => {
    const r = await http(`${s.url}flags`);
    expect(r.status).toBe(200);
    const csp = String(r.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    const doc = await http(`${s.url}document/tan-lap.txt`);
    expect(doc.status).toBe(200);
    expect(doc.body).toContain("&lt;img src=x onerror=&quot;window.pwned = 2&quot;&gt;");
    expect(doc.body).toContain("&quot;&gt;&lt;svg onload=");
    expect(doc.body).not.toMatch(/<img src=x|<svg onload|<script>window\.pwned/);
    // no inline script at all: every <script> loads a file of this server
    for (const tag of doc.body.match(/<script[^>]*>/g) ?? []) expect(tag).toMatch(/<script src="\/static\/[\w.]+" defer>/);
  });

  it("refuses a Host header other than its own address (DNS rebinding)", async () => {
    const r = await http(`${s.url}api/matrix`, { headers: { Host: "evil.example:80" } });
    expect(r.status).toBe(403);
  });

  it("refuses a write without the CSRF token, or from another origin", async () => {
    const page = await http(s.url);
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
    const origin = s.url.replace(/\/$/, "");
    const boundary = "----tonghop";
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nxin chào\r\n--${boundary}--\r\n`;
    const type = `multipart/form-data; boundary=${boundary}`;
    const noToken = await http(`${s.url}api/import`, { method: "POST", headers: { Origin: origin, "Content-Type": type }, body });
    expect(noToken.status).toBe(403);
    expect(JSON.parse(noToken.body).error).toMatch(/CSRF/);
    const wrong = await http(`${s.url}api/import`, { method: "POST", headers: { Origin: origin, "Content-Type": type, "X-CSRF-Token": "x" + csrf }, body });
    expect(wrong.status).toBe(403);
    const elsewhere = await http(`${s.url}api/import`, { method: "POST", headers: { Origin: "http://evil.example", "Content-Type": type, "X-CSRF-Token": csrf }, body });
    expect(elsewhere.status).toBe(403);
    expect(JSON.parse(elsewhere.body).error).toMatch(/cross-origin/);
  });

  it("no request path reaches the file system: static files are a fixed list, exports a fixed set", async () => {
    for (const p of ["static/..%2Fpackage.json", "static/%2e%2e%2f%2e%2e%2fpackage.json", "static/../../package.json", "export/..%2F..%2Fetc%2Fpasswd.csv", "export/facts.pdf"]) {
      const r = await http(s.url + p);
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('"name": "tonghop"');
    }
  });

  it("will not listen beyond this machine without a token", () => {
    const r = runCli(["serve", "--db", t.db, "--host", "127.0.0.2", "--port", "0"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--token/);
  });

  it("bound to another address, every request needs the token (header, cookie or ?token= once)", async () => {
    const other = await serve(["--db", t.db, "--host", "127.0.0.2", "--token", "bi-mat-123"]);
    try {
      expect(other.url).toBe(other.url.replace("127.0.0.1", "127.0.0.2"));
      for (const p of ["", "matrix", "api/matrix", "static/app.js", "export/matrix.csv"]) expect((await http(other.url + p)).status, p).toBe(401);
      expect((await http(`${other.url}api/matrix`, { headers: { Authorization: "Bearer sai" } })).status).toBe(401);
      expect((await http(`${other.url}api/matrix`, { headers: { Authorization: "Bearer bi-mat-123" } })).status).toBe(200);
      const first = await http(`${other.url}matrix?token=bi-mat-123`);
      expect(first.status).toBe(303);
      expect(first.headers.location).toBe("/matrix");
      const cookie = String(first.headers["set-cookie"]).split(";")[0]!;
      expect(cookie).toBe("tonghop_token=bi-mat-123");
      expect((await http(`${other.url}matrix`, { headers: { Cookie: cookie } })).status).toBe(200);
      const post = await http(`${other.url}api/import`, { method: "POST", headers: { Cookie: cookie } });
      expect(post.status).toBe(403); // the token alone does not make a write: CSRF still needed
    } finally {
      await other.stop();
    }
  });
});
