import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import * as triggerRoute from "@/app/api/v1/suites/[id]/runs/route";
import * as eventsRoute from "@/app/api/v1/suite-runs/[id]/events/route";
import { getSql } from "@/db/client";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { freePort } from "@/lib/test/global-setup";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { reply, startAgent, type TestAgent } from "@/lib/test/agent";
import { seedSuite } from "@/lib/test/seed";
import { spawnWorker, stopChild, waitForWorkers } from "@/lib/test/processes";

// This file runs against a PostgreSQL of its own, which it restarts mid-run.
let pg: EmbeddedDatabase;
let dataDir: string;
let port: number;
let project: TestProject;
let agent: TestAgent;
let worker: ChildProcess;

beforeAll(async () => {
  dataDir = join(mkdtempSync(join(tmpdir(), "assay-restart-")), "pg");
  port = await freePort();
  pg = await startEmbeddedPostgres({ dataDir, port });
  await migrateDatabase(pg.url);
  process.env.DATABASE_URL = pg.url;
  project = await createTestProject("restart");
  agent = await startAgent(async (body, _req, res) => {
    await new Promise((r) => setTimeout(r, 100));
    reply(res, 200, { output: `ok ${body.input}` });
  });
  worker = spawnWorker({
    DATABASE_URL: pg.url,
    ASSAY_WORKER_CONCURRENCY: "8",
    ASSAY_LEASE_MS: "5000",
    ASSAY_REAPER_INTERVAL_MS: "1000",
  });
  await waitForWorkers(getSql(), 1);
}, 120_000);

afterAll(async () => {
  await stopChild(worker, "SIGKILL");
  await agent?.close();
  await pg?.stop();
});

async function retrying<T>(fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

/** An SSE client that reconnects with Last-Event-ID until it sees suite_run.completed. */
async function followEvents(suiteRunId: string, key: string) {
  const completed = new Map<string, number>();
  let lastId: string | null = null;
  let reconnects = 0;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (Date.now() > deadline) {
      const [row] =
        await getSql()`select status, passed_count, failed_count, errored_count, total_runs from suite_runs where id = ${suiteRunId}`.catch(
          () => [null],
        );
      const open =
        await getSql()`select status, count(*)::int from runs where suite_run_id = ${suiteRunId} group by status`.catch(
          () => [],
        );
      throw new Error(
        `no suite_run.completed after 120 s: ${JSON.stringify({ row, open, reconnects, seen: completed.size, workerExit: worker.exitCode })}`,
      );
    }
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${key}` };
      if (lastId) headers["last-event-id"] = lastId;
      const res = await eventsRoute.GET(
        new Request(`http://localhost/api/v1/suite-runs/${suiteRunId}/events`, { headers }),
        { params: Promise.resolve({ id: suiteRunId }) },
      );
      if (res.status === 200 && res.body) {
        const text = await res.text();
        for (const frame of text.split("\n\n")) {
          const event = /^event: (.+)$/m.exec(frame)?.[1];
          const id = /^id: (.+)$/m.exec(frame)?.[1];
          const data = /^data: (.+)$/m.exec(frame)?.[1];
          if (id) lastId = id;
          if (event === "run.completed" && data) {
            const runId = JSON.parse(data).id as string;
            completed.set(runId, (completed.get(runId) ?? 0) + 1);
          }
          if (event === "suite_run.completed") return { completed, reconnects };
        }
      }
    } catch {
      /* the database is down: try again */
    }
    reconnects++;
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe("PostgreSQL restarted mid-run", () => {
  it("workers and SSE reconnect and the run completes with consistent counts", async () => {
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: Array.from({ length: 150 }, (_, i) => ({
        input: `r${i}`,
        scorers: [{ type: "contains", config: { values: ["ok"] } }],
      })),
      suite: { repeatCount: 2 },
    });
    const created = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: suiteId },
      body: {},
    });
    expect(created.status).toBe(201);
    const events = followEvents(created.body.id, project.keys.read);

    await new Promise((r) => setTimeout(r, 1500));
    await pg.stop();
    await new Promise((r) => setTimeout(r, 2000));
    pg = await startEmbeddedPostgres({ dataDir, port });

    const { completed, reconnects } = await events;
    const sql = getSql();
    const [row] = await retrying(
      () =>
        sql`select status, passed_count, failed_count, errored_count, total_runs from suite_runs where id = ${created.body.id}`,
    );
    const [counts] =
      await sql`select count(*) filter (where status = 'passed')::int as passed, count(*) filter (where status in ('queued','running'))::int as open from runs where suite_run_id = ${created.body.id}`;
    expect(["passed", "error"]).toContain(row.status);
    expect(counts.open).toBe(0);
    expect(row.passed_count).toBe(counts.passed);
    expect(row.passed_count + row.failed_count + row.errored_count).toBe(300);
    expect(reconnects).toBeGreaterThanOrEqual(1);
    expect(completed.size).toBe(300); // every run reported once the stream resumed
    expect([...completed.values()].every((n) => n === 1)).toBe(true);
    expect(worker.exitCode).toBeNull(); // the worker survived the outage
  }, 180_000);
});
