import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reply, startAgent, type TestAgent } from "@/lib/test/agent";
import { createTestProject, type TestProject } from "@/lib/test/fixtures";
import { readSseFrames, startTestServer, type TestServer } from "@/lib/test/server";
import { responseChecker } from "./conformance";
import { operations } from "./operations";

// An outside client's tour of every route in docs/api.md: plain HTTP with the documented key headers,
// each response held to the OpenAPI document (status documented, body valid, no undocumented field).

let server: TestServer;
let agent: TestAgent;
let project: TestProject;
const check = responseChecker();
const problems: string[] = [];

beforeAll(async () => {
  project = await createTestProject("contract");
  agent = await startAgent(async (body, _req, res) => {
    const input = String(body?.input ?? "");
    reply(res, 200, { output: input.includes("refuse") ? "I cannot help" : `Sure! ${input}` });
  });
  server = await startTestServer({ worker: true });
});
afterAll(async () => {
  await server.close();
  await agent.close();
});

type Call = { status: number; body: any; headers: Headers; response: Response };
const HEADERS = ["authorization", "x-auth-token", "x-api-key"] as const;
let turn = 0;

/** Call like an outside client (rotating the three key headers) and check against the document. */
async function call(
  method: string,
  template: string,
  opts: {
    params?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
    raw?: { text: string; contentType: string };
    key?: string | null;
    expect?: number;
    headers?: Record<string, string>;
  } = {},
): Promise<Call> {
  let path = template.replace(/\{(\w+)\}/g, (_, name) =>
    encodeURIComponent(opts.params?.[name] ?? ""),
  );
  if (opts.query) path += `?${new URLSearchParams(opts.query)}`;
  const headers: Record<string, string> = { ...opts.headers };
  const key = opts.key === undefined ? project.keys.admin : opts.key;
  if (key) {
    const header = HEADERS[turn++ % HEADERS.length];
    headers[header] = header === "authorization" ? `Bearer ${key}` : key;
  }
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (opts.raw) headers["content-type"] = opts.raw.contentType;
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: opts.raw
      ? opts.raw.text
      : opts.body === undefined
        ? undefined
        : JSON.stringify(opts.body),
  });
  const streaming = (response.headers.get("content-type") ?? "").includes("event-stream");
  const text = streaming ? "" : await response.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  const result = { status: response.status, body, headers: response.headers, response };
  const found = check(method, template, result);
  problems.push(...found);
  expect(found, `${method} ${path}`).toEqual([]);
  if (opts.expect !== undefined)
    expect(result.status, `${method} ${path}: ${text.slice(0, 300)}`).toBe(opts.expect);
  expect(response.headers.get("x-request-id")).toBeTruthy();
  return result;
}

