import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as triggerRoute from "@/app/api/v1/suites/[id]/runs/route";
import * as suiteRunRoute from "@/app/api/v1/suite-runs/[id]/route";
import * as childRunsRoute from "@/app/api/v1/suite-runs/[id]/runs/route";
import * as runRoute from "@/app/api/v1/runs/[id]/route";
import * as resultsRoute from "@/app/api/v1/suite-runs/[id]/results/route";
import * as cancelRoute from "@/app/api/v1/suite-runs/[id]/cancel/route";
import * as resubmitRoute from "@/app/api/v1/suite-runs/[id]/resubmit/route";
import * as eventsRoute from "@/app/api/v1/suite-runs/[id]/events/route";
import * as compareRoute from "@/app/api/v1/suite-runs/[id]/compare/route";
import * as exportRoute from "@/app/api/v1/suite-runs/[id]/export/route";
import * as batchRoute from "@/app/api/v1/suite-runs/batch/route";
import { getSql } from "@/db/client";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { reply, startAgent, type TestAgent } from "@/lib/test/agent";
import { seedSuite } from "@/lib/test/seed";
import { startWorker, type WorkerHandle } from "./worker";
import { subscribe } from "@/lib/events/bus";

let project: TestProject;
let agent: TestAgent;
let worker: WorkerHandle;

const contains = (value: string) => ({ type: "contains", config: { values: [value] } });

beforeAll(async () => {
  project = await createTestProject("engine");
  // An agent that echoes, fails on "boom" (500) and answers "refuse" with something unhelpful.
  agent = await startAgent(async (body, _req, res) => {
    const input = String(body?.input ?? "");
    if (input.includes("boom")) return reply(res, 500, { error: "exploded" });
    if (input.includes("slow")) await new Promise((r) => setTimeout(r, 1500));
    reply(res, 200, {
      output: input.includes("refuse") ? "I cannot help with that" : `Sure! ${input}`,
    });
  });
  worker = await startWorker({ concurrency: 16 });
});
afterAll(async () => {
  await worker.stop();
  await agent.close();
});

