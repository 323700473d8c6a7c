import { getDb } from "@/db/client";
import { sha256 } from "@/lib/crypto";
import { AppError } from "@/lib/errors";
import { findKeyByHash, touchApiKey } from "@/lib/keys/repo";
import { cachedApiKey, needsTouch, rememberApiKey, type CachedKey } from "./key-cache";
import { listenForRevokedKeys } from "./revocation";
import { findMembership } from "@/lib/projects/repo";
import { apiKeyFrom } from "./api-key-header";
import { ROLE_SCOPE, type Ctx } from "./types";

/** The API key in any of the documented headers, or null. */
export function apiKeyFromHeaders(headers: Headers): string | null {
  return apiKeyFrom((name) => headers.get(name) ?? undefined);
}

export function hasSessionCookie(headers: Headers): boolean {
  return /(?:^|;\s*)(?:__Secure-)?authjs\.session-token/.test(headers.get("cookie") ?? "");
}

/**
 * Keys are looked up by their SHA-256, so no comparison of secrets happens in application code. A key
 * seen in the last few seconds is answered from memory (lib/auth/key-cache.ts; revocation forgets it).
 */
export async function ctxFromApiKey(key: string, requestId: string): Promise<Ctx> {
  const hash = sha256(key);
  let entry = cachedApiKey(hash);
  if (!entry) {
    const row = await findKeyByHash(getDb(), hash);
    if (!row || row.revokedAt)
      throw new AppError("unauthorized", row ? "This API key has been revoked" : "Invalid API key");
    listenForRevokedKeys();
    entry = rememberApiKey(hash, {
      keyId: row.id,
      name: row.name,
      projectId: row.projectId,
      projectSlug: row.projectSlug,
      scope: row.scope,
      lastUsedAt: row.lastUsedAt?.getTime() ?? null,
    });
  }
  if (needsTouch(entry)) {
    entry.lastUsedAt = Date.now();
    void touchApiKey(getDb(), entry.keyId).catch(() => {});
  }
  return ctxOfKey(entry, requestId);
}

function ctxOfKey(entry: CachedKey, requestId: string): Ctx {
  return {
    requestId,
    projectId: entry.projectId,
    projectSlug: entry.projectSlug,
    actor: { type: "api_key", id: entry.keyId, name: entry.name },
    scope: entry.scope,
  };
}

/** A browser session names its project with X-Assay-Project (id or slug); non-members get 404. */
export async function ctxFromSession(
  req: Request,
  userId: string,
  requestId: string,
): Promise<Ctx> {
  // EventSource cannot set headers, so `?project=` is accepted too (reads only: writes need the header).
  const project =
    req.headers.get("x-assay-project") ??
    (req.method === "GET" ? new URL(req.url).searchParams.get("project") : null);
  if (!project)
    throw new AppError("bad_request", "Name the project with the X-Assay-Project header", {
      field: "X-Assay-Project",
    });
  const m = await findMembership(getDb(), { userId, project });
  if (!m) throw new AppError("not_found", "Project not found");
  return {
    requestId,
    projectId: m.projectId,
    projectSlug: m.projectSlug,
    actor: { type: "user", id: userId, name: m.userLabel, role: m.role },
    scope: ROLE_SCOPE[m.role],
  };
}

/** Session writes must come from our own origin (CSRF); the custom project header also forces a CORS preflight. */
export function assertSameOrigin(req: Request): void {
  if (req.method === "GET" || req.method === "HEAD") return;
  const origin = req.headers.get("origin");
  if (!origin) return;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("forbidden", "Cross-site request refused");
  }
  if (originHost !== host) throw new AppError("forbidden", "Cross-site request refused");
}
