import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as webhooksRoute from "@/app/api/v1/webhooks/route";
import * as deliveriesRoute from "@/app/api/v1/webhooks/[id]/deliveries/route";
import * as deliveryRoute from "@/app/api/v1/webhooks/[id]/deliveries/[deliveryId]/route";
import * as testRoute from "@/app/api/v1/webhooks/[id]/test/route";
import * as triggerRoute from "@/app/api/v1/suites/[id]/runs/route";
import * as suiteRunRoute from "@/app/api/v1/suite-runs/[id]/route";
import * as cancelRoute from "@/app/api/v1/suite-runs/[id]/cancel/route";
import { getSql } from "@/db/client";
import { isId, newId, newIds } from "@/lib/ids";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { startAgent, type TestAgent } from "@/lib/test/agent";
import { seedSuite } from "@/lib/test/seed";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";
import { insertSuiteRunWithRuns } from "@/lib/runs/repo";
import { attemptDelivery } from "./deliver";
import { insertDelivery } from "./deliveries";
import { signatureHeader, verifySignature } from "./signature";

type Received = { path: string; headers: IncomingHttpHeaders; raw: string; body: any };

let project: TestProject;
let agent: TestAgent;
let worker: WorkerHandle;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
/** Per path: how many requests to answer 500 before answering 200 (-1: always 500). */
const failFirst = new Map<string, number>();

const SECRET = "whsec_test_secret_0123456789";
const contains = (value: string) => ({ type: "contains", config: { values: [value] } });

beforeAll(async () => {
  project = await createTestProject("whk-deliver");
  agent = await startAgent();
  worker = await startWorker({ concurrency: 8, schedules: false });
  receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const path = req.url ?? "/";
    received.push({ path, headers: req.headers, raw, body: JSON.parse(raw) });
    const left = failFirst.get(path) ?? 0;
    if (left !== 0) {
      failFirst.set(path, left - 1);
      res.writeHead(500, { "content-type": "text/plain" }).end("receiver exploded");
      return;
    }
    res.writeHead(200).end("ok");
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const addr = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await worker.stop();
  await agent.close();
  receiver.closeAllConnections();
  await new Promise((r) => receiver.close(r));
});