async function waitTerminal(id: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await call(suiteRunRoute.GET, "GET", { key: project.keys.read, params: { id } });
    if (["passed", "failed", "error", "cancelled"].includes(res.body.status)) return res.body;
    if (Date.now() > deadline) throw new Error(`suite run ${id} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("running a suite", () => {
  it("runs every scenario × target × repeat, scores it, and derives counts and the gate", async () => {
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [
        { name: "greets", input: "hello", scorers: [contains("hello")] },
        {
          name: "answers",
          input: "refund please",
          scorers: [contains("refund"), { type: "regex", config: { pattern: "^Sure" } }],
        },
        { name: "refuses", input: "refuse this", scorers: [contains("refuse")] },
        { name: "explodes", input: "boom", scorers: [contains("boom")] },
      ],
      target: { retries: 1 },
      suite: { repeatCount: 2, passThreshold: 0.5 },
    });
    const created = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: suiteId },
      body: { trigger_meta: { commit: "abc123" } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^srun_/),
      status: "queued",
      total_runs: 8,
      trigger: "api",
      trigger_meta: { commit: "abc123" },
    });
    expect(created.body.items).toHaveLength(8);
    expect(created.body.skipped_archived).toEqual({ scenarios: [], targets: [] });

    const done = await waitTerminal(created.body.id);
    expect(done).toMatchObject({
      total_runs: 8,
      passed_count: 4,
      failed_count: 2,
      errored_count: 2,
      cancelled_count: 0,
      pending_count: 0,
      pass_rate: 0.5,
    });
    // 4/8 passes a 0.5 gate only if the errored runs are not needed: (4)/8 >= 0.5 → passed
    expect(done.status).toBe("passed");
    expect(done.completed_at).not.toBeNull();
    expect(done.runs).toHaveLength(8);

    const errored = await call(childRunsRoute.GET, "GET", {
      key: project.keys.read,
      params: { id: created.body.id },
      query: { status: "error" },
    });
    expect(errored.body.data).toHaveLength(2);
    expect(errored.body.data[0]).toMatchObject({
      scenario_name: "explodes",
      status: "error",
      error_code: "http_5xx",
    });

    const failed = await call(childRunsRoute.GET, "GET", {
      key: project.keys.read,
      params: { id: created.body.id },
      query: { status: "failed" },
    });
    const detail = await call(runRoute.GET, "GET", {
      key: project.keys.read,
      params: { id: failed.body.data[0].id },
    });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      status: "failed",
      output: "I cannot help with that",
      scenario: { name: "refuses" },
      error: null,
    });
    expect(detail.body.results).toHaveLength(1);
    expect(detail.body.results[0]).toMatchObject({
      scorer: "contains",
      passed: false,
      score: 0,
      scorer_output: { mode: "all", found_count: 0, total: 1 },
    });

    const results = await call(resultsRoute.GET, "GET", {
      key: project.keys.read,
      params: { id: created.body.id },
    });
    // one result per scorer of each judged run: greets 2×1 + answers 2×2 + refuses 2×1 (errored runs have none)
    expect(results.body.data).toHaveLength(8);
    const [{ count }] =
      await getSql()`select count(*)::int as count from results where suite_run_id = ${created.body.id}`;
    expect(count).toBe(8);
  });

  it("fails the gate when the errored runs could not have saved it, and errors when they could", async () => {
    const failing = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [
        { input: "refuse", scorers: [contains("refuse")] },
        { input: "boom", scorers: [contains("boom")] },
      ],
    });
    const a = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: failing.suiteId },
      body: {},
    });
    expect((await waitTerminal(a.body.id)).status).toBe("failed");
    const erroring = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [
        { input: "hi", scorers: [contains("hi")] },
        { input: "boom", scorers: [contains("boom")] },
      ],
    });
    const b = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: erroring.suiteId },
      body: {},
    });
    expect((await waitTerminal(b.body.id)).status).toBe("error");
  });

  it("skips archived scenarios and reports them; 400 when everything is archived", async () => {
    const seeded = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [
        { input: "a", scorers: [contains("a")] },
        { input: "b", scorers: [contains("b")], archived: true },
      ],
    });
    const res = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: seeded.suiteId },
      body: {},
    });
    expect(res.status).toBe(201);
    expect(res.body.total_runs).toBe(1);
    expect(res.body.skipped_archived.scenarios).toEqual([seeded.scenarioIds[1]]);
    const none = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: seeded.suiteId },
      body: { scenario_ids: [seeded.scenarioIds[1]] },
    });
    expect(none.status).toBe(400);
    expect(none.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("idempotency", () => {
  it("turns concurrent duplicates into one suite run with identical responses", async () => {
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [{ input: "x", scorers: [contains("x")] }],
    });
    const key = `idem-${Date.now()}`;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(triggerRoute.POST, "POST", {
          key: project.keys.run,
          params: { id: suiteId },
          body: {},
          headers: { "idempotency-key": key },
          path: `/api/v1/suites/${suiteId}/runs`,
        }),
      ),
    );
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(responses.map((r) => r.text)).size).toBe(1);
    expect(responses.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(
      9,
    );
    const [{ count }] =
      await getSql()`select count(*)::int as count from suite_runs where suite_id = ${suiteId}`;
    expect(count).toBe(1);

    const reused = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: suiteId },
      body: { repeat_count: 3 },
      headers: { "idempotency-key": key },
      path: `/api/v1/suites/${suiteId}/runs`,
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe("idempotency_key_reused");
  });
});

describe("cancel and resubmit", () => {
  it("cancels queued runs at once, aborts running ones, and is idempotent", async () => {
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: Array.from({ length: 6 }, (_, i) => ({
        input: `slow ${i}`,
        scorers: [contains("slow")],
      })),
      target: { maxConcurrency: 1 },
    });
    const created = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: suiteId },
      body: {},
    });
    await new Promise((r) => setTimeout(r, 400));
    const first = await call(cancelRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: created.body.id },
    });
    expect(first.status).toBe(200);
    const again = await call(cancelRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: created.body.id },
    });
    expect(again.status).toBe(200);
    const done = await waitTerminal(created.body.id);
    expect(done.status).toBe("cancelled");
    expect(done.cancelled_count).toBeGreaterThanOrEqual(5);
    expect(done.passed_count + done.failed_count + done.errored_count + done.cancelled_count).toBe(
      6,
    );
    const [{ running }] =
      await getSql()`select count(*)::int as running from runs where suite_run_id = ${created.body.id} and status in ('queued','running')`;
    expect(running).toBe(0);
  });

  it("re-runs only failed and errored runs, keeps their identities, and links parent and child", async () => {
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [
        { input: "ok", scorers: [contains("ok")] },
        { input: "refuse", scorers: [contains("refuse")] },
        { input: "boom", scorers: [contains("boom")] },
      ],
      target: { retries: 0 },
    });
    const created = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: suiteId },
      body: {},
    });
    const early = await call(resubmitRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: created.body.id },
    });
    expect([409, 201]).toContain(early.status); // 409 unless it already finished
    const parent = await waitTerminal(created.body.id);
    const child =
      early.status === 201
        ? early
        : await call(resubmitRoute.POST, "POST", {
            key: project.keys.run,
            params: { id: parent.id },
          });
    expect(child.status).toBe(201);
    expect(child.body).toMatchObject({
      trigger: "resubmit",
      parent_suite_run_id: parent.id,
      total_runs: 2,
    });
    const childDone = await waitTerminal(child.body.id);
    expect(childDone.failed_count + childDone.errored_count).toBe(2);

    const cmp = await call(compareRoute.GET, "GET", {
      key: project.keys.read,
      params: { id: child.body.id },
      query: { baseline: parent.id },
    });
    expect(cmp.status).toBe(200);
    expect(cmp.body).toMatchObject({
      baseline_id: parent.id,
      regressions: [],
      fixes: [],
      unchanged_count: 2,
    });
    expect(cmp.body.removed).toHaveLength(1);

    const passing = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [{ input: "fine", scorers: [contains("fine")] }],
    });
    const ok = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: passing.suiteId },
      body: {},
    });
    await waitTerminal(ok.body.id);
    const nothing = await call(resubmitRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: ok.body.id },
    });
    expect(nothing.status).toBe(400);
    expect(nothing.body.code).toBe("nothing_to_resubmit");
  });
});

describe("retries, limits and batches", () => {
  it("retries a 429 honouring Retry-After and a 500, then succeeds", async () => {
    let n = 0;
    const flaky = await startAgent((_b, _req, res) => {
      n++;
      if (n === 1) return reply(res, 429, { error: "slow down" }, { "retry-after": "1" });
      if (n === 2) return reply(res, 503, { error: "unavailable" });
      reply(res, 200, { output: "finally" });
    });
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: flaky.url,
      scenarios: [{ input: "x", scorers: [contains("finally")] }],
      target: { retries: 3 },
    });
    const started = Date.now();
    const created = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: suiteId },
      body: {},
    });
    const done = await waitTerminal(created.body.id);
    expect(done.status).toBe("passed");
    expect(n).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const run = await call(runRoute.GET, "GET", {
      key: project.keys.read,
      params: { id: done.runs[0].id },
    });
    expect(run.body.retries).toBe(2);
    await flaky.close();
  });

  it("never lets the agent see more parallel calls than the target's max_concurrency", async () => {
    const slow = await startAgent(async (body, _req, res) => {
      await new Promise((r) => setTimeout(r, 60));
      reply(res, 200, { output: String(body.input) });
    });
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: slow.url,
      scenarios: Array.from({ length: 24 }, (_, i) => ({
        input: `c${i}`,
        scorers: [contains("c")],
      })),
      target: { maxConcurrency: 3 },
    });
    const created = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: suiteId },
      body: {},
    });
    const done = await waitTerminal(created.body.id);
    expect(done.passed_count).toBe(24);
    expect(slow.maxInFlight()).toBeLessThanOrEqual(3);
    expect(slow.maxInFlight()).toBeGreaterThanOrEqual(2);
    await slow.close();
  });

  it("runs an ad-hoc batch on the scenario's suite targets", async () => {
    const { scenarioIds } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [{ input: "batch me", scorers: [contains("batch")] }],
    });
    const res = await call(batchRoute.POST, "POST", {
      key: project.keys.run,
      body: { entries: [{ scenario_id: scenarioIds[0] }], repeat_count: 2 },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ trigger: "batch", suite_id: null, total_runs: 2 });
    expect((await waitTerminal(res.body.id)).status).toBe("passed");
    const bad = await call(batchRoute.POST, "POST", {
      key: project.keys.run,
      body: { entries: [{ scenario_id: "scn_doesnotexist" }] },
    });
    expect(bad.status).toBe(400);
  });
});

describe("live events and exports", () => {
  it("streams snapshot, run.completed per run, progress and suite_run.completed, then ends", async () => {
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: Array.from({ length: 5 }, (_, i) => ({
        input: `e${i}`,
        scorers: [contains("e")],
      })),
    });
    const created = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: suiteId },
      body: {},
    });
    const res = await eventsRoute.GET(
      new Request(`http://localhost/api/v1/suite-runs/${created.body.id}/events`, {
        headers: { authorization: `Bearer ${project.keys.read}` },
      }),
      { params: Promise.resolve({ id: created.body.id }) },
    );
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const text = await res.text(); // the stream ends after suite_run.completed
    const events = [...text.matchAll(/event: (.+)\n/g)].map((m) => m[1]);
    expect(events[0]).toBe("snapshot");
    expect(events.filter((e) => e === "run.completed")).toHaveLength(5);
    expect(events.at(-1)).toBe("suite_run.completed");
    expect(events).toContain("progress");
    const ids = [
      ...text.matchAll(/event: run.completed\nid: (\d+)|id: (\d+)\nevent: run.completed/g),
    ].map((m) => Number(m[1] ?? m[2]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    // Resuming from the second run's event id replays only the later ones.
    const resumed = await eventsRoute.GET(
      new Request(`http://localhost/api/v1/suite-runs/${created.body.id}/events`, {
        headers: { authorization: `Bearer ${project.keys.read}`, "last-event-id": String(ids[1]) },
      }),
      { params: Promise.resolve({ id: created.body.id }) },
    );
    const resumedEvents = [...(await resumed.text()).matchAll(/event: (.+)\n/g)].map((m) => m[1]);
    expect(resumedEvents.filter((e) => e === "run.completed")).toHaveLength(3);
    expect(resumedEvents).not.toContain("snapshot");
  });

  it("announces started runs over NOTIFY as soon as a worker claims them", async () => {
    const started: string[] = [];
    const unsubscribe = await subscribe("*", (msg) => started.push(...(msg.started ?? [])));
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: Array.from({ length: 3 }, (_, i) => ({
        input: `s${i}`,
        scorers: [contains("s")],
      })),
    });
    const created = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: suiteId },
      body: {},
    });
    await waitTerminal(created.body.id);
    unsubscribe();
    const runIds = created.body.items.map((i: { run_id: string }) => i.run_id);
    expect(runIds.every((id: string) => started.includes(id))).toBe(true);
  });

  it("exports CSV, JSON and JUnit", async () => {
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [
        { name: "good", input: "fine", scorers: [contains("fine")] },
        { name: "bad", input: "refuse", scorers: [contains("refuse")] },
        { name: "ugly", input: "boom", scorers: [contains("boom")] },
      ],
      target: { retries: 0 },
    });
    const created = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: suiteId },
      body: {},
    });
    await waitTerminal(created.body.id);
    const csv = await call(exportRoute.GET, "GET", {
      key: project.keys.read,
      params: { id: created.body.id },
      query: { format: "csv" },
    });
    expect(csv.text.trim().split("\r\n")).toHaveLength(4);
    const junit = await call(exportRoute.GET, "GET", {
      key: project.keys.read,
      params: { id: created.body.id },
      query: { format: "junit" },
    });
    expect(junit.text).toContain('tests="3" failures="1" errors="1"');
    expect(junit.text).toMatch(/<testcase name="bad \(repeat 0\)"[^>]*><failure message=/);
    expect(junit.text).toMatch(/<testcase name="ugly \(repeat 0\)"[^>]*><error message=/);
    const json = await call(exportRoute.GET, "GET", {
      key: project.keys.read,
      params: { id: created.body.id },
      query: { format: "json" },
    });
    expect(json.body.runs).toHaveLength(3);
    expect(
      json.body.runs.find((r: { scenario_name: string }) => r.scenario_name === "bad").results[0]
        .passed,
    ).toBe(false);
  });
});
