import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as triggerRoute from "@/app/api/v1/suites/[id]/runs/route";
import * as suiteRunRoute from "@/app/api/v1/suite-runs/[id]/route";
import * as runRoute from "@/app/api/v1/runs/[id]/route";
import * as evalRoute from "@/app/api/v1/run/route";
import * as secretsRoute from "@/app/api/v1/secrets/route";
import { getSql, type Sql } from "@/db/client";
import { newIds } from "@/lib/ids";
import { insertSuiteRunWithRuns } from "@/lib/runs/repo";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { reply, startAgent, type TestAgent } from "@/lib/test/agent";
import { seedSuite } from "@/lib/test/seed";
import { reapExpiredLeases } from "./reaper";
import { completeRuns, enqueueChunks } from "./sql";
import { startWorker, type WorkerHandle } from "./worker";
import { newId } from "@/lib/ids";

let project: TestProject;
let worker: WorkerHandle;
const agents: TestAgent[] = [];
const contains = (value: string) => ({ type: "contains", config: { values: [value] } });

beforeAll(async () => {
  project = await createTestProject("faults");
  worker = await startWorker({ concurrency: 16 });
});
afterAll(async () => {
  await worker.stop();
  await Promise.all(agents.map((a) => a.close()));
});

async function agent(handler: Parameters<typeof startAgent>[0]) {
  const a = await startAgent(handler);
  agents.push(a);
  return a;
}

async function runToEnd(suiteId: string, body: object = {}) {
  const created = await call(triggerRoute.POST, "POST", {
    key: project.keys.run,
    params: { id: suiteId },
    body,
  });
  expect(created.status).toBe(201);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await call(suiteRunRoute.GET, "GET", {
      key: project.keys.read,
      params: { id: created.body.id },
    });
    if (["passed", "failed", "error", "cancelled"].includes(res.body.status)) return res.body;
    if (Date.now() > deadline) throw new Error("not terminal");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("target faults end as DESIGN.md specifies", () => {
  it("a hanging agent is an error with code timeout, after retries", async () => {
    const hang = await agent(() => {}); // never answers
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: hang.url,
      scenarios: [{ input: "x", scorers: [contains("x")] }],
      target: { timeoutMs: 300, retries: 1 },
    });
    const done = await runToEnd(suiteId);
    expect(done).toMatchObject({ status: "error", errored_count: 1, failed_count: 0 });
    const run = await call(runRoute.GET, "GET", {
      key: project.keys.read,
      params: { id: done.runs[0].id },
    });
    expect(run.body.error.code).toBe("timeout");
    expect(hang.calls).toHaveLength(2);
  });

  it("a connection reset and a garbage body are errors; a 4xx is not retried", async () => {
    const reset = await agent((_b, req) => void req.socket.destroy());
    const garbage = await agent((_b, _r, res) =>
      reply(res, 200, "<html>not json</html>", { "content-type": "text/html" }),
    );
    const notFound = await agent((_b, _r, res) => reply(res, 404, { error: "no route" }));
    // A body that is not JSON where the output path needs JSON is unparsable output.
    for (const [a, code, calls] of [
      [reset, "connection_error", 2],
      [garbage, "invalid_output", 1],
      [notFound, "http_4xx", 1],
    ] as const) {
      const { suiteId } = await seedSuite({
        projectId: project.id,
        url: a.url,
        scenarios: [{ input: "x", scorers: [contains("x")] }],
        target: { retries: 1, config: { url: a.url, output_path: "$.answer.text" } },
      });
      const done = await runToEnd(suiteId);
      expect(done.status, code).toBe("error");
      const run = await call(runRoute.GET, "GET", {
        key: project.keys.read,
        params: { id: done.runs[0].id },
      });
      expect(run.body.error.code).toBe(code);
      expect(a.calls.length, code).toBe(calls);
    }
  });
});

describe("multi-turn scenarios", () => {
  it("calls the target once per scripted turn with the conversation so far and stores the transcript", async () => {
    const chat = await agent((body, _r, res) =>
      reply(res, 200, { output: `turn ${body.messages.length}: ${body.input}` }),
    );
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: chat.url,
      scenarios: [
        {
          input: "hi",
          turns: ["hi", "what did I say?", "bye"],
          scorers: [
            contains("turn 5"),
            { type: "contains", applies_to: "each_turn", config: { values: ["turn"] } },
          ],
        },
      ],
    });
    const done = await runToEnd(suiteId);
    expect(done.status).toBe("passed");
    expect(chat.calls.map((c) => c.body.messages.length)).toEqual([1, 3, 5]);
    expect(chat.calls[2].body.messages.map((m: { role: string }) => m.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
      "user",
    ]);
    const run = await call(runRoute.GET, "GET", {
      key: project.keys.read,
      params: { id: done.runs[0].id },
    });
    expect(
      run.body.transcript.map((t: { role: string; content: string }) => `${t.role}:${t.content}`),
    ).toEqual([
      "user:hi",
      "assistant:turn 1: hi",
      "user:what did I say?",
      "assistant:turn 3: what did I say?",
      "user:bye",
      "assistant:turn 5: bye",
    ]);
    expect(run.body.output).toBe("turn 5: bye");
  });
});