async function createHook(path: string, events: string[], p: TestProject = project) {
  const res = await call(webhooksRoute.POST, "POST", {
    key: p.keys.admin,
    body: { url: `${receiverUrl}${path}`, events, secret: SECRET },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function deliveries(
  webhookId: string,
  query: Record<string, string | number> = {},
  p: TestProject = project,
) {
  const res = await call(deliveriesRoute.GET, "GET", {
    key: p.keys.admin,
    params: { id: webhookId },
    query,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as any[];
}

async function until<T>(what: string, fn: () => Promise<T | null | false>, timeoutMs = 25_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe("webhook deliveries", () => {
  it("announces run.completed and suite_run.completed, signed, retrying a receiver that fails first", async () => {
    const path = "/ci-hook";
    failFirst.set(path, 1);
    const hookId = await createHook(path, ["run.completed", "suite_run.completed"]);
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [
        { name: "greets", input: "hello", scorers: [contains("hello")] },
        { name: "refunds", input: "refund", scorers: [contains("never")] },
      ],
      suite: { passThreshold: 0.5 },
    });
    const created = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: suiteId },
      body: { trigger_meta: { commit: "abc123" } },
    });
    expect(created.status).toBe(201);

    const log = await until("three settled deliveries", async () => {
      const rows = await deliveries(hookId);
      return rows.length === 3 && rows.every((d) => d.status !== "pending") && rows;
    });
    expect(log.map((d) => d.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(log.map((d) => d.event).sort()).toEqual([
      "run.completed",
      "run.completed",
      "suite_run.completed",
    ]);
    for (const d of log) {
      expect(d).toEqual({
        id: expect.any(String),
        webhook_id: hookId,
        event: expect.any(String),
        status: "succeeded",
        attempts: expect.any(Number),
        response_status: 200,
        error: null,
        created_at: expect.any(String),
        delivered_at: expect.any(String),
      });
      expect(isId("delivery", d.id)).toBe(true);
    }
    // The receiver failed the first request once: that delivery took a second attempt.
    expect(log.map((d) => d.attempts).sort()).toEqual([1, 1, 2]);

    const hits = received.filter((r) => r.path === path);
    expect(hits).toHaveLength(4);
    for (const hit of hits) {
      expect(verifySignature(SECRET, hit.headers["assay-signature"] as string, hit.raw)).toBe(true);
      expect(
        verifySignature(
          "whsec_some_other_secret_000",
          hit.headers["assay-signature"] as string,
          hit.raw,
        ),
      ).toBe(false);
      expect(
        verifySignature(
          SECRET,
          hit.headers["assay-signature"] as string,
          hit.raw.replace(`"data":`, `"data" :`),
        ),
      ).toBe(false);
      expect(hit.headers["assay-event"]).toBe(hit.body.event);
      expect(hit.headers["assay-delivery"]).toBe(hit.body.id);
      expect(Object.keys(hit.body)).toEqual(["id", "event", "created_at", "data"]);
    }
    // The retry is the same delivery, signed afresh.
    const retried = log.find((d) => d.attempts === 2)!;
    expect(hits.filter((h) => h.body.id === retried.id)).toHaveLength(2);

    const suiteRun = (
      await call(suiteRunRoute.GET, "GET", {
        key: project.keys.read,
        params: { id: created.body.id },
      })
    ).body;
    const suiteEvent = hits.find((h) => h.body.event === "suite_run.completed")!.body;
    const {
      runs,
      runs_truncated: _t,
      config_override: _c,
      triggered_by: _b,
      max_concurrency: _m,
      completed_pass_rate: _r,
      ...shown
    } = suiteRun;
    expect(suiteEvent.data).toEqual(shown);
    expect(suiteEvent.data).toMatchObject({
      status: "passed",
      pass_rate: 0.5,
      passed_count: 1,
      failed_count: 1,
      trigger_meta: { commit: "abc123" },
    });
    expect(JSON.stringify(suiteEvent)).not.toContain(SECRET);

    const runEvents = hits.filter((h) => h.body.event === "run.completed").map((h) => h.body.data);
    for (const summary of runs) {
      const event = runEvents.find((e) => e.id === summary.id);
      expect(event).toEqual({ ...summary, suite_run_id: created.body.id, error_code: null });
    }

    const detail = await call(deliveryRoute.GET, "GET", {
      key: project.keys.admin,
      params: { id: hookId, deliveryId: retried.id },
    });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      ...retried,
      payload: { id: retried.id, event: retried.event },
    });
  });

  it("announces a suite run that a cancel ends, once", async () => {
    const own = await createTestProject("whk-cancel");
    const hookId = await createHook("/cancel-hook", ["suite_run.completed"], own);
    const { suiteId, scenarioIds, targetIds } = await seedSuite({
      projectId: own.id,
      url: agent.url,
      scenarios: [{ input: "a", scorers: [contains("a")] }],
    });
    // Written without jobs, so the runs stay queued until the cancel ends them.
    const id = newId("suiteRun");
    await getSql().begin((tx) =>
      insertSuiteRunWithRuns(
        tx as any,
        {
          id,
          projectId: own.id,
          suiteId,
          suiteName: "Suite",
          trigger: "api",
          triggerMeta: {},
          configOverride: {},
          triggeredBy: null,
          parentSuiteRunId: null,
          passThreshold: 1,
          maxConcurrency: null,
        },
        {
          ids: newIds("run", 2),
          scenarioIds: [scenarioIds[0], scenarioIds[0]],
          targetIds: [targetIds[0], targetIds[0]],
          repeatIndexes: [0, 1],
        },
      ),
    );
    for (let i = 0; i < 2; i++)
      expect(
        (await call(cancelRoute.POST, "POST", { key: own.keys.run, params: { id } })).status,
      ).toBe(200);
    const [d] = await until("the cancel delivery", async () => {
      const rows = await deliveries(hookId, {}, own);
      return rows.length > 0 && rows[0].status === "succeeded" && rows;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await deliveries(hookId, {}, own)).toHaveLength(1);
    const hit = received.find((h) => h.body.id === d.id)!;
    expect(hit.body.data).toMatchObject({
      id,
      status: "cancelled",
      cancelled_count: 2,
      gate: { passed: null },
    });
  });

  it("marks a delivery failed after its last attempt and never posts a settled one again", async () => {
    const path = "/always-500";
    failFirst.set(path, -1);
    const hookId = await createHook(path, ["run.completed"]);
    const id = newId("delivery");
    const payload = {
      id,
      event: "run.completed",
      created_at: new Date().toISOString(),
      data: { id: "run_x" },
    };
    await insertDelivery(getSql(), {
      id,
      project_id: project.id,
      webhook_id: hookId,
      event: "run.completed",
      payload,
    });

    const first = await attemptDelivery(getSql(), id, { attempt: 1, maxAttempts: 2 });
    expect(first).toMatchObject({
      retry: true,
      delivery: { status: "pending", attempts: 1, response_status: 500 },
    });
    const last = await attemptDelivery(getSql(), id, { attempt: 2, maxAttempts: 2 });
    expect(last).toMatchObject({
      retry: false,
      delivery: {
        status: "failed",
        attempts: 2,
        response_status: 500,
        error: "HTTP 500: receiver exploded",
      },
    });
    const count = received.filter((r) => r.path === path).length;
    expect(await attemptDelivery(getSql(), id, { attempt: 3, maxAttempts: 3 })).toMatchObject({
      retry: false,
    });
    expect(received.filter((r) => r.path === path)).toHaveLength(count);
    const [row] = await deliveries(hookId, { status: "failed" });
    expect(row).toMatchObject({ id, status: "failed", response_status: 500, delivered_at: null });
    expect(await deliveries(hookId, { status: "succeeded" })).toEqual([]);
  });

  it("sends a signed test event on demand and reports failures instead of throwing", async () => {
    const hookId = await createHook("/ping", ["suite_run.completed"]);
    const ok = await call(testRoute.POST, "POST", {
      key: project.keys.admin,
      params: { id: hookId },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      webhook_id: hookId,
      event: "ping",
      status: "succeeded",
      attempts: 1,
      response_status: 200,
    });
    const hit = received.find((r) => r.body.id === ok.body.id)!;
    expect(hit.headers["assay-event"]).toBe("ping");
    expect(verifySignature(SECRET, hit.headers["assay-signature"] as string, hit.raw)).toBe(true);
    expect(hit.body.data).toMatchObject({ webhook_id: hookId });

    const dead = await call(webhooksRoute.POST, "POST", {
      key: project.keys.admin,
      body: { url: "http://127.0.0.1:9/nothing-listens", events: ["run.completed"] },
    });
    const refused = await call(testRoute.POST, "POST", {
      key: project.keys.admin,
      params: { id: dead.body.id },
    });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({
      status: "failed",
      response_status: null,
      error: expect.stringContaining("ECONNREFUSED"),
    });

    const metadata = await call(webhooksRoute.POST, "POST", {
      key: project.keys.admin,
      body: { url: "http://169.254.169.254/latest/meta-data/", events: ["run.completed"] },
    });
    const blocked = await call(testRoute.POST, "POST", {
      key: project.keys.admin,
      params: { id: metadata.body.id },
    });
    expect(blocked.body).toMatchObject({
      status: "failed",
      attempts: 1,
      error: expect.stringMatching(/^Refused: .*metadata/),
    });

    const page = await deliveries(hookId, { limit: 1 });
    expect(page.map((d) => d.id)).toEqual([ok.body.id]);
  });

  it("pages the log newest first, is admin-only and hides other projects' webhooks", async () => {
    const hookId = await createHook("/paging", ["run.completed"]);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await call(testRoute.POST, "POST", {
        key: project.keys.admin,
        params: { id: hookId },
      });
      ids.push(res.body.id);
    }
    const first = await call(deliveriesRoute.GET, "GET", {
      key: project.keys.admin,
      params: { id: hookId },
      query: { limit: 2 },
    });
    expect(first.body.data.map((d: any) => d.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.has_more).toBe(true);
    const second = await call(deliveriesRoute.GET, "GET", {
      key: project.keys.admin,
      params: { id: hookId },
      query: { limit: 2, cursor: first.body.next_cursor },
    });
    expect(second.body).toMatchObject({
      data: [{ id: ids[0] }],
      has_more: false,
      next_cursor: null,
    });

    for (const key of [project.keys.read, project.keys.run]) {
      expect((await call(deliveriesRoute.GET, "GET", { key, params: { id: hookId } })).status).toBe(
        403,
      );
      expect((await call(testRoute.POST, "POST", { key, params: { id: hookId } })).status).toBe(
        403,
      );
    }
    const other = await createTestProject("whk-other");
    for (const id of [hookId, "whk_nope"]) {
      expect(
        (await call(deliveriesRoute.GET, "GET", { key: other.keys.admin, params: { id } })).status,
      ).toBe(404);
      expect(
        (await call(testRoute.POST, "POST", { key: other.keys.admin, params: { id } })).status,
      ).toBe(404);
      expect(
        (
          await call(deliveryRoute.GET, "GET", {
            key: other.keys.admin,
            params: { id, deliveryId: ids[0] },
          })
        ).status,
      ).toBe(404);
    }
    expect(
      (
        await call(deliveryRoute.GET, "GET", {
          key: project.keys.admin,
          params: { id: hookId, deliveryId: "dlv_bad" },
        })
      ).status,
    ).toBe(404);
  });

  it("writes no deliveries for a project without webhooks", async () => {
    const quiet = await createTestProject("whk-none");
    const { suiteId } = await seedSuite({
      projectId: quiet.id,
      url: agent.url,
      scenarios: [{ input: "x", scorers: [contains("x")] }],
    });
    const created = await call(triggerRoute.POST, "POST", {
      key: quiet.keys.run,
      params: { id: suiteId },
      body: {},
    });
    await until("the run to finish", async () => {
      const res = await call(suiteRunRoute.GET, "GET", {
        key: quiet.keys.read,
        params: { id: created.body.id },
      });
      return res.body.completed_at !== null;
    });
    const [{ n }] =
      await getSql()`select count(*)::int as n from webhook_deliveries where project_id = ${quiet.id}`;
    expect(n).toBe(0);
  });
});

describe("signatures", () => {
  it("verifies t and v1, rejects stale timestamps, other secrets and tampered bodies", () => {
    const body = JSON.stringify({ id: "dlv_1", event: "ping" });
    const now = Date.now();
    const header = signatureHeader(SECRET, body, Math.floor(now / 1000));
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(SECRET, header, body)).toBe(true);
    expect(verifySignature(SECRET, header, Buffer.from(body))).toBe(true);
    expect(verifySignature(SECRET, header, body, 300, now + 301_000)).toBe(false);
    expect(verifySignature(SECRET, header, body, 600, now + 301_000)).toBe(true);
    expect(verifySignature(SECRET, header, `${body} `)).toBe(false);
    expect(verifySignature("other-secret-0000000", header, body)).toBe(false);
    const rotated = `${header},v1=${"0".repeat(64)}`;
    expect(verifySignature(SECRET, rotated, body)).toBe(true);
    for (const bad of [
      null,
      "",
      "v1=abc",
      `t=${Math.floor(now / 1000)}`,
      "t=x,v1=zz",
      header.replace("t=", "t=1"),
      header.slice(0, -1),
    ])
      expect(verifySignature(SECRET, bad, body)).toBe(false);
  });
});
