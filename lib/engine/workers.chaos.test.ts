import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChildProcess } from "node:child_process";
import * as triggerRoute from "@/app/api/v1/suites/[id]/runs/route";
import { getSql } from "@/db/client";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { reply, startAgent, type TestAgent } from "@/lib/test/agent";
import { seedSuite } from "@/lib/test/seed";
import { spawnWorker, stopChild, waitForWorkers } from "@/lib/test/processes";

let project: TestProject;
let agent: TestAgent;
const children = new Set<ChildProcess>();
const fastLeases = {
  ASSAY_LEASE_MS: "2000",
  ASSAY_REAPER_INTERVAL_MS: "500",
  ASSAY_WORKER_CONCURRENCY: "8",
  ASSAY_JOB_CONCURRENCY: "4",
};

function worker() {
  const child = spawnWorker(fastLeases);
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

beforeAll(async () => {
  project = await createTestProject("chaos");
  agent = await startAgent(async (body, _req, res) => {
    await new Promise((r) => setTimeout(r, 150));
    reply(res, 200, { output: `ok ${body.input}` });
  });
});
afterAll(async () => {
  await Promise.all([...children].map((c) => stopChild(c, "SIGKILL")));
  await agent.close();
});

async function waitTerminal(id: string, timeoutMs: number) {
  const sql = getSql();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await sql`select status from suite_runs where id = ${id}`;
    if (["passed", "failed", "error", "cancelled"].includes(row.status))
      return row.status as string;
    if (Date.now() > deadline) throw new Error(`suite run ${id} still ${row.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("worker processes killed with SIGKILL mid-run", () => {
  it("leave every run terminal with exactly one result set and counts equal to the child rows", async () => {
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: Array.from({ length: 200 }, (_, i) => ({
        name: `k${i}`,
        input: `k${i}`,
        scorers: [{ type: "contains", config: { values: ["ok"] } }],
      })),
      target: { timeoutMs: 2000, retries: 0 },
      suite: { repeatCount: 5 },
    });
    const sql = getSql();
    worker();
    worker();
    await waitForWorkers(sql, 2);
    const created = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: suiteId },
      body: {},
    });
    expect(created.body.total_runs).toBe(1000);

    let kills = 0;
    while (kills < 10) {
      await new Promise((r) => setTimeout(r, 500 + Math.random() * 400));
      const victim = [...children][Math.floor(Math.random() * children.size)];
      if (victim) {
        await stopChild(victim, "SIGKILL");
        kills++;
      }
      worker();
    }
    const status = await waitTerminal(created.body.id, 180_000);

    const [counts] = await sql`
      select count(*) filter (where status in ('queued','running'))::int as open,
             count(*) filter (where status = 'passed')::int as passed, count(*) filter (where status = 'failed')::int as failed,
             count(*) filter (where status = 'error')::int as errored, count(*)::int as total
      from runs where suite_run_id = ${created.body.id}`;
    const [sr] =
      await sql`select passed_count, failed_count, errored_count, cancelled_count, total_runs from suite_runs where id = ${created.body.id}`;
    const duplicates =
      await sql`select run_id from results where suite_run_id = ${created.body.id} group by run_id having count(*) <> 1`;
    const [{ judged, withResults }] = await sql`
      select count(*) filter (where r.status in ('passed','failed'))::int as judged,
             count(distinct x.run_id)::int as "withResults"
      from runs r left join results x on x.run_id = r.id where r.suite_run_id = ${created.body.id}`;

    expect(kills).toBe(10);
    expect(counts.open).toBe(0);
    expect(duplicates).toHaveLength(0);
    expect(withResults).toBe(judged);
    expect({
      passed: sr.passed_count,
      failed: sr.failed_count,
      errored: sr.errored_count,
      total: sr.total_runs,
    }).toEqual({
      passed: counts.passed,
      failed: counts.failed,
      errored: counts.errored,
      total: counts.total,
    });
    expect(counts.total).toBe(1000);
    expect(["passed", "error"]).toContain(status); // runs on a killed worker may exhaust their attempts (stalled)
    console.log(
      `SIGKILL chaos: ${kills} kills, ${counts.passed} passed, ${counts.errored} errored (stalled), 0 lost, ${duplicates.length} duplicated`,
    );
  }, 240_000);
});

describe("limits across worker processes", () => {
  it("two workers never send a target more than its max_concurrency of 3", async () => {
    const slow = await startAgent(async (body, _req, res) => {
      await new Promise((r) => setTimeout(r, 20));
      reply(res, 200, { output: `ok ${body.input}` });
    });
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: slow.url,
      // 6 chunks of 50, so both worker processes take some
      scenarios: Array.from({ length: 300 }, (_, i) => ({
        input: `m${i}`,
        scorers: [{ type: "contains", config: { values: ["ok"] } }],
      })),
      target: { maxConcurrency: 3 },
    });
    const sql = getSql();
    while (children.size < 2) worker();
    await waitForWorkers(sql, 2);
    const created = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: suiteId },
      body: {},
    });
    expect(await waitTerminal(created.body.id, 60_000)).toBe("passed");
    const byWorker =
      await sql`select count(distinct worker_id)::int as n from runs where suite_run_id = ${created.body.id}`;
    expect(byWorker[0].n).toBe(2); // both processes took part
    expect(slow.maxInFlight()).toBeLessThanOrEqual(3);
    expect(slow.maxInFlight()).toBe(3);
    await slow.close();
  }, 90_000);
});

describe("concurrent duplicate triggers", () => {
  it("50 requests with one Idempotency-Key create one suite run and get identical responses", async () => {
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [{ input: "d", scorers: [{ type: "contains", config: { values: ["ok"] } }] }],
    });
    const key = `dup-${Date.now()}`;
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        call(triggerRoute.POST, "POST", {
          key: project.keys.run,
          params: { id: suiteId },
          body: { trigger_meta: { commit: "c0ffee" } },
          headers: { "idempotency-key": key },
          path: `/api/v1/suites/${suiteId}/runs`,
        }),
      ),
    );
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(new Set(responses.map((r) => r.text)).size).toBe(1);
    const [{ n }] =
      await getSql()`select count(*)::int as n from suite_runs where suite_id = ${suiteId}`;
    expect(n).toBe(1);
  });
});
