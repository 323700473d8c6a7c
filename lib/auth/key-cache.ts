import type { Scope } from "./types";

/**
 * API keys this process authenticated in the last few seconds, by SHA-256 of the key, so a CI poller
 * or a dashboard re-reading a run costs no key lookup per request.
 *
 * Revocation stays immediate: revoking a key forgets it here before the 204 is sent, and NOTIFYs the
 * other processes (`forgetRevokedKeys` listens); if that notification is lost (the LISTEN connection
 * was down), an entry still expires after `TTL_MS`. The state lives on `globalThis` because the
 * custom server (bin/start.ts) and the Next.js bundle each load their own copy of this module.
 */
export type CachedKey = {
  keyId: string;
  name: string;
  projectId: string;
  projectSlug: string;
  scope: Scope;
  /** When `last_used_at` was last written (ms since epoch), or null if never. */
  lastUsedAt: number | null;
  cachedAt: number;
  /** When the fast path last let a request through to the handler to renew this entry. */
  renewalAt?: number;
};

export const KEY_CACHE_TTL_MS = 10_000;
/** How long past the TTL the fast path keeps answering while one request renews the entry. */
const RENEWAL_GRACE_MS = 2_000;
/** `last_used_at` is written at most once a minute per key. */
export const TOUCH_INTERVAL_MS = 60_000;
const MAX_KEYS = 10_000;

type State = { keys: Map<string, CachedKey> };
const slot = Symbol.for("assay.apiKeyCache");
const state: State = ((globalThis as Record<symbol, State>)[slot] ??= { keys: new Map() });

/** A fresh entry for this key hash, or null (unknown, expired). */
export function cachedApiKey(hash: string, now = Date.now()): CachedKey | null {
  const entry = state.keys.get(hash);
  return entry && now - entry.cachedAt <= KEY_CACHE_TTL_MS ? entry : null;
}

/**
 * The entry the HTTP server's fast path may answer with. When the entry is due (past its TTL, or due a
 * `last_used_at` write), one request a second is let through to the handler, which renews it, while
 * the others are still answered for at most RENEWAL_GRACE_MS: 100 concurrent pollers do not all fall
 * onto the slow path at once every ten seconds.
 */
export function servableApiKey(hash: string, now = Date.now()): CachedKey | null {
  const entry = state.keys.get(hash);
  if (!entry) return null;
  const age = now - entry.cachedAt;
  if (age > KEY_CACHE_TTL_MS + RENEWAL_GRACE_MS) return null;
  if (age <= KEY_CACHE_TTL_MS && !needsTouch(entry, now)) return entry;
  if (now - (entry.renewalAt ?? 0) < 1_000) return entry;
  entry.renewalAt = now;
  return null;
}

/** Whether a request with this key should (also) write `last_used_at`. */
export const needsTouch = (entry: Pick<CachedKey, "lastUsedAt">, now = Date.now()) =>
  entry.lastUsedAt === null || now - entry.lastUsedAt > TOUCH_INTERVAL_MS;

export function rememberApiKey(hash: string, key: Omit<CachedKey, "cachedAt">): CachedKey {
  if (state.keys.size >= MAX_KEYS) state.keys.delete(state.keys.keys().next().value as string);
  state.keys.delete(hash); // re-insert: the map's order is the eviction order
  const entry = { ...key, cachedAt: Date.now() };
  state.keys.set(hash, entry);
  return entry;
}

/** Forget a revoked key (by id) in this process. */
export function forgetApiKey(keyId: string): void {
  for (const [hash, entry] of state.keys) if (entry.keyId === keyId) state.keys.delete(hash);
}