async function waitTerminal(id: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const run = await call("GET", "/api/v1/suite-runs/{id}", { params: { id }, expect: 200 });
    if (["passed", "failed", "error", "cancelled"].includes(run.body.status)) return run.body;
    if (Date.now() > deadline) throw new Error(`suite run ${id} is still ${run.body.status}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe("every docs/api.md route, called as an outside client", () => {
  it("answers 401 with its documented error shape to a caller without a key", async () => {
    for (const op of operations.filter((o) => o.auth !== "public")) {
      const res = await call(op.method.toUpperCase(), op.path, {
        key: null,
        params: Object.fromEntries([...op.path.matchAll(/\{(\w+)\}/g)].map(([, n]) => [n, "x"])),
      });
      expect(res.status, `${op.method} ${op.path}`).toBe(401);
      if (op.compat) expect(res.body.error).toBe("unauthorized");
      else expect(res.body.code).toBe("unauthorized");
    }
  });

  it("resources: targets, scenarios, suites, secrets, API keys, webhooks", async () => {
    const target = await call("POST", "/api/v1/targets", {
      body: { name: "agent", type: "http", config: { url: agent.url } },
      expect: 201,
    });
    const targetId = target.body.id;
    await call("GET", "/api/v1/targets", { query: { limit: "10" }, expect: 200 });
    await call("GET", "/api/v1/targets/{id}", { params: { id: targetId }, expect: 200 });
    await call("PATCH", "/api/v1/targets/{id}", {
      params: { id: targetId },
      body: { retries: 0 },
      expect: 200,
    });
    const tested = await call("POST", "/api/v1/targets/{id}/test", {
      params: { id: targetId },
      body: { input: "ping" },
      expect: 200,
    });
    expect(tested.body).toMatchObject({ output: "Sure! ping", error: null });
    await call("GET", "/api/v1/targets/{id}", { params: { id: "tgt_nope" }, expect: 404 });
    await call("POST", "/api/v1/targets", {
      body: { name: "x", type: "nope", config: {} },
      expect: 422,
    });

    const scenario = await call("POST", "/api/v1/scenarios", {
      body: {
        name: "greets",
        input: "hello",
        scorers: [{ type: "contains", config: { values: ["hello"] } }],
      },
      expect: 201,
    });
    await call("GET", "/api/v1/scenarios", { expect: 200 });
    await call("GET", "/api/v1/scenarios/{id}", { params: { id: scenario.body.id }, expect: 200 });
    await call("PATCH", "/api/v1/scenarios/{id}", {
      params: { id: scenario.body.id },
      body: { tags: ["smoke"] },
      expect: 200,
    });

    const suite = await call("POST", "/api/v1/suites", {
      body: { name: "Contract suite", scenario_ids: [scenario.body.id], target_ids: [targetId] },
      expect: 201,
    });
    await call("GET", "/api/v1/suites", { expect: 200 });
    await call("GET", "/api/v1/suites/{id}", { params: { id: suite.body.slug }, expect: 200 });
    await call("PATCH", "/api/v1/suites/{id}", {
      params: { id: suite.body.id },
      body: { labels: ["ci"] },
      expect: 200,
    });
    const copy = await call("POST", "/api/v1/suites/{id}/duplicate", {
      params: { id: suite.body.id },
      expect: 201,
    });
    await call("DELETE", "/api/v1/suites/{id}", { params: { id: copy.body.id }, expect: 200 });

    const secret = await call("POST", "/api/v1/secrets", {
      body: { name: "AGENT_KEY", value: "s3cret" },
      expect: 201,
    });
    await call("GET", "/api/v1/secrets", { expect: 200 });
    await call("DELETE", "/api/v1/secrets/{id}", { params: { id: secret.body.id }, expect: 200 });

    const key = await call("POST", "/api/v1/api-keys", {
      body: { name: "ci", scope: "read" },
      expect: 201,
    });
    await call("GET", "/api/v1/api-keys", { expect: 200 });
    await call("POST", "/api/v1/api-keys", {
      key: project.keys.run,
      body: { name: "x", scope: "read" },
      expect: 403,
    });
    await call("DELETE", "/api/v1/api-keys/{id}", { params: { id: key.body.id }, expect: 200 });

    const hook = await call("POST", "/api/v1/webhooks", {
      body: { url: `${agent.url}hook`, events: ["suite_run.completed"] },
      expect: 201,
    });
    await call("GET", "/api/v1/webhooks", { expect: 200 });
    await call("GET", "/api/v1/webhooks/{id}", { params: { id: hook.body.id }, expect: 200 });
    await call("DELETE", "/api/v1/webhooks/{id}", { params: { id: hook.body.id }, expect: 200 });

    const spare = await call("POST", "/api/v1/scenarios", {
      body: {
        name: "spare",
        input: "x",
        scorers: [{ type: "contains", config: { values: ["x"] } }],
      },
      expect: 201,
    });
    await call("DELETE", "/api/v1/scenarios/{id}", { params: { id: spare.body.id }, expect: 200 });
    const spareTarget = await call("POST", "/api/v1/targets", {
      body: { name: "spare", type: "http", config: { url: agent.url } },
      expect: 201,
    });
    await call("DELETE", "/api/v1/targets/{id}", {
      params: { id: spareTarget.body.id },
      expect: 200,
    });
  });

  it("runs: trigger, read, stream, compare, export, cancel, resubmit, batch, evaluate, share", async () => {
    const target = await call("POST", "/api/v1/targets", {
      body: { name: "agent", type: "http", config: { url: agent.url }, retries: 0 },
      expect: 201,
    });
    const scenarios = [];
    for (const [name, input] of [
      ["greets", "hello"],
      ["refuses", "refuse hello"],
    ])
      scenarios.push(
        (
          await call("POST", "/api/v1/scenarios", {
            body: {
              name,
              input,
              scorers: [{ type: "regex", name: "polite", config: { pattern: "^Sure" } }],
            },
            expect: 201,
          })
        ).body.id,
      );
    const suite = await call("POST", "/api/v1/suites", {
      body: { name: "Runs suite", scenario_ids: scenarios, target_ids: [target.body.id] },
      expect: 201,
    });
    const suiteId = suite.body.id;

    const first = await call("POST", "/api/v1/suites/{id}/runs", {
      params: { id: suiteId },
      body: { trigger_meta: { commit: "abc" } },
      key: project.keys.run,
      expect: 201,
    });
    const done = await waitTerminal(first.body.id);
    expect(done).toMatchObject({
      total_runs: 2,
      passed_count: 1,
      failed_count: 1,
      status: "failed",
    });

    const streamed = await call("POST", "/api/v1/suites/{id}/runs", {
      params: { id: suiteId },
      body: {},
      headers: { accept: "text/event-stream" },
      expect: 200,
    });
    const events = await readSseFrames(streamed.response); // ends after suite_run.completed
    expect(events[0]).toMatchObject({ total_runs: 2 });
    expect(events.at(-1)).toMatchObject({ id: events[0].id, status: "failed" });

    await call("GET", "/api/v1/suites/{id}/runs", {
      params: { id: suiteId },
      query: { page: "1", pageSize: "5" },
      expect: 200,
    });
    await call("GET", "/api/v1/suite-runs", { query: { suite_id: suiteId }, expect: 200 });
    const children = await call("GET", "/api/v1/suite-runs/{id}/runs", {
      params: { id: first.body.id },
      expect: 200,
    });
    await call("GET", "/api/v1/suite-runs/{id}/results", {
      params: { id: first.body.id },
      expect: 200,
    });
    await call("GET", "/api/v1/runs/{id}", {
      params: { id: children.body.data[0].id },
      expect: 200,
    });
    await call("GET", "/api/v1/runs/{id}", { params: { id: "run_nope" }, expect: 404 });
    const compared = await call("GET", "/api/v1/suite-runs/{id}/compare", {
      params: { id: events[0].id },
      query: { baseline: first.body.id },
      expect: 200,
    });
    expect(compared.body.baseline_id).toBe(first.body.id);
    for (const format of ["json", "csv", "junit"])
      await call("GET", "/api/v1/suite-runs/{id}/export", {
        params: { id: first.body.id },
        query: { format },
        expect: 200,
      });

    const live = await call("GET", "/api/v1/suite-runs/{id}/events", {
      params: { id: first.body.id },
      expect: 200,
    });
    const frames = await readSseFrames(live.response);
    expect(frames.at(-1)).toMatchObject({ id: first.body.id, status: "failed" });

    await call("POST", "/api/v1/suite-runs/{id}/cancel", {
      params: { id: first.body.id },
      expect: 200,
    });
    const resubmitted = await call("POST", "/api/v1/suite-runs/{id}/resubmit", {
      params: { id: first.body.id },
      expect: 201,
    });
    expect(resubmitted.body).toMatchObject({ trigger: "resubmit", total_runs: 1 });

    const batch = await call("POST", "/api/v1/suite-runs/batch", {
      body: { entries: [{ scenario_id: scenarios[0], target_id: target.body.id }] },
      expect: 201,
    });
    expect(batch.body).toMatchObject({ trigger: "batch", suite_id: null });

    const evaluated = await call("POST", "/api/v1/run", {
      body: { suite: suite.body.slug, output: "Sure thing" },
      expect: 200,
    });
    expect(evaluated.body).toMatchObject({ status: "cleared", total_cases: 2 });
    await call("POST", "/api/v1/run", {
      body: { suite: suiteId, output: "x", async: true },
      expect: 202,
    });

    const share = await call("POST", "/api/v1/suite-runs/{id}/share", {
      params: { id: first.body.id },
      body: {},
      expect: 201,
    });
    await call("GET", "/api/v1/suite-runs/{id}/share", {
      params: { id: first.body.id },
      expect: 200,
    });
    await call("GET", "/api/v1/share-links", { expect: 200 });
    const token = share.body.url.split("/share/")[1];
    await call("GET", "/api/share/{token}", { params: { token }, key: null, expect: 200 });
    await call("DELETE", "/api/v1/share-links/{id}", {
      params: { id: share.body.id },
      expect: 200,
    });
    await call("GET", "/api/share/{token}", { params: { token }, key: null, expect: 404 });
  });

  it("import, export, members and webhook deliveries", async () => {
    const jsonl = [
      {
        name: "imported one",
        input: "hi",
        scorers: [{ type: "contains", config: { values: ["hi"] } }],
      },
      {
        name: "imported two",
        input: "yo",
        scorers: [{ type: "contains", config: { values: ["yo"] } }],
      },
    ]
      .map((row) => JSON.stringify(row))
      .join("\n");
    const raw = { text: jsonl, contentType: "application/x-ndjson" };
    const preview = await call("POST", "/api/v1/scenarios/import", {
      query: { format: "jsonl", dry_run: "true" },
      raw,
      expect: 200,
    });
    expect(preview.body).toMatchObject({ dry_run: true, would_create: 2, created: 0 });
    const imported = await call("POST", "/api/v1/scenarios/import", {
      query: { format: "jsonl", suite_name: "Imported suite" },
      raw,
      expect: 201,
    });
    expect(imported.body).toMatchObject({ created: 2, suite_created: true });
    const exported = await call("GET", "/api/v1/suites/{id}/scenarios/export", {
      params: { id: imported.body.suite_id },
      query: { format: "jsonl" },
      expect: 200,
    });
    expect(exported.status).toBe(200);

    const members = await call("GET", "/api/v1/members", { expect: 200 });
    expect(members.body.me).toBeNull();

    const hook = await call("POST", "/api/v1/webhooks", {
      body: { url: `${agent.url}hook`, events: ["run.completed"] },
      expect: 201,
    });
    const ping = await call("POST", "/api/v1/webhooks/{id}/test", {
      params: { id: hook.body.id },
      expect: 200,
    });
    expect(ping.body).toMatchObject({ event: "ping" });
    await call("GET", "/api/v1/webhooks/{id}/deliveries", {
      params: { id: hook.body.id },
      expect: 200,
    });
    await call("GET", "/api/v1/webhooks/{id}/deliveries/{deliveryId}", {
      params: { id: hook.body.id, deliveryId: ping.body.id },
      expect: 200,
    });
  });

  it("operations: health, this document, setup refusing a bad body, projects needing a session", async () => {
    await call("GET", "/api/health", { key: null, expect: 200 });
    await call("GET", "/api/openapi.json", { key: null, expect: 200 });
    await call("POST", "/api/setup", { key: null, body: { email: "not-an-email" }, expect: 422 });
    await call("GET", "/api/v1/projects", { expect: 401 });
    await call("POST", "/api/v1/projects", { body: { name: "x" }, expect: 401 });
  });

  it("found no response that strays from the document", () => {
    expect(problems).toEqual([]);
  });
});
