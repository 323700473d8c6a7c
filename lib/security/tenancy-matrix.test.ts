import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "@/lib/openapi/operations";
import { startTestServer, type TestServer } from "@/lib/test/server";
import { createTestProject, type TestProject } from "@/lib/test/fixtures";
import { seedSuite } from "@/lib/test/seed";
import { getSql } from "@/db/client";

/**
 * For every operation in the OpenAPI document: project B's key on project A's resources gets
 * exactly what it gets for ids that do not exist (never a 2xx, never a hint that A's exist); a
 * read-scope key gets 403 on every write; a revoked key gets 401 at once.
 */
let server: TestServer;
let a: TestProject;
let b: TestProject;
const ids: Record<string, string> = {};

async function api(key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined || method === "GET" ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let code: string | undefined;
  try {
    const parsed = JSON.parse(text);
    code = parsed.code ?? parsed.error;
  } catch {
    /* SSE or export bodies */
  }
  return { status: res.status, code, text };
}

beforeAll(async () => {
  server = await startTestServer();
  [a, b] = await Promise.all([createTestProject("matrix-a"), createTestProject("matrix-b")]);
  const seeded = await seedSuite({
    projectId: a.id,
    url: "http://127.0.0.1:9/",
    scenarios: [{ input: "x", scorers: [{ type: "contains", config: { values: ["x"] } }] }],
  });
  const [suite] = await getSql()`select slug from suites where id = ${seeded.suiteId}`;
  const run = JSON.parse(
    (await api(a.keys.run, "POST", `/api/v1/suites/${seeded.suiteId}/runs`, {})).text,
  );
  const secret = JSON.parse(
    (await api(a.keys.admin, "POST", "/api/v1/secrets", { name: "MATRIX", value: "v" })).text,
  );
  const key = JSON.parse(
    (await api(a.keys.admin, "POST", "/api/v1/api-keys", { name: "extra", scope: "read" })).text,
  );
  const hook = JSON.parse(
    (
      await api(a.keys.admin, "POST", "/api/v1/webhooks", {
        url: "http://127.0.0.1:9/hook",
        events: ["suite_run.completed"],
      })
    ).text,
  );
  const delivery = JSON.parse(
    (await api(a.keys.admin, "POST", `/api/v1/webhooks/${hook.id}/test`)).text,
  );
  const share = JSON.parse(
    (await api(a.keys.run, "POST", `/api/v1/suite-runs/${run.id}/share`, {})).text,
  );
  const member = JSON.parse(
    (
      await api(a.keys.admin, "POST", "/api/v1/members", {
        email: `m-${Date.now()}@example.com`,
        role: "viewer",
        password: "a long password",
      })
    ).text,
  );
  const schedule = JSON.parse(
    (
      await api(a.keys.run, "POST", `/api/v1/scenarios/${seeded.scenarioIds[0]}/schedule`, {
        name: "nightly",
        number_of_executions: 1,
        run_config: { target_id: seeded.targetIds[0] },
      })
    ).text,
  );
  Object.assign(ids, {
    targets: seeded.targetIds[0],
    scenarios: seeded.scenarioIds[0],
    suites: seeded.suiteId,
    slug: suite.slug,
    "suite-runs": run.id,
    runs: run.items[0].run_id,
    secrets: secret.id,
    "api-keys": key.id,
    webhooks: hook.id,
    deliveryId: delivery.id,
    "share-links": share.id,
    members: member.id,
    scheduleId: schedule.id,
    runId: run.id,
  });
  for (const [name, value] of Object.entries(ids)) expect(value, name).toBeTruthy();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

/** Fill a path template with A's real ids (`real`) or with well-formed ids that exist nowhere. */
function fill(path: string, real: boolean): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const segments = path.split("/");
    const owner = segments[segments.indexOf(`{${name}}`) - 1];
    const id =
      name === "id" || name === "runId"
        ? name === "runId"
          ? ids.runId
          : ids[owner === "suites" && path.startsWith("/api/suites") ? "suites" : owner]
        : ids[name];
    if (real) return encodeURIComponent(id);
    const prefix = id.includes("_") ? id.slice(0, id.lastIndexOf("_") + 1) : "";
    return prefix ? `${prefix}${"0".repeat(26)}` : "no-such-slug";
  });
}

const scoped = operations.filter(
  (op) => op.auth === "project" && op.path.includes("{") && !op.path.includes("{token}"),
);

describe("tenancy matrix over the OpenAPI document", () => {
  it(`answers project B's key on A's resources exactly as for ids that do not exist (${scoped.length} operations)`, async () => {
    const leaks: string[] = [];
    for (const op of scoped) {
      const method = op.method.toUpperCase();
      const body = op.method === "get" || op.method === "delete" ? undefined : {};
      const onA = await api(b.keys.admin, method, fill(op.path, true), body);
      const onNothing = await api(b.keys.admin, method, fill(op.path, false), body);
      if (onA.status < 400 || onA.status !== onNothing.status || onA.code !== onNothing.code) {
        leaks.push(
          `${method} ${op.path}: A's id → ${onA.status} ${onA.code}; missing id → ${onNothing.status} ${onNothing.code}`,
        );
      }
    }
    expect(leaks).toEqual([]);
  });

  it("gives 404 (not 403 or 422) to B's key on A's resources for reads and body-less writes", async () => {
    const notFound: string[] = [];
    for (const op of scoped.filter((o) => o.method === "get" || o.method === "delete" || !o.body)) {
      const res = await api(b.keys.admin, op.method.toUpperCase(), fill(op.path, true));
      if (res.status !== 404)
        notFound.push(`${op.method.toUpperCase()} ${op.path} → ${res.status}`);
    }
    expect(notFound).toEqual([]);
  });

  it("refuses every write to a read-scope key with 403", async () => {
    const writes = operations.filter(
      (op) => op.auth === "project" && op.method !== "get" && op.scope && op.scope !== "read",
    );
    const allowed: string[] = [];
    for (const op of writes) {
      const res = await api(
        a.keys.read,
        op.method.toUpperCase(),
        fill(op.path, true),
        op.method === "delete" ? undefined : {},
      );
      if (res.status !== 403) allowed.push(`${op.method.toUpperCase()} ${op.path} → ${res.status}`);
    }
    expect(writes.length).toBeGreaterThan(25);
    expect(allowed).toEqual([]);
  });

  it("refuses a revoked key with 401 on every read, at once", async () => {
    const created = JSON.parse(
      (await api(a.keys.admin, "POST", "/api/v1/api-keys", { name: "to revoke", scope: "admin" }))
        .text,
    );
    expect((await api(created.key, "GET", "/api/v1/targets")).status).toBe(200);
    await api(a.keys.admin, "DELETE", `/api/v1/api-keys/${created.id}`);
    const reads = operations.filter((op) => op.auth === "project" && op.method === "get");
    const accepted: string[] = [];
    for (const op of reads) {
      const res = await api(created.key, "GET", fill(op.path, true));
      if (res.status !== 401) accepted.push(`GET ${op.path} → ${res.status}`);
    }
    expect(accepted).toEqual([]);
  });
});
