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
};

export const KEY_CACHE_TTL_MS = 10_000;
/** `last_used_at` is written at most once a minute per key. */
export const TOUCH_INTERVAL_MS = 60_000;
const MAX_KEYS = 10_000;

type State = { keys: Map<string, CachedKey> };
const slot = Symbol.for("assay.apiKeyCache");
const state: State = ((globalThis as Record<symbol, State>)[slot] ??= { keys: new Map() });

/** A fresh entry for this key hash, or null (unknown, expired). */
export function cachedApiKey(hash: string, now = Date.now()): CachedKey | null {
  const entry = state.keys.get(hash);
  if (!entry) return null;
  if (now - entry.cachedAt > KEY_CACHE_TTL_MS) {
    state.keys.delete(hash);
    return null;
  }
  return entry;
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
