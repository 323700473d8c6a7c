import { beforeAll, describe, expect, it } from "vitest";
import * as secretsRoute from "@/app/api/v1/secrets/route";
import * as secretRoute from "@/app/api/v1/secrets/[id]/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { getDb } from "@/db/client";
import { loadSecrets } from "./service";

let a: TestProject;
let b: TestProject;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestProject("secrets-a"), createTestProject("secrets-b")]);
});

describe("secrets API", () => {
  it("stores a value write-only: no response ever contains it", async () => {
    const created = await call(secretsRoute.POST, "POST", {
      key: a.keys.admin,
      body: { name: "AGENT_KEY", value: "canary-value-9f8e7d" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^sec_/), name: "AGENT_KEY" });
    expect(created.text).not.toContain("canary-value-9f8e7d");
    const list = await call(secretsRoute.GET, "GET", { key: a.keys.read });
    expect(list.status).toBe(200);
    expect(list.body.data.map((s: { name: string }) => s.name)).toEqual(["AGENT_KEY"]);
    expect(list.text).not.toContain("canary-value-9f8e7d");
    expect(await loadSecrets(getDb(), a.id)).toEqual({ AGENT_KEY: "canary-value-9f8e7d" });
  });

  it("rejects bad names, unknown fields, wrong types, malformed JSON and oversized bodies", async () => {
    const bad = await call(secretsRoute.POST, "POST", {
      key: a.keys.admin,
      body: { name: "1bad", value: 3, extra: true },
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    expect(bad.body.code).toBe("validation_failed");
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      "extra",
      "name",
      "value",
    ]);
    expect(bad.body.traceId).toBe(bad.headers.get("x-request-id"));

    const malformed = await call(secretsRoute.POST, "POST", {
      key: a.keys.admin,
      rawBody: "{nope",
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe("invalid_json");

    const huge = await call(secretsRoute.POST, "POST", {
      key: a.keys.admin,
      body: { name: "BIG", value: "x".repeat(1_100_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe("payload_too_large");
    expect(Object.keys(await loadSecrets(getDb(), a.id))).not.toContain("BIG");
  });

  it("needs the admin scope to write and hides other projects' secrets", async () => {
    const denied = await call(secretsRoute.POST, "POST", {
      key: a.keys.read,
      body: { name: "X", value: "y" },
    });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe("forbidden");
    const mine = await call(secretsRoute.POST, "POST", {
      key: a.keys.admin,
      body: { name: "OWN", value: "v" },
    });
    const cross = await call(secretRoute.DELETE, "DELETE", {
      key: b.keys.admin,
      params: { id: mine.body.id },
    });
    expect(cross.status).toBe(404);
    const malformedId = await call(secretRoute.DELETE, "DELETE", {
      key: a.keys.admin,
      params: { id: "sec_nope" },
    });
    expect(malformedId.status).toBe(404);
    const deleted = await call(secretRoute.DELETE, "DELETE", {
      key: a.keys.admin,
      params: { id: mine.body.id },
    });
    expect(deleted.status).toBe(200);
  });
});

describe("API key auth", () => {
  it("accepts the key in Authorization, X-Auth-Token and X-API-Key", async () => {
    for (const keyHeader of ["authorization", "x-auth-token", "x-api-key"] as const) {
      const res = await call(secretsRoute.GET, "GET", { key: a.keys.read, keyHeader });
      expect(res.status, keyHeader).toBe(200);
    }
  });

  it("answers 401 without a key, with a wrong key, and at once after revocation", async () => {
    expect((await call(secretsRoute.GET, "GET")).status).toBe(401);
    const wrong = await call(secretsRoute.GET, "GET", { key: "assay_not-a-real-key" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe("unauthorized");

    const created = await call(keysRoute.POST, "POST", {
      key: a.keys.admin,
      body: { name: "ci", scope: "run" },
    });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^assay_/);
    expect(created.body).toMatchObject({
      scope: "run",
      prefix: created.body.key.slice(0, 10),
      last4: created.body.key.slice(-4),
    });
    expect((await call(secretsRoute.GET, "GET", { key: created.body.key })).status).toBe(200);

    const listed = await call(keysRoute.GET, "GET", { key: a.keys.admin });
    expect(listed.text).not.toContain(created.body.key);
    expect(
      (
        await call(keyRoute.DELETE, "DELETE", {
          key: a.keys.admin,
          params: { id: created.body.id },
        })
      ).status,
    ).toBe(200);
    const after = await call(secretsRoute.GET, "GET", { key: created.body.key });
    expect(after.status).toBe(401);
  });

  it("keeps API key management to the admin scope", async () => {
    expect((await call(keysRoute.GET, "GET", { key: a.keys.run })).status).toBe(403);
    expect(
      (await call(keysRoute.POST, "POST", { key: a.keys.run, body: { name: "x", scope: "admin" } }))
        .status,
    ).toBe(403);
  });
});
