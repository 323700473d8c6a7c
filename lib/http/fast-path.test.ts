import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncomingMessage, ServerResponse } from "node:http";
import { getSql } from "@/db/client";
import { sha256 } from "@/lib/crypto";
import { EVENTS_CHANNEL } from "@/lib/engine/sql";
import { cachedApiKey, rememberApiKey } from "@/lib/auth/key-cache";
import { finishedSuiteRun } from "@/lib/runs/finished-cache";
import * as suiteRunRoute from "@/app/api/v1/suite-runs/[id]/route";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { seedSuite } from "@/lib/test/seed";
import { startTestServer, type TestServer } from "@/lib/test/server";
import { serveFromMemory } from "./fast-path";

let server: TestServer;
let a: TestProject;
let b: TestProject;
let finishedId: string;
let runningId: string;

const get = (path: string, key: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, ...(init.headers ?? {}) },
  });

/** serveFromMemory against a bare request: did it answer, and with what? */
function probe(path: string, key: string) {
  const req = {
    method: "GET",
    url: path,
    headers: { "x-api-key": key },
  } as unknown as IncomingMessage;
  const sent: { status?: number; body?: Buffer } = {};
  const res = {
    writeHead: (status: number) => (sent.status = status),
    end: (body?: Buffer) => (sent.body = body),
  } as unknown as ServerResponse;
  return { served: serveFromMemory(req, res), ...sent };
}

beforeAll(async () => {
  server = await startTestServer();
  [a, b] = await Promise.all([createTestProject("fast-a"), createTestProject("fast-b")]);
  const { suiteId } = await seedSuite({
    projectId: a.id,
    url: "http://127.0.0.1:9/",
    scenarios: [1, 2, 3].map((i) => ({
      input: `q${i}`,
      scorers: [{ type: "contains", config: { values: ["x"] } }],
    })),
  });
  const trigger = () =>
    fetch(`${server.url}/api/v1/suites/${suiteId}/runs`, {
      method: "POST",
      headers: { authorization: `Bearer ${a.keys.run}`, "content-type": "application/json" },
      body: "{}",
    }).then((r) => r.json());
  // No worker runs here: one suite run stays queued, the other is cancelled (finished) at once.
  runningId = (await trigger()).id;
  finishedId = (await trigger()).id;
  const cancelled = await fetch(`${server.url}/api/v1/suite-runs/${finishedId}/cancel`, {
    method: "POST",
    headers: { authorization: `Bearer ${a.keys.run}` },
  });
  expect(cancelled.status).toBe(200);
});

afterAll(() => server?.close());

describe("GET /api/v1/suite-runs/{id} from memory", () => {
  it("answers a finished suite run with the handler's exact bytes and headers", async () => {
    const first = await get(`/api/v1/suite-runs/${finishedId}`, a.keys.read);
    const firstBody = await first.text();
    expect(first.status).toBe(200);
    expect(JSON.parse(firstBody)).toMatchObject({ id: finishedId, status: "cancelled" });
    expect(finishedSuiteRun(finishedId)?.body.toString()).toBe(firstBody);

    // The handler answered the first request and filled both caches: the fast path takes the next one.
    expect(probe(`/api/v1/suite-runs/${finishedId}`, a.keys.read)).toMatchObject({
      served: true,
      status: 200,
    });
    const second = await get(`/api/v1/suite-runs/${finishedId}`, a.keys.read, {
      headers: { "x-request-id": "ci-poll-42" },
    });
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(firstBody);
    expect(second.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(second.headers.get("x-request-id")).toBe("ci-poll-42");
    expect(second.headers.get("x-content-type-options")).toBe("nosniff");

    // fetch asks for gzip and undoes it: the same JSON, fewer bytes on the wire.
    const zipped = await get(`/api/v1/suite-runs/${finishedId}`, a.keys.read, {
      headers: { "accept-encoding": "gzip" },
    });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(Number(zipped.headers.get("content-length"))).toBeLessThan(Buffer.byteLength(firstBody));
    expect(await zipped.text()).toBe(firstBody);

    const head = await get(`/api/v1/suite-runs/${finishedId}`, a.keys.read, {
      method: "HEAD",
      headers: { "accept-encoding": "identity" },
    });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBe(Buffer.byteLength(firstBody));
  });

  it("leaves running suite runs, other projects' keys and unknown keys to the handler", async () => {
    await get(`/api/v1/suite-runs/${runningId}`, a.keys.read);
    expect(probe(`/api/v1/suite-runs/${runningId}`, a.keys.read).served).toBe(false);

    const other = await get(`/api/v1/suite-runs/${finishedId}`, b.keys.admin);
    expect(other.status).toBe(404);
    expect(probe(`/api/v1/suite-runs/${finishedId}`, b.keys.admin).served).toBe(false);

    const unknown = await get(`/api/v1/suite-runs/${finishedId}`, "assay_sk_not_a_key");
    expect(unknown.status).toBe(401);
    expect(probe(`/api/v1/suite-runs/${finishedId}?x=1`, a.keys.read).served).toBe(false);
  });

  it("lets one request through to write last_used_at and answers the others meanwhile", async () => {
    const hash = sha256(a.keys.read);
    rememberApiKey(hash, { ...cachedApiKey(hash)!, lastUsedAt: Date.now() - 61_000 });
    expect(probe(`/api/v1/suite-runs/${finishedId}`, a.keys.read).served).toBe(false);
    expect(probe(`/api/v1/suite-runs/${finishedId}`, a.keys.read).served).toBe(true);
    const res = await call(suiteRunRoute.GET, "GET", {
      key: a.keys.read,
      params: { id: finishedId },
    });
    expect(res.status).toBe(200);
    expect(cachedApiKey(hash)!.lastUsedAt).toBeGreaterThan(Date.now() - 5_000);
  });

  it("refuses a key the moment it is revoked", async () => {
    const created = await fetch(`${server.url}/api/v1/api-keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${a.keys.admin}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "ci poller", scope: "read" }),
    }).then((r) => r.json());
    expect((await get(`/api/v1/suite-runs/${finishedId}`, created.key)).status).toBe(200);
    expect(probe(`/api/v1/suite-runs/${finishedId}`, created.key).served).toBe(true);

    const revoked = await fetch(`${server.url}/api/v1/api-keys/${created.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${a.keys.admin}` },
    });
    expect(revoked.status).toBeLessThan(300);
    expect(probe(`/api/v1/suite-runs/${finishedId}`, created.key).served).toBe(false);
    expect((await get(`/api/v1/suite-runs/${finishedId}`, created.key)).status).toBe(401);
  });

  it("forgets a key another process revoked when the NOTIFY arrives", async () => {
    const hash = sha256(a.keys.run);
    expect((await get(`/api/v1/suite-runs/${finishedId}`, a.keys.run)).status).toBe(200);
    const entry = cachedApiKey(hash);
    expect(entry).not.toBeNull();
    await getSql()`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify({ k: entry!.keyId })})`;
    await expect.poll(() => cachedApiKey(hash), { timeout: 5_000 }).toBeNull();
  });
});
