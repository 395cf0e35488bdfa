// Safe by default: headers on every response (a Content-Security-Policy with no inline script),
// the Host check that keeps other web sites out of a loopback server (DNS rebinding), the access
// token required when the workspace listens beyond this machine, and the same-origin and CSRF
// checks every write (POST) must pass.

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const TOKEN_COOKIE = "tonghop_token";
export const CSRF_HEADER = "x-csrf-token";
export const CSRF_FIELD = "_csrf";

/** This machine's own address: the only one the workspace listens on without a token (any other, even 127.0.0.2, needs one). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || h === "127.0.0.1";
}

function sameSecret(a: string, b: string): boolean {
  // compare digests: equal length, no early exit on the first differing character
  const da = createHash("sha256").update(a).digest();
  const db = createHash("sha256").update(b).digest();
  return timingSafeEqual(da, db);
}

export interface Guard {
  /** Access token, required on every request when set. */
  token: string | null;
  /** The CSRF token pages embed and writes must send back. */
  csrf: string;
  /** Host headers accepted (loopback binding); null accepts any (token binding). */
  hosts: Set<string> | null;
}

export function makeGuard(opts: { host: string; port: number; token: string | null }): Guard {
  const hosts = isLoopback(opts.host) && !opts.token ? loopbackHosts(opts.host, opts.port) : null;
  return { token: opts.token, csrf: randomBytes(24).toString("base64url"), hosts };
}

function loopbackHosts(host: string, port: number): Set<string> {
  const names = new Set(["localhost", "127.0.0.1", "[::1]", host.includes(":") ? `[${host.replace(/^\[|\]$/g, "")}]` : host]);
  const out = new Set<string>();
  for (const n of names) {
    out.add(`${n}:${port}`);
    if (port === 80) out.add(n);
  }
  return out;
}

function refuse(c: Context, status: 400 | 401 | 403, vi: string, en: string): Response {
  const wantsJson = c.req.path.startsWith("/api/") || (c.req.header("accept") ?? "").includes("application/json");
  if (wantsJson) return c.json({ error: `${vi} (${en})` }, status);
  const body = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>tonghop</title></head><body><h1>${vi}</h1><p>${en}</p></body></html>`;
  return c.html(body, status);
}

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header("Content-Security-Policy", CSP);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("X-Frame-Options", "DENY");
    c.header("Referrer-Policy", "no-referrer");
    c.header("Cross-Origin-Opener-Policy", "same-origin");
    c.header("Cross-Origin-Resource-Policy", "same-origin");
    if (!c.res.headers.get("Cache-Control")) c.header("Cache-Control", "no-store");
  };
}

export function accessControl(guard: Guard): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header("host") ?? "";
    if (guard.hosts && !guard.hosts.has(host.toLowerCase()))
      return refuse(c, 403, "Địa chỉ không hợp lệ", "unexpected Host header: open the workspace at the address tonghop serve printed");
    if (guard.token) {
      const auth = c.req.header("authorization") ?? "";
      const bearer = /^Bearer\s+(.+)$/i.exec(auth)?.[1] ?? null;
      const cookie = getCookie(c, TOKEN_COOKIE) ?? null;
      const query = c.req.query("token") ?? null;
      const given = bearer ?? cookie ?? query;
      if (!given || !sameSecret(given, guard.token)) return refuse(c, 401, "Cần mã truy cập", "access token required: open the address with ?token=… as tonghop serve printed it");
      if (query && !bearer && !cookie && c.req.method === "GET") {
        // remember the token in a cookie and take it out of the address bar (and of the history)
        setCookie(c, TOKEN_COOKIE, guard.token, { httpOnly: true, sameSite: "Strict", path: "/" });
        const url = new URL(c.req.url);
        url.searchParams.delete("token");
        return c.redirect(url.pathname + url.search, 303);
      }
    }
    await next();
  };
}

/** Writes: a POST must come from a page of this workspace (Origin / Sec-Fetch-Site) and carry the CSRF token. */
export function writeCheck(guard: Guard): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    if (c.req.method !== "POST") return refuse(c, 403, "Không cho phép", "method not allowed");
    const origin = c.req.header("origin");
    const site = c.req.header("sec-fetch-site");
    const host = c.req.header("host") ?? "";
    if (origin && origin !== "null") {
      let ok = false;
      try {
        ok = new URL(origin).host.toLowerCase() === host.toLowerCase();
      } catch {
        ok = false;
      }
      if (!ok) return refuse(c, 403, "Yêu cầu từ trang khác bị từ chối", "cross-origin request refused");
    } else if (origin === "null" || (site && site !== "same-origin" && site !== "none")) {
      return refuse(c, 403, "Yêu cầu từ trang khác bị từ chối", "cross-origin request refused");
    }
    const given = c.req.header(CSRF_HEADER) ?? (await formField(c));
    if (!given || !sameSecret(given, guard.csrf)) return refuse(c, 403, "Thiếu mã chống giả mạo (CSRF)", "missing or wrong CSRF token: reload the page and try again");
    await next();
  };
}

async function formField(c: Context): Promise<string | null> {
  const type = c.req.header("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) return null;
  const body = await c.req.parseBody({ all: true });
  const v = body[CSRF_FIELD];
  return typeof v === "string" ? v : null;
}
