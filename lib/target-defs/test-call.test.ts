import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as targetsRoute from "@/app/api/v1/targets/route";
import * as testRoute from "@/app/api/v1/targets/[id]/test/route";
import * as secretsRoute from "@/app/api/v1/secrets/route";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";

const CANARY = "tok-canary-7f3a9c41";
const OTHER_CANARY = "other-canary-55e0b2d8";

type Received = { path: string; headers: IncomingHttpHeaders; body: string };
const received: Received[] = [];
let agent: Server;
let base: string;
let a: TestProject;
let b: TestProject;

/** A stand-in for a user's agent: answers by path, remembers what it was sent. */
function startAgent(): Promise<void> {
  agent = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body });
      const parsed = body ? JSON.parse(body) : {};
      if (req.url === "/chat") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ output: `echo: ${parsed.input}`, seen_auth: req.headers.authorization }),
        );
      } else if (req.url === "/leak") {
        // An agent that knows a project secret the target never sends: only Assay's scrub stops it.
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ output: `the other key is ${OTHER_CANARY}!` }));
      } else if (req.url === "/down") {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`upstream exploded while using ${req.headers.authorization}`);
      } else {
        res.writeHead(404).end();
      }
    });
  });
  return new Promise((resolve) => agent.listen(0, "127.0.0.1", resolve));
}

beforeAll(async () => {
  await startAgent();
  base = `http://127.0.0.1:${(agent.address() as AddressInfo).port}`;
  [a, b] = await Promise.all([createTestProject("tgt-test-a"), createTestProject("tgt-test-b")]);
  const secret = await call(secretsRoute.POST, "POST", {
    key: a.keys.admin,
    body: { name: "TOKEN", value: CANARY },
  });
  expect(secret.status).toBe(201);
  const other = await call(secretsRoute.POST, "POST", {
    key: a.keys.admin,
    body: { name: "OTHER", value: OTHER_CANARY },
  });
  expect(other.status).toBe(201);
});
afterAll(() => new Promise<void>((resolve) => agent.close(() => resolve())));

async function target(path: string, extra: Record<string, unknown> = {}) {
  const res = await call(targetsRoute.POST, "POST", {
    key: a.keys.run,
    body: {
      name: path,
      type: "http",
      config: {
        url: `${base}${path}`,
        headers: { authorization: "Bearer {{secrets.TOKEN}}" },
        ...extra,
      },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

describe("POST /api/v1/targets/{id}/test", () => {
  it("makes one call and returns the output and latency; the agent gets the real secret", async () => {
    const t = await target("/chat");
    const res = await call(testRoute.POST, "POST", {
      key: a.keys.run,
      params: { id: t.id },
      body: { input: "hi there" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ output: "echo: hi there", error: null, tokens: null });
    expect(res.body.latency_ms).toEqual(expect.any(Number));
    expect(res.body.latency_ms).toBeGreaterThanOrEqual(0);
    const last = received.at(-1)!;
    expect(last.headers.authorization).toBe(`Bearer ${CANARY}`);
    expect(JSON.parse(last.body)).toEqual({
      input: "hi there",
      messages: [{ role: "user", content: "hi there" }],
    });
  });

  it("scrubs a secret the agent echoes in its output", async () => {
    const t = await target("/chat", { output_path: "$" });
    const res = await call(testRoute.POST, "POST", {
      key: a.keys.run,
      params: { id: t.id },
      body: { messages: [{ role: "user", content: "yo" }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.output.output).toBe("echo: yo");
    expect(res.text).not.toContain(CANARY);
    expect(received.at(-1)!.headers.authorization).toBe(`Bearer ${CANARY}`);
  });

  it("scrubs any project secret from the output, even one the target does not use", async () => {
    const t = await target("/leak");
    const res = await call(testRoute.POST, "POST", {
      key: a.keys.run,
      params: { id: t.id },
      body: {},
    });
    expect(res.status).toBe(200);
    expect(res.body.output).toBe("the other key is [secret]!");
    expect(JSON.parse(received.at(-1)!.body).input).toBe("Hello");
  });

  it("reports an agent's 500 as error http_5xx in a 200, without the secret it echoed", async () => {
    const t = await target("/down");
    const res = await call(testRoute.POST, "POST", {
      key: a.keys.run,
      params: { id: t.id },
      body: {},
    });
    expect(res.status).toBe(200);
    expect(res.body.output).toBeNull();
    expect(res.body.error).toMatchObject({ code: "http_5xx", message: expect.any(String) });
    expect(res.text).not.toContain(CANARY);
    expect(received.at(-1)!.headers.authorization).toBe(`Bearer ${CANARY}`);
  });

  it("reports a refused connection as an error, not a 500", async () => {
    const res0 = await call(targetsRoute.POST, "POST", {
      key: a.keys.run,
      body: { name: "dead", type: "http", config: { url: "http://127.0.0.1:9/x" } },
    });
    const res = await call(testRoute.POST, "POST", {
      key: a.keys.run,
      params: { id: res0.body.id },
      body: { input: "x" },
    });
    expect(res.status).toBe(200);
    expect(res.body.error.code).toBe("connection_error");
  });

  it("runs a workflow through same-project steps", async () => {
    const step = await target("/chat");
    const wf = await call(targetsRoute.POST, "POST", {
      key: a.keys.run,
      body: { name: "wf", type: "workflow", config: { steps: [step.id, step.id] } },
    });
    const res = await call(testRoute.POST, "POST", {
      key: a.keys.run,
      params: { id: wf.body.id },
      body: { input: "a" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ output: "echo: echo: a", error: null });
  });

  it("validates the body and answers 404/403 like every other write", async () => {
    const t = await target("/chat");
    const calls = received.length;
    const bad = await call(testRoute.POST, "POST", {
      key: a.keys.run,
      params: { id: t.id },
      body: { input: "x", extra: 1, messages: "no" },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      "extra",
      "messages",
    ]);
    expect(
      (await call(testRoute.POST, "POST", { key: a.keys.run, params: { id: t.id }, rawBody: "{" }))
        .status,
    ).toBe(400);
    expect(
      (await call(testRoute.POST, "POST", { key: b.keys.run, params: { id: t.id }, body: {} }))
        .status,
    ).toBe(404);
    expect(
      (await call(testRoute.POST, "POST", { key: a.keys.run, params: { id: "tgt_bad" }, body: {} }))
        .status,
    ).toBe(404);
    expect(
      (await call(testRoute.POST, "POST", { key: a.keys.read, params: { id: t.id }, body: {} }))
        .status,
    ).toBe(403);
    expect(received.length).toBe(calls);
  });
});