describe("secrets", () => {
  it("sends the secret to the agent but never stores or returns it, even when the agent echoes it", async () => {
    await call(secretsRoute.POST, "POST", {
      key: project.keys.admin,
      body: { name: "AGENT_TOKEN", value: "canary-3f9a1c77" },
    });
    const echo = await agent((_b, req, res) =>
      reply(res, 200, { output: `your header was ${req.headers.authorization}` }),
    );
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: echo.url,
      scenarios: [{ input: "x", scorers: [contains("canary-3f9a1c77")] }],
      target: {
        config: {
          url: echo.url,
          headers: { Authorization: "Bearer {{secrets.AGENT_TOKEN}}" },
          output_path: "$.output",
        },
      },
    });
    const done = await runToEnd(suiteId);
    expect(echo.calls[0].headers.authorization).toBe("Bearer canary-3f9a1c77");
    const run = await call(runRoute.GET, "GET", {
      key: project.keys.read,
      params: { id: done.runs[0].id },
    });
    expect(run.text).not.toContain("canary-3f9a1c77");
    const [{ leaks }] =
      await getSql()`select count(*)::int as leaks from runs where suite_run_id = ${done.id} and output::text like '%canary-3f9a1c77%'`;
    expect(leaks).toBe(0);
  });
});

describe("POST /api/v1/run scores a supplied output", () => {
  it("answers cleared or blocked synchronously, and 202 when async", async () => {
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: "http://127.0.0.1:9/",
      scenarios: [
        { name: "mentions refund", input: "q1", scorers: [contains("refund")] },
        { name: "is polite", input: "q2", scorers: [contains("please")] },
      ],
    });
    const cleared = await call(evalRoute.POST, "POST", {
      key: project.keys.run,
      body: { suite: suiteId, output: "A refund, please." },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      status: "cleared",
      passed: true,
      total_cases: 2,
      passed_cases: 2,
      failed_cases: 0,
      pass_rate: 1,
      failures: [],
    });
    const blocked = await call(evalRoute.POST, "POST", {
      key: project.keys.run,
      body: { suite: suiteId, output: "A refund." },
    });
    expect(blocked.body).toMatchObject({
      status: "blocked",
      passed: false,
      passed_cases: 1,
      failed_cases: 1,
    });
    expect(blocked.body.failures).toEqual([
      expect.objectContaining({ case: "is polite", passed: false, score: 0 }),
    ]);
    const pending = await call(evalRoute.POST, "POST", {
      key: project.keys.run,
      body: { suite: suiteId, output: "x", async: true },
    });
    expect(pending.status).toBe(202);
    expect(pending.body).toMatchObject({ id: expect.stringMatching(/^srun_/), status: "pending" });
    const missing = await call(evalRoute.POST, "POST", {
      key: project.keys.run,
      body: { suite: suiteId },
    });
    expect(missing.status).toBe(422);
  });

  it("stores a supplied output byte for byte, tabs, newlines and backslashes included", async () => {
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: "http://127.0.0.1:9/",
      scenarios: [{ name: "polite", input: "q", scorers: [contains("please")] }],
    });
    const output = { text: 'Refund\tplease \\N \\t\r\nnext "line" é 🚀', n: 1 };
    const res = await call(evalRoute.POST, "POST", {
      key: project.keys.run,
      body: { suite: suiteId, output },
    });
    expect(res.body).toMatchObject({ status: "cleared", passed_cases: 1 });
    const [run] = await getSql()<{ output: unknown }[]>`
      select output from runs where suite_run_id = ${res.body.id}`;
    expect(run.output).toEqual(output);
  });
});

