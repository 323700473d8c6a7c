import { describe, expect, it } from "vitest";
import {
  cachedApiKey,
  forgetApiKey,
  KEY_CACHE_TTL_MS,
  rememberApiKey,
  servableApiKey,
} from "./key-cache";

const key = (keyId: string) => ({
  keyId,
  name: "ci",
  projectId: "proj_1",
  projectSlug: "p",
  scope: "read" as const,
  lastUsedAt: Date.now(),
});

describe("API key cache", () => {
  it("expires entries after the TTL and forgets revoked keys at once", () => {
    rememberApiKey("h1", key("key_1"));
    const now = Date.now();
    expect(cachedApiKey("h1", now)?.keyId).toBe("key_1");
    expect(cachedApiKey("h1", now + KEY_CACHE_TTL_MS + 1)).toBeNull();
    forgetApiKey("key_1");
    expect(cachedApiKey("h1", now)).toBeNull();
    expect(servableApiKey("h1", now)).toBeNull();
  });

  it("lets one request a second renew an expired entry while the others are still answered, briefly", () => {
    rememberApiKey("h2", key("key_2"));
    const expired = Date.now() + KEY_CACHE_TTL_MS + 100;
    expect(servableApiKey("h2", expired)).toBeNull(); // this request renews
    expect(servableApiKey("h2", expired + 10)?.keyId).toBe("key_2");
    expect(servableApiKey("h2", expired + 1_100)).toBeNull(); // the renewal did not come back: try again
    expect(servableApiKey("h2", expired + 5_000)).toBeNull(); // past the grace: never
    rememberApiKey("h2", key("key_2"));
    expect(servableApiKey("h2")?.keyId).toBe("key_2");
  });
});
