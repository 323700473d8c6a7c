import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { sha256 } from "@/lib/crypto";
import { apiKeyFrom } from "@/lib/auth/api-key-header";
import { servableApiKey } from "@/lib/auth/key-cache";
import { finishedSuiteRun } from "@/lib/runs/finished-cache";
import { JSON_CONTENT_TYPE } from "./json";
import { requestIdFrom } from "./request-id";
import { SECURITY_HEADERS } from "./security-headers";

const SUITE_RUN_PATH = /^\/api\/v1\/suite-runs\/([A-Za-z0-9_]{1,64})$/;

/**
 * The hottest read, answered by the HTTP server itself before Next.js routes the request:
 * `GET /api/v1/suite-runs/{id}` of a *finished* suite run (immutable), with an API key this process
 * authenticated in the last seconds. It is answered with the bytes the route handler stored
 * (lib/runs/finished-cache.ts; gzipped once when a client accepts gzip, as Next.js would compress)
 * and the same headers, in tens of microseconds instead of the milliseconds Next.js's pipeline costs. Anything else — another path, a query string, an unknown or
 * stale key, a key due a `last_used_at` write (one request a second, see `servableApiKey`), a run of
 * another project, a running suite run — returns false and goes through Next.js, whose handler fills
 * both caches.
 */
export function serveFromMemory(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const match = SUITE_RUN_PATH.exec(req.url ?? "");
  if (!match) return false;
  const key = apiKeyFrom((name) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  });
  if (!key) return false;
  const entry = servableApiKey(sha256(key));
  if (!entry) return false;
  const run = finishedSuiteRun(match[1]);
  if (!run || run.projectId !== entry.projectId) return false;
  // Every scope includes "read", the scope this endpoint needs.
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? (run.gzipped ??= gzipSync(run.body)) : run.body;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    "content-type": JSON_CONTENT_TYPE,
    "content-length": body.length,
    ...(gzip ? { "content-encoding": "gzip" } : {}),
    vary: "Accept-Encoding",
    "x-request-id": requestIdFrom(req.headers["x-request-id"] as string | undefined),
  });
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}