describe("leases", () => {
  async function strandedSuiteRun(
    sql: Sql,
    suiteId: string,
    scenarioId: string,
    targetId: string,
    attempt: number,
  ) {
    const id = newId("suiteRun");
    const ids = newIds("run", 3);
    await sql.begin(async (tx) => {
      const t = tx as unknown as Sql;
      await insertSuiteRunWithRuns(
        t,
        {
          id,
          projectId: project.id,
          suiteId,
          suiteName: "s",
          trigger: "api",
          triggerMeta: {},
          configOverride: {},
          triggeredBy: null,
          parentSuiteRunId: null,
          passThreshold: 1,
          maxConcurrency: null,
        },
        {
          ids,
          scenarioIds: [scenarioId, scenarioId, scenarioId],
          targetIds: [targetId, targetId, targetId],
          repeatIndexes: [0, 1, 2],
        },
      );
      // As if a worker claimed them and died: running, lease long expired, no job left.
      await t`update runs set status = 'running', attempt = ${attempt}, worker_id = 'wrk_dead', lease_expires_at = now() - interval '1 minute' where suite_run_id = ${id}`;
      await t`update suite_runs set status = 'running', started_at = now() where id = ${id}`;
    });
    return { id, ids };
  }

  it("requeues a dead worker's runs, completes them once, and rejects the dead worker's late write", async () => {
    const ok = await agent((body, _r, res) => reply(res, 200, { output: `ok ${body.input}` }));
    const seeded = await seedSuite({
      projectId: project.id,
      url: ok.url,
      scenarios: [{ input: "x", scorers: [contains("ok")] }],
    });
    const sql = getSql();
    const { id, ids } = await strandedSuiteRun(
      sql,
      seeded.suiteId,
      seeded.scenarioIds[0],
      seeded.targetIds[0],
      1,
    );
    const reaped = await reapExpiredLeases(sql);
    expect(reaped.requeued).toBeGreaterThanOrEqual(3);
    const deadline = Date.now() + 15_000;
    let row;
    do {
      [row] = await sql`select status, passed_count, total_runs from suite_runs where id = ${id}`;
      await new Promise((r) => setTimeout(r, 100));
    } while (row.status !== "passed" && Date.now() < deadline);
    expect(row).toMatchObject({ status: "passed", passed_count: 3 });

    // The dead worker wakes up and tries to write attempt 1: rejected, nothing changes.
    const late = await completeRuns(
      sql,
      ids.map((runId) => ({
        id: runId,
        attempt: 1,
        status: "failed" as const,
        output: "late",
        transcript: null,
        error_code: null,
        error_message: null,
        latency_ms: 1,
        tokens: null,
        cost_usd: null,
        meta: null,
      })),
      ids.map((runId) => ({
        id: newId("result"),
        run_id: runId,
        scorer_index: 0,
        scorer: "contains",
        name: "late",
        passed: false,
        score: 0,
        threshold: 1,
        reason: "late",
        scorer_output: {},
        duration_ms: 0,
      })),
    );
    expect(late).toEqual([]);
    const [{ results, attempts }] =
      await sql`select count(*)::int as results, max(r.attempt)::int as attempts from results x join runs r on r.id = x.run_id where x.suite_run_id = ${id}`;
    expect(results).toBe(3);
    expect(attempts).toBe(2);
    const [{ passed }] = await sql`select passed_count as passed from suite_runs where id = ${id}`;
    expect(passed).toBe(3);
  });

  it("gives a chunk a new job when its worker died after locking the job but before claiming the runs", async () => {
    const ok = await agent((body, _r, res) => reply(res, 200, { output: `ok ${body.input}` }));
    const seeded = await seedSuite({
      projectId: project.id,
      url: ok.url,
      scenarios: [{ input: "x", scorers: [contains("ok")] }],
    });
    const sql = getSql();
    const id = newId("suiteRun");
    await sql.begin(async (tx) => {
      const t = tx as unknown as Sql;
      const chunks = await insertSuiteRunWithRuns(
        t,
        {
          id,
          projectId: project.id,
          suiteId: seeded.suiteId,
          suiteName: "s",
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
          scenarioIds: [seeded.scenarioIds[0], seeded.scenarioIds[0]],
          targetIds: [seeded.targetIds[0], seeded.targetIds[0]],
          repeatIndexes: [0, 1],
        },
      );
      await enqueueChunks(t, id, chunks);
      // The job is locked by a worker that is gone; its runs were never claimed.
      await t`update graphile_worker._private_jobs set locked_at = now() - interval '1 hour', locked_by = 'worker-dead' where payload->>'suite_run_id' = ${id}`;
    });
    const reaped = await reapExpiredLeases(sql);
    expect(reaped.requeued).toBeGreaterThanOrEqual(1);
    const deadline = Date.now() + 15_000;
    let row;
    do {
      [row] = await sql`select status, passed_count from suite_runs where id = ${id}`;
      await new Promise((r) => setTimeout(r, 100));
    } while (row.status !== "passed" && Date.now() < deadline);
    expect(row).toMatchObject({ status: "passed", passed_count: 2 });
  });

  it("ends a run that exhausted its attempts as error/stalled and finishes the suite run", async () => {
    const seeded = await seedSuite({
      projectId: project.id,
      url: "http://127.0.0.1:9/",
      scenarios: [{ input: "x", scorers: [contains("x")] }],
    });
    const sql = getSql();
    const { id } = await strandedSuiteRun(
      sql,
      seeded.suiteId,
      seeded.scenarioIds[0],
      seeded.targetIds[0],
      3,
    );
    const reaped = await reapExpiredLeases(sql);
    expect(reaped.stalled).toBeGreaterThanOrEqual(3);
    const [row] =
      await sql`select status, errored_count, completed_at from suite_runs where id = ${id}`;
    expect(row).toMatchObject({ status: "error", errored_count: 3 });
    expect(row.completed_at).not.toBeNull();
    const codes = await sql`select distinct error_code from runs where suite_run_id = ${id}`;
    expect(codes.map((c) => c.error_code)).toEqual(["stalled"]);
  });
});
